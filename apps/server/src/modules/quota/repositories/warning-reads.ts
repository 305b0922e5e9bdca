import { and, eq, inArray, lt, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { quotaApplications } from '../../../db/schema/index';

/** What the warnings' rules read of this module (modules/warnings/rules.ts, ADR 037). */

export interface QuotaForWarning {
  id: bigint;
  projectId: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  applyType: string;
  dueOn: string;
  decidedAt: Date | null;
}

const columns = {
  id: quotaApplications.id,
  projectId: quotaApplications.projectId,
  enterpriseOrgId: quotaApplications.enterpriseOrgId,
  hrssOrgId: quotaApplications.hrssOrgId,
  authorityOrgId: quotaApplications.authorityOrgId,
  applyType: quotaApplications.applyType,
  dueOn: quotaApplications.dueOn,
  decidedAt: quotaApplications.decidedAt,
};

/** Applications in `status` ('pending': waiting for the hrss review; 'approved': the live approval). */
export async function quotasInStatus(
  tx: Tx,
  status: 'pending' | 'approved',
  projectIds?: bigint[],
  only?: { applyType?: string; projectIn?: SQLWrapper; dueBefore?: string },
): Promise<QuotaForWarning[]> {
  return tx
    .select(columns)
    .from(quotaApplications)
    .where(
      and(
        eq(quotaApplications.status, status),
        projectIds ? inArray(quotaApplications.projectId, projectIds) : undefined,
        only?.applyType ? eq(quotaApplications.applyType, only.applyType) : undefined,
        only?.projectIn ? inArray(quotaApplications.projectId, only.projectIn) : undefined,
        only?.dueBefore ? lt(quotaApplications.dueOn, only.dueBefore) : undefined,
      ),
    );
}
