import { and, count, eq, ilike, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { projects } from '../../db/schema/index';
import { PROJECT_STATUSES, type DepositStatus, type ProjectStatus } from '@benxi/shared';
import { escapeLike } from '../../platform/sql';
import type { ProjectScope } from '../../platform/scope';

/**
 * The projects table (docs/decisions/018): the project service's SQL — the list path's hand-written
 * statements (plain SQL for Database.query, docs/PERFORMANCE.md) and the Drizzle reads and writes —
 * and what the quota module reads and writes of a project (passed to it in its deps). Unit names are
 * the accounts' data (auth/repository.ts, passed in deps).
 */

export type ProjectRow = typeof projects.$inferSelect;

/** One project by id within `scope` (the caller's `scopeOf(…, 'project', mode)`). */
export async function findProject(tx: Tx, id: bigint, scope?: SQL): Promise<ProjectRow | undefined> {
  const [p] = await tx.select().from(projects).where(and(eq(projects.id, id), scope)).limit(1);
  return p;
}

const inScopeColumns = { enterprise_org_id: projects.enterpriseOrgId, hrss_org_id: projects.hrssOrgId, authority_org_id: projects.authorityOrgId } as const;

function buildInScope(db: Db, column: keyof typeof inScopeColumns | null) {
  const id = eq(projects.id, sql.placeholder('id'));
  const where = column ? and(id, sql`${inScopeColumns[column]} = any(${sql.placeholder('units')})`) : id;
  return db.select().from(projects).where(where).limit(1).prepare(`project_in_scope_${column ?? 'all'}`);
}
type InScope = ReturnType<typeof buildInScope>;
const inScopeQueries = new WeakMap<Db, Map<string, InScope>>();

/**
 * One project by id within a scope descriptor (platform/scope.ts `projectScopeOf`, the list's own), on
 * the database itself: the project detail. A prepared statement per scope column, built once per
 * database (building the query with drizzle was the largest part of the detail's CPU, and a named
 * statement is parsed once per connection).
 */
export async function findProjectInScope(db: Db, id: bigint, scope: ProjectScope): Promise<ProjectRow | undefined> {
  if (scope.kind === 'none') return undefined;
  const column = scope.kind === 'units' ? scope.column : null;
  let kept = inScopeQueries.get(db);
  if (!kept) inScopeQueries.set(db, (kept = new Map()));
  let q = kept.get(column ?? '');
  if (!q) kept.set(column ?? '', (q = buildInScope(db, column)));
  const [p] = await q.execute(scope.kind === 'units' ? { id: id.toString(), units: scope.ids } : { id: id.toString() });
  return p;
}

/**
 * The enterprise's other projects in the region, for its record (定额申请): how many are 在建
 * (`underConstruction`), and the earliest 合同签订日期 of any — in one statement. The earliest date
 * is taken per status from projects_enterprise_region_idx (enterprise, region, status,
 * contract_signed_on), first row of each: a plain min() over the enterprise's projects read every
 * one of them (9 ms for an enterprise with 6,000 projects, the largest share of the write path's
 * database time in bench/run.ts).
 */
export async function otherProjectsInRegion(
  tx: Tx,
  p: { id: bigint; enterpriseOrgId: string; regionCode: string },
  underConstruction: string,
): Promise<{ underConstruction: number; firstContractSignedOn: string | null }> {
  const mine = sql`${projects.enterpriseOrgId} = ${p.enterpriseOrgId} and ${projects.regionCode} = ${p.regionCode} and ${projects.id} <> ${p.id}`;
  const statuses = sql.join(PROJECT_STATUSES.map((st) => sql`(${st})`), sql`, `);
  const result = (await tx.execute(sql`
    select
      (select count(*)::int from ${projects} where ${mine} and ${projects.status} = ${underConstruction}) as n,
      (select min(f.d)::text from (values ${statuses}) s(status)
        cross join lateral (select ${projects.contractSignedOn} as d from ${projects} where ${mine} and ${projects.status} = s.status
                            order by ${projects.contractSignedOn} limit 1) f) as first`)) as unknown as { rows: { n: number; first: string | null }[] };
  const row = result.rows[0];
  return { underConstruction: row?.n ?? 0, firstContractSignedOn: row?.first ?? null };
}

export type ProjectSummaryRow = { id: bigint; name: string; regionCode: string; contractorName: string; status: string };

/** Name, region, contractor and status of the projects asked for (a page of 定额申请). */
export async function projectSummaries(tx: Tx, ids: bigint[]): Promise<ProjectSummaryRow[]> {
  return tx
    .select({ id: projects.id, name: projects.name, regionCode: projects.regionCode, contractorName: projects.contractorName, status: projects.status })
    .from(projects)
    .where(inArray(projects.id, ids));
}

/**
 * The ids of the projects whose name contains `name` and/or in `regionCode`, as a subquery (not
 * run here): the caller's list filters on it in one statement.
 */
export function projectIdsMatching(tx: Tx, q: { name?: string; regionCode?: string }) {
  const pc: SQL[] = [];
  if (q.name) pc.push(ilike(projects.name, `%${escapeLike(q.name)}%`));
  if (q.regionCode) pc.push(eq(projects.regionCode, q.regionCode));
  return tx.select({ id: projects.id }).from(projects).where(and(...pc));
}

/** 定额申请 submitted: the project's base data is locked at the contract amount applied for. */
export async function lockProjectBase(tx: Tx, id: bigint, contractAmountFen: bigint, at: Date): Promise<void> {
  await tx.update(projects).set({ baseLocked: true, contractAmountFen, updatedAt: at }).where(eq(projects.id, id));
}

// ——— the project service ———

export interface ProjectListQuery {
  name?: string;
  regionCode?: string;
  status?: ProjectStatus;
  depositStatus?: DepositStatus;
}


/** A statement in plain SQL with positional parameters, as the list path sends it (no query builder). */
export interface Statement {
  text: string;
  values: unknown[];
}

/** The WHERE clause of a project list: the user's scope and the filters, `$n` numbered from 1. */
export function listWhere(scope: ProjectScope, q: ProjectListQuery): Statement {
  const values: unknown[] = [];
  const where: string[] = [];
  const param = (v: unknown) => `$${values.push(v)}`;
  if (scope.kind === 'none') where.push('false');
  else if (scope.kind === 'units') {
    where.push(scope.ids.length === 1 ? `${scope.column} = ${param(scope.ids[0])}::uuid` : `${scope.column} = any(${param(scope.ids)}::uuid[])`);
  }
  if (q.name) where.push(`name_grams(name) @> query_grams(${param(q.name)})`, `name ilike ${param(`%${escapeLike(q.name)}%`)}`);
  if (q.regionCode) where.push(`region_code = ${param(q.regionCode)}`);
  if (q.status) where.push(`status = ${param(q.status)}`);
  if (q.depositStatus) where.push(`deposit_status = ${param(q.depositStatus)}`);
  return { text: where.length ? where.join(' and ') : 'true', values };
}

/**
 * The two statements of a list page: the page's rows — only the list's columns, from projects alone,
 * so the planner walks a (scope, created_at, id) index and stops after one page — and the total
 * (served by the narrow scope indexes). Hand-written: building them with drizzle and mapping its
 * rows was a quarter of the server's CPU on this path (docs/PERFORMANCE.md).
 */
// (ORDER BY names the table's columns: bare `created_at` / `id` would be the text output columns)
export function listStatements(scope: ProjectScope, q: ProjectListQuery, page: number, pageSize: number): { page: Statement; total: Statement } {
  const w = listWhere(scope, q);
  const n = w.values.length;
  return {
    page: {
      text:
        'select id::text as id, name, region_code, project_region_code, contract_amount_fen::text as amount_fen, status, deposit_status, contractor_name, ' +
        `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at ` +
        `from projects where ${w.text} order by projects.created_at desc, projects.id desc limit $${n + 1} offset $${n + 2}`,
      values: [...w.values, pageSize, (page - 1) * pageSize],
    },
    total: { text: `select count(*)::int as n from projects where ${w.text}`, values: w.values },
  };
}

export interface ListRow {
  id: string;
  name: string;
  region_code: string;
  project_region_code: string;
  amount_fen: string;
  status: string;
  deposit_status: string;
  contractor_name: string;
  created_at: string;
}

/**
 * A batch of the export's ids in plain SQL (the list's own filter), keyset on (created_at, id) after
 * `after`, newest first.
 */
export function exportIdsStatement(scope: ProjectScope, q: ProjectListQuery, batch: number, after: { createdAt: string; id: string } | null): Statement {
  const w = listWhere(scope, q);
  const n = w.values.length;
  return {
    text:
      `select id::text as id, created_at::text as created_at from projects where ${w.text}` +
      (after ? ` and (projects.created_at, projects.id) < ($${n + 2}::timestamptz, $${n + 3}::bigint)` : '') +
      ` order by projects.created_at desc, projects.id desc limit $${n + 1}`,
    values: after ? [...w.values, batch, after.createdAt, after.id] : [...w.values, batch],
  };
}

/** The full rows of the projects asked for (any order). */
export async function projectsByIds(tx: Tx, ids: bigint[]): Promise<ProjectRow[]> {
  return tx.select().from(projects).where(inArray(projects.id, ids));
}

export type NewProjectRow = typeof projects.$inferInsert;

export async function insertProject(tx: Tx, values: NewProjectRow): Promise<void> {
  await tx.insert(projects).values(values);
}

/**
 * 修改项目: one UPDATE; with `onlyIfUnlocked` (the patch touches base data) only while base data is
 * not locked, decided in the same statement. Returns how many rows it changed (0 = locked meanwhile).
 */
export async function updateProject(tx: Tx, id: bigint, set: Partial<NewProjectRow>, onlyIfUnlocked: boolean): Promise<number> {
  const updated = await tx
    .update(projects)
    .set(set)
    .where(onlyIfUnlocked ? and(eq(projects.id, id), eq(projects.baseLocked, false)) : eq(projects.id, id))
    .returning({ id: projects.id });
  return updated.length;
}

/** 工程进度 and the status derived from it. */
export async function updateProjectProgress(
  tx: Tx,
  id: bigint,
  set: { actualStart: string | null; expectedCompletion: string | null; actualCompletion: string | null; status: string; updatedAt: Date },
): Promise<void> {
  await tx.update(projects).set(set).where(eq(projects.id, id));
}

// ——— for the back office (admin, passed in its deps) ———

/** Audit log labels of projects: their names. */
export async function projectLabels(tx: Tx, ids: bigint[]): Promise<[string, string][]> {
  if (ids.length === 0) return [];
  const found = await tx.select({ id: projects.id, name: projects.name }).from(projects).where(inArray(projects.id, ids));
  return found.map((p) => [p.id.toString(), p.name]);
}

/** Whether any project uses a code of 行业主管类型 / 工程类型 / 项目种类 (such an entry can only be disabled). */
export async function projectUsesDictCode(tx: Tx, dictType: 'industry_type' | 'project_type' | 'project_category', code: string): Promise<boolean> {
  const col = dictType === 'industry_type' ? projects.industryType : dictType === 'project_type' ? projects.projectType : projects.category;
  const [hit] = await tx.select({ one: sql`1` }).from(projects).where(eq(col, code)).limit(1);
  return !!hit;
}

// ——— 清查 (issue 13, passed to the closure module in its deps) ———

/**
 * Completed projects (实际竣工日期 on or before `today`) whose deposit is still live (paid, deferred,
 * being paid or filed) and has no cancellation under way or done, within `scope` (a project scope
 * condition), oldest completion first.
 */
export async function completedWithLiveDeposit(
  tx: Tx,
  q: { scope: SQL; today: string; liveStates: readonly string[]; name?: string; regionCode?: string; limit: number; offset: number },
): Promise<{ rows: ProjectRow[]; total: number }> {
  const where = [q.scope, sql`${projects.actualCompletion} is not null`, sql`${projects.actualCompletion} <= ${q.today}`, inArray(projects.depositStatus, [...q.liveStates])];
  if (q.name) where.push(ilike(projects.name, `%${escapeLike(q.name)}%`));
  if (q.regionCode) where.push(eq(projects.regionCode, q.regionCode));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    tx.select().from(projects).where(cond).orderBy(projects.actualCompletion, projects.id).limit(q.limit).offset(q.offset),
    tx.select({ n: count() }).from(projects).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** 保证金动用 (SPEC §9): the projects within `scope` whose deposit is in one of `statuses`, by name, at most `limit`. */
export async function projectsWithDepositIn(tx: Tx, scope: SQL, statuses: readonly DepositStatus[], q: { name?: string; limit: number }): Promise<ProjectRow[]> {
  const where: SQL[] = [scope, inArray(projects.depositStatus, statuses as DepositStatus[])];
  if (q.name) where.push(ilike(projects.name, `%${escapeLike(q.name)}%`));
  return tx.select().from(projects).where(and(...where)).orderBy(projects.name).limit(q.limit);
}
