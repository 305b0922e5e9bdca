import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { loginThrottle } from '../../db/schema/index';

export interface LockoutPolicy {
  threshold: number;
  lockMs: number;
}

/**
 * Reserves one password attempt for a phone before the hash runs. The reservation counts as a
 * failure until the password proves right, so N parallel wrong passwords lock after exactly
 * `threshold` counted failures: the rest find no attempt left. Returns the attempt's number, or
 * null when the phone is locked (or its last attempts are still being checked).
 */
export async function reserveAttempt(db: Db, phone: string, now: Date, policy: LockoutPolicy): Promise<number | null> {
  const result = (await db.execute(sql`
    insert into login_throttle (phone, failed_count, locked_until, updated_at)
    values (${phone}, 1, null, ${now})
    on conflict (phone) do update set
      failed_count = case when login_throttle.locked_until is not null then 1 else login_throttle.failed_count + 1 end,
      locked_until = null,
      updated_at = ${now}
    where (login_throttle.locked_until is null and login_throttle.failed_count < ${policy.threshold})
       or login_throttle.locked_until <= ${now}
    returning failed_count`)) as unknown as { rows: { failed_count: number }[] };
  const row = result.rows[0];
  return row ? Number(row.failed_count) : null;
}

export async function lockedUntil(db: Db, phone: string): Promise<Date | null> {
  const [row] = await db.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.phone, phone));
  return row?.lockedUntil ?? null;
}

export async function lock(tx: Tx, phone: string, until: Date): Promise<void> {
  await tx.update(loginThrottle).set({ lockedUntil: until, updatedAt: sql`now()` }).where(eq(loginThrottle.phone, phone));
}

/** A right password ends the run of consecutive failures. */
export async function clearFailures(tx: Tx, phone: string): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.phone, phone));
}

export async function failureState(db: Db, phone: string, now: Date): Promise<{ failed: number; lockedUntil: Date | null }> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.phone, phone));
  if (!row) return { failed: 0, lockedUntil: null };
  if (row.lockedUntil && row.lockedUntil <= now) return { failed: 0, lockedUntil: null };
  return { failed: row.failedCount, lockedUntil: row.lockedUntil };
}
