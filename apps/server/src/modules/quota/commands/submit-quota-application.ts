import { computeRequiredDeposit, fenToYuan, formatFen, PROJECT_COMPLETED, quotaWorkflow, yuanToFen, type ApplyType, type PayMethod, type PrepayMode, type QuotaStatus, type TQuotaApplication } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { AppError, fieldError, invalidState, notFound, uniqueViolation } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import { storeParams, type StoredParams } from '../../rules/service';
import type { QuotaContext } from '../context';
import { scopeOf } from '../../../platform/scope';
import { loadProject, recordFor, toDtos } from '../read';
import { insertQuotaApplication, latestQuotaIdOfProject, quotaApplicationsById, quotaApplicationWhere } from '../repository';

export interface QuotaInput {
  projectId: string;
  previousId?: string;
  contractAmount: string;
  prepayMode: PrepayMode;
  prepayRatio?: string;
  appliedAmount?: string;
  applyType: ApplyType;
  payMethod?: PayMethod;
  handlerName: string;
  handlerPhone: string;
  description?: string;
  licenseFileId?: string;
  bidNoticeFileIds: string[];
  deferralReason?: string;
  deferralFileId?: string;
  justification?: string;
}

const PPM = 1_000_000n;
/** round half up of a / b for non-negative bigints */
const divRound = (a: bigint, b: bigint) => (a * 2n + b) / (2n * b);

/**
 * 提交定额申请, or 修改后重新提交 (with `previousId`, the latest 已驳回 application of the project):
 * the engine's requirement is computed and kept with the application, the project's base data is
 * locked, and the deposit moves 未申请 → 定额审核中.
 */
export async function submitQuotaApplication(ctx: QuotaContext, user: AuthUser, input: QuotaInput, actor: Actor): Promise<TQuotaApplication> {
  const { db, clock, rules } = ctx;
  const p = await loadProject(ctx, user, input.projectId, 'act');
  if (p.status === PROJECT_COMPLETED) throw invalidState('项目已竣工，不能再申请定额');
  const contractFen = yuanToFen(input.contractAmount);
  if (contractFen <= 0n) throw fieldError('contractAmount', '施工合同金额应大于0');
  let appliedFen: bigint;
  let prepayPpm: number;
  if (input.prepayMode === 'ratio') {
    prepayPpm = Math.round(Number(input.prepayRatio) * 10_000);
    appliedFen = divRound(contractFen * BigInt(prepayPpm), PPM);
  } else {
    appliedFen = yuanToFen(input.appliedAmount!);
    prepayPpm = Number(divRound(appliedFen * PPM, contractFen));
  }
  if (appliedFen > contractFen) throw fieldError('appliedAmount', '申请金额不能大于施工合同金额');
  const now = clock.now();
  const record = await recordFor(ctx, p);
  const { params } = await rules.paramsFor(p.regionCode, now);
  const req = computeRequiredDeposit({ contractAmountFen: contractFen, params, record });
  const below = input.applyType === 'exempt' ? !req.exemptionAllowed : appliedFen < req.requiredFen;
  if (below && !input.justification) {
    const msg =
      input.applyType === 'exempt'
        ? '按规定该项目不符合免缴条件，如仍申请免缴须填写书面说明，由人社部门审核'
        : `申请金额低于规定应缴金额 ${formatFen(req.requiredFen)} 元（${req.summary}），如仍按此金额申请须填写书面说明`;
    throw fieldError('justification', msg);
  }
  const calendar = await rules.workCalendar();
  const dueOn = calendar.addWorkingDays(shanghaiDate(now), 5);
  const id = ctx.ids.next();
  const status = quotaWorkflow.actions.submit.to;
  const mine = await scopeOf(db, user, 'quota_application', 'act');
  // the form's files by kind: only those its 申请类型 uses are kept
  const kinds = {
    license: input.applyType === 'exempt' && input.licenseFileId ? [input.licenseFileId] : [],
    bid_notice: input.applyType === 'exempt' ? input.bidNoticeFileIds : [],
    deferral: input.applyType === 'deferred' && input.deferralFileId ? [input.deferralFileId] : [],
  };
  try {
    await db.transaction(async (tx) => {
      // first, as before: a file that is not the enterprise's upload is refused whatever else is wrong
      for (const kind of ['license', 'bid_notice', 'deferral'] as const) {
        // a new application: nothing of a kind without files to replace
        if (kinds[kind].length === 0) continue;
        await ctx.attachments.attach(tx, { ownerType: 'quota_application', ownerId: id.toString(), kind, fileIds: kinds[kind], uploaderOrgId: user.orgId, at: now });
      }
      let previousId: bigint | null = null;
      if (input.previousId) {
        const prev = await quotaApplicationWhere(tx, BigInt(input.previousId), mine);
        if (!prev || prev.projectId !== p.id) throw notFound('定额申请');
        if (!quotaWorkflow.can('resubmit', prev.status as QuotaStatus)) throw invalidState('只有已驳回的申请可以修改后重新提交');
        const latest = await latestQuotaIdOfProject(tx, p.id);
        if (latest !== undefined && latest !== prev.id) throw invalidState('该申请已有后续申请，请在最新的申请上修改');
        previousId = prev.id;
      }
      await insertQuotaApplication(tx, {
        id,
        projectId: p.id,
        enterpriseOrgId: p.enterpriseOrgId,
        hrssOrgId: p.hrssOrgId,
        authorityOrgId: p.authorityOrgId,
        previousId,
        status,
        contractAmountFen: contractFen,
        prepayMode: input.prepayMode,
        prepayRatioPpm: prepayPpm,
        // for 免缴 this is the estimate the list shows (保证金估算金额); nothing is payable once approved
        appliedFen,
        applyType: input.applyType,
        payMethod: input.applyType === 'general' ? (input.payMethod ?? null) : null,
        handlerName: input.handlerName,
        handlerPhone: input.handlerPhone,
        description: input.description ?? null,
        deferralReason: input.applyType === 'deferred' ? (input.deferralReason ?? null) : null,
        requiredRatioPpm: req.ratioPpm,
        requiredFen: req.requiredFen,
        exemptionAllowed: req.exemptionAllowed,
        reasons: req.reasons,
        record,
        paramsSnapshot: storeParams(params) as StoredParams,
        belowRequirement: below,
        justification: input.justification ?? null,
        submittedAt: now,
        dueOn,
        updatedAt: now,
      });
      await ctx.projects.lockProjectBase(tx, p.id, contractFen, now);
      const deposit = await ctx.deposit.move(tx, { projectId: p.id, event: 'quota_submitted', actor, at: now, source: { type: 'quota_application', id: id.toString() } });
      await ctx.audit(tx, actor, now, {
        action: quotaWorkflow.auditCode('submit'),
        targetType: 'quota_application',
        targetId: id.toString(),
        before: { projectDepositStatus: deposit.before.depositStatus },
        after: { status, applyType: input.applyType, appliedAmount: fenToYuan(appliedFen), required: fenToYuan(req.requiredFen), below, projectDepositStatus: deposit.after.depositStatus },
      });
    });
  } catch (err) {
    if (uniqueViolation(err) === 'quota_live_project_uq') throw new AppError('CONFLICT', '该项目已有申请中或已完成的定额申请，不能重复申请');
    throw err;
  }
  return (await toDtos(ctx, user, await quotaApplicationsById(db, id)))[0]!;
}
