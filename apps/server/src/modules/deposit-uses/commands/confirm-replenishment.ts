import { fenToYuan, useReplenishmentWorkflow, type TDepositUse } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { invalidState } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { DepositUseContext } from '../context';
import { loadUse, useDto } from '../read';
import { lockUse, moveUse, otherPendingReplenishment } from '../repository';
import { recordWarningRecheck } from '../../warnings/events';
import { recordEvent } from '../../../platform/outbox';

/**
 * 确认补足 (hrss): the replenishment has arrived in full; the use is 已补足 and, when no other use of
 * the project still waits, the deposit's 待补足 flag is lifted — through the deposit module (ADR 017).
 */
export async function confirmReplenishment(ctx: DepositUseContext, user: AuthUser, id: string, actor: Actor): Promise<TDepositUse> {
  const use = await loadUse(ctx, user, id, 'act');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const state = await ctx.deposit.lock(tx, use.projectId);
    const row = await lockUse(tx, use.id);
    if (!row || !state) throw invalidState('该次动用不存在');
    const action = useReplenishmentWorkflow.actions.confirm;
    if (!useReplenishmentWorkflow.can('confirm', row.replenishStatus as never)) throw invalidState('该次动用已确认补足');
    const cash = (await ctx.cash.replenishmentsOf(tx, [row.id])).find((c) => c.status === 'arrived' && c.paidFen >= row.amountFen);
    if (!cash) throw invalidState(`企业尚未补足（应补足 ${fenToYuan(row.amountFen)} 元，补足的现金存缴到账后方可确认）`);
    if ((await moveUse(tx, row.id, { replenishStatus: action.from }, { replenishStatus: action.to, replenishConfirmedAt: now, updatedAt: now })) !== 1) {
      throw invalidState('该次动用已确认补足');
    }
    const others = await otherPendingReplenishment(tx, row.projectId, row.id);
    const moved = others ? null : await ctx.deposit.move(tx, { projectId: row.projectId, event: 'replenishment_confirmed', actor, at: now, source: { type: 'deposit_use', id: row.id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: useReplenishmentWorkflow.auditCode('confirm'),
      targetType: 'deposit_use',
      targetId: row.id.toString(),
      before: { replenishStatus: row.replenishStatus, projectNeedsReplenish: state.needsReplenish },
      after: { replenishStatus: action.to, cashDepositId: cash.id.toString(), paid: fenToYuan(cash.paidFen), projectNeedsReplenish: moved ? moved.after.needsReplenish : state.needsReplenish },
    });
    await recordWarningRecheck(tx, now, row.projectId, 'deposit_use.replenish_confirm');
    await recordEvent(tx, now, {
      topic: 'deposit_use.replenished',
      aggregateType: 'deposit_use',
      aggregateId: row.id.toString(),
      payload: { useId: row.id.toString(), projectId: row.projectId.toString(), enterpriseOrgId: row.enterpriseOrgId, amount: fenToYuan(row.amountFen), noticeNo: row.noticeNo },
    });
  });
  return useDto(ctx, user, use.id);
}
