import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { dashboardCountDeltas, dashboardCounts } from '../../db/schema/index';

/**
 * The 首页's aggregates (ADR 046): counts kept by the database's triggers (migration 0027), read by
 * summing the folded counts and the deltas not folded yet in ONE statement — one snapshot, so a figure
 * equals the exact count of its list at that moment — instead of counting a million projects.
 */

export type CountColumn = 'hrss_org_id' | 'authority_org_id';

export interface Counts {
  /** `source|dim` → rows */
  get(source: string, dim?: string): number;
  /** the sum over the dims starting with `prefix` of a source */
  sum(source: string, prefix?: string): number;
  /** delta rows read (the fold is due when they pile up) */
  deltas: number;
}

export async function countsWithin(tx: Tx, column: CountColumn | null, ids: string[]): Promise<Counts> {
  const col = column === 'hrss_org_id' ? sql.raw('hrss_org_id') : sql.raw('authority_org_id');
  const where = column === null ? sql`true` : sql`${col} = any(${`{${ids.join(',')}}`}::uuid[])`;
  const result = (await tx.execute(sql`
    select source, dim, sum(n)::text as n, sum(d)::int as deltas from (
      select source, dim, hrss_org_id, authority_org_id, n, 0 as d from ${dashboardCounts}
      union all
      select source, dim, hrss_org_id, authority_org_id, n, 1 as d from ${dashboardCountDeltas}
    ) x where ${where} group by source, dim`)) as unknown as { rows: { source: string; dim: string; n: string; deltas: number }[] };
  const by = new Map<string, number>();
  let deltas = 0;
  for (const r of result.rows) {
    by.set(`${r.source}|${r.dim}`, Number(r.n));
    deltas += r.deltas;
  }
  return {
    get: (source, dim = '') => by.get(`${source}|${dim}`) ?? 0,
    sum: (source, prefix = '') => {
      let n = 0;
      for (const [k, v] of by) if (k.startsWith(`${source}|${prefix}`)) n += v;
      return n;
    },
    deltas,
  };
}

/**
 * Folds the deltas into the counts in one statement. Two folds at once are safe: the second's DELETE
 * waits for the first's rows and skips those it removed. Returns the delta rows folded.
 */
export async function foldCounts(tx: Tx): Promise<number> {
  const result = (await tx.execute(sql`
    with d as (delete from ${dashboardCountDeltas} returning source, dim, hrss_org_id, authority_org_id, n),
    f as (
      insert into ${dashboardCounts} (source, dim, hrss_org_id, authority_org_id, n)
      select source, dim, hrss_org_id, authority_org_id, sum(n) from d group by 1, 2, 3, 4
      on conflict (source, dim, hrss_org_id, authority_org_id) do update set n = ${dashboardCounts}.n + excluded.n
      returning 1
    )
    select (select count(*) from d)::int as folded, (select count(*) from f)::int as groups`)) as unknown as { rows: { folded: number }[] };
  return result.rows[0]?.folded ?? 0;
}
