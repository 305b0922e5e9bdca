import { and, inArray, isNull, lte, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { guarantees, offlineGuarantees } from '../../../db/schema/index';

/** What the warnings' rules read of this module (modules/warnings/rules.ts, ADR 037). */

export interface GuaranteeEnding {
  id: bigint;
  kind: string;
  number: string;
  projectId: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  issuerOrgId: string | null;
  validTo: string;
}

/** Guarantees and policies in force (not released, not claimed) whose 期限 ends on or before `lastDay` (guarantees_in_force_idx). */
export async function guaranteesEndingBy(tx: Tx, lastDay: string, projectIds?: bigint[]): Promise<GuaranteeEnding[]> {
  return tx
    .select({
      id: guarantees.id,
      kind: guarantees.kind,
      number: guarantees.number,
      projectId: guarantees.projectId,
      enterpriseOrgId: guarantees.enterpriseOrgId,
      hrssOrgId: guarantees.hrssOrgId,
      authorityOrgId: guarantees.authorityOrgId,
      issuerOrgId: guarantees.issuerOrgId,
      validTo: guarantees.validTo,
    })
    .from(guarantees)
    .where(and(isNull(guarantees.releasedAt), isNull(guarantees.claimedAt), lte(guarantees.validTo, lastDay), projectIds ? inArray(guarantees.projectId, projectIds) : undefined));
}

export interface PendingOfflineReview {
  id: bigint;
  projectId: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  guaranteeNo: string;
  dueOn: string;
}

/** 保单保函上传 waiting for the hrss review, with its deadline. */
export async function pendingOfflineReviews(tx: Tx, projectIds?: bigint[]): Promise<PendingOfflineReview[]> {
  return tx
    .select({
      id: offlineGuarantees.id,
      projectId: offlineGuarantees.projectId,
      enterpriseOrgId: offlineGuarantees.enterpriseOrgId,
      hrssOrgId: offlineGuarantees.hrssOrgId,
      authorityOrgId: offlineGuarantees.authorityOrgId,
      guaranteeNo: offlineGuarantees.guaranteeNo,
      dueOn: offlineGuarantees.dueOn,
    })
    .from(offlineGuarantees)
    .where(and(eq(offlineGuarantees.status, 'pending'), projectIds ? inArray(offlineGuarantees.projectId, projectIds) : undefined));
}
