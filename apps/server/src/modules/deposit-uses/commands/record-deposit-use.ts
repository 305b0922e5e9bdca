import {
  decisionTypeLabels,
  depositStatusLabels,
  depositUseWorkflow,
  fenToYuan,
  USE_PAY_WORKING_DAYS,
  USE_REPLENISH_WORKING_DAYS,
  useReplenishmentWorkflow,
  useTransferWorkflow,
  yuanToFen,
  type DepositStatus,
  type TDepositUse,
  type TDepositUseRequest,
} from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { AppError, fieldError, invalidState, notFound } from '../../../platform/errors';
import { nextDocumentNumber } from '../../../platform/documents/index';
import { scopeOf } from '../../../platform/scope';
import type { AuthUser } from '../../../platform/sessions';
import type { DepositUseContext } from '../context';
import { coveredFen, instrumentsOf } from '../coverage';
import { parseNo, useDto } from '../read';
import { insertTransfers, insertUse } from '../repository';
import { recordEvent } from '../../../platform/outbox';

/** A deposit a use may draw on: paid in (已缴纳) and possibly filed (SPEC §9; the deposit table's use_recorded). */
export const USABLE_DEPOSIT: readonly DepositStatus[] = ['paid', 'filing', 'filed'];

/**
 * 保证金动用 (hrss of the project's remit): the decision, the workers, the instrument drawn on. The
 * amount is the workers' sum (the typed total must equal it) and at most what the instrument may
 * still pay; the project row is locked first, so two uses at once are decided one after the other
 * and the second sees the first (of two that together exceed the cover, exactly one is refused).
 * In one transaction: the use and its transfers, the decision file, 待补足 raised through the deposit
 * module, the audit row, and the addressee's event (the 支付通知书, 5 working days to pay).
 */
export async function recordDepositUse(ctx: DepositUseContext, user: AuthUser, input: TDepositUseRequest, actor: Actor): Promise<TDepositUse> {
  const projectId = parseNo(input.projectId);
  const project = await ctx.projects.findProject(ctx.db, projectId, await scopeOf(ctx.db, user, 'project'));
  if (!project) throw notFound('项目');
  const workers = input.workers.map((w, i) => ({
    seq: i + 1,
    name: w.name.trim(),
    idNumber: w.idNumber.trim().toUpperCase(),
    bankName: w.bankName.trim(),
    cardNo: w.cardNo.replace(/\s/g, ''),
    amountFen: yuanToFen(w.amount.trim()),
  }));
  const sumFen = workers.reduce((s, w) => s + w.amountFen, 0n);
  const amountFen = yuanToFen(input.amount.trim());
  if (amountFen !== sumFen) throw fieldError('amount', `动用金额（${fenToYuan(amountFen)} 元）应等于农民工名单金额合计（${fenToYuan(sumFen)} 元）`);

  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.decisionDate > today) throw fieldError('decisionDate', '决定日期不能晚于今天');
  const calendar = await ctx.rules.workCalendar();
  const payDueOn = calendar.addWorkingDays(today, USE_PAY_WORKING_DAYS);
  const replenishDueOn = calendar.addWorkingDays(today, USE_REPLENISH_WORKING_DAYS);
  const id = ctx.ids.next();

  await ctx.db.transaction(async (tx) => {
    // the project's row, locked until the commit: uses of one project are decided one at a time
    const state = await ctx.deposit.lock(tx, project.id);
    if (!state) throw notFound('项目');
    if (!USABLE_DEPOSIT.includes(state.depositStatus)) {
      throw invalidState(`当前保证金状态为「${depositStatusLabels[state.depositStatus] ?? state.depositStatus}」，没有可动用的保证金（已缴纳后方可动用）`);
    }
    const instruments = await instrumentsOf(ctx, tx, project.id);
    const covered = coveredFen(instruments);
    const chosen = input.instrument
      ? instruments.find((x) => x.type === input.instrument!.type && x.id.toString() === input.instrument!.id)
      : [...instruments].sort((a, b) => (b.availableFen > a.availableFen ? 1 : b.availableFen < a.availableFen ? -1 : 0))[0];
    if (!chosen) throw fieldError('instrument', input.instrument ? '所选保证金不存在或已不可动用，请刷新后重新选择' : '该项目没有可动用的保证金');
    if (!chosen.holderOrgId) throw fieldError('instrument', `「${chosen.holderName}」未在平台开通，无法线上发送支付通知书`);
    if (amountFen > chosen.availableFen) {
      throw new AppError(
        'USE_EXCEEDS_COVER',
        `动用金额 ${fenToYuan(amountFen)} 元超过该${chosen.label}当前可动用的金额 ${fenToYuan(chosen.availableFen > 0n ? chosen.availableFen : 0n)} 元（保证金当前可动用合计 ${fenToYuan(covered)} 元）`,
        { available: fenToYuan(chosen.availableFen > 0n ? chosen.availableFen : 0n), covered: fenToYuan(covered) },
      );
    }
    // the document number late in the transaction (its counter row stays locked until the commit)
    const noticeNo = (await nextDocumentNumber(tx, 'use_notice', now)).text;
    await insertUse(tx, {
      id,
      noticeNo,
      projectId: project.id,
      enterpriseOrgId: project.enterpriseOrgId,
      hrssOrgId: project.hrssOrgId,
      authorityOrgId: project.authorityOrgId,
      recordedByOrgId: user.orgId,
      payerOrgId: chosen.holderOrgId,
      instrumentType: chosen.type,
      instrumentId: chosen.id,
      decisionType: input.decisionType,
      decisionNo: input.decisionNo.trim(),
      decisionDate: input.decisionDate,
      amountFen,
      status: depositUseWorkflow.actions.record.to,
      payDueOn,
      replenishStatus: useReplenishmentWorkflow.actions.replenish_cash.from[0]!,
      replenishDueOn,
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
    });
    await insertTransfers(
      tx,
      workers.map((w) => ({ id: ctx.ids.next(), useId: id, ...w, status: useTransferWorkflow.actions.pay.from[0]!, updatedAt: now })),
    );
    await ctx.attachments.attach(tx, {
      ownerType: 'deposit_use',
      ownerId: id.toString(),
      kind: 'decision',
      fileIds: [input.decisionFileId],
      uploaderOrgId: user.orgId,
      field: 'decisionFileId',
      label: '决定书',
      at: now,
    });
    const moved = await ctx.deposit.move(tx, { projectId: project.id, event: 'use_recorded', actor, at: now, source: { type: 'deposit_use', id: id.toString() } });
    await ctx.audit(tx, actor, now, {
      action: depositUseWorkflow.auditCode('record'),
      targetType: 'deposit_use',
      targetId: id.toString(),
      before: { covered: fenToYuan(covered), projectNeedsReplenish: moved.before.needsReplenish },
      after: {
        status: depositUseWorkflow.actions.record.to,
        noticeNo,
        projectId: project.id.toString(),
        decision: { type: input.decisionType, label: decisionTypeLabels[input.decisionType], no: input.decisionNo.trim(), date: input.decisionDate },
        instrument: { type: chosen.type, id: chosen.id.toString(), holder: chosen.holderName },
        amount: fenToYuan(amountFen),
        workers: workers.length,
        payDueOn,
        replenishDueOn,
        projectNeedsReplenish: moved.after.needsReplenish,
      },
    });
    // after commit: the enterprise is told its deposit was used and must be replenished (ADR 038)
    await recordEvent(tx, now, {
      topic: 'deposit_use.recorded',
      aggregateType: 'deposit_use',
      aggregateId: id.toString(),
      payload: { useId: id.toString(), projectId: project.id.toString(), enterpriseOrgId: project.enterpriseOrgId, amount: fenToYuan(amountFen), noticeNo, replenishDueOn },
    });
    await ctx.recordOpenEvent(tx, { orgId: chosen.holderOrgId, type: 'payment_notice.issued', objectNo: id.toString(), at: now });
  });
  return useDto(ctx, user, id);
}
