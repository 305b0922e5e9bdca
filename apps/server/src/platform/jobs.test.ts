import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobRuns } from '../db/schema/index';
import { createTestContext, type TestContext } from '../test/harness';
import { fixedClock } from './clock';
import { createScheduler, dueAt, type DailyJob, type JobLogger } from './jobs';

let ctx: TestContext;
beforeAll(async () => {
  // the app's own scheduler is on (checks every second): the last test sees it run the real jobs
  ctx = await createTestContext({ JOBS_ENABLED: 'true', JOBS_CHECK_SECONDS: '1' });
  // DDL as the owner: the app's own role may not create tables (docs/decisions/015); the owner's default
  // privileges give the app its rows
  await ctx.ownerQuery('create table job_probe (job text not null, run_date date not null)');
});
afterAll(() => ctx.close());

const quiet: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seq = 0;
/** A job that counts its runs in memory and leaves a row of its own, so a rolled-back run shows. */
function probe(at = '09:00', opts: { failTimes?: number; slowMs?: number } = {}) {
  const name = `probe.${++seq}`;
  const state = { calls: 0 };
  const job: DailyJob = {
    name,
    label: `测试任务${seq}`,
    at,
    async run({ tx, runDate }) {
      state.calls += 1;
      await tx.execute(sql`insert into job_probe (job, run_date) values (${name}, ${runDate})`);
      if (opts.slowMs) await sleep(opts.slowMs);
      if (state.calls <= (opts.failTimes ?? 0)) throw new Error(`第${state.calls}次故意失败`);
      return { summary: { call: state.calls } };
    },
  };
  return { job, state, name };
}

const runsOf = (job: string) => ctx.database.db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(jobRuns.runDate);
const probeRows = async (job: string) => (await ctx.database.query<{ run_date: string }>('select run_date::text from job_probe where job = $1 order by 1', [job])).rows;

describe('dueAt', () => {
  it('is the time of day in Beijing, whatever the UTC date', () => {
    // 2026-03-02 23:30 UTC is already 03-03 07:30 in Beijing: 03:00 that day was 19:00 UTC
    expect(dueAt('03:00', new Date('2026-03-02T23:30:00Z')).toISOString()).toBe('2026-03-02T19:00:00.000Z');
    expect(dueAt('00:00', new Date('2026-03-02T15:59:59Z')).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(() => dueAt('3:00', new Date())).toThrow();
  });
});

describe('a scheduler', () => {
  it('runs a due job once a Beijing day: again the same day it does nothing; the next day it runs again', async () => {
    const clock = fixedClock('2026-03-02T00:30:00Z'); // 08:30 in Beijing
    const p = probe('09:00');
    const s = createScheduler({ db: ctx.database.db, clock, jobs: [p.job], node: 'n1', log: quiet });
    expect(await s.check()).toEqual({ [p.name]: 'not-due' });
    clock.set('2026-03-02T01:00:00Z'); // 09:00
    expect(await s.check()).toEqual({ [p.name]: 'ran' });
    clock.advance(3_600_000);
    expect(await s.check()).toEqual({ [p.name]: 'done' });
    expect(await s.check()).toEqual({ [p.name]: 'done' });
    expect(p.state.calls).toBe(1);
    // 16:30 UTC on 03-02 is 00:30 on 03-03 in Beijing: a new day, but not yet 09:00
    clock.set('2026-03-02T16:30:00Z');
    expect(await s.check()).toEqual({ [p.name]: 'not-due' });
    clock.set('2026-03-03T01:00:00Z');
    expect(await s.check()).toEqual({ [p.name]: 'ran' });
    const runs = await runsOf(p.name);
    expect(runs.map((r) => [r.runDate, r.status, r.attempts, r.node])).toEqual([
      ['2026-03-02', 'ok', 1, 'n1'],
      ['2026-03-03', 'ok', 1, 'n1'],
    ]);
    expect(runs[0]!.summary).toEqual({ call: 1 });
    expect(await probeRows(p.name)).toEqual([{ run_date: '2026-03-02' }, { run_date: '2026-03-03' }]);
  });

  it('a later scheduler (another process, a restart) does not run it again that day', async () => {
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const p = probe('09:00');
    const first = createScheduler({ db: ctx.database.db, clock, jobs: [p.job], node: 'n1', log: quiet });
    expect((await first.check())[p.name]).toBe('ran');
    const second = createScheduler({ db: ctx.database.db, clock, jobs: [p.job], node: 'n2', log: quiet });
    expect((await second.check())[p.name]).toBe('done');
    expect(p.state.calls).toBe(1);
  });

  it('two schedulers checking at the same moment, 10 rounds over 5 days: exactly one run per job per day', async () => {
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const fast = probe('00:00');
    const slow = probe('09:00', { slowMs: 30 });
    const jobs = [fast.job, slow.job];
    const a = createScheduler({ db: ctx.database.db, clock, jobs, node: 'a', log: quiet });
    const b = createScheduler({ db: ctx.database.db, clock, jobs, node: 'b', log: quiet });
    const seen: string[] = [];
    for (let round = 0; round < 10; round++) {
      if (round > 0 && round % 2 === 0) clock.advance(86_400_000);
      const [ra, rb] = await Promise.all([a.check(), b.check()]);
      seen.push(ra[slow.name]!, rb[slow.name]!);
    }
    for (const p of [fast, slow]) {
      expect(p.state.calls, p.name).toBe(5);
      const runs = await runsOf(p.name);
      expect(runs.map((r) => r.runDate)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
      expect(runs.every((r) => r.status === 'ok' && r.attempts === 1)).toBe(true);
      expect((await probeRows(p.name)).length).toBe(5);
    }
    expect(seen.filter((r) => r === 'ran')).toHaveLength(5);
    expect(seen.every((r) => ['ran', 'busy', 'done'].includes(r))).toBe(true);
  });

  it('a failing job is recorded failed with its work rolled back, retried at the next check, at most 3 times a day', async () => {
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const bad = probe('09:00', { failTimes: 4 });
    const good = probe('09:00');
    const errors: unknown[] = [];
    const log: JobLogger = { ...quiet, error: (obj) => errors.push(obj) };
    // the failing job comes first: the one after it still runs
    const s = createScheduler({ db: ctx.database.db, clock, jobs: [bad.job, good.job], node: 'n1', log });
    expect(await s.check()).toEqual({ [bad.name]: 'failed', [good.name]: 'ran' });
    let [run] = await runsOf(bad.name);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, summary: { error: '第1次故意失败' } });
    expect(await probeRows(bad.name)).toEqual([]);
    expect(errors).toHaveLength(1);

    expect((await s.check())[bad.name]).toBe('failed');
    expect((await s.check())[bad.name]).toBe('failed');
    expect((await s.check())[bad.name]).toBe('gave-up');
    expect(bad.state.calls).toBe(3);
    [run] = await runsOf(bad.name);
    expect(run).toMatchObject({ status: 'failed', attempts: 3 });

    // the next day: a fourth failure, then it succeeds at the next check
    clock.advance(86_400_000);
    expect((await s.check())[bad.name]).toBe('failed');
    expect((await s.check())[bad.name]).toBe('ran');
    const runs = await runsOf(bad.name);
    expect(runs.map((r) => [r.runDate, r.status, r.attempts])).toEqual([
      ['2026-03-02', 'failed', 3],
      ['2026-03-03', 'ok', 2],
    ]);
    expect(await probeRows(bad.name)).toEqual([{ run_date: '2026-03-03' }]);
  });

  it('a check never throws: a database error becomes "error" in the result and the log', async () => {
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const errors: unknown[] = [];
    const brokenDb = {
      select: () => {
        throw new Error('connection terminated');
      },
    } as unknown as typeof ctx.database.db;
    const p = probe('00:00');
    const s = createScheduler({ db: brokenDb, clock, jobs: [p.job], node: 'n1', log: { ...quiet, error: (o) => errors.push(o) } });
    expect(await s.check()).toEqual({ [p.name]: 'error' });
    expect(errors).toHaveLength(1);
  });

  it('refuses two jobs of one name and a time that is not HH:MM at creation', () => {
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const p = probe();
    expect(() => createScheduler({ db: ctx.database.db, clock, jobs: [p.job, p.job], node: 'n', log: quiet })).toThrow(/two daily jobs/);
    expect(() => createScheduler({ db: ctx.database.db, clock, jobs: [{ ...p.job, at: '25:00' }], node: 'n', log: quiet })).toThrow(/HH:MM/);
    expect(() => createScheduler({ db: ctx.database.db, clock, jobs: [{ ...p.job, at: '9' }], node: 'n', log: quiet })).toThrow(/HH:MM/);
  });

  it('start() checks on a timer; stop() ends the timer and waits for a check in progress', async () => {
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const p = probe('00:00', { slowMs: 50 });
    const s = createScheduler({ db: ctx.database.db, clock, jobs: [p.job], node: 'n1', log: quiet, checkEveryMs: 20 });
    s.start();
    await vi.waitFor(() => expect(p.state.calls).toBe(1), { timeout: 5_000, interval: 10 });
    clock.advance(86_400_000);
    await s.stop();
    const calls = p.state.calls;
    await sleep(100);
    expect(p.state.calls).toBe(calls);
  });
});

describe('the app', () => {
  it('with JOBS_ENABLED runs its daily jobs shortly after start (10:00 in Beijing, all due), once', async () => {
    await vi.waitFor(
      async () => {
        const rows = await ctx.database.db
          .select({ job: jobRuns.job, status: jobRuns.status })
          .from(jobRuns)
          .where(and(eq(jobRuns.runDate, '2026-03-02'), sql`${jobRuns.job} not like 'probe.%'`))
          .orderBy(jobRuns.job);
        expect(rows).toEqual([
          { job: 'files.purge-orphans', status: 'ok' },
          { job: 'sessions.purge', status: 'ok' },
          // issue 15: 预警巡检 (ADR 037)
          { job: 'warnings.sweep', status: 'ok' },
        ]);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
