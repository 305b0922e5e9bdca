import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxEvents, outboxReceipts } from '../db/schema/index';
import { createTestContext, type TestContext } from '../test/harness';
import { createOutbox, defaultBackoffMs, recordEvent, type OutboxEvent, type OutboxHandler, type OutboxOptions } from './outbox';

/**
 * The outbox on its own (docs/decisions/016), on the database the suite runs on: delivered after
 * commit and never after a rollback, retried with backoff, in order per object, a finished handler
 * not repeated, a live lease respected and an expired one taken over.
 */
let ctx: TestContext;
const silent = { info() {}, warn() {}, error(o: object, m: string) { if (process.env.OUTBOX_DEBUG) console.error(m, o); } };

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
beforeEach(async () => {
  // each test starts with no pending event (the app's own worker is off in tests)
  await ctx.database.db.delete(outboxEvents);
  await ctx.database.db.delete(outboxReceipts);
});

function outbox(handlers: OutboxHandler[], extra: Partial<OutboxOptions> = {}) {
  return createOutbox({ db: ctx.database.db, clock: ctx.clock, node: 'test-node', log: silent, handlers, ...extra });
}

/** A handler that records what it saw and fails while `failing(event)` says so. */
function recorder(name: string, topics: string[], failing: (e: OutboxEvent, calls: number) => boolean = () => false) {
  const seen: string[] = [];
  const calls = new Map<number, number>();
  const handler: OutboxHandler = {
    name,
    topics,
    async handle(e) {
      const n = (calls.get(e.id) ?? 0) + 1;
      calls.set(e.id, n);
      if (failing(e, n)) throw new Error(`网关暂不可用（第 ${n} 次）`);
      seen.push(`${e.aggregateId}:${(e.payload as { n: number }).n}`);
    },
  };
  return { handler, seen, calls };
}

async function record(aggregateId: string, n: number, topic = 't.changed') {
  await ctx.database.db.transaction((tx) => recordEvent(tx, ctx.clock.now(), { topic, aggregateType: 'thing', aggregateId, payload: { n } }));
}

const eventRows = () => ctx.database.db.select().from(outboxEvents).orderBy(outboxEvents.id);

describe('outbox', () => {
  it('delivers a committed event once; a rolled-back one never exists', async () => {
    const r = recorder('h', ['t.changed']);
    const box = outbox([r.handler]);
    await record('a', 1);
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await recordEvent(tx, ctx.clock.now(), { topic: 't.changed', aggregateType: 'thing', aggregateId: 'b', payload: { n: 1 } });
        throw new Error('the command failed after recording');
      }),
    ).rejects.toThrow('the command failed');
    expect(await box.drain()).toEqual({ delivered: 1, failed: 0 });
    expect(await box.drain()).toEqual({ delivered: 0, failed: 0 });
    expect(r.seen).toEqual(['a:1']);
    const [row] = await eventRows();
    expect(row).toMatchObject({ aggregateId: 'a', attempts: 1, lockedBy: null, lastError: null });
    expect(row!.deliveredAt).toEqual(ctx.clock.now());
  });

  it('a handler that throws is retried with growing backoff and finally delivered', async () => {
    const r = recorder('h', ['t.changed'], (_e, n) => n <= 2);
    const box = outbox([r.handler]);
    await record('a', 1);
    expect(await box.drain()).toEqual({ delivered: 0, failed: 1 });
    let [row] = await eventRows();
    expect(row).toMatchObject({ attempts: 1, deliveredAt: null, lockedBy: null, lastError: '网关暂不可用（第 1 次）' });
    expect(row!.availableAt.getTime() - ctx.clock.now().getTime()).toBe(defaultBackoffMs(1));

    // not before its time
    ctx.clock.advance(defaultBackoffMs(1) - 1);
    expect(await box.drain()).toEqual({ delivered: 0, failed: 0 });
    ctx.clock.advance(1);
    expect(await box.drain()).toEqual({ delivered: 0, failed: 1 });
    [row] = await eventRows();
    expect(row!.availableAt.getTime() - ctx.clock.now().getTime()).toBe(defaultBackoffMs(2));
    expect(defaultBackoffMs(2)).toBeGreaterThan(defaultBackoffMs(1));

    ctx.clock.advance(defaultBackoffMs(2));
    expect(await box.drain()).toEqual({ delivered: 1, failed: 0 });
    expect(r.seen).toEqual(['a:1']);
    [row] = await eventRows();
    expect(row).toMatchObject({ attempts: 3, lastError: null });
    expect(row!.deliveredAt).not.toBeNull();
  });

  it('keeps the order per object: a failing event holds back its object’s later events, not others', async () => {
    // a:1 fails once; everything else succeeds
    const r = recorder('h', ['t.changed'], (e, n) => e.aggregateId === 'a' && (e.payload as { n: number }).n === 1 && n === 1);
    const box = outbox([r.handler]);
    for (const [id, n] of [['a', 1], ['b', 1], ['a', 2], ['b', 2], ['a', 3]] as const) await record(id, n);
    await box.drain();
    expect(r.seen).toEqual(['b:1', 'b:2']);
    ctx.clock.advance(defaultBackoffMs(1));
    await box.drain();
    expect(r.seen).toEqual(['b:1', 'b:2', 'a:1', 'a:2', 'a:3']);
  });

  it('an event that has given up no longer holds back its object', async () => {
    const r = recorder('h', ['t.changed'], (e) => (e.payload as { n: number }).n === 1);
    const box = outbox([r.handler], { maxAttempts: 2, backoffMs: () => 1_000 });
    await record('a', 1);
    await record('a', 2);
    await box.drain();
    ctx.clock.advance(1_000);
    await box.drain();
    const rows = await eventRows();
    expect(rows[0]).toMatchObject({ attempts: 2, deliveredAt: null });
    expect(rows[0]!.deadAt).not.toBeNull();
    expect(r.seen).toEqual(['a:2']);
  });

  it('a redelivery does not repeat a handler that finished: receipts per event and handler', async () => {
    const first = recorder('first', ['t.changed']);
    // the second handler fails once: the event is retried, the first handler must not run again
    const second = recorder('second', ['t.changed'], (_e, n) => n === 1);
    const box = outbox([first.handler, second.handler]);
    await record('a', 1);
    await box.drain();
    ctx.clock.advance(defaultBackoffMs(1));
    await box.drain();
    expect(first.seen).toEqual(['a:1']);
    expect(second.seen).toEqual(['a:1']);
    // the same event delivered again (as after a lease ran out while its handler was finishing)
    await ctx.database.db.update(outboxEvents).set({ deliveredAt: null });
    expect(await box.drain()).toEqual({ delivered: 1, failed: 0 });
    expect([...first.calls.values(), ...second.calls.values()]).toEqual([1, 2]);
    const receipts = await ctx.database.db.select().from(outboxReceipts).orderBy(outboxReceipts.handler);
    expect(receipts.map((x) => [x.handler, x.node])).toEqual([
      ['first', 'test-node'],
      ['second', 'test-node'],
    ]);
  });

  it('a live claim of another process is left alone; an expired one is taken over', async () => {
    const r = recorder('h', ['t.changed']);
    const box = outbox([r.handler]);
    await record('a', 1);
    const lease = 60_000;
    await ctx.database.db
      .update(outboxEvents)
      .set({ lockedBy: 'crashed-node', lockedUntil: new Date(ctx.clock.now().getTime() + lease) });
    expect(await box.drain()).toEqual({ delivered: 0, failed: 0 });
    ctx.clock.advance(lease);
    expect(await box.drain()).toEqual({ delivered: 1, failed: 0 });
    expect(r.seen).toEqual(['a:1']);
  });

  it('an event whose topic no handler of this process knows waits for one that does', async () => {
    const r = recorder('h', ['t.changed']);
    await record('a', 1, 't.unknown');
    await record('a', 2);
    expect(await outbox([r.handler]).drain()).toEqual({ delivered: 0, failed: 0 });
    const later = recorder('u', ['t.unknown']);
    const both = outbox([r.handler, later.handler]);
    await both.drain();
    expect([...later.seen, ...r.seen]).toEqual(['a:1', 'a:2']);
  });

  it('two workers draining at once deliver every event exactly once', async () => {
    const counts = new Map<number, number>();
    const handler: OutboxHandler = {
      name: 'count',
      topics: ['t.changed'],
      async handle(e) {
        counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
      },
    };
    for (let i = 0; i < 30; i++) await record(`o${i % 7}`, i);
    const one = outbox([handler], { node: 'one', batchSize: 3 });
    const two = outbox([handler], { node: 'two', batchSize: 3 });
    await Promise.all([one.drain(), two.drain(), one.drain(), two.drain()]);
    await one.drain();
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const [left] = await ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outboxEvents)
      .where(eq(sql`${outboxEvents.deliveredAt} is null`, true));
    expect(left!.n).toBe(0);
  });
});
