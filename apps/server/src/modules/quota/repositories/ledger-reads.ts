import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { quotaApplications } from '../../../db/schema/index';

/** What the 台账 (modules/ledger, ADR 043) reads of this module: the approved 定额申请 of the projects (免缴 / 缓缴 and the amount). */
export async function ledgerQuotas(tx: Tx, projectIds: bigint[]) {
  if (projectIds.length === 0) return [];
  return tx
    .select({ projectId: quotaApplications.projectId, applyType: quotaApplications.applyType, requiredFen: quotaApplications.requiredFen, approvedFen: quotaApplications.approvedFen, decidedAt: quotaApplications.decidedAt })
    .from(quotaApplications)
    .where(and(inArray(quotaApplications.projectId, projectIds), eq(quotaApplications.status, 'approved')));
}
export type LedgerQuota = Awaited<ReturnType<typeof ledgerQuotas>>[number];
