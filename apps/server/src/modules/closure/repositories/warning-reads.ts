import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { cancellations, filings, returnConfirmations } from '../../../db/schema/index';

/** What the warnings' rules read of this module (modules/warnings/rules.ts, ADR 037, ADR 041). */

export interface PendingClosureReview {
  id: bigint;
  projectId: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  dueOn: string;
}

const reviewColumns = <T extends typeof filings | typeof cancellations>(t: T) => ({
  id: t.id,
  projectId: t.projectId,
  enterpriseOrgId: t.enterpriseOrgId,
  hrssOrgId: t.hrssOrgId,
  authorityOrgId: t.authorityOrgId,
  dueOn: t.dueOn,
});

/** 备案申请 waiting for the hrss review, with its deadline (5 working days, stored at submission). */
export async function pendingFilings(tx: Tx, projectIds?: bigint[]): Promise<PendingClosureReview[]> {
  return tx
    .select(reviewColumns(filings))
    .from(filings)
    .where(and(eq(filings.status, 'pending'), projectIds ? inArray(filings.projectId, projectIds) : undefined));
}

/** 注销申请 waiting for the hrss review, with its deadline (5 working days, stored at submission). */
export async function pendingCancellations(tx: Tx, projectIds?: bigint[]): Promise<PendingClosureReview[]> {
  return tx
    .select(reviewColumns(cancellations))
    .from(cancellations)
    .where(and(eq(cancellations.status, 'pending'), projectIds ? inArray(cancellations.projectId, projectIds) : undefined));
}

export interface PendingReturn extends PendingClosureReview {
  bankOrgId: string;
  kind: string;
  documentNo: string | null;
}

/** 返还确认 the bank has not made yet (3 working days from the approval, stored), with the cancellation's 行业主管 unit. */
export async function pendingReturns(tx: Tx, projectIds?: bigint[]): Promise<PendingReturn[]> {
  return tx
    .select({
      id: returnConfirmations.id,
      projectId: returnConfirmations.projectId,
      enterpriseOrgId: returnConfirmations.enterpriseOrgId,
      hrssOrgId: returnConfirmations.hrssOrgId,
      authorityOrgId: cancellations.authorityOrgId,
      bankOrgId: returnConfirmations.bankOrgId,
      kind: returnConfirmations.kind,
      documentNo: cancellations.documentNo,
      dueOn: returnConfirmations.dueOn,
    })
    .from(returnConfirmations)
    .innerJoin(cancellations, eq(cancellations.id, returnConfirmations.cancellationId))
    .where(and(eq(returnConfirmations.status, 'pending'), projectIds ? inArray(returnConfirmations.projectId, projectIds) : undefined));
}
