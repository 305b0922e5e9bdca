import { and, count, eq, ilike, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { projects } from '../../db/schema/index';
import { escapeLike } from '../../platform/sql';

/**
 * The projects table (docs/decisions/018). Started in the second pass with what the quota module
 * reads and writes of a project (passed to it in its deps); the projects service itself is
 * converted later (it is still in NOT_YET_CONVERTED).
 */

export type ProjectRow = typeof projects.$inferSelect;

/** One project by id within `scope` (the caller's `scopeOf(…, 'project', mode)`). */
export async function findProject(tx: Tx, id: bigint, scope?: SQL): Promise<ProjectRow | undefined> {
  const [p] = await tx.select().from(projects).where(and(eq(projects.id, id), scope)).limit(1);
  return p;
}

/** How many other projects of the enterprise in the region are 在建. */
export async function countOtherProjectsUnderConstruction(tx: Tx, p: { id: bigint; enterpriseOrgId: string; regionCode: string }, underConstruction: string): Promise<number> {
  const [others] = await tx
    .select({ n: count() })
    .from(projects)
    .where(and(eq(projects.enterpriseOrgId, p.enterpriseOrgId), eq(projects.regionCode, p.regionCode), eq(projects.status, underConstruction), ne(projects.id, p.id)));
  return others?.n ?? 0;
}

/** The earliest 合同签订日期 of the enterprise's other projects in the region, or null. */
export async function firstContractSignedOn(tx: Tx, p: { id: bigint; enterpriseOrgId: string; regionCode: string }): Promise<string | null> {
  const [first] = await tx
    .select({ first: sql<string | null>`min(${projects.contractSignedOn})` })
    .from(projects)
    .where(and(eq(projects.enterpriseOrgId, p.enterpriseOrgId), eq(projects.regionCode, p.regionCode), ne(projects.id, p.id)));
  return first?.first ?? null;
}

export type ProjectSummaryRow = { id: bigint; name: string; regionCode: string; contractorName: string; status: string };

/** Name, region, contractor and status of the projects asked for (a page of 定额申请). */
export async function projectSummaries(tx: Tx, ids: bigint[]): Promise<ProjectSummaryRow[]> {
  return tx
    .select({ id: projects.id, name: projects.name, regionCode: projects.regionCode, contractorName: projects.contractorName, status: projects.status })
    .from(projects)
    .where(inArray(projects.id, ids));
}

/**
 * The ids of the projects whose name contains `name` and/or in `regionCode`, as a subquery (not
 * run here): the caller's list filters on it in one statement.
 */
export function projectIdsMatching(tx: Tx, q: { name?: string; regionCode?: string }) {
  const pc: SQL[] = [];
  if (q.name) pc.push(ilike(projects.name, `%${escapeLike(q.name)}%`));
  if (q.regionCode) pc.push(eq(projects.regionCode, q.regionCode));
  return tx.select({ id: projects.id }).from(projects).where(and(...pc));
}

/** 定额申请 submitted: the project's base data is locked at the contract amount applied for. */
export async function lockProjectBase(tx: Tx, id: bigint, contractAmountFen: bigint, at: Date): Promise<void> {
  await tx.update(projects).set({ baseLocked: true, contractAmountFen, updatedAt: at }).where(eq(projects.id, id));
}
