import type { Tx } from '../../db/client';
import { recordEvent, type OutboxHandler } from '../../platform/outbox';
import type { SweepDeps } from './sweep';
import { sweepWarnings } from './sweep';

/**
 * The event path of the warnings (ADR 037): a command that changes something a warning rule looks at
 * (a review decided, a guarantee registered, a payment covered, a project 竣工) records
 * `recordWarningRecheck(tx, now, projectId)` in its own transaction; after commit the handler
 * sweeps that project's warnings. Topics that already carry a `projectId` in their payload can be
 * listed in `RECHECK_TOPICS` instead.
 */
export const WARNINGS_RECHECK = 'warnings.recheck';

/** Other topics whose payload names the project (`projectId`), rechecked the same way. */
export const RECHECK_TOPICS: string[] = [WARNINGS_RECHECK, 'quota.approved', 'quota.rejected'];

export async function recordWarningRecheck(tx: Tx, now: Date, projectId: bigint, cause: string): Promise<void> {
  await recordEvent(tx, now, { topic: WARNINGS_RECHECK, aggregateType: 'project', aggregateId: String(projectId), payload: { projectId: String(projectId), cause } });
}

export function warningRecheckHandler(deps: SweepDeps): OutboxHandler {
  return {
    name: 'warnings.recheck',
    topics: RECHECK_TOPICS,
    async handle(event, { db, now }) {
      const raw = event.payload.projectId;
      if (typeof raw !== 'string' || !/^\d{1,19}$/.test(raw)) return;
      // the sweep is idempotent: a redelivery finds the same warnings open
      await db.transaction(async (tx) => {
        await sweepWarnings(tx, deps, now, [BigInt(raw)]);
      });
    },
  };
}
