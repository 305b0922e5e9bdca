import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, usingPostgres, type TestContext } from '../test/harness';

/** The background lane (refreshes of cached totals): one statement at a time, never parallel workers. */
describe.runIf(usingPostgres())('background queries', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  it('run without parallel workers, on a connection of their own, one at a time', async () => {
    const db = ctx.database;
    expect((await db.backgroundQuery<{ v: string }>('select current_setting($1) as v', ['max_parallel_workers_per_gather'])).rows[0]!.v).toBe('0');
    expect((await db.query<{ v: string }>('select current_setting($1) as v', ['max_parallel_workers_per_gather'])).rows[0]!.v).not.toBe('0');
    const ended: number[] = [];
    await Promise.all(
      [0, 1, 2].map(async (i) => {
        await db.backgroundQuery('select pg_sleep(0.05)');
        ended[i] = Date.now();
      }),
    );
    const sorted = [...ended].sort((a, b) => a - b);
    expect(sorted[2]! - sorted[0]!).toBeGreaterThanOrEqual(90); // serialised: ~50 ms apart each
  });

  it('opens a new connection after its own was cut', async () => {
    const db = ctx.database;
    await db.backgroundQuery('select 1');
    await db.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bx-background' and datname = current_database()`);
    await new Promise((r) => setTimeout(r, 100));
    await db.backgroundQuery('select 1').catch(() => {}); // may be the one that notices
    expect((await db.backgroundQuery<{ n: number }>('select 41 + 1 as n')).rows[0]!.n).toBe(42);
  });
});
