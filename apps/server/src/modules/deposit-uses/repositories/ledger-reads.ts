import { inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { depositUses } from '../../../db/schema/index';

/** What the 台账 (modules/ledger, ADR 043) reads of this module: every use of the projects (the amount is reserved when recorded, ADR 032). */
export async function ledgerUses(tx: Tx, projectIds: bigint[]) {
  if (projectIds.length === 0) return [];
  return tx
    .select({
      id: depositUses.id, noticeNo: depositUses.noticeNo, projectId: depositUses.projectId, instrumentType: depositUses.instrumentType, instrumentId: depositUses.instrumentId,
      decisionNo: depositUses.decisionNo, amountFen: depositUses.amountFen, status: depositUses.status, replenishStatus: depositUses.replenishStatus, createdAt: depositUses.createdAt,
    })
    .from(depositUses)
    .where(inArray(depositUses.projectId, projectIds));
}
export type LedgerUse = Awaited<ReturnType<typeof ledgerUses>>[number];
