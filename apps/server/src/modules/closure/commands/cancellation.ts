import {
  cancellationPossibleFrom,
  cancellationWorkflow,
  depositStatusLabels,
  fenToYuan,
  guaranteeKindLabels,
  RETURN_WORKING_DAYS,
  REVIEW_WORKING_DAYS,
  type CancellationStatus,
  type DepositStatus,
  type GuaranteeKind,
  type TCancellation,
  type TCancellationRequest,
} from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { nextDocumentNumber } from '../../../platform/documents/index';
import { fieldError, invalidState } from '../../../platform/errors';
import type { ScopeUser } from '../../../platform/scope';
import type { ClosureContext } from '../context';
import { getCancellation, isCompleted, loadCancellation, loadProject, type Instrument } from '../read';
import { insertCancellation, insertReturns, latestCancellationOfProject, moveCancellation } from '../repository';
import { clearAllForProject } from '../../warnings/sweep';
import { recordWarningRecheck } from '../../warnings/events';
import { recordEvent } from '../../../platform/outbox';

/**
 * 保证金注销申请 (SPEC §8): only a 竣工 project with a 已备案 deposit, after the 30-day publicity
 * (公示起始日期 + 30 days ≤ today); the deposit → 注销中.
 */
export async function submitCancellation(ctx: ClosureContext, user: ScopeUser, input: TCancellationRequest, actor: Actor): Promise<TCancellation> {
  const project = await loadProject(ctx, user, input.projectId, 'act');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (!isCompleted(project, today)) throw invalidState('工程未竣工，不能申请注销保证金（请先在工程进度中填写实际竣工日期）');
  if (project.depositStatus !== 'filed') {
    throw invalidState(`当前保证金状态为「${depositStatusLabels[project.depositStatus as DepositStatus] ?? project.depositStatus}」，已备案的保证金才能申请注销`);
  }
  if (input.actualStart > input.actualCompletion) throw fieldError('actualCompletion', '实际竣工日期不能早于实际开工日期');
  if (input.actualCompletion > today) throw fieldError('actualCompletion', '实际竣工日期不能晚于今天');
  if (input.publicityStart > today) throw fieldError('publicityStart', '公示起始日期不能晚于今天');
  const from = cancellationPossibleFrom(input.publicityStart);
  if (from > today) throw fieldError('publicityStart', `公示期未满30天：公示起始日期为 ${input.publicityStart}，自 ${from} 起方可申请注销`);
  const previous = await latestCancellationOfProject(ctx.db, project.id);
  if (previous?.status === 'pending') throw invalidState('该项目的注销申请正在审核中，请勿重复提交');

  const dueOn = (await ctx.rules.workCalendar()).addWorkingDays(today, REVIEW_WORKING_DAYS);
  const id = ctx.ids.next();
  await ctx.db.transaction(async (tx) => {
    const inserted = await insertCancellation(tx, {
      id,
      projectId: project.id,
      enterpriseOrgId: project.enterpriseOrgId,
      hrssOrgId: project.hrssOrgId,
      authorityOrgId: project.authorityOrgId,
      previousId: previous?.status === 'rejected' ? previous.id : null,
      status: cancellationWorkflow.actions.submit.to,
      actualStart: input.actualStart,
      actualCompletion: input.actualCompletion,
      publicityStart: input.publicityStart,
      handlerName: input.handlerName,
      handlerPhone: input.handlerPhone,
      note: input.note ?? null,
      submittedAt: now,
      dueOn,
      updatedAt: now,
    });
    if (inserted === undefined) throw invalidState('该项目的注销申请正在审核中或已注销，请勿重复提交');
    const owner = { ownerType: 'cancellation' as const, ownerId: id.toString(), uploaderOrgId: user.orgId, at: now };
    await ctx.attachments.attach(tx, { ...owner, kind: 'acceptance_report', fileIds: input.acceptanceReportFileIds, field: 'acceptanceReportFileIds', label: '竣工验收报告' });
    await ctx.attachments.attach(tx, { ...owner, kind: 'application_form', fileIds: input.applicationFormFileIds, field: 'applicationFormFileIds', label: '注销申请表' });
    await ctx.attachments.attach(tx, { ...owner, kind: 'no_arrears_pledge', fileIds: input.noArrearsPledgeFileIds, field: 'noArrearsPledgeFileIds', label: '无拖欠农民工工资书面承诺' });
    await ctx.attachments.attach(tx, { ...owner, kind: 'other', fileIds: input.otherFileIds ?? [], field: 'otherFileIds', label: '其他附件' });
    const deposit = await ctx.deposit.move(tx, { projectId: project.id, event: 'cancellation_submitted', actor, at: now, source: { type: 'cancellation', id: id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: cancellationWorkflow.auditCode('submit'),
      targetType: 'cancellation',
      targetId: id.toString(),
      before: previous?.status === 'rejected' ? { previousId: previous.id.toString(), status: previous.status } : null,
      after: { status: cancellationWorkflow.actions.submit.to, projectId: project.id.toString(), publicityStart: input.publicityStart, dueOn, projectDepositStatus: deposit.after.depositStatus },
    });
  });
  return getCancellation(ctx, user, id.toString());
}

/**
 * 注销审核通过 (hrss): 已注销; every guarantee and policy of the project 已释放; the numbered
 * 《工资保证金返还（销户）确认书》 (its number taken in this transaction, ADR 028); one 返还确认 per bank
 * holding the cash or a guarantee, due in 3 working days, announced on the bank's events feed.
 */
export async function approveCancellation(ctx: ClosureContext, user: ScopeUser & { id: string }, id: string, actor: Actor): Promise<TCancellation> {
  const action = cancellationWorkflow.actions.approve;
  const c = await loadCancellation(ctx, user, id, 'act');
  if (!cancellationWorkflow.can('approve', c.status as CancellationStatus)) throw invalidState('该注销申请已审核，不能重复审核');
  const now = ctx.clock.now();
  const returnDue = (await ctx.rules.workCalendar()).addWorkingDays(shanghaiDate(now), RETURN_WORKING_DAYS);
  await ctx.db.transaction(async (tx) => {
    // the cash still held: what was deposited less what deposit uses drew on it (ADR 042; a replenishment is a cash deposit of its own)
    const used = await ctx.uses.usedByInstrument(tx, c.projectId);
    const cash = (await ctx.cash.cashHeldOfProject(tx, c.projectId))
      .map((x) => ({ ...x, paidFen: x.paidFen - (used.get(`cash_deposit:${x.id}`) ?? 0n) }))
      .filter((x) => x.paidFen > 0n);
    const released = await ctx.guarantees.release(tx, { projectId: c.projectId, actor, at: now, source: { type: 'cancellation', id: c.id.toString() } });
    const orgs = new Map((await ctx.accounts.organizationsByIds(tx, [...new Set([...cash.map((x) => x.bankOrgId), ...released.flatMap((g) => (g.issuerOrgId ? [g.issuerOrgId] : []))])])).map((o) => [o.id, o.name ?? '-']));
    const instruments: Instrument[] = [
      ...cash.map((x) => ({ kindLabel: '现金存缴', number: x.id.toString(), issuerName: orgs.get(x.bankOrgId) ?? '-', amount: fenToYuan(x.paidFen) })),
      ...released.map((g) => ({ kindLabel: guaranteeKindLabels[g.kind as GuaranteeKind] ?? g.kind, number: g.number, issuerName: g.issuerOrgId ? (orgs.get(g.issuerOrgId) ?? g.issuerName) : g.issuerName, amount: fenToYuan(g.amountFen) })),
    ];
    // the number last before the decision's UPDATE: the counter row stays locked until the commit
    const number = await nextDocumentNumber(tx, 'return_confirmation', now);
    const before = await moveCancellation(tx, c.id, action.from, { status: action.to, decidedAt: now, decidedBy: user.id, documentNo: number.text, instruments: JSON.stringify(instruments), updatedAt: now });
    if (!before) throw invalidState('该注销申请已审核，不能重复审核');

    // 返还确认: the cash per bank, the bank guarantees' originals per bank
    const returns = new Map<string, { bankOrgId: string; kind: 'cash' | 'guarantee'; numbers: string[]; amountFen: bigint }>();
    for (const x of cash) {
      const k = `${x.bankOrgId}:cash`;
      const r = returns.get(k) ?? { bankOrgId: x.bankOrgId, kind: 'cash' as const, numbers: [], amountFen: 0n };
      r.numbers.push(`现金存缴 ${x.id}`);
      r.amountFen += x.paidFen;
      returns.set(k, r);
    }
    for (const g of released) {
      // a bank's guarantee (online or uploaded offline) goes back to its issuer; an insurance policy has no original to return here
      if (g.kind === 'insurance_policy' || !g.issuerOrgId) continue;
      const k = `${g.issuerOrgId}:guarantee`;
      const r = returns.get(k) ?? { bankOrgId: g.issuerOrgId, kind: 'guarantee' as const, numbers: [], amountFen: 0n };
      r.numbers.push(`保函 ${g.number}`);
      r.amountFen += g.amountFen;
      returns.set(k, r);
    }
    const rows = [...returns.values()].map((r) => ({
      id: ctx.ids.next(),
      cancellationId: c.id,
      projectId: c.projectId,
      enterpriseOrgId: c.enterpriseOrgId,
      hrssOrgId: c.hrssOrgId,
      bankOrgId: r.bankOrgId,
      kind: r.kind,
      instruments: r.numbers.join('，'),
      amountFen: r.amountFen,
      status: 'pending' as const,
      issuedAt: now,
      dueOn: returnDue,
    }));
    await insertReturns(tx, rows);
    const deposit = await ctx.deposit.move(tx, { projectId: c.projectId, event: 'cancellation_approved', actor, at: now, source: { type: 'cancellation', id: c.id.toString() } });
    // 注销: every open warning of the project is lifted with the approval (reason 项目已注销, ADR 037)
    const warningsLifted = await clearAllForProject(tx, c.projectId, now);
    await ctx.audit(tx, actor, now, {
      action: cancellationWorkflow.auditCode('approve'),
      targetType: 'cancellation',
      targetId: c.id.toString(),
      before: { status: before, projectDepositStatus: deposit.before.depositStatus },
      after: { status: action.to, documentNo: number.text, released: released.map((g) => g.number), returns: rows.map((r) => r.id.toString()), projectDepositStatus: deposit.after.depositStatus, warningsLifted },
    });
    // after commit: the enterprise's 审核结果 message (ADR 038)
    await recordEvent(tx, now, {
      topic: 'cancellation.approved',
      aggregateType: 'cancellation',
      aggregateId: c.id.toString(),
      payload: { cancellationId: c.id.toString(), projectId: c.projectId.toString(), enterpriseOrgId: c.enterpriseOrgId, documentNo: number.text },
    });
    // the banks' new tasks, last (it holds their event locks until the commit)
    if (rows.length) await ctx.openEvents.record(tx, rows.map((r) => ({ orgId: r.bankOrgId, type: 'return_confirmation.issued' as const, objectNo: r.id.toString(), at: now })));
  });
  return getCancellation(ctx, user, id);
}

/** 注销审核驳回 (hrss, the reason in writing, e.g. arrears found): the deposit → 已备案; the enterprise may apply again. */
export async function rejectCancellation(ctx: ClosureContext, user: ScopeUser & { id: string }, id: string, reason: string, actor: Actor): Promise<TCancellation> {
  const action = cancellationWorkflow.actions.reject;
  const c = await loadCancellation(ctx, user, id, 'act');
  if (!cancellationWorkflow.can('reject', c.status as CancellationStatus)) throw invalidState('该注销申请已审核，不能重复审核');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await moveCancellation(tx, c.id, action.from, { status: action.to, rejectReason: reason, decidedAt: now, decidedBy: user.id, updatedAt: now });
    if (!before) throw invalidState('该注销申请已审核，不能重复审核');
    const deposit = await ctx.deposit.move(tx, { projectId: c.projectId, event: 'cancellation_rejected', actor, at: now, source: { type: 'cancellation', id: c.id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: cancellationWorkflow.auditCode('reject'),
      targetType: 'cancellation',
      targetId: c.id.toString(),
      before: { status: before, projectDepositStatus: deposit.before.depositStatus },
      after: { status: action.to, reason, projectDepositStatus: deposit.after.depositStatus },
    });
    await recordWarningRecheck(tx, now, c.projectId, 'cancellation.reject');
    await recordEvent(tx, now, { topic: 'cancellation.rejected', aggregateType: 'cancellation', aggregateId: c.id.toString(), payload: { cancellationId: c.id.toString(), projectId: c.projectId.toString(), enterpriseOrgId: c.enterpriseOrgId, reason } });
  });
  return getCancellation(ctx, user, id);
}
