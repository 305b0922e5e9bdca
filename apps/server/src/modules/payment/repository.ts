import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { bankOffers, paymentAttempts } from '../../db/schema/index';

/**
 * The payment_attempts table (ADR 022). The rules (which deposit states allow a payment, the switch
 * confirmation, the 409s, the audit rows) stay in attempts.ts.
 */

export type PaymentAttemptRow = typeof paymentAttempts.$inferSelect;

/** The project's open attempt, if any. */
export async function findOpenAttempt(tx: Tx, projectId: bigint): Promise<PaymentAttemptRow | undefined> {
  const [row] = await tx
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.projectId, projectId), eq(paymentAttempts.status, 'open')))
    .limit(1);
  return row;
}

/** The attempt of one record of a way. */
export async function findAttemptOf(tx: Tx, way: string, refId: string): Promise<PaymentAttemptRow | undefined> {
  const [row] = await tx
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.way, way), eq(paymentAttempts.refId, refId)))
    .limit(1);
  return row;
}

/** The project's attempts, newest first. */
export async function attemptsOfProject(tx: Tx, projectId: bigint): Promise<PaymentAttemptRow[]> {
  return tx.select().from(paymentAttempts).where(eq(paymentAttempts.projectId, projectId)).orderBy(desc(paymentAttempts.openedAt), desc(paymentAttempts.id));
}

export async function insertAttempt(tx: Tx, values: typeof paymentAttempts.$inferInsert): Promise<void> {
  await tx.insert(paymentAttempts).values(values);
}

/** The conditional UPDATE of an attempt out of one of `from`; how many rows moved (0: it was not there any more). */
export async function moveAttempt(
  tx: Tx,
  id: bigint,
  from: readonly string[],
  set: { status: string; closedAt: Date; closedReason: string | null },
): Promise<number> {
  const moved = await tx
    .update(paymentAttempts)
    .set(set)
    .where(and(eq(paymentAttempts.id, id), inArray(paymentAttempts.status, from as string[])))
    .returning({ id: paymentAttempts.id });
  return moved.length;
}

// ——— the banks' offers ———

export type BankOfferRow = typeof bankOffers.$inferSelect;

/**
 * The offers serving a region (its own code, or the city's 210500 that serves every district) with
 * the service: 现金存缴's 专用账户 or online 银行保函.
 */
export async function bankOffersServing(tx: Tx, regionCodes: string[], service?: 'cash' | 'guarantee'): Promise<BankOfferRow[]> {
  const flag = service === 'cash' ? eq(bankOffers.offersCashAccount, true) : service === 'guarantee' ? eq(bankOffers.offersGuarantee, true) : sql`(${bankOffers.offersCashAccount} or ${bankOffers.offersGuarantee})`;
  const serves = sql.join(
    regionCodes.map((c) => sql`${bankOffers.regions} @> ${JSON.stringify([c])}::jsonb`),
    sql` or `,
  );
  return tx.select().from(bankOffers).where(and(flag, sql`(${serves})`));
}

export async function bankOffersOf(tx: Tx, orgIds: string[]): Promise<BankOfferRow[]> {
  if (orgIds.length === 0) return [];
  return tx.select().from(bankOffers).where(inArray(bankOffers.orgId, orgIds));
}

export async function allBankOffers(tx: Tx): Promise<BankOfferRow[]> {
  return tx.select().from(bankOffers);
}

export async function upsertBankOffer(tx: Tx, values: typeof bankOffers.$inferInsert): Promise<void> {
  const { orgId: _orgId, ...set } = values;
  await tx.insert(bankOffers).values(values).onConflictDoUpdate({ target: bankOffers.orgId, set });
}
