import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { jobRuns } from '../db/schema/index';
import { shanghaiDate, startOfShanghaiDay, type Clock } from './clock';

/**
 * Daily jobs that run once a Beijing day across every app process (docs/decisions/012-daily-jobs.md).
 *
 * Each process checks every `checkEveryMs` whether a job is due (its time of day has passed in
 * Asia/Shanghai) and has no settled run for the day. The run itself is one transaction that:
 * takes `pg_try_advisory_xact_lock(ns, key(job))` — another process holding it means "busy, skip";
 * re-reads today's `job_runs` row under the lock; runs the job's work in a savepoint; writes the
 * run's row (UNIQUE job + run_date) and commits. The work and its record commit together, so a
 * committed 'ok' row is proof the day's work was done exactly once; a crash mid-run rolls both back
 * and the lock is released with the connection. A failed run is recorded 'failed' (its work rolled
 * back) and retried at later checks, `maxAttempts` times a day at most.
 */

export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobContext {
  /** the run's transaction: use only this (on PGlite the database itself waits for it to end) */
  tx: Tx;
  now: Date;
  /** the Beijing day the run is for, YYYY-MM-DD */
  runDate: string;
  log: JobLogger;
}

export interface JobOutcome {
  /** what the run did, stored in job_runs.summary and shown to the operator */
  summary: Record<string, unknown>;
  /** work outside the database (deleting files) once the transaction has committed; errors are logged */
  afterCommit?: () => Promise<void>;
}

export interface DailyJob {
  name: string;
  /** 中文 name for the operator */
  label: string;
  /** Beijing time of day, HH:MM */
  at: string;
  run(ctx: JobContext): Promise<JobOutcome>;
}

export type CheckResult =
  | 'ran' // ran and recorded 'ok'
  | 'failed' // ran, threw, recorded 'failed' (retried at a later check)
  | 'not-due' // its time today has not come
  | 'done' // today's run is already recorded 'ok'
  | 'gave-up' // failed maxAttempts times today; next chance tomorrow
  | 'busy' // another process (or check) holds the job's lock right now
  | 'error'; // the check itself failed (database unreachable …); logged, tried again next time

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  jobs: DailyJob[];
  /** who ran it, stored in job_runs.node */
  node: string;
  log: JobLogger;
  checkEveryMs?: number;
  /** one time of day for every job instead of their own (JOBS_DAILY_AT) */
  atOverride?: string;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
/** First half of the two-int advisory lock key: "daily jobs" (the migration lock uses the bigint form). */
const LOCK_NAMESPACE = 772012;

/** The job's half of the lock key: stable across processes and versions (not hashtext). */
export function jobLockKey(name: string): number {
  return crypto.createHash('sha256').update(name).digest().readInt32BE(0);
}

/** The instant a job becomes due on the Beijing day of `now`. */
export function dueAt(at: string, now: Date): Date {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!m) throw new Error(`daily job time must be HH:MM, got ${at}`);
  return new Date(startOfShanghaiDay(now).getTime() + (Number(m[1]) * 60 + Number(m[2])) * 60_000);
}

const errorSummary = (err: unknown) => {
  const e = err as { message?: unknown; code?: unknown };
  return { error: String(e?.message ?? err).slice(0, 500), ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
};

export function createScheduler(opts: SchedulerOptions) {
  const { db, clock, jobs, node, log } = opts;
  const checkEveryMs = opts.checkEveryMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const names = new Set<string>();
  for (const j of jobs) {
    if (names.has(j.name)) throw new Error(`two daily jobs named ${j.name}`);
    names.add(j.name);
    dueAt(opts.atOverride ?? j.at, new Date(0)); // a bad time fails at start, not at 3 a.m.
  }

  type Prior = { status: string; attempts: number } | undefined;
  const settled = (r: Prior): CheckResult | null =>
    r?.status === 'ok' ? 'done' : r && r.attempts >= maxAttempts ? 'gave-up' : null;
  const today = (tx: Tx, job: string, runDate: string) =>
    tx
      .select({ status: jobRuns.status, attempts: jobRuns.attempts })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job), eq(jobRuns.runDate, runDate)))
      .limit(1);

  async function checkJob(job: DailyJob): Promise<CheckResult> {
    const now = clock.now();
    const runDate = shanghaiDate(now);
    if (now < dueAt(opts.atOverride ?? job.at, now)) return 'not-due';
    // most checks end here, without a transaction
    const seen = settled((await today(db, job.name, runDate))[0]);
    if (seen) return seen;

    let afterCommit: (() => Promise<void>) | undefined;
    const result = await db.transaction(async (tx): Promise<CheckResult> => {
      const res = (await tx.execute(
        sql`select pg_try_advisory_xact_lock(${LOCK_NAMESPACE}::int4, ${jobLockKey(job.name)}::int4) as locked`,
      )) as unknown as { rows: { locked: boolean }[] };
      if (!res.rows[0]?.locked) return 'busy';
      // under the lock: whoever held it before us has committed, and this read sees it
      const [prior] = await today(tx, job.name, runDate);
      const already = settled(prior);
      if (already) return already;

      const startedAt = clock.now();
      let outcome: JobOutcome | undefined;
      let failure: unknown;
      try {
        outcome = await tx.transaction((inner) => job.run({ tx: inner, now: startedAt, runDate, log }));
      } catch (err) {
        failure = err;
      }
      const row = {
        startedAt,
        finishedAt: clock.now(),
        status: failure ? 'failed' : 'ok',
        attempts: (prior?.attempts ?? 0) + 1,
        summary: failure ? errorSummary(failure) : outcome!.summary,
        node,
      };
      const written = await tx
        .insert(jobRuns)
        .values({ job: job.name, runDate, ...row })
        .onConflictDoUpdate({ target: [jobRuns.job, jobRuns.runDate], set: row, where: sql`${jobRuns.status} <> 'ok'` })
        .returning({ id: jobRuns.id });
      // the unique row is the last word: if today's 'ok' exists after all, this run's work rolls back
      if (written.length === 0) throw new Error(`job ${job.name} already recorded for ${runDate}`);
      if (failure) {
        log.error({ err: failure, job: job.name, runDate, attempt: row.attempts }, `daily job ${job.label} failed`);
        return 'failed';
      }
      afterCommit = outcome!.afterCommit;
      log.info({ job: job.name, runDate, summary: row.summary }, `daily job ${job.label} done`);
      return 'ran';
    });
    if (afterCommit) {
      try {
        await afterCommit();
      } catch (err) {
        log.warn({ err, job: job.name }, `daily job ${job.label}: clean-up after commit failed`);
      }
    }
    return result;
  }

  let inflight: Promise<Record<string, CheckResult>> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  /** One pass over every job, one after another; never throws. Concurrent calls share the pass. */
  function check(): Promise<Record<string, CheckResult>> {
    inflight ??= (async () => {
      const results: Record<string, CheckResult> = {};
      for (const job of jobs) {
        if (stopped) break;
        try {
          results[job.name] = await checkJob(job);
        } catch (err) {
          results[job.name] = 'error';
          log.error({ err, job: job.name }, `daily job ${job.label}: check failed`);
        }
      }
      return results;
    })().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void check().then(() => schedule(checkEveryMs));
    }, ms);
    timer.unref();
  };

  return {
    jobs,
    check,
    /** The first check comes shortly after start (never delaying it), then every `checkEveryMs`. */
    start() {
      if (timer || stopped) return;
      schedule(Math.min(checkEveryMs, 5_000));
    },
    /** Stops the timer and waits for a check in progress, so the database can be closed after. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inflight?.catch(() => {});
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
