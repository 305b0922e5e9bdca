import { useTransferWorkflow, type TDepositUse } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { invalidState, notFound } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { DepositUseContext } from '../context';
import { loadUse, parseNo, useDto } from '../read';
import { lockUse, moveTransfer, transfersOf } from '../repository';

/**
 * 更正 (hrss): a worker whose transfer failed (e.g. the card was closed) gets corrected bank details
 * and is 待支付 again; the addressee is told by a new event on its feed.
 */
export async function correctTransfer(ctx: DepositUseContext, user: AuthUser, id: string, transferId: string, input: { bankName: string; cardNo: string }, actor: Actor): Promise<TDepositUse> {
  const use = await loadUse(ctx, user, id, 'act');
  const tid = parseNo(transferId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockUse(tx, use.id);
    const t = (await transfersOf(tx, [use.id])).find((x) => x.id === tid);
    if (!t) throw notFound('农民工');
    const action = useTransferWorkflow.actions.correct;
    const moved = await moveTransfer(tx, use.id, tid, action.from, { status: action.to, bankName: input.bankName.trim(), cardNo: input.cardNo.replace(/\s/g, ''), failReason: null, updatedAt: now });
    if (!moved) throw invalidState(`${t.name}的支付状态为「${t.status === 'paid' ? '已支付' : '待支付'}」，只有支付失败的可以更正`);
    await ctx.audit(tx, actor, now, {
      action: useTransferWorkflow.auditCode('correct'),
      targetType: 'deposit_use',
      targetId: use.id.toString(),
      before: { seq: t.seq, name: t.name, status: t.status, bankName: t.bankName, cardNo: t.cardNo, failReason: t.failReason },
      after: { seq: t.seq, name: t.name, status: action.to, bankName: moved.bankName, cardNo: moved.cardNo },
    });
    await ctx.recordOpenEvent(tx, { orgId: use.payerOrgId, type: 'payment_notice.issued', objectNo: use.id.toString(), at: now });
  });
  return useDto(ctx, user, use.id);
}
