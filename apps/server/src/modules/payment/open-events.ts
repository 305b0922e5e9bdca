import type { Tx } from '../../db/client';

/** A new task (or a withdrawn one) for a bank's events feed (SPEC §13 `GET /api/open/v1/events`). */
export interface OpenEventInput {
  orgId: string;
  type: string;
  objectNo: string;
  at: Date;
}

/** modules/open's `recordOpenEvent(tx, …)`, passed in by app.ts: written in the command's own transaction. */
export type RecordOpenEvent = (tx: Tx, event: OpenEventInput) => Promise<void>;
