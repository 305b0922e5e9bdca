import { quotaWorkflow, type QuotaStatus, type TQuotaApplication } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { invalidState } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { QuotaContext } from '../context';
import { getQuotaApplication, loadScoped } from '../read';
import { moveQuotaApplication } from '../repository';
import { recordEvent } from '../../../platform/outbox';

/** 审核驳回 (hrss, with a reason shown to the enterprise): the deposit goes back to 未申请. */
export async function rejectQuotaApplication(ctx: QuotaContext, user: AuthUser, id: string, reason: string, actor: Actor): Promise<TQuotaApplication> {
  const action = quotaWorkflow.actions.reject;
  const q = await loadScoped(ctx, user, id, 'act');
  if (!quotaWorkflow.can('reject', q.status as QuotaStatus)) throw invalidState('该申请已不在审核中');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // the conditional UPDATE on the from-states, returning the status it found (none: another request moved it first)
    const before = (await moveQuotaApplication(tx, q.id, action.from, { status: action.to, rejectReason: reason, decidedAt: now, decidedBy: user.id, updatedAt: now })) as QuotaStatus | undefined;
    if (!before) throw invalidState('该申请已审核，不能重复审核');
    const deposit = await ctx.deposit.move(tx, { projectId: q.projectId, event: 'quota_rejected', actor, at: now, source: { type: 'quota_application', id: q.id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: quotaWorkflow.auditCode('reject'),
      targetType: 'quota_application',
      targetId: q.id.toString(),
      before: { status: before, projectDepositStatus: deposit.before.depositStatus },
      after: { status: action.to, reason, projectDepositStatus: deposit.after.depositStatus },
    });
    // after commit: the enterprise's 审核结果 message, the project's warnings rechecked (ADR 037, 038)
    await recordEvent(tx, now, {
      topic: 'quota.rejected',
      aggregateType: 'quota_application',
      aggregateId: q.id.toString(),
      payload: { applicationId: q.id.toString(), projectId: q.projectId.toString(), enterpriseOrgId: q.enterpriseOrgId, reason },
    });
  });
  return getQuotaApplication(ctx, user, id);
}
