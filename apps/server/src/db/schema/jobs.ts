import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * One row per daily job per Beijing day (docs/decisions/012): written in the transaction that holds
 * the job's advisory lock, so a committed 'ok' means the day's run happened, exactly once.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    /** the Beijing calendar day the run is for */
    runDate: date('run_date').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull(),
    status: text('status').notNull(), // 'ok' | 'failed'
    /** attempts made that day (a failed run is retried at the next check, up to a limit) */
    attempts: integer('attempts').notNull().default(1),
    summary: jsonb('summary'),
    node: text('node').notNull(),
  },
  (t) => [
    uniqueIndex('job_runs_job_date_uq').on(t.job, t.runDate),
    index('job_runs_started_idx').on(t.startedAt),
    check('job_runs_status_ck', sql`${t.status} in ('ok', 'failed')`),
  ],
);
