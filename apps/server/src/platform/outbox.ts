import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { outboxEvents, outboxReceipts } from '../db/schema/index';
import type { Clock } from './clock';
import type { JobLogger } from './jobs';

/**
 * After-commit events (docs/decisions/016-after-commit-events.md).
 *
 * A command calls `recordEvent(tx, …)` inside its own transaction: the event exists if and only if
 * the change committed. Every app process runs a worker (`createOutbox`) that claims due events with
 * `FOR UPDATE SKIP LOCKED` and a lease (`locked_until`), runs the handlers of the event's topic
 * outside any transaction, then marks it delivered. Guarantees:
 * - at least once: a process that dies holding a claim leaves it to the next worker once the lease
 *   has passed; a handler that throws is retried with exponential backoff;
 * - in order per object: only the oldest pending event of an aggregate (type + id) can be claimed,
 *   so a later event waits until the earlier one is delivered (or has given up, `dead_at`);
 * - no repeat of a side effect already done: each handler that finished leaves a receipt
 *   (event id + handler name) and a redelivery skips it. Two workers run the same event at once only
 *   if a handler outlives the lease (OUTBOX_LEASE_SECONDS, far above the SMS gateway's 10 s timeout).
 */

export interface OutboxEvent {
  id: number;
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** attempts before this one */
  attempts: number;
}

export interface OutboxHandlerContext {
  db: Db;
  now: Date;
  node: string;
  log: JobLogger;
}

export interface OutboxHandler {
  /** stable: the key of its receipts */
  name: string;
  topics: readonly string[];
  handle(event: OutboxEvent, ctx: OutboxHandlerContext): Promise<void>;
}

export interface NewEvent {
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  /**
   * Not delivered before this instant (default: at once). A later event of the same aggregate waits
   * behind it, so a delayed event should have an aggregate of its own (the held SMS of ADR 038).
   */
  availableAt?: Date;
}

/** Bumped by every recordEvent in this process: tells the worker that a write may have left it work. */
let recordedHere = 0;

/** Many events in one statement (the daily warnings sweep raising thousands at once, issue 15). */
export async function recordEvents(tx: Tx, now: Date, events: NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    const chunk = events.slice(i, i + 1000);
    await tx.insert(outboxEvents).values(chunk.map((event) => ({ ...event, createdAt: now, availableAt: event.availableAt ?? now })));
    recordedHere += chunk.length;
  }
}

/** Records an event in the command's transaction; it is delivered after that transaction commits. */
export async function recordEvent(tx: Tx, now: Date, event: NewEvent): Promise<void> {
  await tx.insert(outboxEvents).values({ ...event, createdAt: now, availableAt: event.availableAt ?? now });
  recordedHere++;
}

export interface OutboxOptions {
  db: Db;
  clock: Clock;
  /** who claims, stored in locked_by and in receipts */
  node: string;
  log: JobLogger;
  handlers: OutboxHandler[];
  /** how often an idle worker looks for due events (retries, other processes' commits) */
  pollMs?: number;
  leaseMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** wait before the n-th retry (n ≥ 1) */
  backoffMs?: (retry: number) => number;
  /** test only: waits after a claim and before the handlers (OUTBOX_TEST_PAUSE_MS) */
  pauseMs?: number;
}

export const OUTBOX_DEFAULTS = { pollMs: 1_000, leaseMs: 60_000, batchSize: 20, maxAttempts: 20 } as const;

/** 10 s, 20 s, 40 s … capped at one hour: 20 attempts span about 14 hours. */
export const defaultBackoffMs = (retry: number) => Math.min(10_000 * 2 ** (retry - 1), 3_600_000);

export interface DrainResult {
  delivered: number;
  failed: number;
}

const errorText = (err: unknown) => String((err as { message?: unknown })?.message ?? err).slice(0, 1000);

export function createOutbox(opts: OutboxOptions) {
  const { db, clock, node, log } = opts;
  const pollMs = opts.pollMs ?? OUTBOX_DEFAULTS.pollMs;
  const leaseMs = opts.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
  const batchSize = opts.batchSize ?? OUTBOX_DEFAULTS.batchSize;
  const maxAttempts = opts.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts;
  const backoffMs = opts.backoffMs ?? defaultBackoffMs;
  const byTopic = new Map<string, OutboxHandler[]>();
  const names = new Set<string>();
  for (const h of opts.handlers) {
    if (names.has(h.name)) throw new Error(`two outbox handlers named ${h.name}`);
    names.add(h.name);
    for (const t of h.topics) byTopic.set(t, [...(byTopic.get(t) ?? []), h]);
  }
  const topics = [...byTopic.keys()];
  const pending = (t: typeof outboxEvents) => and(isNull(t.deliveredAt), isNull(t.deadAt));

  /**
   * Claims up to `batchSize` due events, each the oldest pending one of its aggregate, for this node
   * until now + lease. Rows another worker is claiming right now are skipped, not waited for.
   */
  async function claim(now: Date): Promise<OutboxEvent[]> {
    if (topics.length === 0) return [];
    const due = db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(
        and(
          pending(outboxEvents),
          inArray(outboxEvents.topic, topics),
          lte(outboxEvents.availableAt, now),
          or(isNull(outboxEvents.lockedUntil), lte(outboxEvents.lockedUntil, now)),
          // the oldest pending event of its aggregate (outbox_events_aggregate_pending_idx)
          sql`not exists (select 1 from outbox_events prior where prior.aggregate_type = ${outboxEvents.aggregateType}
            and prior.aggregate_id = ${outboxEvents.aggregateId} and prior.id < ${outboxEvents.id}
            and prior.delivered_at is null and prior.dead_at is null)`,
        ),
      )
      .orderBy(asc(outboxEvents.id))
      .limit(batchSize)
      .for('update', { skipLocked: true, of: outboxEvents });
    const rows = await db
      .update(outboxEvents)
      .set({ lockedBy: node, lockedUntil: new Date(now.getTime() + leaseMs) })
      .where(inArray(outboxEvents.id, due))
      .returning();
    return rows
      .sort((a, b) => a.id - b.id)
      .map((r) => ({
        id: r.id,
        topic: r.topic,
        aggregateType: r.aggregateType,
        aggregateId: r.aggregateId,
        payload: r.payload as Record<string, unknown>,
        createdAt: r.createdAt,
        attempts: r.attempts,
      }));
  }

  const mine = (id: number) => and(eq(outboxEvents.id, id), eq(outboxEvents.lockedBy, node));

  async function deliver(event: OutboxEvent): Promise<'delivered' | 'failed' | 'dead'> {
    const now = clock.now();
    const ctx: OutboxHandlerContext = { db, now, node, log };
    try {
      for (const h of byTopic.get(event.topic) ?? []) {
        const done = await db
          .select({ at: outboxReceipts.at })
          .from(outboxReceipts)
          .where(and(eq(outboxReceipts.eventId, event.id), eq(outboxReceipts.handler, h.name)))
          .limit(1);
        if (done.length) continue;
        await h.handle(event, ctx);
        await db.insert(outboxReceipts).values({ eventId: event.id, handler: h.name, node, at: clock.now() }).onConflictDoNothing();
      }
    } catch (err) {
      const attempts = event.attempts + 1;
      const dead = attempts >= maxAttempts;
      await db
        .update(outboxEvents)
        .set({
          attempts,
          availableAt: new Date(now.getTime() + backoffMs(attempts)),
          lockedBy: null,
          lockedUntil: null,
          lastError: errorText(err),
          deadAt: dead ? now : null,
        })
        .where(mine(event.id));
      const info = { err, eventId: event.id, topic: event.topic, attempt: attempts };
      if (dead) log.error(info, `事件 ${event.topic} 投递失败 ${attempts} 次，已放弃`);
      else log.warn(info, `事件 ${event.topic} 投递失败，稍后重试`);
      return dead ? 'dead' : 'failed';
    }
    const marked = await db
      .update(outboxEvents)
      .set({ attempts: event.attempts + 1, deliveredAt: clock.now(), lockedBy: null, lockedUntil: null, lastError: null })
      .where(mine(event.id))
      .returning({ id: outboxEvents.id });
    if (marked.length === 0) log.warn({ eventId: event.id, topic: event.topic }, 'outbox: the lease ran out during delivery');
    return 'delivered';
  }

  let stopped = false;
  let wakeStop: () => void = () => {};
  const stopping = new Promise<void>((resolve) => (wakeStop = resolve));

  /** One claim and its deliveries; `settled` counts events that no longer hold back their object. */
  async function round(): Promise<DrainResult & { settled: number }> {
    const events = await claim(clock.now());
    const result = { delivered: 0, failed: 0, settled: 0 };
    if (events.length && opts.pauseMs) await Promise.race([new Promise((r) => setTimeout(r, opts.pauseMs)), stopping]);
    for (const [i, e] of events.entries()) {
      if (stopped) {
        // shutting down: hand the rest back at once instead of letting their lease run out
        const rest = events.slice(i).map((x) => x.id);
        await db
          .update(outboxEvents)
          .set({ lockedBy: null, lockedUntil: null })
          .where(and(inArray(outboxEvents.id, rest), eq(outboxEvents.lockedBy, node)));
        break;
      }
      const outcome = await deliver(e);
      if (outcome === 'delivered') result.delivered++;
      else result.failed++;
      if (outcome !== 'failed') result.settled++;
    }
    return result;
  }

  let inflight: Promise<DrainResult> | null = null;
  let again = false;

  /**
   * Delivers every event that is due now, round after round, until a claim finds none; never throws
   * (a failed round is logged and left to the next). Concurrent calls share the drain.
   */
  function drain(): Promise<DrainResult> {
    if (inflight) {
      again = true;
      return inflight;
    }
    inflight = (async () => {
      const total: DrainResult = { delivered: 0, failed: 0 };
      do {
        again = false;
        try {
          for (;;) {
            if (stopped) break;
            const r = await round();
            total.delivered += r.delivered;
            total.failed += r.failed;
            // nothing claimed, or only failures now backing off: this drain is done
            if (r.settled === 0) break;
          }
        } catch (err) {
          log.error({ err }, 'outbox: delivery round failed');
        }
      } while (again && !stopped);
      return total;
    })().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  let seen = recordedHere;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void drain().then(schedule), pollMs);
    timer.unref();
  };

  return {
    drain,
    /** After a write request: drains at once if this process has recorded an event since the last look. */
    kick() {
      if (stopped || recordedHere === seen) return;
      seen = recordedHere;
      void drain();
    },
    start() {
      if (timer || stopped) return;
      schedule();
    },
    /** Stops polling and waits for the delivery in progress, so the database can be closed after. */
    async stop() {
      stopped = true;
      wakeStop();
      clearTimeout(timer);
      await inflight?.catch(() => {});
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
