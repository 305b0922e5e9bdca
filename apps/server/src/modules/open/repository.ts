import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { apiClients, appSecrets, openEvents, openNonces } from '../../db/schema/index';

/**
 * The open API's tables (docs/decisions/018, 021): api_clients, open_nonces, open_events, and the
 * platform's key pair in app_secrets. The organisation of a client is read through auth's
 * repository (passed in deps), not joined here.
 */

export type ApiClientRow = typeof apiClients.$inferSelect;

export async function findClientByAppId(tx: Tx, appId: string): Promise<ApiClientRow | undefined> {
  const [row] = await tx.select().from(apiClients).where(eq(apiClients.appId, appId)).limit(1);
  return row;
}

export async function findClient(tx: Tx, id: string): Promise<ApiClientRow | undefined> {
  const [row] = await tx.select().from(apiClients).where(eq(apiClients.id, id)).limit(1);
  return row;
}

export async function listClients(tx: Tx): Promise<ApiClientRow[]> {
  return tx.select().from(apiClients).orderBy(desc(apiClients.createdAt), asc(apiClients.appId));
}

/** Inserts a client unless its appId exists (the demo seed's fixed ones); whether it was inserted. */
export async function insertClient(tx: Tx, values: typeof apiClients.$inferInsert): Promise<ApiClientRow | undefined> {
  const [row] = await tx.insert(apiClients).values(values).onConflictDoNothing({ target: apiClients.appId }).returning();
  return row;
}

/** enabled → disabled; false when it was not enabled (already disabled, or a race lost). */
export async function disableClient(tx: Tx, id: string, at: Date, by: string | null): Promise<boolean> {
  const rows = await tx
    .update(apiClients)
    .set({ enabled: false, disabledAt: at, disabledBy: by })
    .where(and(eq(apiClients.id, id), eq(apiClients.enabled, true)))
    .returning({ id: apiClients.id });
  return rows.length === 1;
}

// ——— nonces ———

/**
 * Records a nonce of a client; false when it was there already. Of two identical requests racing,
 * exactly one inserts: the primary key (client_id, nonce) decides, in any process.
 */
export async function recordNonce(tx: Tx, clientId: string, nonce: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(openNonces).values({ clientId, nonce, seenAt: at }).onConflictDoNothing().returning({ nonce: openNonces.nonce });
  return rows.length === 1;
}

/** Deletes the nonces seen before `before` (a range of open_nonces_seen_idx, never the whole table); how many. */
export async function purgeNonces(tx: Tx, before: Date): Promise<number> {
  const rows = await tx.delete(openNonces).where(lt(openNonces.seenAt, before)).returning({ nonce: openNonces.nonce });
  return rows.length;
}

// ——— events ———

/**
 * Serialises the transactions that record events for one organisation until they commit, so that an
 * organisation's cursors become visible in their order: a reader that saw cursor 11 can never later
 * find a cursor 10 of the same organisation committed after it (docs/decisions/021).
 */
export async function lockOrgEvents(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`open_events:${orgId}`}, 0))`);
}

export async function insertEvent(tx: Tx, e: { orgId: string; type: string; objectNo: string; at: Date }): Promise<bigint> {
  const [row] = await tx.insert(openEvents).values(e).returning({ cursor: openEvents.cursor });
  return row!.cursor;
}

/** An organisation's events after a cursor, oldest first (open_events_org_cursor_idx). */
export async function eventsAfter(tx: Tx, orgId: string, after: bigint, limit: number) {
  return tx
    .select({ cursor: openEvents.cursor, type: openEvents.type, objectNo: openEvents.objectNo, at: openEvents.at })
    .from(openEvents)
    .where(and(eq(openEvents.orgId, orgId), gt(openEvents.cursor, after)))
    .orderBy(asc(openEvents.cursor))
    .limit(limit);
}

// ——— the platform's key pair ———

const PLATFORM_KEY = 'open_platform_private_key';

/**
 * The platform's SM2 private key kept in the database: `candidate` is stored if none is yet (the first
 * process to start), and whichever is stored is returned, so every process signs with the same key.
 */
export async function platformPrivateKey(tx: Tx, candidate: string): Promise<string> {
  await tx.insert(appSecrets).values({ key: PLATFORM_KEY, value: candidate }).onConflictDoNothing();
  const [row] = await tx.select().from(appSecrets).where(eq(appSecrets.key, PLATFORM_KEY));
  return row!.value;
}
