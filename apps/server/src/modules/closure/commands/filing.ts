import { depositEventOnFilingRejected, depositStatusLabels, filingWorkflow, REVIEW_WORKING_DAYS, type DepositStatus, type FilingStatus, type TFiling } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { invalidState } from '../../../platform/errors';
import type { ScopeUser } from '../../../platform/scope';
import type { ClosureContext } from '../context';
import { getFiling, isFileable, loadFiling, loadProject } from '../read';
import { insertFiling, latestFilingOfProject, moveFiling } from '../repository';
import { recordWarningRecheck } from '../../warnings/events';
import { recordEvent } from '../../../platform/outbox';

/**
 * 发起备案 (SPEC §7): the enterprise files its 已缴纳 / 已缓缴 deposit with hrss (免缴 needs none:
 * refused); a rejected filing is corrected by a new one. The deposit → 备案中.
 */
export async function submitFiling(ctx: ClosureContext, user: ScopeUser, projectId: string, actor: Actor): Promise<TFiling> {
  const project = await loadProject(ctx, user, projectId, 'act');
  if (project.depositStatus === 'exempted') throw invalidState('免缴项目无需备案');
  if (!isFileable(project.depositStatus)) {
    throw invalidState(`当前保证金状态为「${depositStatusLabels[project.depositStatus as DepositStatus] ?? project.depositStatus}」，已缴纳或已缓缴的保证金才能发起备案`);
  }
  const previous = await latestFilingOfProject(ctx.db, project.id);
  if (previous?.status === 'pending') throw invalidState('该项目的备案申请正在审核中，请勿重复提交');
  const now = ctx.clock.now();
  const dueOn = (await ctx.rules.workCalendar()).addWorkingDays(shanghaiDate(now), REVIEW_WORKING_DAYS);
  const id = ctx.ids.next();
  const depositFrom = project.depositStatus as 'paid' | 'deferred';
  await ctx.db.transaction(async (tx) => {
    const inserted = await insertFiling(tx, {
      id,
      projectId: project.id,
      enterpriseOrgId: project.enterpriseOrgId,
      hrssOrgId: project.hrssOrgId,
      authorityOrgId: project.authorityOrgId,
      previousId: previous?.status === 'rejected' ? previous.id : null,
      status: filingWorkflow.actions.submit.to,
      depositFrom,
      submittedAt: now,
      dueOn,
      updatedAt: now,
    });
    if (inserted === undefined) throw invalidState('该项目的备案申请正在审核中或已备案，请勿重复提交');
    // the deposit's conditional move: 已缴纳 / 已缓缴 → 备案中 (409 if it changed meanwhile)
    const deposit = await ctx.deposit.move(tx, { projectId: project.id, event: 'filing_submitted', actor, at: now, source: { type: 'filing', id: id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: filingWorkflow.auditCode('submit'),
      targetType: 'filing',
      targetId: id.toString(),
      before: previous?.status === 'rejected' ? { previousId: previous.id.toString(), status: previous.status } : null,
      after: { status: filingWorkflow.actions.submit.to, projectId: project.id.toString(), dueOn, projectDepositStatus: deposit.after.depositStatus },
    });
  });
  return getFiling(ctx, user, id.toString());
}

/** 备案审核通过 (hrss): the deposit → 已备案. */
export async function approveFiling(ctx: ClosureContext, user: ScopeUser & { id: string }, id: string, actor: Actor): Promise<TFiling> {
  const action = filingWorkflow.actions.approve;
  const f = await loadFiling(ctx, user, id, 'act');
  if (!filingWorkflow.can('approve', f.status as FilingStatus)) throw invalidState('该备案申请已审核，不能重复审核');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await moveFiling(tx, f.id, action.from, { status: action.to, decidedAt: now, decidedBy: user.id, updatedAt: now });
    if (!before) throw invalidState('该备案申请已审核，不能重复审核');
    const deposit = await ctx.deposit.move(tx, { projectId: f.projectId, event: 'filing_approved', actor, at: now, source: { type: 'filing', id: f.id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: filingWorkflow.auditCode('approve'),
      targetType: 'filing',
      targetId: f.id.toString(),
      before: { status: before, projectDepositStatus: deposit.before.depositStatus },
      after: { status: action.to, projectDepositStatus: deposit.after.depositStatus },
    });
    await recordWarningRecheck(tx, now, f.projectId, 'filing.approve');
    // after commit: the enterprise's 审核结果 message (ADR 038)
    await recordEvent(tx, now, { topic: 'filing.approved', aggregateType: 'filing', aggregateId: f.id.toString(), payload: { filingId: f.id.toString(), projectId: f.projectId.toString(), enterpriseOrgId: f.enterpriseOrgId } });
  });
  return getFiling(ctx, user, id);
}

/** 备案审核驳回 (hrss, with the reason): the deposit goes back to where it was filed from; the enterprise corrects and files again. */
export async function rejectFiling(ctx: ClosureContext, user: ScopeUser & { id: string }, id: string, reason: string, actor: Actor): Promise<TFiling> {
  const action = filingWorkflow.actions.reject;
  const f = await loadFiling(ctx, user, id, 'act');
  if (!filingWorkflow.can('reject', f.status as FilingStatus)) throw invalidState('该备案申请已审核，不能重复审核');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await moveFiling(tx, f.id, action.from, { status: action.to, rejectReason: reason, decidedAt: now, decidedBy: user.id, updatedAt: now });
    if (!before) throw invalidState('该备案申请已审核，不能重复审核');
    const event = depositEventOnFilingRejected[f.depositFrom as 'paid' | 'deferred'];
    const deposit = await ctx.deposit.move(tx, { projectId: f.projectId, event, actor, at: now, source: { type: 'filing', id: f.id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: filingWorkflow.auditCode('reject'),
      targetType: 'filing',
      targetId: f.id.toString(),
      before: { status: before, projectDepositStatus: deposit.before.depositStatus },
      after: { status: action.to, reason, projectDepositStatus: deposit.after.depositStatus },
    });
    await recordWarningRecheck(tx, now, f.projectId, 'filing.reject');
    await recordEvent(tx, now, { topic: 'filing.rejected', aggregateType: 'filing', aggregateId: f.id.toString(), payload: { filingId: f.id.toString(), projectId: f.projectId.toString(), enterpriseOrgId: f.enterpriseOrgId, reason } });
  });
  return getFiling(ctx, user, id);
}
