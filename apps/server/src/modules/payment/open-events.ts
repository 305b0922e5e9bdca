import type { recordOpenEvent } from '../open/events';

export type { OpenEventInput } from '../open/events';

/**
 * modules/open's `recordOpenEvent(tx, …)` (the bank's events feed, SPEC §13), passed in by app.ts:
 * written in the command's own transaction, as its last statement.
 */
export type RecordOpenEvent = typeof recordOpenEvent;
