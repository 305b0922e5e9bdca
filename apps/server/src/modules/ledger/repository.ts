import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { ledgerDirty, ledgerKeys } from '../../db/schema/index';
import type { ProjectScope } from '../../platform/scope';
import { escapeLike } from '../../platform/sql';

/**
 * The 台账's stored keys (ADR 044, migration 0028): one row per project with a ledger entry, recomputed
 * by the service (the composition of ADR 043) for the projects the triggers put in ledger_dirty and for
 * the rows whose balance changes by itself (stale_on). The list counts, pages and sums here; the
 * 月度统计 is one GROUP BY.
 */
export interface LedgerKeyRow {
  projectId: bigint;
  hrssOrgId: string;
  authorityOrgId: string;
  enterpriseOrgId: string;
  regionCode: string;
  depositStatus: string;
  name: string;
  contractorName: string;
  projectCreatedAt: Date;
  way: string;
  settledOn: string;
  settledFen: bigint;
  balanceFen: bigint;
  staleOn: string | null;
}

export interface KeyFilter {
  name?: string;
  regionCode?: string;
  depositStatus?: string;
  way?: string;
  month?: string;
}

/** what a list row takes from the keys (the rest comes from the composition) */
export interface KeyListRow {
  projectId: string;
  regionCode: string;
  depositStatus: string;
  name: string;
  contractorName: string;
  /** as TProject.createdAt */
  createdAt: string;
  /** the keyset's exact value */
  createdAtKey: string;
}
const KEY_COLS = sql.raw(`project_id::text as "projectId", region_code as "regionCode", deposit_status as "depositStatus", name, contractor_name as "contractorName", to_char(project_created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt", project_created_at::text as "createdAtKey"`);

const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** The projects to recompute (one refresher at a time: the advisory lock), taken out of ledger_dirty. */
export async function takeDue(tx: Tx, today: string): Promise<bigint[]> {
  await tx.execute(sql`select pg_advisory_xact_lock(440440)`);
  const dirty = rows<{ id: string }>(await tx.execute(sql`delete from ${ledgerDirty} returning project_id::text as id`));
  const stale = rows<{ id: string }>(await tx.execute(sql`select project_id::text as id from ${ledgerKeys} where stale_on is not null and stale_on <= ${today}::date`));
  return [...new Set([...dirty, ...stale].map((r) => r.id))].map((x) => BigInt(x));
}

export async function writeKeys(tx: Tx, ids: bigint[], keys: LedgerKeyRow[]): Promise<void> {
  if (ids.length) await tx.execute(sql`delete from ${ledgerKeys} where project_id = any(${`{${ids.join(',')}}`}::bigint[])`);
  if (keys.length) await tx.insert(ledgerKeys).values(keys);
}

function where(scope: ProjectScope, f: KeyFilter): SQL {
  const parts: SQL[] = [];
  if (scope.kind === 'none') parts.push(sql`false`);
  else if (scope.kind === 'units') parts.push(sql`${sql.raw(scope.column)} = any(${`{${scope.ids.join(',')}}`}::uuid[])`);
  if (f.name) parts.push(sql`name ilike ${`%${escapeLike(f.name)}%`}`);
  if (f.regionCode) parts.push(sql`region_code = ${f.regionCode}`);
  if (f.depositStatus) parts.push(sql`deposit_status = ${f.depositStatus}`);
  if (f.way) parts.push(sql`way = ${f.way}`);
  if (f.month) parts.push(sql`settled_on >= ${`${f.month}-01`}::date and settled_on < (${`${f.month}-01`}::date + interval '1 month')`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** One page of the list (the projects list's order, newest first), its count and its sums, in the database. */
export async function keyPage(tx: Tx, scope: ProjectScope, f: KeyFilter, page: number, pageSize: number) {
  const w = where(scope, f);
  const [ids, [sums]] = await Promise.all([
    tx.execute(sql`select ${KEY_COLS} from ${ledgerKeys} where ${w} order by project_created_at desc, project_id desc limit ${pageSize} offset ${(page - 1) * pageSize}`).then((r) => rows<KeyListRow>(r)),
    tx.execute(sql`select count(*)::int as n, coalesce(sum(settled_fen), 0)::text as settled, coalesce(sum(balance_fen), 0)::text as balance from ${ledgerKeys} where ${w}`).then((r) => rows<{ n: number; settled: string; balance: string }>(r)),
  ]);
  return { keys: ids, total: sums!.n, settledFen: BigInt(sums!.settled), balanceFen: BigInt(sums!.balance) };
}

/** A batch of the list's ids after `after` (keyset on the list's order), for the export. */
export async function keyBatch(tx: Tx, scope: ProjectScope, f: KeyFilter, batch: number, after: { createdAtKey: string; projectId: string } | null): Promise<KeyListRow[]> {
  const w = where(scope, f);
  const k = after ? sql` and (project_created_at, project_id) < (${after.createdAtKey}::timestamptz, ${after.projectId}::bigint)` : sql``;
  return rows<KeyListRow>(
    await tx.execute(sql`select ${KEY_COLS} from ${ledgerKeys} where ${w}${k} order by project_created_at desc, project_id desc limit ${batch}`),
  );
}

/** 月度统计: month × region × way of the deposits settled in the year. */
export async function keyStats(tx: Tx, scope: ProjectScope, regionCode: string | undefined, year: number) {
  const w = where(scope, { regionCode });
  return rows<{ month: string; regionCode: string; way: string; count: number; fen: string }>(
    await tx.execute(sql`
      select to_char(settled_on, 'YYYY-MM') as month, region_code as "regionCode", way, count(*)::int as count, sum(settled_fen)::text as fen
      from ${ledgerKeys} where ${w} and settled_on >= ${`${year}-01-01`}::date and settled_on < ${`${year + 1}-01-01`}::date
      group by 1, 2, 3`),
  );
}
