import { and, asc, count, desc, eq, ilike, inArray, ne, sql, type SQL } from 'drizzle-orm';
import {
  canQuota,
  computeRequiredDeposit,
  deriveEnterpriseRecord,
  depositStatusAfterQuota,
  fenToYuan,
  formatFen,
  formatRatioPpm,
  yuanToFen,
  type ApplyType,
  type EnterpriseRecord,
  type PayMethod,
  type PrepayMode,
  type QuotaStatus,
  type RatioResult,
  type TQuotaApplication,
} from '@benxi/shared';
import type { Db, Tx } from '../../db/client';
import { arrearsRecords, enterpriseCompliance, files, organizations, projects, quotaApplications, regions } from '../../db/schema/index';
import { writeAudit, type Actor } from '../../platform/audit';
import { shanghaiDate, type Clock } from '../../platform/clock';
import { AppError, fieldError, invalidState, notFound, uniqueViolation } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import type { Snowflake } from '../../platform/snowflake';
import { toFileRef } from '../files/service';
import { projectScope } from '../projects/policy';
import { quotaScope } from './policy';
import type { RulesService, StoredParams } from '../rules/service';
import { storeParams } from '../rules/service';
import { escapeLike } from '../../platform/sql';

type QuotaRow = typeof quotaApplications.$inferSelect;

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

export function createQuotaService(deps: { db: Db; clock: Clock; ids: Snowflake; rules: RulesService }) {
  const { db, clock, rules } = deps;

  const parseId = (id: string) => {
    try {
      return BigInt(id);
    } catch {
      throw notFound('定额申请');
    }
  };

  async function loadProject(user: AuthUser, projectId: string) {
    const scope = await projectScope(db, user);
    let id: bigint;
    try {
      id = BigInt(projectId);
    } catch {
      throw notFound('项目');
    }
    const [p] = scope ? await db.select().from(projects).where(and(eq(projects.id, id), scope)).limit(1) : [];
    if (!p) throw notFound('项目');
    return p;
  }

  /** The enterprise's record as of the signing date, from the register and its other projects. */
  async function recordFor(p: typeof projects.$inferSelect): Promise<EnterpriseRecord> {
    const [entries, [others], [first], [compliance]] = await Promise.all([
      db.select().from(arrearsRecords).where(eq(arrearsRecords.enterpriseOrgId, p.enterpriseOrgId)),
      db
        .select({ n: count() })
        .from(projects)
        .where(and(eq(projects.enterpriseOrgId, p.enterpriseOrgId), eq(projects.regionCode, p.regionCode), eq(projects.status, 'in_progress'), ne(projects.id, p.id))),
      db
        .select({ first: sql<string | null>`min(${projects.contractSignedOn})` })
        .from(projects)
        .where(and(eq(projects.enterpriseOrgId, p.enterpriseOrgId), eq(projects.regionCode, p.regionCode), ne(projects.id, p.id))),
      db.select().from(enterpriseCompliance).where(eq(enterpriseCompliance.orgId, p.enterpriseOrgId)),
    ]);
    return deriveEnterpriseRecord({
      entries: entries.map((e) => ({ kind: e.kind as 'arrears' | 'serious_dishonest', occurredOn: e.occurredOn, removedOn: e.removedOn })),
      signingDate: p.contractSignedOn,
      firstActivityInRegion: first?.first ?? null,
      otherProjectsUnderConstructionInRegion: others?.n ?? 0,
      realNameAndSpecialAccountMet: compliance?.dutiesMet ?? false,
    });
  }

  const requirementDto = (r: RatioResult) => ({
    ratioPpm: r.ratioPpm,
    ratioText: r.ratioText,
    requiredAmount: fenToYuan(r.requiredFen),
    exemptionAllowed: r.exemptionAllowed,
    reasons: r.reasons,
    summary: r.summary,
  });

  /** DTOs for a page of applications: projects, units, files and each project's newest application in four queries, not four per row. */
  async function toDtos(rows: QuotaRow[]): Promise<TQuotaApplication[]> {
    if (rows.length === 0) return [];
    const projectIds = [...new Set(rows.map((q) => q.projectId))];
    const orgIds = [...new Set(rows.flatMap((q) => [q.hrssOrgId, q.authorityOrgId]))];
    const fileIds = [...new Set(rows.flatMap((q) => [q.licenseFileId, q.deferralFileId, ...q.bidNoticeFileIds]).filter((x): x is string => !!x))];
    const [ps, orgs, fs, newest] = await Promise.all([
      db
        .select({ id: projects.id, name: projects.name, regionCode: projects.regionCode, contractorName: projects.contractorName, regionName: regions.name })
        .from(projects)
        .innerJoin(regions, eq(regions.code, projects.regionCode))
        .where(inArray(projects.id, projectIds)),
      db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, orgIds)),
      fileIds.length ? db.select().from(files).where(inArray(files.id, fileIds)) : Promise.resolve([]),
      // the current application of each project (quota_project_idx); any other one is superseded
      db
        .selectDistinctOn([quotaApplications.projectId], { projectId: quotaApplications.projectId, id: quotaApplications.id })
        .from(quotaApplications)
        .where(inArray(quotaApplications.projectId, projectIds))
        .orderBy(quotaApplications.projectId, desc(quotaApplications.submittedAt), desc(quotaApplications.id)),
    ]);
    const current = new Map(newest.map((n) => [n.projectId, n.id]));
    return rows.map((q) =>
      toDto(q, ps.find((x) => x.id === q.projectId), (id) => orgs.find((o) => o.id === id)?.name ?? '', fs, current.get(q.projectId) !== q.id),
    );
  }

  function toDto(
    q: QuotaRow,
    p: { name: string; regionCode: string; contractorName: string; regionName: string } | undefined,
    orgName: (id: string) => string,
    fs: (typeof files.$inferSelect)[],
    superseded: boolean,
  ): TQuotaApplication {
    const ref = (id: string | null) => {
      const f = id ? fs.find((x) => x.id === id) : undefined;
      return f ? toFileRef(f) : null;
    };
    const today = shanghaiDate(clock.now());
    return {
      id: q.id.toString(),
      batchNo: q.id.toString(),
      previousId: q.previousId?.toString() ?? null,
      projectId: q.projectId.toString(),
      projectName: p?.name ?? '',
      regionCode: p?.regionCode ?? '',
      regionName: p?.regionName ?? '',
      contractorName: p?.contractorName ?? '',
      hrssOrgName: orgName(q.hrssOrgId),
      authorityOrgName: orgName(q.authorityOrgId),
      status: q.status as QuotaStatus,
      superseded,
      contractAmount: fenToYuan(q.contractAmountFen),
      prepayMode: q.prepayMode as PrepayMode,
      prepayRatio: formatRatioPpm(q.prepayRatioPpm).replace('%', ''),
      appliedAmount: fenToYuan(q.appliedFen),
      applyType: q.applyType as ApplyType,
      payMethod: (q.payMethod as PayMethod | null) ?? null,
      handlerName: q.handlerName,
      handlerPhone: q.handlerPhone,
      description: q.description,
      licenseFile: ref(q.licenseFileId),
      bidNoticeFiles: q.bidNoticeFileIds.map((id) => ref(id)).filter((x): x is NonNullable<typeof x> => !!x),
      deferralReason: q.deferralReason,
      deferralFile: ref(q.deferralFileId),
      requirement: {
        ratioPpm: q.requiredRatioPpm,
        ratioText: formatRatioPpm(q.requiredRatioPpm),
        requiredAmount: fenToYuan(q.requiredFen),
        exemptionAllowed: q.exemptionAllowed,
        reasons: q.reasons,
        summary: q.reasons.join('，'),
      },
      record: q.record as EnterpriseRecord,
      belowRequirement: q.belowRequirement,
      justification: q.justification,
      approvedAmount: q.approvedFen === null ? null : fenToYuan(q.approvedFen),
      justificationAccepted: q.justificationAccepted,
      reviewComment: q.reviewComment,
      rejectReason: q.rejectReason,
      submittedAt: q.submittedAt.toISOString(),
      dueOn: q.dueOn,
      overdue: q.status === 'pending' && today > q.dueOn,
      decidedAt: q.decidedAt?.toISOString() ?? null,
      updatedAt: q.updatedAt.toISOString(),
    };
  }

  async function loadScoped(user: AuthUser, id: string): Promise<QuotaRow> {
    const scope = await quotaScope(db, user);
    const [q] = scope ? await db.select().from(quotaApplications).where(and(eq(quotaApplications.id, parseId(id)), scope)).limit(1) : [];
    if (!q) throw notFound('定额申请');
    return q;
  }

  async function ownFiles(tx: Tx, user: AuthUser, ids: string[]) {
    if (ids.length === 0) return;
    // locked like a foreign key check until the submit commits: the orphan clean-up skips them
    const rows = await tx
      .select({ id: files.id })
      .from(files)
      .where(and(inArray(files.id, ids), eq(files.ownerOrgId, user.orgId)))
      .for('key share');
    if (rows.length !== new Set(ids).size) throw fieldError('files', '附件不存在，请重新上传');
  }

  async function listCondition(user: AuthUser, q: { projectName?: string; regionCode?: string; status?: QuotaStatus; projectId?: string }) {
    const scope = await quotaScope(db, user);
    if (!scope) return null;
    const where: SQL[] = [scope];
    if (q.status) where.push(eq(quotaApplications.status, q.status));
    if (q.projectId) where.push(eq(quotaApplications.projectId, BigInt(q.projectId)));
    if (q.projectName || q.regionCode) {
      const pc: SQL[] = [];
      if (q.projectName) pc.push(ilike(projects.name, `%${escapeLike(q.projectName)}%`));
      if (q.regionCode) pc.push(eq(projects.regionCode, q.regionCode));
      where.push(inArray(quotaApplications.projectId, db.select({ id: projects.id }).from(projects).where(and(...pc))));
    }
    return and(...where)!;
  }

  return {
    parseId,

    /** What the regulation requires for this project at this contract amount, and why. */
    async preview(user: AuthUser, input: { projectId: string; contractAmount: string }) {
      const p = await loadProject(user, input.projectId);
      const record = await recordFor(p);
      const { params } = await rules.paramsFor(p.regionCode, clock.now());
      const r = computeRequiredDeposit({ contractAmountFen: yuanToFen(input.contractAmount), params, record });
      return { requirement: requirementDto(r), record };
    },

    async submit(user: AuthUser, input: QuotaInput, actor: Actor): Promise<TQuotaApplication> {
      const p = await loadProject(user, input.projectId);
      if (p.enterpriseOrgId !== user.orgId) throw notFound('项目');
      if (p.status === 'completed') throw invalidState('项目已竣工，不能再申请定额');
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
      const record = await recordFor(p);
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
      const id = deps.ids.next();
      try {
        await db.transaction(async (tx) => {
          await ownFiles(tx, user, [input.licenseFileId, input.deferralFileId, ...input.bidNoticeFileIds].filter((x): x is string => !!x));
          let previousId: bigint | null = null;
          if (input.previousId) {
            const [prev] = await tx
              .select()
              .from(quotaApplications)
              .where(and(eq(quotaApplications.id, BigInt(input.previousId)), eq(quotaApplications.enterpriseOrgId, user.orgId)));
            if (!prev || prev.projectId !== p.id) throw notFound('定额申请');
            if (!canQuota('resubmit', prev.status as QuotaStatus)) throw invalidState('只有已驳回的申请可以修改后重新提交');
            const [latest] = await tx
              .select({ id: quotaApplications.id })
              .from(quotaApplications)
              .where(eq(quotaApplications.projectId, p.id))
              .orderBy(desc(quotaApplications.submittedAt), desc(quotaApplications.id))
              .limit(1);
            if (latest && latest.id !== prev.id) throw invalidState('该申请已有后续申请，请在最新的申请上修改');
            previousId = prev.id;
          }
          await tx.insert(quotaApplications).values({
            id,
            projectId: p.id,
            enterpriseOrgId: p.enterpriseOrgId,
            hrssOrgId: p.hrssOrgId,
            authorityOrgId: p.authorityOrgId,
            previousId,
            status: 'pending',
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
            licenseFileId: input.applyType === 'exempt' ? (input.licenseFileId ?? null) : null,
            bidNoticeFileIds: input.applyType === 'exempt' ? input.bidNoticeFileIds : [],
            deferralReason: input.applyType === 'deferred' ? (input.deferralReason ?? null) : null,
            deferralFileId: input.applyType === 'deferred' ? (input.deferralFileId ?? null) : null,
            requiredRatioPpm: req.ratioPpm,
            requiredFen: req.requiredFen,
            exemptionAllowed: req.exemptionAllowed,
            reasons: req.reasons,
            record,
            paramsSnapshot: storeParams(params) as StoredParams,
            belowRequirement: below,
            justification: below ? (input.justification ?? null) : (input.justification ?? null),
            submittedAt: now,
            dueOn,
            updatedAt: now,
          });
          await tx
            .update(projects)
            .set({ depositStatus: 'quota_review', baseLocked: true, contractAmountFen: contractFen, updatedAt: now })
            .where(eq(projects.id, p.id));
          await writeAudit(tx, actor, now, {
            action: 'quota.submit',
            targetType: 'quota_application',
            targetId: id.toString(),
            before: { projectDepositStatus: p.depositStatus },
            after: { status: 'pending', applyType: input.applyType, appliedAmount: fenToYuan(appliedFen), required: fenToYuan(req.requiredFen), below, projectDepositStatus: 'quota_review' },
          });
        });
      } catch (err) {
        if (uniqueViolation(err) === 'quota_live_project_uq') throw new AppError('CONFLICT', '该项目已有申请中或已完成的定额申请，不能重复申请');
        throw err;
      }
      return (await toDtos(await db.select().from(quotaApplications).where(eq(quotaApplications.id, id))))[0]!;
    },

    async get(user: AuthUser, id: string) {
      return (await toDtos([await loadScoped(user, id)]))[0]!;
    },

    async list(user: AuthUser, q: { projectName?: string; regionCode?: string; status?: QuotaStatus; projectId?: string; queue?: string; page: number; pageSize: number }) {
      const cond = await listCondition(user, q);
      if (!cond) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const order = q.queue ? [asc(quotaApplications.submittedAt), asc(quotaApplications.id)] : [desc(quotaApplications.submittedAt), desc(quotaApplications.id)];
      const [rows, [total]] = await Promise.all([
        db.select().from(quotaApplications).where(cond).orderBy(...order).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(quotaApplications).where(cond),
      ]);
      return { items: await toDtos(rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async *iterate(user: AuthUser, q: { projectName?: string; regionCode?: string; status?: QuotaStatus; projectId?: string }) {
      const cond = await listCondition(user, q);
      if (!cond) return;
      for (let offset = 0; ; offset += 500) {
        const rows = await db.select().from(quotaApplications).where(cond).orderBy(desc(quotaApplications.submittedAt), desc(quotaApplications.id)).limit(500).offset(offset);
        if (rows.length === 0) return;
        yield await toDtos(rows);
        if (rows.length < 500) return;
      }
    },

    async approve(user: AuthUser, id: string, body: { approvedAmount?: string; acceptJustification?: boolean; comment?: string }, actor: Actor) {
      const q = await loadScoped(user, id);
      if (!canQuota('approve', q.status as QuotaStatus)) throw invalidState(q.status === 'approved' ? '该申请已审核通过，不能重复审核' : '该申请已不在审核中');
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
      const now = clock.now();
      const projectStatus = depositStatusAfterQuota[q.applyType as ApplyType];
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(quotaApplications)
          .set({ status: 'approved', approvedFen, justificationAccepted: below ? true : null, reviewComment: body.comment ?? null, decidedAt: now, decidedBy: user.id, updatedAt: now })
          .where(and(eq(quotaApplications.id, q.id), eq(quotaApplications.status, 'pending')))
          .returning({ id: quotaApplications.id });
        if (updated.length !== 1) throw invalidState('该申请已审核，不能重复审核');
        await tx.update(projects).set({ depositStatus: projectStatus, updatedAt: now }).where(eq(projects.id, q.projectId));
        await writeAudit(tx, actor, now, {
          action: 'quota.approve',
          targetType: 'quota_application',
          targetId: q.id.toString(),
          before: { status: 'pending', projectDepositStatus: 'quota_review' },
          after: { status: 'approved', approvedAmount: fenToYuan(approvedFen), justificationAccepted: below, projectDepositStatus: projectStatus },
        });
      });
      return this.get(user, id);
    },

    async reject(user: AuthUser, id: string, reason: string, actor: Actor) {
      const q = await loadScoped(user, id);
      if (!canQuota('reject', q.status as QuotaStatus)) throw invalidState('该申请已不在审核中');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(quotaApplications)
          .set({ status: 'rejected', rejectReason: reason, decidedAt: now, decidedBy: user.id, updatedAt: now })
          .where(and(eq(quotaApplications.id, q.id), eq(quotaApplications.status, 'pending')))
          .returning({ id: quotaApplications.id });
        if (updated.length !== 1) throw invalidState('该申请已审核，不能重复审核');
        await tx.update(projects).set({ depositStatus: 'none', updatedAt: now }).where(eq(projects.id, q.projectId));
        await writeAudit(tx, actor, now, {
          action: 'quota.reject',
          targetType: 'quota_application',
          targetId: q.id.toString(),
          before: { status: 'pending', projectDepositStatus: 'quota_review' },
          after: { status: 'rejected', reason, projectDepositStatus: 'none' },
        });
      });
      return this.get(user, id);
    },

    async withdraw(user: AuthUser, id: string, actor: Actor) {
      const q = await loadScoped(user, id);
      if (q.enterpriseOrgId !== user.orgId) throw notFound('定额申请');
      if (!canQuota('withdraw', q.status as QuotaStatus)) throw invalidState('只有申请中的定额申请可以撤回');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(quotaApplications)
          .set({ status: 'withdrawn', updatedAt: now })
          .where(and(eq(quotaApplications.id, q.id), eq(quotaApplications.status, 'pending')))
          .returning({ id: quotaApplications.id });
        if (updated.length !== 1) throw invalidState('该申请已审核，不能撤回');
        await tx.update(projects).set({ depositStatus: 'none', updatedAt: now }).where(eq(projects.id, q.projectId));
        await writeAudit(tx, actor, now, { action: 'quota.withdraw', targetType: 'quota_application', targetId: q.id.toString(), before: { status: 'pending' }, after: { status: 'withdrawn' } });
      });
      return this.get(user, id);
    },
  };
}

export type QuotaService = ReturnType<typeof createQuotaService>;
