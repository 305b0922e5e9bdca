import { and, count, desc, eq, ilike, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { messages, smsRecords } from '../../db/schema/index';
import { escapeLike } from '../../platform/sql';

/** 消息中心 and 短信记录 (ADR 038). */

export type MessageRow = typeof messages.$inferSelect;
export type SmsRecordRow = typeof smsRecords.$inferSelect;

/** One message per user and dedupe key: a redelivered event inserts nothing. */
export async function insertMessages(tx: Tx, rows: Omit<typeof messages.$inferInsert, 'id' | 'readAt'>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await tx.insert(messages).values(rows).onConflictDoNothing({ target: [messages.userId, messages.dedupeKey] }).returning({ id: messages.id });
  return r.length;
}

export function messageCondition(userId: string, q: { unread?: boolean; kind?: string }): SQL {
  return and(eq(messages.userId, userId), q.unread === true ? isNull(messages.readAt) : q.unread === false ? isNotNull(messages.readAt) : undefined, q.kind ? eq(messages.kind, q.kind) : undefined)!;
}

export async function listMessagePage(tx: Tx, cond: SQL, page: { limit: number; offset: number }) {
  const [rows, [t]] = await Promise.all([
    tx.select().from(messages).where(cond).orderBy(desc(messages.createdAt), desc(messages.id)).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(messages).where(cond),
  ]);
  return { rows, total: t?.n ?? 0 };
}

export async function unreadCount(tx: Tx, userId: string): Promise<number> {
  const [t] = await tx.select({ n: count() }).from(messages).where(and(eq(messages.userId, userId), isNull(messages.readAt)));
  return t?.n ?? 0;
}

/** Marks the user's message read; false when it is not the user's (404). */
export async function markRead(tx: Tx, userId: string, id: bigint, at: Date): Promise<boolean> {
  const r = await tx
    .update(messages)
    .set({ readAt: sql`coalesce(${messages.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(messages.id, id), eq(messages.userId, userId)))
    .returning({ id: messages.id });
  return r.length > 0;
}

export async function markAllRead(tx: Tx, userId: string, at: Date): Promise<number> {
  const r = await tx
    .update(messages)
    .set({ readAt: at })
    .where(and(eq(messages.userId, userId), isNull(messages.readAt)))
    .returning({ id: messages.id });
  return r.length;
}

// ---------------------------------------------------------------------------------------------
// SMS records

/** A new record, or undefined when this warning already has one for this phone and day (≤ 1 a day). */
export async function insertSmsRecord(tx: Tx, row: Omit<typeof smsRecords.$inferInsert, 'id'>): Promise<bigint | undefined> {
  const [r] = await tx
    .insert(smsRecords)
    .values(row)
    .onConflictDoNothing({ target: [smsRecords.warningId, smsRecords.phone, smsRecords.sendOn], where: sql`warning_id is not null and status in ('queued', 'held', 'sent')` })
    .returning({ id: smsRecords.id });
  return r?.id;
}

export async function findSmsRecord(tx: Tx, id: bigint): Promise<SmsRecordRow | undefined> {
  const [r] = await tx.select().from(smsRecords).where(eq(smsRecords.id, id));
  return r;
}

/** Settles a queued or held record; false when it was settled already (a redelivery). */
export async function settleSmsRecord(tx: Tx, id: bigint, set: { status: 'sent' | 'failed' | 'skipped'; result: string | null; sentAt: Date | null }): Promise<boolean> {
  const r = await tx
    .update(smsRecords)
    .set(set)
    .where(and(eq(smsRecords.id, id), sql`${smsRecords.status} in ('queued', 'held')`))
    .returning({ id: smsRecords.id });
  return r.length > 0;
}

export function smsRecordCondition(q: { status?: string; phone?: string }): SQL | undefined {
  return and(q.status ? eq(smsRecords.status, q.status) : undefined, q.phone ? ilike(smsRecords.phone, `%${escapeLike(q.phone)}%`) : undefined);
}

export async function listSmsRecordPage(tx: Tx, cond: SQL | undefined, page: { limit: number; offset: number }) {
  const [rows, [t]] = await Promise.all([
    tx.select().from(smsRecords).where(cond).orderBy(desc(smsRecords.createdAt), desc(smsRecords.id)).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(smsRecords).where(cond),
  ]);
  return { rows, total: t?.n ?? 0 };
}
