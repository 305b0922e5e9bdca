import { quotaWorkflow, type QuotaStatus, type TQuotaApplication } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { invalidState } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { QuotaContext } from '../context';
import { getQuotaApplication, loadScoped } from '../read';
import { moveQuotaApplication } from '../repository';
import { recordWarningRecheck } from '../../warnings/events';

/** 撤回 (the enterprise, its own application still 申请中): the deposit goes back to 未申请. */
export async function withdrawQuotaApplication(ctx: QuotaContext, user: AuthUser, id: string, actor: Actor): Promise<TQuotaApplication> {
  const action = quotaWorkflow.actions.withdraw;
  const q = await loadScoped(ctx, user, id, 'act');
  if (!quotaWorkflow.can('withdraw', q.status as QuotaStatus)) throw invalidState('只有申请中的定额申请可以撤回');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // the conditional UPDATE on the from-states, returning the status it found (none: another request moved it first)
    const before = (await moveQuotaApplication(tx, q.id, action.from, { status: action.to, updatedAt: now })) as QuotaStatus | undefined;
    if (!before) throw invalidState('该申请已审核，不能撤回');
    const deposit = await ctx.deposit.move(tx, { projectId: q.projectId, event: 'quota_withdrawn', actor, at: now, source: { type: 'quota_application', id: q.id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: quotaWorkflow.auditCode('withdraw'),
      targetType: 'quota_application',
      targetId: q.id.toString(),
      before: { status: before, projectDepositStatus: deposit.before.depositStatus },
      after: { status: action.to, projectDepositStatus: deposit.after.depositStatus },
    });
    await recordWarningRecheck(tx, now, q.projectId, 'quota.withdraw');
  });
  return getQuotaApplication(ctx, user, id);
}
