import { depositUseWorkflow, fenToYuan, useTransferWorkflow, yuanToFen, type TDepositUse } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { AppError, fieldError, invalidState } from '../../../platform/errors';
import type { DepositUseContext } from '../context';
import { loadUse, useDto, type UseUser } from '../read';
import { lockUse, moveTransfer, moveUse, transferCounts, transfersOf } from '../repository';
import { recordWarningRecheck } from '../../warnings/events';

/** One worker's result as the bank or insurer reports it: by the transfer's id (portal) or the worker's ID number (open API). */
export type TransferResult =
  | { transferId?: string; idNumber?: string; outcome: 'paid'; paidOn: string; reference: string; amount?: string }
  | { transferId?: string; idNumber?: string; outcome: 'failed'; reason: string };

/**
 * The addressee's results on a 支付通知书 (portal: one worker; open API: a list), one transaction:
 * each named transfer moves 待支付 → 已支付 (with the reference; the amount, when sent, must equal
 * the worker's exactly) or → 支付失败 (with the reason: hrss corrects it). The use's paid amount is
 * the sum of its paid transfers; when every one is paid the notice is 已支付. A guarantee or policy
 * drawn on records the paid amount as 已理赔.
 */
export async function recordTransfers(ctx: DepositUseContext, user: UseUser, id: string, results: TransferResult[], actor: Actor): Promise<TDepositUse> {
  const use = await loadUse(ctx, user, id, 'act');
  if (!depositUseWorkflow.can('complete', use.status as never)) throw invalidState('该支付通知书已全部支付，无需再处理');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  for (const r of results) if (r.outcome === 'paid' && r.paidOn > today) throw fieldError('paidOn', '支付日期不能晚于今天');
  await ctx.db.transaction(async (tx) => {
    const before = await lockUse(tx, use.id);
    if (!before || !depositUseWorkflow.can('complete', before.status as never)) throw invalidState('该支付通知书已全部支付，无需再处理');
    const all = await transfersOf(tx, [use.id]);
    let paidNowFen = 0n;
    const changes: { seq: number; name: string; from: string; to: string; amount: string; reference?: string; reason?: string }[] = [];
    const seen = new Set<string>();
    for (const r of results) {
      const t = r.transferId ? all.find((x) => x.id.toString() === r.transferId) : all.find((x) => x.idNumber === r.idNumber?.trim().toUpperCase());
      if (!t) throw fieldError('transfers', r.idNumber ? `支付通知书中没有身份证号为 ${r.idNumber} 的农民工` : '该农民工不在支付通知书中');
      if (seen.has(t.id.toString())) throw fieldError('transfers', `第${t.seq}行（${t.name}）重复提交`);
      seen.add(t.id.toString());
      const action = r.outcome === 'paid' ? useTransferWorkflow.actions.pay : useTransferWorkflow.actions.fail;
      if (r.outcome === 'paid' && r.amount !== undefined && yuanToFen(r.amount) !== t.amountFen) {
        throw fieldError('transfers', `${t.name}的支付金额 ${r.amount} 元与通知书金额 ${fenToYuan(t.amountFen)} 元不一致`);
      }
      const moved = await moveTransfer(
        tx,
        use.id,
        t.id,
        action.from,
        r.outcome === 'paid'
          ? { status: action.to, reference: r.reference.trim(), paidOn: r.paidOn, failReason: null, updatedAt: now }
          : { status: action.to, failReason: r.reason.trim(), updatedAt: now },
      );
      if (!moved) {
        throw new AppError('INVALID_STATE', `${t.name}的支付状态为「${t.status === 'paid' ? '已支付' : '支付失败'}」，不能再次${r.outcome === 'paid' ? '确认支付' : '标记失败'}${t.status === 'failed' ? '（待人社部门更正收款信息）' : ''}`);
      }
      if (r.outcome === 'paid') paidNowFen += t.amountFen;
      changes.push({
        seq: t.seq,
        name: t.name,
        from: t.status,
        to: action.to,
        amount: fenToYuan(t.amountFen),
        ...(r.outcome === 'paid' ? { reference: r.reference.trim() } : { reason: r.reason.trim() }),
      });
    }
    const counts = await transferCounts(tx, use.id);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const complete = (counts.paid ?? 0) === total;
    const paidFen = before.paidFen + paidNowFen;
    const done = depositUseWorkflow.actions.complete;
    const moved = await moveUse(tx, use.id, { status: done.from }, { paidFen, updatedAt: now, ...(complete ? { status: done.to, paidAt: now } : {}) });
    if (moved !== 1) throw invalidState('该支付通知书已被处理，请刷新后查看');
    if (paidNowFen > 0n && before.instrumentType === 'guarantee') {
      await ctx.claimGuarantee(tx, { guaranteeId: before.instrumentId, amountFen: paidNowFen, noticeNo: use.id.toString(), actor, at: now });
    }
    const paidCount = changes.filter((c) => c.to === 'paid').length;
    await ctx.audit(tx, actor, now, {
      action: useTransferWorkflow.auditCode(paidCount > 0 ? 'pay' : 'fail'),
      targetType: 'deposit_use',
      targetId: use.id.toString(),
      before: { status: before.status, paid: fenToYuan(before.paidFen) },
      after: { status: complete ? done.to : before.status, paid: fenToYuan(paidFen), transfers: changes },
    });
    if (complete) {
      await ctx.audit(tx, actor, now, {
        action: depositUseWorkflow.auditCode('complete'),
        targetType: 'deposit_use',
        targetId: use.id.toString(),
        before: { status: before.status },
        after: { status: done.to, paid: fenToYuan(paidFen) },
      });
      await recordWarningRecheck(tx, now, before.projectId, 'deposit_use.paid');
    }
  });
  return useDto(ctx, user, use.id);
}
