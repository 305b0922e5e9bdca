import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { jobRuns } from '../../db/schema/jobs';

/**
 * Maintenance's data (docs/decisions/018): the daily jobs' runs (written by platform/jobs.ts, read
 * here). The orphan clean-up's queries are the files module's (files/repository.ts), passed in its deps.
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
