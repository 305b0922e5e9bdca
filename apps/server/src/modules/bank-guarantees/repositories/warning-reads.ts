import { and, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { guaranteeApplications } from '../../../db/schema/index';

/** What the warnings' rules read of this module (modules/warnings/rules.ts, ADR 037). */

export interface OpenGuaranteeApplication {
  id: bigint;
  projectId: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  bankOrgId: string;
  status: string;
  submittedAt: Date;
  acceptedAt: Date | null;
}

/** Online 银行保函 applications the bank still owes an answer on: 待受理 (submitted) or 已受理 not yet 出函 (accepted). */
export async function openGuaranteeApplications(tx: Tx, projectIds?: bigint[]): Promise<OpenGuaranteeApplication[]> {
  return tx
    .select({
      id: guaranteeApplications.id,
      projectId: guaranteeApplications.projectId,
      enterpriseOrgId: guaranteeApplications.enterpriseOrgId,
      hrssOrgId: guaranteeApplications.hrssOrgId,
      authorityOrgId: guaranteeApplications.authorityOrgId,
      bankOrgId: guaranteeApplications.bankOrgId,
      status: guaranteeApplications.status,
      submittedAt: guaranteeApplications.submittedAt,
      acceptedAt: guaranteeApplications.acceptedAt,
    })
    .from(guaranteeApplications)
    .where(and(inArray(guaranteeApplications.status, ['submitted', 'accepted']), projectIds ? inArray(guaranteeApplications.projectId, projectIds) : undefined));
}
