import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * After-commit events (docs/decisions/016): a command inserts one in its own transaction; a worker
 * claims it (locked_by / locked_until: a lease), runs its handlers and marks it delivered. Pending =
 * neither delivered nor dead; only the oldest pending event of an aggregate is ever claimed.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: ts('created_at').notNull(),
    /** not before: the next attempt after a failure (backoff) */
    availableAt: ts('available_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    deliveredAt: ts('delivered_at'),
    /** gave up after the last attempt; no longer holds back the aggregate's later events */
    deadAt: ts('dead_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_events_pending_idx').on(t.id).where(sql`${t.deliveredAt} IS NULL AND ${t.deadAt} IS NULL`),
    index('outbox_events_aggregate_pending_idx')
      .on(t.aggregateType, t.aggregateId, t.id)
      .where(sql`${t.deliveredAt} IS NULL AND ${t.deadAt} IS NULL`),
  ],
);

/** One row per handler that has done its work for an event: a redelivery skips that handler. */
export const outboxReceipts = pgTable(
  'outbox_receipts',
  {
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    handler: text('handler').notNull(),
    node: text('node').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ name: 'outbox_receipts_pk', columns: [t.eventId, t.handler] })],
);
