import {
  coverDays,
  fenToYuan,
  INSURANCE_LIVE_STATUSES,
  INSURANCE_OPEN_EVENT_TYPES,
  insuranceCoverProblem,
  insuranceOrderWorkflow,
  periodRateText,
  premiumFen,
  type TInsuranceApplicationRequest,
  type TInsuranceOrder,
} from '@benxi/shared';
import type { Tx } from '../../../db/client';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { fieldError, invalidState } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import { CITY_REGION, loadPayable, orgNames } from '../../payment/common';
import type { PaymentContext } from '../../payment/context';
import { lockForOrder, requireState } from '../common';
import { loadOrder, orderDtos } from '../read';
import { insertApplication, insertOrders, moveOrder, productsById, type InsuranceOrderRow } from '../repository';

const W = insuranceOrderWorkflow;

/** Tell each insurer (sorted by organisation, so two transactions take the event locks in one order). */
async function tellInsurers(ctx: PaymentContext, tx: Tx, orders: Pick<InsuranceOrderRow, 'id' | 'insurerOrgId'>[], type: (typeof INSURANCE_OPEN_EVENT_TYPES)[keyof typeof INSURANCE_OPEN_EVENT_TYPES], at: Date) {
  for (const o of [...orders].sort((a, b) => (a.insurerOrgId < b.insurerOrgId ? -1 : a.insurerOrgId > b.insurerOrgId ? 1 : 0))) {
    await ctx.recordOpenEvent(tx, { orgId: o.insurerOrgId, type, objectNo: o.id.toString(), at });
  }
}

/**
 * 提交订单 (投保信息): one order per chosen insurer, each 核保中 with its 订单编号 (snowflake), the
 * 参考保费 exact (保证金金额 × 年费率 × 保障天数 / 365, half-up); the 投保 opens the payment attempt
 * (way 'insurance', 409 PAYMENT_SWITCH_CONFIRM while another way is open) and every insurer gets a task.
 */
export async function submitInsuranceApplication(ctx: PaymentContext, user: AuthUser, input: TInsuranceApplicationRequest, actor: Actor): Promise<{ applicationId: string; businessNo: string; orders: TInsuranceOrder[] }> {
  const { project, requiredFen } = await loadPayable(ctx, user, input.projectId);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const problem = insuranceCoverProblem({ from: input.startOn, to: input.endOn, plannedStart: project.plannedStart, plannedEnd: project.plannedEnd, today });
  if (problem) throw fieldError(input.endOn < input.startOn || input.startOn > project.plannedStart ? 'startOn' : 'endOn', problem);
  const days = coverDays(input.startOn, input.endOn);

  const ids = [...new Set(input.productIds)].map((x) => BigInt(x));
  const products = await productsById(ctx.db, ids);
  const regions = [input.regionCode, CITY_REGION];
  for (const id of ids) {
    const p = products.find((x) => x.id === id);
    const fits =
      p &&
      !p.withdrawnAt &&
      p.productType === input.productType &&
      p.applicantTypes.includes(input.applicantType) &&
      p.qualifications.includes(input.qualification) &&
      p.regions.some((r) => regions.includes(r));
    if (!fits) throw fieldError('productIds', p?.withdrawnAt ? `保险产品「${p.name}」已下架，请重新选择保险公司` : '所选保险公司不承保该地区、产品类型、投保人类型或企业资质，请重新选择');
  }
  if (new Set(products.map((p) => p.insurerOrgId)).size !== products.length) throw fieldError('productIds', '每家保险公司只能选择一个产品');
  const insurers = await ctx.accounts.organizationsByIds(ctx.db, products.map((p) => p.insurerOrgId));
  if (insurers.some((o) => !o.enabled)) throw fieldError('productIds', '所选保险公司已停用，请重新选择');

  const applicationId = ctx.ids.next();
  const businessNo = `JN${applicationId.toString().slice(-14)}`;
  const orderRows = products.map((p) => ({
    id: ctx.ids.next(),
    applicationId,
    productId: p.id,
    insurerOrgId: p.insurerOrgId,
    projectId: project.id,
    enterpriseOrgId: project.enterpriseOrgId,
    hrssOrgId: project.hrssOrgId,
    authorityOrgId: project.authorityOrgId,
    status: W.actions.submit.to,
    annualRatePpm: p.annualRatePpm,
    referenceRate: periodRateText(p.annualRatePpm, days),
    referencePremiumFen: premiumFen(requiredFen, p.annualRatePpm, days),
    createdAt: now,
    updatedAt: now,
  }));
  const names = await orgNames(ctx, products.map((p) => p.insurerOrgId));
  await ctx.db.transaction(async (tx) => {
    await insertApplication(tx, {
      id: applicationId,
      businessNo,
      projectId: project.id,
      enterpriseOrgId: project.enterpriseOrgId,
      hrssOrgId: project.hrssOrgId,
      authorityOrgId: project.authorityOrgId,
      regionCode: input.regionCode,
      productType: input.productType,
      applicantType: input.applicantType,
      qualification: input.qualification,
      amountFen: requiredFen,
      startOn: input.startOn,
      endOn: input.endOn,
      days,
      submittedAt: now,
      submittedBy: user.id,
      updatedAt: now,
    });
    await insertOrders(tx, orderRows);
    const files = [
      ['tender', input.tenderFileId, 'tenderFileId', '招标文件'],
      ['contract', input.contractFileId, 'contractFileId', '施工合同'],
      ['award', input.awardFileId, 'awardFileId', '中标通知书'],
    ] as const;
    for (const [kind, fileId, field, label] of files) {
      if (fileId) await ctx.attachments.attach(tx, { ownerType: 'insurance_application', ownerId: applicationId.toString(), kind, fileIds: [fileId], uploaderOrgId: user.orgId, field, label, at: now });
    }
    const opened = await ctx.payments.open(tx, { projectId: project.id, way: 'insurance', refId: applicationId, actor, at: now, confirmSwitch: input.confirmSwitch });
    for (const o of orderRows) {
      await ctx.audit(tx, actor, now, {
        action: W.auditCode('submit'),
        targetType: 'insurance_order',
        targetId: o.id.toString(),
        before: { projectDepositStatus: opened.depositBefore },
        after: {
          status: o.status,
          applicationId: applicationId.toString(),
          businessNo,
          projectId: project.id.toString(),
          insurer: names(o.insurerOrgId),
          amount: fenToYuan(requiredFen),
          period: [input.startOn, input.endOn],
          days,
          referenceRate: o.referenceRate,
          referencePremium: fenToYuan(o.referencePremiumFen),
          projectDepositStatus: opened.depositAfter,
          ...(opened.switchedFrom ? { switchedFrom: opened.switchedFrom } : {}),
        },
      });
    }
    await tellInsurers(ctx, tx, orderRows, INSURANCE_OPEN_EVENT_TYPES.submitted, now);
  });
  return { applicationId: applicationId.toString(), businessNo, orders: await orderDtos(ctx, user, orderRows.map((o) => o.id)) };
}

/**
 * 立即支付: this approved order → 待支付, every other live order of the application → 已关闭, in one
 * transaction under the project's and the application's locks. Of two at once on one application,
 * exactly one wins; the other finds its order closed (409).
 */
export async function payInsuranceOrder(ctx: PaymentContext, user: AuthUser, id: string, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { orders, order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.pay.from, '立即支付');
    if ((await moveOrder(tx, order.id, W.actions.pay.from, { status: W.actions.pay.to, payingAt: now, updatedAt: now })) !== 1) throw invalidState('该订单已被处理，请刷新后查看');
    const others = orders.filter((x) => x.id !== order.id && (W.actions.switchClose.from as readonly string[]).includes(x.status));
    for (const x of others) {
      if ((await moveOrder(tx, x.id, W.actions.switchClose.from, { status: W.actions.switchClose.to, closedAt: now, closedReason: 'chosen_other', updatedAt: now })) !== 1) continue;
      await ctx.audit(tx, actor, now, {
        action: W.auditCode('switchClose'),
        targetType: 'insurance_order',
        targetId: x.id.toString(),
        before: { status: x.status },
        after: { status: W.actions.switchClose.to, reason: 'chosen_other', chosenOrderId: order.id.toString() },
      });
    }
    await ctx.audit(tx, actor, now, {
      action: W.auditCode('pay'),
      targetType: 'insurance_order',
      targetId: order.id.toString(),
      before: { status: order.status },
      after: { status: W.actions.pay.to, payable: fenToYuan(order.finalPremiumFen ?? order.referencePremiumFen), closedOrders: others.map((x) => x.id.toString()) },
    });
    await tellInsurers(ctx, tx, others, INSURANCE_OPEN_EVENT_TYPES.closed, now);
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}

/** 关闭订单 (the enterprise): when no order of the 投保 is left alive, the payment attempt closes (→ 待缴纳). */
export async function closeInsuranceOrder(ctx: PaymentContext, user: AuthUser, id: string, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { orders, order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.close.from, '关闭');
    if ((await moveOrder(tx, order.id, W.actions.close.from, { status: W.actions.close.to, closedAt: now, closedReason: 'withdrawn', updatedAt: now })) !== 1) throw invalidState('该订单已被处理，请刷新后查看');
    const alive = orders.some((x) => x.id !== order.id && (INSURANCE_LIVE_STATUSES as readonly string[]).concat(['paid', 'issued']).includes(x.status));
    const deposit = alive ? null : await ctx.payments.abandon(tx, { projectId: order.projectId, way: 'insurance', refId: order.applicationId, actor, at: now, reason: 'withdrawn' });
    await ctx.audit(tx, actor, now, {
      action: W.auditCode('close'),
      targetType: 'insurance_order',
      targetId: order.id.toString(),
      before: { status: order.status, ...(deposit ? { projectDepositStatus: deposit.depositBefore } : {}) },
      after: { status: W.actions.close.to, ...(deposit ? { projectDepositStatus: deposit.depositAfter } : {}) },
    });
    await tellInsurers(ctx, tx, [order], INSURANCE_OPEN_EVENT_TYPES.closed, now);
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}

/** 上传支付凭证 (the 收银台): the insurer is told to confirm the money. */
export async function uploadInsuranceVoucher(ctx: PaymentContext, user: AuthUser, id: string, voucherFileId: string, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.voucher.from, '上传支付凭证');
    if (order.voucherAt) throw invalidState('支付凭证已上传，请等待保险公司确认收款');
    await ctx.attachments.attach(tx, { ownerType: 'insurance_order', ownerId: order.id.toString(), kind: 'voucher', fileIds: [voucherFileId], uploaderOrgId: user.orgId, field: 'voucherFileId', label: '支付凭证', at: now });
    await moveOrder(tx, order.id, W.actions.voucher.from, { voucherAt: now, updatedAt: now });
    await ctx.audit(tx, actor, now, { action: W.auditCode('voucher'), targetType: 'insurance_order', targetId: order.id.toString(), before: { status: order.status }, after: { status: order.status, voucher: true } });
    await ctx.recordOpenEvent(tx, { orgId: order.insurerOrgId, type: INSURANCE_OPEN_EVENT_TYPES.paying, objectNo: order.id.toString(), at: now });
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}

/** 申请发票 (抬头, 税号, 邮箱) once the policy is issued; the insurer is told. */
export async function requestInsuranceInvoice(ctx: PaymentContext, user: AuthUser, id: string, input: { title: string; taxNo: string; email: string }, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.requestInvoice.from, '申请发票');
    if (order.invoiceRequestedAt) throw invalidState('已申请发票，请等待保险公司开具');
    await moveOrder(tx, order.id, W.actions.requestInvoice.from, { invoiceTitle: input.title, invoiceTaxNo: input.taxNo, invoiceEmail: input.email, invoiceRequestedAt: now, updatedAt: now });
    await ctx.audit(tx, actor, now, { action: W.auditCode('requestInvoice'), targetType: 'insurance_order', targetId: order.id.toString(), after: { ...input } });
    await ctx.recordOpenEvent(tx, { orgId: order.insurerOrgId, type: INSURANCE_OPEN_EVENT_TYPES.invoiceRequested, objectNo: order.id.toString(), at: now });
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}
