import { cashDepositWorkflow, fenToYuan, PAYMENT_OPEN_EVENT_TYPES, yuanToFen, type CashDepositStatus, type TCashDeposit } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { AppError, fieldError, invalidState, uniqueViolation } from '../../../platform/errors';
import { orgNames, type PaymentUser } from '../../payment/common';
import type { PaymentContext } from '../../payment/context';
import { balance, cashDepositDto, loadCashDeposit } from '../read';
import { arrivalWithVoucher, insertArrival, lockCashDeposit, moveCashDeposit } from '../repository';

export interface ConfirmArrivalInput {
  accountNo: string;
  amount: string;
  arrivedOn: string;
  payerName: string;
  /** the voucher, an upload of the bank (the open API stores the JSON file first) */
  voucherFileId: string;
  voucherNo?: string;
}

/** Spaces and full-width brackets do not make another enterprise: 本溪建工集团（有限公司） = 本溪建工集团(有限公司). */
const sameName = (a: string, b: string) => {
  const n = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  return n(a) === n(b);
};

/**
 * 确认到账 (the bank, portal or open API): one arrival with its voucher. The payer must be the
 * enterprise itself; the same voucher (file content or 凭证号) confirmed again is the same arrival and
 * answers the same result; the arrivals are summed and, once they cover the required amount, the
 * deposit is 已到账 and the payment attempt covered (the project → 已缴纳). More than required is
 * accepted and shown as 超额.
 */
export async function confirmCashArrival(ctx: PaymentContext, user: PaymentUser, id: string, input: ConfirmArrivalInput, actor: Actor): Promise<TCashDeposit> {
  const d = await loadCashDeposit(ctx, user, id, 'act');
  const enterpriseName = (await orgNames(ctx, [d.enterpriseOrgId]))(d.enterpriseOrgId);
  const amountFen = yuanToFen(input.amount);
  if (amountFen <= 0n) throw fieldError('amount', '到账金额应大于0');
  if (!sameName(input.payerName, enterpriseName)) {
    throw fieldError('payerName', `付款人名称须与企业名称「${enterpriseName}」一致：工资保证金须由施工总承包单位从本单位账户缴存`);
  }
  const voucher = await ctx.files.ownFileDigest(ctx.db, input.voucherFileId, user.orgId);
  if (!voucher) throw fieldError('voucherFileId', '凭证文件不存在，请重新上传');
  const voucherNo = input.voucherNo?.trim() || null;
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const before = await lockCashDeposit(tx, d.id);
    if (!before) throw invalidState('该现金存缴不存在');
    // the same voucher again: the same arrival, counted once
    const same = await arrivalWithVoucher(tx, d.id, voucher.sha256, voucherNo);
    if (same) {
      if (same.amountFen === amountFen && same.arrivedOn === input.arrivedOn) return 'repeated' as const;
      throw new AppError('CONFLICT', `该凭证已于此前确认到账（到账金额 ${fenToYuan(same.amountFen)} 元，到账日期 ${same.arrivedOn}），同一凭证不能再次确认`, {
        arrivalId: same.id.toString(),
      });
    }
    const status = before.status as CashDepositStatus;
    if (!cashDepositWorkflow.can('confirm', status)) {
      throw invalidState(status === 'arrived' ? '该现金存缴已足额到账，无需再确认' : '该现金存缴已关闭（企业已切换缴纳方式），不能确认到账');
    }
    if (before.accountNo && before.accountNo !== input.accountNo.trim()) {
      throw fieldError('accountNo', `账号与此前确认的工资保证金专用账户（${before.accountNo}）不一致`);
    }
    const arrivalId = ctx.ids.next();
    try {
      await insertArrival(tx, {
        id: arrivalId,
        cashDepositId: d.id,
        accountNo: input.accountNo.trim(),
        amountFen,
        arrivedOn: input.arrivedOn,
        payerName: input.payerName.trim(),
        voucherSha256: voucher.sha256,
        voucherNo,
        confirmedAt: now,
        confirmedBy: user.id ?? null,
      });
    } catch (err) {
      if (uniqueViolation(err)) throw new AppError('CONFLICT', '该凭证已确认到账，不能重复确认');
      throw err;
    }
    await ctx.attachments.attach(tx, {
      ownerType: 'cash_arrival',
      ownerId: arrivalId.toString(),
      kind: 'voucher',
      fileIds: [voucher.id],
      uploaderOrgId: user.orgId,
      field: 'voucherFileId',
      label: '凭证',
      at: now,
    });
    const paidFen = before.paidFen + amountFen;
    const covered = paidFen >= before.requiredFen;
    const action = covered ? cashDepositWorkflow.actions.complete : cashDepositWorkflow.actions.confirm;
    const moved = await moveCashDeposit(tx, d.id, action.from, { status: action.to, paidFen, accountNo: input.accountNo.trim(), coveredAt: covered ? now : null, updatedAt: now });
    if (moved !== 1) throw invalidState('该现金存缴已被处理，请刷新后查看');
    const { differenceFen, overFen } = balance(before.requiredFen, paidFen);
    let deposit: { depositBefore: string; depositAfter: string } | null = null;
    // a replenishment (补足, SPEC §9) opened no payment attempt: hrss confirms it on the use
    if (covered && before.replenishUseId === null) deposit = await ctx.payments.cover(tx, { projectId: d.projectId, way: 'cash', refId: d.id, actor, at: now });
    await ctx.audit(tx, actor, now, {
      action: cashDepositWorkflow.auditCode('confirm'),
      targetType: 'cash_deposit',
      targetId: d.id.toString(),
      before: { status, paid: fenToYuan(before.paidFen), ...(deposit ? { projectDepositStatus: deposit.depositBefore } : {}) },
      after: {
        status: action.to,
        paid: fenToYuan(paidFen),
        arrival: { id: arrivalId.toString(), amount: fenToYuan(amountFen), arrivedOn: input.arrivedOn, accountNo: input.accountNo.trim(), voucherNo, voucherSha256: voucher.sha256 },
        difference: fenToYuan(differenceFen),
        over: fenToYuan(overFen),
        ...(deposit ? { projectDepositStatus: deposit.depositAfter } : {}),
      },
    });
    await ctx.recordOpenEvent(tx, { orgId: d.bankOrgId, type: PAYMENT_OPEN_EVENT_TYPES.cashConfirmed, objectNo: d.id.toString(), at: now });
    return 'confirmed' as const;
  });
  void result;
  return cashDepositDto(ctx, user, d.id);
}
