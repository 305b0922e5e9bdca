import { inArray } from 'drizzle-orm';
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
