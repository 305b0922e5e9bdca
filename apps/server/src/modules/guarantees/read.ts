import {
  isPayableDeposit,
  fenToYuan,
  guaranteeDaysLeft,
  OFFLINE_GUARANTEE_STATUSES,
  offlineGuaranteeWorkflow,
  type DepositStatus,
  type GuaranteeKind,
  type GuaranteeStatus,
  type OfflineGuaranteeCondition,
  type OfflineGuaranteeStatus,
  type OfflineInstrumentType,
  type TGuarantee,
  type TOfflineGuarantee,
  type TOfflineGuaranteeForm,
} from '@benxi/shared';
import type { Tx } from '../../db/client';
import { shanghaiDate } from '../../platform/clock';
import { notFound } from '../../platform/errors';
import { scopeOf, type ScopeMode } from '../../platform/scope';
import type { AuthUser } from '../../platform/sessions';
import { toFileRef } from '../files/attachments';
import type { ProjectRow } from '../projects/repository';
import type { GuaranteeContext } from './context';
import {
  findGuarantee,
  findOfflineGuarantee,
  guaranteeBatch,
  guaranteeListCondition,
  listGuaranteePage,
  listOfflinePage,
  offlineListCondition,
  offlineIdsWithin,
  offlineOfProject,
  type GuaranteeListRow,
  type OfflineGuaranteeRow,
} from './repository';

export type { OfflineGuaranteeRow } from './repository';

const parseId = (id: string, what: string): bigint => {
  if (!/^\d{1,19}$/.test(id)) throw notFound(what);
  const n = BigInt(id);
  if (n > 9223372036854775807n) throw notFound(what);
  return n;
};

/** The project, if the user may read it (`act`: change it — its enterprise). */
export async function loadProject(ctx: GuaranteeContext, user: AuthUser, projectId: string, mode: ScopeMode = 'read'): Promise<ProjectRow> {
  const p = await ctx.projects.findProject(ctx.db, parseId(projectId, '项目'), await scopeOf(ctx.db, user, 'project', mode));
  if (!p) throw notFound('项目');
  return p;
}

/** 保证金应缴金额: the project's approved 一般缴纳 / 缓缴 quota's 核定金额, or null when there is none. */
export async function requiredFenOf(ctx: GuaranteeContext, projectId: bigint, tx: Tx = ctx.db): Promise<bigint | null> {
  const q = await ctx.quotas.approvedQuotaOfProject(tx, projectId);
  if (!q || q.applyType === 'exempt') return null;
  return q.approvedFen;
}

/** The upload, if the user may read it (`act`: decide on it — the hrss of its remit). */
export async function loadOffline(ctx: GuaranteeContext, user: AuthUser, id: string, mode: ScopeMode = 'read'): Promise<OfflineGuaranteeRow> {
  const row = await findOfflineGuarantee(ctx.db, parseId(id, '保单保函'), await scopeOf(ctx.db, user, 'offline_guarantee', mode));
  if (!row) throw notFound('保单保函');
  return row;
}

/** DTOs of a page of uploads: projects, units and files in three queries, not three per row. */
export async function toOfflineDtos(ctx: GuaranteeContext, user: AuthUser, rows: OfflineGuaranteeRow[]): Promise<TOfflineGuarantee[]> {
  if (rows.length === 0) return [];
  const { db } = ctx;
  const [ps, orgs, files] = await Promise.all([
    ctx.projects.projectSummaries(db, [...new Set(rows.map((r) => r.projectId))]),
    ctx.accounts.organizationsByIds(db, [...new Set(rows.flatMap((r) => [r.enterpriseOrgId, r.hrssOrgId]))]),
    ctx.attachments.filesOf(db, 'offline_guarantee', rows.map((r) => r.id.toString())),
  ]);
  const today = shanghaiDate(ctx.clock.now());
  // the review (通过 / 退回) is the hrss of the remit's: decided by the act scope, so ask it once
  const mayAct = new Set<bigint>();
  if (rows.some((r) => offlineGuaranteeWorkflow.allowedActions(r.status as OfflineGuaranteeStatus, user.role).length > 0)) {
    for (const id of await offlineIdsWithin(db, rows.map((r) => r.id), await scopeOf(db, user, 'offline_guarantee', 'act'))) mayAct.add(id);
  }
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? '';
  return rows.map((r) => {
    const file = files.get(r.id.toString())?.get('letter')?.[0];
    const holds = (c: OfflineGuaranteeCondition) => (c === 'owner' ? r.enterpriseOrgId === user.orgId : false);
    const allowedActions = mayAct.has(r.id) ? offlineGuaranteeWorkflow.allowedActions(r.status as OfflineGuaranteeStatus, user.role, holds) : [];
    return {
      id: r.id.toString(),
      projectId: r.projectId.toString(),
      projectName: ps.find((p) => p.id === r.projectId)?.name ?? '',
      enterpriseName: orgName(r.enterpriseOrgId),
      hrssOrgName: orgName(r.hrssOrgId),
      status: r.status as OfflineGuaranteeStatus,
      instrumentType: r.instrumentType as OfflineInstrumentType,
      handlerName: r.handlerName,
      handlerPhone: r.handlerPhone,
      bankBrand: r.bankBrand,
      issuerOrgId: r.issuerOrgId,
      issuerName: r.issuerName,
      productName: r.productName,
      guaranteeNo: r.guaranteeNo,
      amount: fenToYuan(r.amountFen),
      fee: fenToYuan(r.feeFen),
      issuedOn: r.issuedOn,
      validFrom: r.validFrom,
      validTo: r.validTo,
      requiredAmount: fenToYuan(r.requiredFen),
      file: file ? toFileRef(file) : null,
      submittedAt: r.submittedAt.toISOString(),
      dueOn: r.dueOn,
      overdue: offlineGuaranteeWorkflow.can('approve', r.status as OfflineGuaranteeStatus) && today > r.dueOn,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      returnReason: r.returnReason,
      closedReason: r.closedReason,
      guaranteeId: r.guaranteeId?.toString() ?? null,
      allowedActions,
    };
  });
}

export async function getOfflineGuarantee(ctx: GuaranteeContext, user: AuthUser, id: string): Promise<TOfflineGuarantee> {
  return (await toOfflineDtos(ctx, user, [await loadOffline(ctx, user, id)]))[0]!;
}

export interface OfflineFilter {
  projectId?: string;
  projectName?: string;
  status?: OfflineGuaranteeStatus;
  queue?: '1';
}

/** 保单保函 list; `queue`: the hrss verification queue (待审核 of its remit, oldest first). */
export async function listOfflineGuarantees(ctx: GuaranteeContext, user: AuthUser, q: OfflineFilter & { page: number; pageSize: number }) {
  const { db } = ctx;
  const queue = q.queue === '1';
  const cond = offlineListCondition({
    scope: await scopeOf(db, user, 'offline_guarantee', queue ? 'act' : 'read'),
    status: queue ? offlineGuaranteeWorkflow.actions.approve.from[0] : q.status,
    projectId: q.projectId ? BigInt(q.projectId) : undefined,
    projectIds: q.projectName ? ctx.projects.projectIdsMatching(db, { name: q.projectName }) : undefined,
  });
  const { rows, total } = await listOfflinePage(db, cond, { oldestFirst: queue, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toOfflineDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}


/** What the 保单保函上传 modal needs: 投保人, 工程名称, the amount to cover, the issuers, and whether it may be used now. */
export async function offlineGuaranteeForm(ctx: GuaranteeContext, user: AuthUser, projectId: string): Promise<TOfflineGuaranteeForm> {
  const { db } = ctx;
  const p = await loadProject(ctx, user, projectId, 'act');
  const [enterprise, required, issuers, mine] = await Promise.all([
    ctx.accounts.findOrganization(db, p.enterpriseOrgId),
    requiredFenOf(ctx, p.id),
    ctx.accounts.enabledOrganizationsOfTypes(db, ['bank', 'insurer']),
    offlineOfProject(db, p.id, await scopeOf(db, user, 'offline_guarantee'), OFFLINE_GUARANTEE_STATUSES.filter((s) => s === 'pending' || s === 'returned')),
  ]);
  const chosen = [mine.find((r) => r.status === 'pending'), mine.find((r) => r.status === 'returned')].filter((r): r is OfflineGuaranteeRow => !!r);
  const dtos = await toOfflineDtos(ctx, user, chosen);
  const pending = dtos.find((d) => d.status === 'pending') ?? null;
  const lastReturned = dtos.find((d) => d.status === 'returned') ?? null;
  const deposit = p.depositStatus as DepositStatus;
  const reason =
    required === null
      ? '该项目尚无审核通过的一般缴纳（或缓缴）定额申请，不能上传保单保函'
      : !isPayableDeposit(deposit)
        ? '当前保证金状态不能办理缴纳'
        : pending
          ? '该项目已有待审核的保单保函，请等待人社部门审核'
          : null;
  return {
    projectId: p.id.toString(),
    projectName: p.name,
    enterpriseName: enterprise?.name ?? '',
    depositStatus: deposit,
    requiredAmount: required === null ? null : fenToYuan(required),
    issuers: issuers.map((o) => ({ id: o.id, name: o.name ?? '', type: o.type as 'bank' | 'insurer' })),
    mayUpload: reason === null,
    reason,
    pending,
    lastReturned,
  };
}

// ------------------------------------------------------------------------------------------------
// 保函管理

export interface GuaranteeFilter {
  number?: string;
  kind?: GuaranteeKind;
  status?: GuaranteeStatus;
  projectName?: string;
  projectId?: string;
}

async function toGuaranteeDtos(ctx: GuaranteeContext, rows: GuaranteeListRow[], today: string): Promise<TGuarantee[]> {
  if (rows.length === 0) return [];
  const { db } = ctx;
  const [ps, orgs, files] = await Promise.all([
    ctx.projects.projectSummaries(db, [...new Set(rows.map((r) => r.projectId))]),
    ctx.accounts.organizationsByIds(db, [...new Set(rows.map((r) => r.enterpriseOrgId))]),
    ctx.attachments.filesOf(db, 'guarantee', rows.map((r) => r.id.toString())),
  ]);
  return rows.map((r) => {
    const letter = files.get(r.id.toString())?.get('letter')?.[0];
    return {
      id: r.id.toString(),
      kind: r.kind as GuaranteeKind,
      number: r.number,
      projectId: r.projectId.toString(),
      projectName: ps.find((p) => p.id === r.projectId)?.name ?? '',
      enterpriseName: orgs.find((o) => o.id === r.enterpriseOrgId)?.name ?? '',
      issuerName: r.issuerName,
      amount: fenToYuan(r.amountFen),
      fee: r.feeFen === null ? null : fenToYuan(r.feeFen),
      issuedOn: r.issuedOn,
      validFrom: r.validFrom,
      validTo: r.validTo,
      status: r.status,
      daysLeft: guaranteeDaysLeft(r.validTo, today),
      releasedAt: r.releasedAt?.toISOString() ?? null,
      claimedAt: r.claimedAt?.toISOString() ?? null,
      claimedAmount: fenToYuan(r.claimedFen),
      sourceType: r.sourceType,
      sourceId: r.sourceId,
      letter: letter ? toFileRef(letter) : null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

async function guaranteeCondition(ctx: GuaranteeContext, user: AuthUser, q: GuaranteeFilter, today: string) {
  return guaranteeListCondition({
    scope: await scopeOf(ctx.db, user, 'guarantee'),
    today,
    number: q.number,
    kind: q.kind,
    status: q.status,
    projectId: q.projectId ? BigInt(q.projectId) : undefined,
    projectIds: q.projectName ? ctx.projects.projectIdsMatching(ctx.db, { name: q.projectName }) : undefined,
  });
}

/** 保函管理: the register's rows in the user's scope, newest first, 状态 on the platform's clock. */
export async function listGuarantees(ctx: GuaranteeContext, user: AuthUser, q: GuaranteeFilter & { page: number; pageSize: number }) {
  const today = shanghaiDate(ctx.clock.now());
  const cond = await guaranteeCondition(ctx, user, q, today);
  const { rows, total } = await listGuaranteePage(ctx.db, cond, today, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toGuaranteeDtos(ctx, rows, today), total, page: q.page, pageSize: q.pageSize };
}

export async function* iterateGuarantees(ctx: GuaranteeContext, user: AuthUser, q: GuaranteeFilter) {
  const today = shanghaiDate(ctx.clock.now());
  const cond = await guaranteeCondition(ctx, user, q, today);
  for (let offset = 0; ; offset += 500) {
    const rows = await guaranteeBatch(ctx.db, cond, today, 500, offset);
    if (rows.length === 0) return;
    yield await toGuaranteeDtos(ctx, rows, today);
    if (rows.length < 500) return;
  }
}

export async function getGuarantee(ctx: GuaranteeContext, user: AuthUser, id: string): Promise<TGuarantee> {
  const today = shanghaiDate(ctx.clock.now());
  const row = await findGuarantee(ctx.db, parseId(id, '保函'), await scopeOf(ctx.db, user, 'guarantee'), today);
  if (!row) throw notFound('保函');
  return (await toGuaranteeDtos(ctx, [row], today))[0]!;
}
