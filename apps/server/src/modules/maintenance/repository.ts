import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { jobRuns } from '../../db/schema/index';
import { unattached } from '../files/repository';

/**
 * Maintenance's data (docs/decisions/018): the daily jobs' runs (written by platform/jobs.ts, read
 * here) and the orphan clean-up's queries on the files table.
 */

export type JobRunRow = typeof jobRuns.$inferSelect;

/** One page of runs, newest first, and the total. */
export async function listJobRuns(tx: Tx, q: { job?: string; status?: string; limit: number; offset: number }): Promise<{ rows: JobRunRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.job) where.push(eq(jobRuns.job, q.job));
  if (q.status) where.push(eq(jobRuns.status, q.status));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(jobRuns)
      .where(cond)
      .orderBy(desc(jobRuns.runDate), desc(jobRuns.startedAt), desc(jobRuns.id))
      .limit(q.limit)
      .offset(q.offset),
    tx.select({ n: count() }).from(jobRuns).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/*
 * ——— The files table (module files, not converted yet) ———
 * converted in a later pass: issue 10 item 4; these move to files/repository.ts.
 */

/** Every (table, column) whose foreign key points at files(id). */
export async function fileForeignKeys(tx: Tx): Promise<{ schema: string; table: string; column: string }[]> {
  const res = (await tx.execute(sql`
    select n.nspname as schema, cl.relname as "table", a.attname as "column", array_length(c.conkey, 1) as width
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'files'::regclass
    order by 2, 3`)) as unknown as { rows: { schema: string; table: string; column: string; width: number }[] };
  for (const r of res.rows) if (Number(r.width) !== 1) throw new Error(`multi-column foreign key to files on ${r.table}`);
  return res.rows.map(({ schema, table, column }) => ({ schema, table, column }));
}

/**
 * An orphan is a file with no attachment (ADR 019): attachments.file_id is the one column that holds
 * file ids (maintenance.test.ts fails if another appears). The same test is the upload cap's (files/service.ts).
 */
export async function unreferenced(_tx: Tx): Promise<SQL> {
  return unattached;
}

export interface OrphanFile {
  id: string;
  stored_path: string;
  size: number;
  original_name: string;
  owner_org_id: string;
}

/**
 * Deletes up to `limit` files created before `cutoff` that nothing references. Candidates are
 * locked `for update skip locked` (a file being attached holds `for key share` and is skipped), and
 * the DELETE checks the references again in a snapshot taken after the locks are held.
 * `more`: the batch was full.
 */
export async function deleteOrphanFiles(tx: Tx, cutoff: Date, limit: number): Promise<{ gone: OrphanFile[]; more: boolean }> {
  const free = await unreferenced(tx);
  const locked = (await tx.execute(sql`
    select f.id from files f
    where f.created_at < ${cutoff} and ${free}
    order by f.created_at, f.id
    limit ${limit}
    for update of f skip locked`)) as unknown as { rows: { id: string }[] };
  const ids = locked.rows.map((r) => r.id);
  if (ids.length === 0) return { gone: [], more: false };
  const deleted = (await tx.execute(sql`
    delete from files f
    where f.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and ${free}
    returning f.id, f.stored_path, f.size, f.original_name, f.owner_org_id`)) as unknown as { rows: OrphanFile[] };
  return { gone: deleted.rows, more: ids.length === limit };
}
