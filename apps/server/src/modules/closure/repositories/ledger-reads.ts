import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { returnConfirmations } from '../../../db/schema/index';

/** What the 台账 (modules/ledger, ADR 043) reads of this module: the confirmed returns (返还确认) of the projects. */
export async function ledgerReturns(tx: Tx, projectIds: bigint[]) {
  if (projectIds.length === 0) return [];
  return tx
    .select({
      id: returnConfirmations.id, projectId: returnConfirmations.projectId, bankOrgId: returnConfirmations.bankOrgId, kind: returnConfirmations.kind, instruments: returnConfirmations.instruments,
      returnedOn: returnConfirmations.returnedOn, principalFen: returnConfirmations.principalFen, interestFen: returnConfirmations.interestFen, confirmedAt: returnConfirmations.confirmedAt,
    })
    .from(returnConfirmations)
    .where(and(inArray(returnConfirmations.projectId, projectIds), eq(returnConfirmations.status, 'returned')));
}
export type LedgerReturn = Awaited<ReturnType<typeof ledgerReturns>>[number];
