import { offlineGuaranteeWorkflow, type OfflineGuaranteeStatus, type TOfflineGuarantee } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { invalidState } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { GuaranteeContext } from '../context';
import { getOfflineGuarantee, loadOffline } from '../read';
import { lockOfflineGuarantee, moveOfflineGuarantee } from '../repository';
import { recordWarningRecheck } from '../../warnings/events';

/**
 * 退回 (hrss, with a reason): the upload becomes 已退回, its payment attempt closes and the deposit
 * goes back to 待缴纳; the enterprise may upload again (or choose another way).
 */
export async function returnOfflineGuarantee(ctx: GuaranteeContext, user: AuthUser, id: string, reason: string, actor: Actor): Promise<TOfflineGuarantee> {
  const action = offlineGuaranteeWorkflow.actions.return;
  const g = await loadOffline(ctx, user, id, 'act');
  if (!offlineGuaranteeWorkflow.can('return', g.status as OfflineGuaranteeStatus)) throw invalidState('该保单保函已不在待审核状态，不能退回');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockOfflineGuarantee(tx, g.id);
    if (!row || !offlineGuaranteeWorkflow.can('return', row.status as OfflineGuaranteeStatus)) throw invalidState('该保单保函已审核，不能重复审核');
    const moved = await moveOfflineGuarantee(tx, row.id, action.from, { status: action.to, returnReason: reason, decidedAt: now, decidedBy: user.id, updatedAt: now });
    if (moved !== 1) throw invalidState('该保单保函已审核，不能重复审核');
    const deposit = await ctx.payments.abandon(tx, { projectId: row.projectId, way: 'offline_guarantee', refId: row.id.toString(), actor, at: now, reason: 'returned' });
    await ctx.audit(tx, actor, now, {
      action: offlineGuaranteeWorkflow.auditCode('return'),
      targetType: 'offline_guarantee',
      targetId: row.id.toString(),
      before: { status: row.status, projectDepositStatus: deposit.depositBefore },
      after: { status: action.to, reason, projectDepositStatus: deposit.depositAfter },
    });
    await recordWarningRecheck(tx, now, row.projectId, 'offline_guarantee.return');
  });
  return getOfflineGuarantee(ctx, user, id);
}
