import { and, inArray, lte } from 'drizzle-orm';
import { PAYABLE_DEPOSIT_STATES } from '@benxi/shared';
import type { Tx } from '../../../db/client';
import { projects } from '../../../db/schema/index';

/** What the warnings, messages and 首页 read of a project (ADR 037–039). */
export interface ProjectFacts {
  id: bigint;
  name: string;
  status: string;
  depositStatus: string;
  contractSignedOn: string;
  enterpriseOrgId: string;
  contractorName: string;
  laborOfficerPhone: string;
}

export async function projectFacts(tx: Tx, ids: bigint[]): Promise<ProjectFacts[]> {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: projects.id,
      name: projects.name,
      status: projects.status,
      depositStatus: projects.depositStatus,
      contractSignedOn: projects.contractSignedOn,
      enterpriseOrgId: projects.enterpriseOrgId,
      contractorName: projects.contractorName,
      laborOfficerPhone: projects.laborOfficerPhone,
    })
    .from(projects)
    .where(inArray(projects.id, ids));
}

/**
 * The projects that may still owe their deposit (待缴纳 / 缴纳中, not 缓缴) with a contract signed on or
 * before `lastDay`, as a subquery (not run here): the 逾期未缴纳 rule's set-based filter at 1M projects
 * (projects_payable_signed_idx, issue 15).
 */
export function payableProjectsSignedBy(tx: Tx, lastDay: string) {
  return tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(inArray(projects.depositStatus, PAYABLE_DEPOSIT_STATES.filter((s) => s !== 'deferred')), lte(projects.contractSignedOn, lastDay)));
}
