import { GUARANTEE_EXPIRING_DAYS, type GuaranteeStatus } from '@benxi/shared';
import { and, eq, gte, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { guarantees } from '../../db/schema/index';

/**
 * The guarantees register (docs/decisions/018, 023). The rules — when a number may be registered,
 * the Chinese messages — stay in register.ts and the 保函管理 queries; this is their SQL.
 */

export type GuaranteeRow = typeof guarantees.$inferSelect;
export type NewGuaranteeRow = typeof guarantees.$inferInsert;

/**
 * Registrations of one 保函号 commit one at a time: a transaction-scoped advisory lock on the number's
 * key (ADR 023). The in-force check after it reads what an earlier holder committed (read committed:
 * each statement takes a new snapshot), so of two registrations at once the second sees the first.
 */
export async function lockGuaranteeNumber(tx: Tx, numberKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`guarantees.number:${numberKey}`}, 0))`);
}

/** In force on `today`: not released, not claimed, 期限 not ended. */
export const inForceOn = (today: string): SQL => and(isNull(guarantees.releasedAt), isNull(guarantees.claimedAt), gte(guarantees.validTo, today))!;

/** Whether a register row with this number key is in force on `today` (guarantees_number_idx). */
export async function numberKeyInForce(tx: Tx, numberKey: string, today: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: guarantees.id })
    .from(guarantees)
    .where(and(eq(guarantees.numberKey, numberKey), inForceOn(today)))
    .limit(1);
  return !!row;
}

/** Inserts a row; undefined when its source already has one (guarantees_source_uq). */
export async function insertGuarantee(tx: Tx, values: Omit<NewGuaranteeRow, 'id'>): Promise<bigint | undefined> {
  const [row] = await tx
    .insert(guarantees)
    .values(values)
    .onConflictDoNothing({ target: [guarantees.sourceType, guarantees.sourceId] })
    .returning({ id: guarantees.id });
  return row?.id;
}

/** `today + 30 days` as a SQL date, from a YYYY-MM-DD parameter. */
const expiringLimit = (today: string) => sql`(${today}::date + ${GUARANTEE_EXPIRING_DAYS}::int)`;

/**
 * 状态 in SQL on `today` (the same rule as the shared guaranteeStatusOn): 已理赔, 已释放, then by
 * valid_to. A value of the register's select lists; never stored.
 */
export const statusSql = (today: string): SQL<GuaranteeStatus> => sql<GuaranteeStatus>`case
  when ${guarantees.claimedAt} is not null then 'claimed'
  when ${guarantees.releasedAt} is not null then 'released'
  when ${guarantees.validTo} < ${today}::date then 'expired'
  when ${guarantees.validTo} <= ${expiringLimit(today)} then 'expiring'
  else 'valid' end`;

/** The filter "状态 = s" on `today`, written so that each branch is a plain range on the columns. */
export function statusIs(status: GuaranteeStatus, today: string): SQL {
  const live = sql`${guarantees.claimedAt} is null and ${guarantees.releasedAt} is null`;
  switch (status) {
    case 'claimed':
      return sql`${guarantees.claimedAt} is not null`;
    case 'released':
      return sql`${guarantees.claimedAt} is null and ${guarantees.releasedAt} is not null`;
    case 'expired':
      return sql`${live} and ${guarantees.validTo} < ${today}::date`;
    case 'expiring':
      return sql`${live} and ${guarantees.validTo} >= ${today}::date and ${guarantees.validTo} <= ${expiringLimit(today)}`;
    case 'valid':
      return sql`${live} and ${guarantees.validTo} > ${expiringLimit(today)}`;
  }
}
