import {
  computeRequiredDeposit,
  deriveEnterpriseRecord,
  fenToYuan,
  formatRatioPpm,
  PROJECT_COMPLETED,
  PROJECT_UNDER_CONSTRUCTION,
  QUOTA_LIVE_STATUSES,
  quotaWorkflow,
  yuanToFen,
  type ApplyType,
  type EnterpriseRecord,
  type PayMethod,
  type PrepayMode,
  type QuotaAction,
  type QuotaCondition,
  type QuotaStatus,
  type RatioResult,
  type TQuotaApplication,
} from '@benxi/shared';
import type { Tx } from '../../db/client';
import { shanghaiDate } from '../../platform/clock';
import { notFound } from '../../platform/errors';
import { scopeOf, type ScopeMode } from '../../platform/scope';
import type { AuthUser } from '../../platform/sessions';
import { toFileRef, type FileRow } from '../files/attachments';
import type { ProjectRow } from '../projects/repository';
import type { QuotaContext } from './context';
import { findQuotaApplication, listQuotaPage, newestQuotaPerProject, quotaBatch, quotaListCondition, quotaSiblings, type QuotaRow } from './repository';

export type { QuotaRow } from './repository';
export type { ProjectRow } from '../projects/repository';

export interface QuotaFilter {
  projectName?: string;
  regionCode?: string;
  status?: QuotaStatus;
  projectId?: string;
}

export const parseQuotaId = (id: string) => {
  try {
    return BigInt(id);
  } catch {
    throw notFound('定额申请');
  }
};

/** The project, if the user may read it (`act`: may change it; for 定额申请, its enterprise). */
export async function loadProject(ctx: QuotaContext, user: AuthUser, projectId: string, mode: ScopeMode = 'read'): Promise<ProjectRow> {
  let id: bigint;
  try {
    id = BigInt(projectId);
  } catch {
    throw notFound('项目');
  }
  const p = await ctx.projects.findProject(ctx.db, id, await scopeOf(ctx.db, user, 'project', mode));
  if (!p) throw notFound('项目');
  return p;
}

/** The enterprise's record as of the signing date, from the register and its other projects. */
export async function recordFor(ctx: QuotaContext, p: ProjectRow): Promise<EnterpriseRecord> {
  const { db } = ctx;
  const [entries, others, compliance] = await Promise.all([
    ctx.arrears.arrearsEntriesOf(db, p.enterpriseOrgId),
    ctx.projects.otherProjectsInRegion(db, p, PROJECT_UNDER_CONSTRUCTION),
    ctx.arrears.complianceOf(db, p.enterpriseOrgId),
  ]);
  return deriveEnterpriseRecord({
    entries: entries.map((e) => ({ kind: e.kind as 'arrears' | 'serious_dishonest', occurredOn: e.occurredOn, removedOn: e.removedOn })),
    signingDate: p.contractSignedOn,
    firstActivityInRegion: others.firstContractSignedOn,
    otherProjectsUnderConstructionInRegion: others.underConstruction,
    realNameAndSpecialAccountMet: compliance?.dutiesMet ?? false,
  });
}

export const requirementDto = (r: RatioResult) => ({
  ratioPpm: r.ratioPpm,
  ratioText: r.ratioText,
  requiredAmount: fenToYuan(r.requiredFen),
  exemptionAllowed: r.exemptionAllowed,
  reasons: r.reasons,
  summary: r.summary,
});

type ProjectSummary = { id: bigint; name: string; regionCode: string; contractorName: string; regionName: string; status: string };

/**
 * The actions the acting user may take on each application, from `quotaWorkflow` (state + role +
 * conditions). `latest` (resubmit) needs the project's other applications: read only when a row could
 * be resubmitted by this user, so the reviewer's queue pays nothing for it.
 */
async function allowedActionsFor(ctx: QuotaContext, user: AuthUser, rows: QuotaRow[], ps: ProjectSummary[]): Promise<Map<bigint, QuotaAction[]>> {
  const resubmit = quotaWorkflow.actions.resubmit;
  const candidates = rows.filter(
    (q) => (resubmit.roles ?? []).includes(user.role) && q.enterpriseOrgId === user.orgId && quotaWorkflow.can('resubmit', q.status as QuotaStatus),
  );
  const latest = new Map<bigint, { id: bigint; live: boolean }>();
  if (candidates.length > 0) {
    const siblings = await quotaSiblings(ctx.db, [...new Set(candidates.map((q) => q.projectId))]);
    for (const s of siblings) {
      const live = (QUOTA_LIVE_STATUSES as readonly string[]).includes(s.status);
      const seen = latest.get(s.projectId);
      if (!seen) latest.set(s.projectId, { id: s.id, live });
      else if (live) seen.live = true;
    }
  }
  return new Map(
    rows.map((q) => {
      const p = ps.find((x) => x.id === q.projectId);
      const holds = (c: QuotaCondition) => {
        switch (c) {
          case 'owner':
            return q.enterpriseOrgId === user.orgId;
          case 'latest': {
            const l = latest.get(q.projectId);
            return !!l && l.id === q.id && !l.live;
          }
          case 'projectOpen':
            return !!p && p.status !== PROJECT_COMPLETED;
        }
      };
      return [q.id, quotaWorkflow.allowedActions(q.status as QuotaStatus, user.role, holds)];
    }),
  );
}

/** DTOs for a page of applications: projects, units, files and each project's newest application in four queries, not four per row. */
export async function toDtos(ctx: QuotaContext, user: AuthUser, rows: QuotaRow[]): Promise<TQuotaApplication[]> {
  if (rows.length === 0) return [];
  const { db } = ctx;
  const projectIds = [...new Set(rows.map((q) => q.projectId))];
  const orgIds = [...new Set(rows.flatMap((q) => [q.hrssOrgId, q.authorityOrgId]))];
  const [ps, orgs, attached, newest] = await Promise.all([
    (async (): Promise<ProjectSummary[]> => {
      const found = await ctx.projects.projectSummaries(db, projectIds);
      const names = await ctx.regions.regionNames(db, [...new Set(found.map((p) => p.regionCode))]);
      // as the join on regions did: a project whose region is unknown is left out
      return found.flatMap((p) => {
        const regionName = names.get(p.regionCode);
        return regionName === undefined ? [] : [{ ...p, regionName }];
      });
    })(),
    ctx.accounts.organizationsByIds(db, orgIds),
    ctx.attachments.filesOf(db, 'quota_application', rows.map((q) => q.id.toString())),
    // the current application of each project (quota_project_idx); any other one is superseded
    newestQuotaPerProject(db, projectIds),
  ]);
  const current = new Map(newest.map((n) => [n.projectId, n.id]));
  const allowed = await allowedActionsFor(ctx, user, rows, ps);
  const today = shanghaiDate(ctx.clock.now());
  return rows.map((q) =>
    toDto(q, ps.find((x) => x.id === q.projectId), (id) => orgs.find((o) => o.id === id)?.name ?? '', attached.get(q.id.toString()), today, allowed.get(q.id) ?? [], current.get(q.projectId) !== q.id),
  );
}

function toDto(
  q: QuotaRow,
  p: ProjectSummary | undefined,
  orgName: (id: string) => string,
  attached: Map<string, FileRow[]> | undefined,
  today: string,
  allowedActions: QuotaAction[],
  superseded: boolean,
): TQuotaApplication {
  const kind = (k: 'license' | 'bid_notice' | 'deferral') => attached?.get(k) ?? [];
  const one = (k: 'license' | 'deferral') => {
    const f = kind(k)[0];
    return f ? toFileRef(f) : null;
  };
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
    licenseFile: one('license'),
    bidNoticeFiles: kind('bid_notice').map(toFileRef),
    deferralReason: q.deferralReason,
    deferralFile: one('deferral'),
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
    // 逾期: still awaiting the review that `approve` would take
    overdue: quotaWorkflow.can('approve', q.status as QuotaStatus) && today > q.dueOn,
    decidedAt: q.decidedAt?.toISOString() ?? null,
    updatedAt: q.updatedAt.toISOString(),
    allowedActions,
  };
}

/** The application, if the user may read it (`act`: take an action on it: its enterprise, the hrss of its remit). */
export async function loadScoped(ctx: QuotaContext, user: AuthUser, id: string, mode: ScopeMode = 'read'): Promise<QuotaRow> {
  const scope = await scopeOf(ctx.db, user, 'quota_application', mode);
  const q = await findQuotaApplication(ctx.db, parseQuotaId(id), scope);
  if (!q) throw notFound('定额申请');
  return q;
}

async function listCondition(ctx: QuotaContext, user: AuthUser, q: QuotaFilter) {
  const { db } = ctx;
  const scope = await scopeOf(db, user, 'quota_application');
  return quotaListCondition({
    scope,
    status: q.status,
    projectId: q.projectId ? BigInt(q.projectId) : undefined,
    projectIds: q.projectName || q.regionCode ? ctx.projects.projectIdsMatching(db, { name: q.projectName, regionCode: q.regionCode }) : undefined,
  });
}

/** What the regulation requires for this project at this contract amount, and why. */
export async function previewQuota(ctx: QuotaContext, user: AuthUser, input: { projectId: string; contractAmount: string }) {
  const p = await loadProject(ctx, user, input.projectId);
  const record = await recordFor(ctx, p);
  const { params } = await ctx.rules.paramsFor(p.regionCode, ctx.clock.now());
  const r = computeRequiredDeposit({ contractAmountFen: yuanToFen(input.contractAmount), params, record });
  return { requirement: requirementDto(r), record };
}

export async function getQuotaApplication(ctx: QuotaContext, user: AuthUser, id: string): Promise<TQuotaApplication> {
  return (await toDtos(ctx, user, [await loadScoped(ctx, user, id)]))[0]!;
}

export async function listQuotaApplications(ctx: QuotaContext, user: AuthUser, q: QuotaFilter & { queue?: string; page: number; pageSize: number }) {
  const { db } = ctx;
  const cond = await listCondition(ctx, user, q);
  if (!cond) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { rows, total } = await listQuotaPage(db, cond, { oldestFirst: !!q.queue, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function* iterateQuotaApplications(ctx: QuotaContext, user: AuthUser, q: QuotaFilter) {
  const cond = await listCondition(ctx, user, q);
  if (!cond) return;
  for (let offset = 0; ; offset += 500) {
    const rows = await quotaBatch(ctx.db, cond, 500, offset);
    if (rows.length === 0) return;
    yield await toDtos(ctx, user, rows);
    if (rows.length < 500) return;
  }
}
