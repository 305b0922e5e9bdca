import type { OpenEventType, TOpenEvent } from '@benxi/shared';
import type { Db, Tx } from '../../db/client';
import type { OpenPrincipal } from '../../platform/access';
import { eventsAfter, insertEvent, lockOrgEvents } from './repository';

export interface OpenEventInput {
  /** the bank or insurer the new task is addressed to */
  orgId: string;
  type: OpenEventType;
  /** the number the organisation acts on: `/api/open/v1/<things>/{objectNo}/…` */
  objectNo: string;
  at: Date;
}

/**
 * Announces a new task to a bank or an insurer on its events feed (`GET /api/open/v1/events`), in the
 * command's own transaction: rolled back, it never existed. Call it last in the transaction (it holds
 * the organisation's event lock until the commit, so that the feed's cursors become visible in their
 * order); for several organisations use recordOpenEvents. Returns the cursor.
 */
export async function recordOpenEvent(tx: Tx, e: OpenEventInput): Promise<string> {
  await lockOrgEvents(tx, e.orgId);
  return String(await insertEvent(tx, e));
}

/** Several events, the organisations' locks taken in one order (two commands never wait on each other crosswise). */
export async function recordOpenEvents(tx: Tx, events: OpenEventInput[]): Promise<string[]> {
  const orgs = [...new Set(events.map((e) => e.orgId))].sort();
  for (const org of orgs) await lockOrgEvents(tx, org);
  const cursors: string[] = [];
  for (const e of events) cursors.push(String(await insertEvent(tx, e)));
  return cursors;
}

/** The client's organisation's events after `after`, oldest first; `next` is where to go on from. */
export async function listOpenEvents(db: Db, client: OpenPrincipal, after: string, limit: number): Promise<{ events: TOpenEvent[]; next: string }> {
  const rows = await eventsAfter(db, client.orgId, BigInt(after), limit);
  const events = rows.map((r) => ({ cursor: String(r.cursor), type: r.type as OpenEventType, objectNo: r.objectNo, at: r.at.toISOString() }));
  return { events, next: events.length ? events[events.length - 1]!.cursor : after };
}
