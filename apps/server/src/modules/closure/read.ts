import {
  cancellationWorkflow,
  deriveProjectStatus,
  FILEABLE_DEPOSIT_STATES,
  FILING_TYPE_LABEL,
  fenToYuan,
  filingWorkflow,
  PROJECT_COMPLETED,
  PUBLICITY_DAYS,
  returnWorkflow,
  type CancellationStatus,
  type DepositStatus,
  type FilingStatus,
  type ReturnKind,
  type ReturnStatus,
  type TAuditCheckItem,
  type TCancellation,
  type TFiling,
  type TProjectClosure,
  type TReturnConfirmation,
} from '@benxi/shared';
import type { Tx } from '../../db/client';
import { shanghaiDate } from '../../platform/clock';
import { notFound } from '../../platform/errors';
import { scopeOf, type ScopeMode, type ScopeUser } from '../../platform/scope';
import { toFileRef, type FileRow } from '../files/attachments';
import type { ProjectRow } from '../projects/repository';
import type { ClosureContext } from './context';
import {
  cancellationListCondition,
  filingListCondition,
  findCancellation,
  findFiling,
  findReturn,
  latestCancellationOfProject,
  latestFilingOfProject,
  listCancellationPage,
  listFilingPage,
  listReturnPage,
  documentNumbersOf,
  newestCancellationPerProject,
  newestFilingPerProject,
  returnsOfCancellations,
  type CancellationRow,
  type FilingRow,
  type ReturnRow,
} from './repository';

export type { CancellationRow, FilingRow, ReturnRow } from './repository';

export const parseId = (id: string, what: string): bigint => {
  try {
    return BigInt(id);
  } catch {
    throw notFound(what);
  }
};

/** Deposit states that are still live for 清查 (paid, deferred, being paid, filing, filed). */
export const LIVE_DEPOSIT_STATES = ['paying', 'paid', 'deferred', 'filing', 'filed'] as const satisfies readonly DepositStatus[];

export async function loadProject(ctx: ClosureContext, user: ScopeUser, projectId: string, mode: ScopeMode = 'read'): Promise<ProjectRow> {
  const p = await ctx.projects.findProject(ctx.db, parseId(projectId, '项目'), await scopeOf(ctx.db, user, 'project', mode));
  if (!p) throw notFound('项目');
  return p;
}

const today = (ctx: ClosureContext) => shanghaiDate(ctx.clock.now());
export const isCompleted = (p: ProjectRow, on: string) => deriveProjectStatus({ actualStart: p.actualStart, actualCompletion: p.actualCompletion }, on) === PROJECT_COMPLETED;
export const isFileable = (s: string) => (FILEABLE_DEPOSIT_STATES as readonly string[]).includes(s);

async function names(ctx: ClosureContext, tx: Tx, orgIds: string[], regionCodes: string[]) {
  const [orgs, regions] = await Promise.all([ctx.accounts.organizationsByIds(tx, [...new Set(orgIds)]), ctx.regions.regionNames(tx, [...new Set(regionCodes)])]);
  const org = new Map(orgs.map((o) => [o.id, o.name ?? '-']));
  return { org: (id: string) => org.get(id) ?? '-', region: (code: string) => regions.get(code) ?? code };
}

// ——— filings ———

async function projectsOf(ctx: ClosureContext, tx: Tx, ids: bigint[]) {
  const rows = ids.length ? await ctx.projects.projectsByIds(tx, [...new Set(ids)]) : [];
  return new Map(rows.map((p) => [p.id.toString(), p]));
}

export async function toFilingDtos(ctx: ClosureContext, user: ScopeUser, rows: FilingRow[], tx: Tx = ctx.db): Promise<TFiling[]> {
  if (rows.length === 0) return [];
  const projects = await projectsOf(ctx, tx, rows.map((r) => r.projectId));
  const n = await names(ctx, tx, rows.flatMap((r) => [r.enterpriseOrgId, r.hrssOrgId, r.authorityOrgId]), [...projects.values()].map((p) => p.regionCode));
  const on = today(ctx);
  const latest = await newestFilingPerProject(tx, [...new Set(rows.map((r) => r.projectId))]);
  return rows.map((r) => {
    const p = projects.get(r.projectId.toString());
    const owner = user.role === 'enterprise' && r.enterpriseOrgId === user.orgId;
    const holds = (c: 'owner' | 'fileable' | 'latest') => (c === 'owner' ? owner : c === 'latest' ? latest.get(r.projectId.toString()) === r.id : !!p && isFileable(p.depositStatus));
    return {
      id: r.id.toString(),
      projectId: r.projectId.toString(),
      projectName: p?.name ?? '-',
      typeLabel: FILING_TYPE_LABEL,
      status: r.status as FilingStatus,
      enterpriseName: n.org(r.enterpriseOrgId),
      authorityName: n.org(r.authorityOrgId),
      hrssName: n.org(r.hrssOrgId),
      regionName: p ? n.region(p.regionCode) : '-',
      depositFrom: r.depositFrom as DepositStatus,
      submittedAt: r.submittedAt.toISOString(),
      deadline: r.dueOn,
      overdue: r.status === 'pending' && r.dueOn < on,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      rejectReason: r.rejectReason,
      allowedActions: filingWorkflow.allowedActions(r.status as FilingStatus, user.role, holds).filter((a) => a !== 'submit'),
    };
  });
}

export async function loadFiling(ctx: ClosureContext, user: ScopeUser, id: string, mode: ScopeMode): Promise<FilingRow> {
  const r = await findFiling(ctx.db, parseId(id, '备案申请'), await scopeOf(ctx.db, user, 'filing', mode));
  if (!r) throw notFound('备案申请');
  return r;
}

export async function getFiling(ctx: ClosureContext, user: ScopeUser, id: string): Promise<TFiling> {
  return (await toFilingDtos(ctx, user, [await loadFiling(ctx, user, id, 'read')]))[0]!;
}

export interface ClosureFilter {
  projectName?: string;
  regionCode?: string;
  status?: string;
  projectId?: string;
  queue?: string;
}

const projectFilter = (ctx: ClosureContext, q: ClosureFilter) => (q.projectName || q.regionCode ? ctx.projects.projectIdsMatching(ctx.db, { name: q.projectName, regionCode: q.regionCode }) : undefined);

export async function listFilings(ctx: ClosureContext, user: ScopeUser, q: ClosureFilter & { page: number; pageSize: number }) {
  const queue = !!q.queue;
  const cond = filingListCondition({
    scope: await scopeOf(ctx.db, user, 'filing', queue ? 'act' : 'read'),
    status: queue ? 'pending' : q.status,
    projectId: q.projectId ? parseId(q.projectId, '项目') : undefined,
    projectIds: projectFilter(ctx, q),
  });
  const { rows, total } = await listFilingPage(ctx.db, cond, { oldestFirst: queue, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toFilingDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function* iterateFilings(ctx: ClosureContext, user: ScopeUser, q: ClosureFilter): AsyncIterable<TFiling[]> {
  for (let page = 1; ; page++) {
    const { items } = await listFilings(ctx, user, { ...q, page, pageSize: 500 });
    if (items.length) yield items;
    if (items.length < 500) return;
  }
}

// ——— cancellations ———

export interface Instrument {
  kindLabel: string;
  number: string;
  issuerName: string;
  amount: string;
}

export async function toCancellationDtos(ctx: ClosureContext, user: ScopeUser, rows: CancellationRow[], tx: Tx = ctx.db): Promise<TCancellation[]> {
  if (rows.length === 0) return [];
  const projects = await projectsOf(ctx, tx, rows.map((r) => r.projectId));
  const n = await names(ctx, tx, rows.flatMap((r) => [r.enterpriseOrgId, r.hrssOrgId, r.authorityOrgId]), [...projects.values()].map((p) => p.regionCode));
  const ids = rows.map((r) => r.id.toString());
  const [files, returns] = await Promise.all([ctx.attachments.filesOf(tx, 'cancellation', ids), returnsOfCancellations(tx, rows.map((r) => r.id), await scopeOf(tx, user, 'return_confirmation', 'read'))]);
  const returnDtos = await toReturnDtos(ctx, user, returns, tx);
  const newest = await newestCancellationPerProject(tx, [...new Set(rows.map((r) => r.projectId))]);
  const on = today(ctx);
  const out: TCancellation[] = [];
  for (const r of rows) {
    const p = projects.get(r.projectId.toString());
    const f = files.get(r.id.toString());
    const refs = (kind: string) => (f?.get(kind) ?? []).map((x: FileRow) => toFileRef(x));
    const owner = user.role === 'enterprise' && r.enterpriseOrgId === user.orgId;
    const latest = newest.get(r.projectId.toString()) === r.id;
    const holds = (c: 'owner' | 'completed' | 'latest') => (c === 'owner' ? owner : c === 'latest' ? latest : !!p && isCompleted(p, on));
    out.push({
      id: r.id.toString(),
      projectId: r.projectId.toString(),
      projectName: p?.name ?? '-',
      status: r.status as CancellationStatus,
      enterpriseName: p?.contractorName ?? n.org(r.enterpriseOrgId),
      creditCode: p?.contractorCreditCode ?? null,
      hrssName: n.org(r.hrssOrgId),
      authorityName: n.org(r.authorityOrgId),
      regionName: p ? n.region(p.regionCode) : '-',
      actualStart: r.actualStart,
      actualCompletion: r.actualCompletion,
      publicityStart: r.publicityStart,
      handlerName: r.handlerName,
      handlerPhone: r.handlerPhone,
      note: r.note,
      files: { acceptanceReport: refs('acceptance_report'), applicationForm: refs('application_form'), noArrearsPledge: refs('no_arrears_pledge'), others: refs('other') },
      submittedAt: r.submittedAt.toISOString(),
      deadline: r.dueOn,
      overdue: r.status === 'pending' && r.dueOn < on,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      rejectReason: r.rejectReason,
      documentNo: r.documentNo,
      instruments: r.instruments ? (JSON.parse(r.instruments) as Instrument[]) : [],
      returns: returnDtos.filter((x) => x.cancellationId === r.id.toString()),
      allowedActions: cancellationWorkflow.allowedActions(r.status as CancellationStatus, user.role, holds).filter((a) => a !== 'submit'),
    });
  }
  return out;
}

export async function loadCancellation(ctx: ClosureContext, user: ScopeUser, id: string, mode: ScopeMode): Promise<CancellationRow> {
  const r = await findCancellation(ctx.db, parseId(id, '注销申请'), await scopeOf(ctx.db, user, 'cancellation', mode));
  if (!r) throw notFound('注销申请');
  return r;
}

export async function getCancellation(ctx: ClosureContext, user: ScopeUser, id: string): Promise<TCancellation> {
  return (await toCancellationDtos(ctx, user, [await loadCancellation(ctx, user, id, 'read')]))[0]!;
}

export async function listCancellations(ctx: ClosureContext, user: ScopeUser, q: ClosureFilter & { page: number; pageSize: number }) {
  const queue = !!q.queue;
  const cond = cancellationListCondition({
    scope: await scopeOf(ctx.db, user, 'cancellation', queue ? 'act' : 'read'),
    status: queue ? 'pending' : q.status,
    projectId: q.projectId ? parseId(q.projectId, '项目') : undefined,
    projectIds: projectFilter(ctx, q),
  });
  const { rows, total } = await listCancellationPage(ctx.db, cond, { oldestFirst: queue, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toCancellationDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function* iterateCancellations(ctx: ClosureContext, user: ScopeUser, q: ClosureFilter): AsyncIterable<TCancellation[]> {
  for (let page = 1; ; page++) {
    const { items } = await listCancellations(ctx, user, { ...q, page, pageSize: 500 });
    if (items.length) yield items;
    if (items.length < 500) return;
  }
}

// ——— returns ———

export async function toReturnDtos(ctx: ClosureContext, user: ScopeUser, rows: ReturnRow[], tx: Tx = ctx.db): Promise<TReturnConfirmation[]> {
  if (rows.length === 0) return [];
  const projects = await projectsOf(ctx, tx, rows.map((r) => r.projectId));
  const n = await names(ctx, tx, rows.flatMap((r) => [r.enterpriseOrgId, r.bankOrgId]), []);
  const docs = await documentNumbersOf(tx, [...new Set(rows.map((r) => r.cancellationId))]);
  const on = today(ctx);
  return rows.map((r) => {
    const p = projects.get(r.projectId.toString());
    const mine = user.role === 'bank' && r.bankOrgId === user.orgId;
    return {
      id: r.id.toString(),
      cancellationId: r.cancellationId.toString(),
      projectId: r.projectId.toString(),
      projectName: p?.name ?? '-',
      enterpriseName: p?.contractorName ?? n.org(r.enterpriseOrgId),
      bankName: n.org(r.bankOrgId),
      kind: r.kind as ReturnKind,
      instruments: r.instruments,
      amount: fenToYuan(r.amountFen),
      status: r.status as ReturnStatus,
      documentNo: docs.get(r.cancellationId.toString()) ?? '-',
      issuedAt: r.issuedAt.toISOString(),
      deadline: r.dueOn,
      overdue: r.status === 'pending' && r.dueOn < on,
      returnedOn: r.returnedOn,
      principal: r.principalFen === null ? null : fenToYuan(r.principalFen),
      interest: r.interestFen === null ? null : fenToYuan(r.interestFen),
      originalReturned: r.originalReturned,
      allowedActions: returnWorkflow.allowedActions(r.status as ReturnStatus, user.role, () => mine),
    };
  });
}

export async function loadReturn(ctx: ClosureContext, user: ScopeUser, id: string, mode: ScopeMode): Promise<ReturnRow> {
  const r = await findReturn(ctx.db, parseId(id, '返还（销户）确认书'), await scopeOf(ctx.db, user, 'return_confirmation', mode));
  if (!r) throw notFound('返还（销户）确认书');
  return r;
}

export async function listReturns(ctx: ClosureContext, user: ScopeUser, q: { projectName?: string; status?: string; page: number; pageSize: number }) {
  const { rows, total } = await listReturnPage(ctx.db, {
    scope: await scopeOf(ctx.db, user, 'return_confirmation', 'read'),
    status: q.status,
    projectIds: q.projectName ? ctx.projects.projectIdsMatching(ctx.db, { name: q.projectName }) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await toReturnDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}

// ——— the project's panel and 清查 ———

export async function projectClosure(ctx: ClosureContext, user: ScopeUser, projectId: string): Promise<TProjectClosure> {
  const p = await loadProject(ctx, user, projectId);
  const [filingScope, cancellationScope] = await Promise.all([scopeOf(ctx.db, user, 'filing', 'read'), scopeOf(ctx.db, user, 'cancellation', 'read')]);
  const [f, c] = await Promise.all([latestFilingOfProject(ctx.db, p.id, filingScope), latestCancellationOfProject(ctx.db, p.id, cancellationScope)]);
  const on = today(ctx);
  const owner = user.role === 'enterprise' && p.enterpriseOrgId === user.orgId;
  const completed = isCompleted(p, on);
  const allowed: TProjectClosure['allowedActions'] = [];
  // 发起备案: the deposit 已缴纳 / 已缓缴 and no filing pending (a rejected one is corrected by a new one)
  if (owner && isFileable(p.depositStatus) && f?.status !== 'pending' && (filingWorkflow.actions.submit.roles as readonly string[]).includes(user.role)) allowed.push('file');
  // 保证金注销申请: 竣工 and the deposit 已备案
  if (owner && completed && p.depositStatus === 'filed' && c?.status !== 'pending' && (cancellationWorkflow.actions.submit.roles as readonly string[]).includes(user.role)) allowed.push('cancel');
  return {
    projectId: p.id.toString(),
    depositStatus: p.depositStatus as DepositStatus,
    completed,
    filing: f ? (await toFilingDtos(ctx, user, [f]))[0]! : null,
    cancellation: c ? (await toCancellationDtos(ctx, user, [c]))[0]! : null,
    allowedActions: allowed,
    publicityDays: PUBLICITY_DAYS,
  };
}

export async function auditCheckList(ctx: ClosureContext, user: ScopeUser, q: { projectName?: string; regionCode?: string; page: number; pageSize: number }) {
  const on = today(ctx);
  const { rows, total } = await ctx.projects.completedWithLiveDeposit(ctx.db, {
    scope: await scopeOf(ctx.db, user, 'project', 'read'),
    today: on,
    liveStates: LIVE_DEPOSIT_STATES,
    name: q.projectName,
    regionCode: q.regionCode,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const n = await names(ctx, ctx.db, [], rows.map((p) => p.regionCode));
  const items: TAuditCheckItem[] = rows.map((p) => ({
    projectId: p.id.toString(),
    projectName: p.name,
    enterpriseName: p.contractorName,
    regionName: n.region(p.regionCode),
    depositStatus: p.depositStatus as DepositStatus,
    actualCompletion: p.actualCompletion!,
    daysSinceCompletion: Math.round((Date.parse(on) - Date.parse(p.actualCompletion!)) / 86_400_000),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function* iterateAuditCheck(ctx: ClosureContext, user: ScopeUser, q: { projectName?: string; regionCode?: string }): AsyncIterable<TAuditCheckItem[]> {
  for (let page = 1; ; page++) {
    const { items } = await auditCheckList(ctx, user, { ...q, page, pageSize: 500 });
    if (items.length) yield items;
    if (items.length < 500) return;
  }
}
