import { inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { guarantees } from '../../../db/schema/index';

/** What the 台账 (modules/ledger, ADR 043) reads of this module: every register row of the projects (bank, offline guarantees, policies). */
export async function ledgerGuarantees(tx: Tx, projectIds: bigint[]) {
  if (projectIds.length === 0) return [];
  return tx
    .select({
      id: guarantees.id, kind: guarantees.kind, number: guarantees.number, projectId: guarantees.projectId, issuerName: guarantees.issuerName,
      amountFen: guarantees.amountFen, issuedOn: guarantees.issuedOn, validTo: guarantees.validTo, releasedAt: guarantees.releasedAt, createdAt: guarantees.createdAt,
    })
    .from(guarantees)
    .where(inArray(guarantees.projectId, projectIds));
}
export type LedgerGuarantee = Awaited<ReturnType<typeof ledgerGuarantees>>[number];
