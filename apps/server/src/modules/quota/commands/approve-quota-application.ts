import { depositEventOnQuotaApproval, fenToYuan, formatFen, quotaWorkflow, yuanToFen, type ApplyType, type QuotaStatus, type TQuotaApplication } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { fieldError, invalidState } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { QuotaContext } from '../context';
import { getQuotaApplication, loadScoped } from '../read';
import { moveQuotaApplication } from '../repository';
import { recordEvent } from '../../../platform/outbox';

export interface ApproveQuotaInput {
  approvedAmount?: string;
  acceptJustification?: boolean;
  comment?: string;
}

/** 审核通过 (hrss): the 核定金额 is fixed and the deposit becomes 待缴纳 / 已免缴 / 已缓缴 by 申请类型. */
export async function approveQuotaApplication(ctx: QuotaContext, user: AuthUser, id: string, body: ApproveQuotaInput, actor: Actor): Promise<TQuotaApplication> {
  const action = quotaWorkflow.actions.approve;
  const q = await loadScoped(ctx, user, id, 'act');
  if (!quotaWorkflow.can('approve', q.status as QuotaStatus)) {
    throw invalidState(q.status === quotaWorkflow.actions.approve.to ? '该申请已审核通过，不能重复审核' : '该申请已不在审核中');
  }
  const approvedFen = q.applyType === 'exempt' ? 0n : body.approvedAmount ? yuanToFen(body.approvedAmount) : q.appliedFen;
  const below = q.applyType === 'exempt' ? !q.exemptionAllowed : approvedFen < q.requiredFen;
  if (below && !body.acceptJustification) {
    throw fieldError(
      'acceptJustification',
      q.applyType === 'exempt'
        ? '该项目按规定不符合免缴条件，通过前须确认接受企业的书面说明'
        : `核定金额低于规定应缴金额 ${formatFen(q.requiredFen)} 元，通过前须确认接受企业的书面说明`,
    );
  }
  if (below && !q.justification) throw fieldError('approvedAmount', '企业未提交书面说明，核定金额不能低于规定应缴金额');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // the conditional UPDATE on the from-states, returning the status it found (none: another request moved it first)
    const before = (await moveQuotaApplication(tx, q.id, action.from, { status: action.to, approvedFen, justificationAccepted: below ? true : null, reviewComment: body.comment ?? null, decidedAt: now, decidedBy: user.id, updatedAt: now })) as QuotaStatus | undefined;
    if (!before) throw invalidState('该申请已审核，不能重复审核');
    const deposit = await ctx.deposit.move(tx, {
      projectId: q.projectId,
      event: depositEventOnQuotaApproval[q.applyType as ApplyType],
      actor,
      at: now,
      source: { type: 'quota_application', id: q.id.toString() },
    });
    await ctx.audit(tx, actor, now, {
      action: quotaWorkflow.auditCode('approve'),
      targetType: 'quota_application',
      targetId: q.id.toString(),
      before: { status: before, projectDepositStatus: deposit.before.depositStatus },
      after: { status: action.to, approvedAmount: fenToYuan(approvedFen), justificationAccepted: below, projectDepositStatus: deposit.after.depositStatus },
    });
    // after commit: the enterprise's 审核结果 message, the project's warnings rechecked (ADR 037, 038)
    await recordEvent(tx, now, {
      topic: 'quota.approved',
      aggregateType: 'quota_application',
      aggregateId: q.id.toString(),
      payload: { applicationId: q.id.toString(), projectId: q.projectId.toString(), enterpriseOrgId: q.enterpriseOrgId, approvedAmount: fenToYuan(approvedFen) },
    });
  });
  return getQuotaApplication(ctx, user, id);
}
