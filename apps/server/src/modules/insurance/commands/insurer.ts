import { fenToYuan, INSURANCE_LIVE_STATUSES, insuranceCoverProblem, insuranceOrderWorkflow, premiumFromRateFen, yuanToFen, type TInsuranceOrder } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { fieldError, invalidState } from '../../../platform/errors';
import { orgNames, type PaymentUser } from '../../payment/common';
import type { PaymentContext } from '../../payment/context';
import { lockForOrder, requireState } from '../common';
import { loadOrder, orderDtos } from '../read';
import { moveOrder } from '../repository';
import { recordEvent } from '../../../platform/outbox';

const W = insuranceOrderWorkflow;

/**
 * 核保通过 (the insurer, portal or open API): the final 保险费率 and 保费 (the enterprise then pays that).
 * 保费 omitted: 保证金金额 × 费率, rounded half-up to 分. An order the enterprise has already closed
 * (it chose another) is 409.
 */
export async function approveInsuranceOrder(ctx: PaymentContext, user: PaymentUser, id: string, input: { rate: string; premium?: string }, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { application, order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.approve.from, '核保');
    const premium = input.premium !== undefined ? yuanToFen(input.premium) : premiumFromRateFen(application.amountFen, input.rate);
    if (premium <= 0n) throw fieldError('premium', '保费应大于 0');
    if ((await moveOrder(tx, order.id, W.actions.approve.from, { status: W.actions.approve.to, finalRate: input.rate, finalPremiumFen: premium, approvedAt: now, updatedAt: now })) !== 1) {
      throw invalidState('该订单已被处理，请刷新后查看');
    }
    await ctx.audit(tx, actor, now, {
      action: W.auditCode('approve'),
      targetType: 'insurance_order',
      targetId: order.id.toString(),
      before: { status: order.status, referenceRate: order.referenceRate, referencePremium: fenToYuan(order.referencePremiumFen) },
      after: { status: W.actions.approve.to, rate: input.rate, premium: fenToYuan(premium) },
    });
    // after commit: the enterprise's 核保结果 / 出单 message (ADR 038)
    await recordEvent(tx, now, { topic: 'insurance_order.approved', aggregateType: 'insurance_order', aggregateId: order.id.toString(), payload: { orderId: order.id.toString(), projectId: order.projectId.toString(), enterpriseOrgId: order.enterpriseOrgId, premium: fenToYuan(premium) } });
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}

/** 核保不通过 with the reason; the last live order of the 投保 refused closes the payment attempt. */
export async function refuseInsuranceOrder(ctx: PaymentContext, user: PaymentUser, id: string, reason: string, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { orders, order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.refuse.from, '核保');
    if ((await moveOrder(tx, order.id, W.actions.refuse.from, { status: W.actions.refuse.to, refuseReason: reason, refusedAt: now, updatedAt: now })) !== 1) throw invalidState('该订单已被处理，请刷新后查看');
    const alive = orders.some((x) => x.id !== order.id && (INSURANCE_LIVE_STATUSES as readonly string[]).concat(['paid', 'issued']).includes(x.status));
    const deposit = alive ? null : await ctx.payments.abandon(tx, { projectId: order.projectId, way: 'insurance', refId: order.applicationId, actor, at: now, reason: 'refused' });
    await ctx.audit(tx, actor, now, {
      action: W.auditCode('refuse'),
      targetType: 'insurance_order',
      targetId: order.id.toString(),
      before: { status: order.status, ...(deposit ? { projectDepositStatus: deposit.depositBefore } : {}) },
      after: { status: W.actions.refuse.to, reason, ...(deposit ? { projectDepositStatus: deposit.depositAfter } : {}) },
    });
    await recordEvent(tx, now, { topic: 'insurance_order.refused', aggregateType: 'insurance_order', aggregateId: order.id.toString(), payload: { orderId: order.id.toString(), projectId: order.projectId.toString(), enterpriseOrgId: order.enterpriseOrgId, reason } });
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}

/** 收款确认: the enterprise's 支付凭证 is in and the money arrived. */
export async function confirmInsurancePayment(ctx: PaymentContext, user: PaymentUser, id: string, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.confirmPayment.from, '确认收款');
    if (!order.voucherAt) throw invalidState('企业尚未上传支付凭证，不能确认收款');
    if ((await moveOrder(tx, order.id, W.actions.confirmPayment.from, { status: W.actions.confirmPayment.to, paidAt: now, updatedAt: now })) !== 1) throw invalidState('该订单已被处理，请刷新后查看');
    await ctx.audit(tx, actor, now, { action: W.auditCode('confirmPayment'), targetType: 'insurance_order', targetId: order.id.toString(), before: { status: order.status }, after: { status: W.actions.confirmPayment.to } });
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}

export interface IssuePolicyInput {
  policyNo: string;
  validFrom: string;
  validTo: string;
  /** the policy PDF, an upload of the insurer (the open API stores the JSON file first) */
  policyFileId: string;
}

/**
 * 出单: 保单号, 保险期间 (refused when it does not cover the construction period), the policy PDF. In one
 * transaction: 已支付 → 订单已完成, the policy attached, registered in 保函管理 (kind insurance_policy; a
 * number in force elsewhere is 409) and the payment attempt covered (the project → 已缴纳).
 */
export async function issueInsurancePolicy(ctx: PaymentContext, user: PaymentUser, id: string, input: IssuePolicyInput, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const project = await ctx.projects.findProject(ctx.db, o.projectId);
  const file = await ctx.files.ownFileDigest(ctx.db, input.policyFileId, user.orgId);
  if (!file) throw fieldError('policyFileId', '保单文件不存在，请重新上传');
  if (file.mime !== 'application/pdf') throw fieldError('policyFileId', '保单文件应为 PDF 文件');
  const insurerName = (await orgNames(ctx, [o.insurerOrgId]))(o.insurerOrgId);
  await ctx.db.transaction(async (tx) => {
    const { application, order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.issuePolicy.from, '出单');
    const problem = insuranceCoverProblem({
      from: input.validFrom,
      to: input.validTo,
      plannedStart: project?.plannedStart ?? input.validFrom,
      plannedEnd: project?.plannedEnd ?? input.validTo,
      today: shanghaiDate(application.submittedAt),
    });
    if (problem) throw fieldError('validTo', problem.replace('起保日期', '保险起期').replace('终保日期', '保险止期'));
    const policyNo = input.policyNo.trim();
    if ((await moveOrder(tx, order.id, W.actions.issuePolicy.from, { status: W.actions.issuePolicy.to, policyNo, policyFrom: input.validFrom, policyTo: input.validTo, issuedAt: now, updatedAt: now })) !== 1) {
      throw invalidState('该订单已被处理，请刷新后查看');
    }
    await ctx.attachments.attach(tx, { ownerType: 'insurance_order', ownerId: order.id.toString(), kind: 'policy', fileIds: [file.id], uploaderOrgId: user.orgId, field: 'policyFileId', label: '保单文件', at: now });
    const registered = await ctx.registerGuarantee(tx, {
      kind: 'insurance_policy',
      number: policyNo,
      projectId: order.projectId,
      enterpriseOrgId: order.enterpriseOrgId,
      hrssOrgId: order.hrssOrgId,
      authorityOrgId: order.authorityOrgId,
      issuerOrgId: order.insurerOrgId,
      issuerName: insurerName,
      amountFen: application.amountFen,
      feeFen: order.finalPremiumFen ?? order.referencePremiumFen,
      issuedOn: today,
      validFrom: input.validFrom,
      validTo: input.validTo,
      sourceType: 'insurance_order',
      sourceId: order.id.toString(),
      fileId: file.id,
      actor,
      at: now,
    });
    await moveOrder(tx, order.id, [W.actions.issuePolicy.to], { guaranteeId: registered.id });
    const deposit = await ctx.payments.cover(tx, { projectId: order.projectId, way: 'insurance', refId: order.applicationId, actor, at: now });
    await ctx.audit(tx, actor, now, {
      action: W.auditCode('issuePolicy'),
      targetType: 'insurance_order',
      targetId: order.id.toString(),
      before: { status: order.status, projectDepositStatus: deposit.depositBefore },
      after: { status: W.actions.issuePolicy.to, policyNo, validFrom: input.validFrom, validTo: input.validTo, amount: fenToYuan(application.amountFen), guaranteeId: registered.id.toString(), projectDepositStatus: deposit.depositAfter },
    });
    await recordEvent(tx, now, { topic: 'insurance_order.issued', aggregateType: 'insurance_order', aggregateId: order.id.toString(), payload: { orderId: order.id.toString(), projectId: order.projectId.toString(), enterpriseOrgId: order.enterpriseOrgId, policyNo, insurerName } });
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}

/** 发票 upload, once the enterprise asked for one. */
export async function uploadInsuranceInvoice(ctx: PaymentContext, user: PaymentUser, id: string, invoiceFileId: string, actor: Actor): Promise<TInsuranceOrder> {
  const o = await loadOrder(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { order } = await lockForOrder(ctx, tx, o);
    requireState(order, W.actions.invoice.from, '上传发票');
    if (!order.invoiceRequestedAt) throw invalidState('企业尚未申请发票');
    if (order.invoiceAt) throw invalidState('发票已上传');
    await ctx.attachments.attach(tx, { ownerType: 'insurance_order', ownerId: order.id.toString(), kind: 'invoice', fileIds: [invoiceFileId], uploaderOrgId: user.orgId, field: 'invoiceFileId', label: '发票文件', at: now });
    await moveOrder(tx, order.id, W.actions.invoice.from, { invoiceAt: now, updatedAt: now });
    await ctx.audit(tx, actor, now, { action: W.auditCode('invoice'), targetType: 'insurance_order', targetId: order.id.toString(), after: { invoice: true } });
  });
  return (await orderDtos(ctx, user, [o.id]))[0]!;
}
