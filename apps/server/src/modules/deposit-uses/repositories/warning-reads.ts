import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { depositUses } from '../../../db/schema/index';

/** What the warnings' rules read of this module (modules/warnings/rules.ts, ADR 037, ADR 041). */

export interface OpenUse {
  id: bigint;
  noticeNo: string;
  projectId: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  payerOrgId: string;
  amountFen: bigint;
  dueOn: string;
}

const columns = (due: typeof depositUses.payDueOn | typeof depositUses.replenishDueOn) => ({
  id: depositUses.id,
  noticeNo: depositUses.noticeNo,
  projectId: depositUses.projectId,
  enterpriseOrgId: depositUses.enterpriseOrgId,
  hrssOrgId: depositUses.hrssOrgId,
  authorityOrgId: depositUses.authorityOrgId,
  payerOrgId: depositUses.payerOrgId,
  amountFen: depositUses.amountFen,
  dueOn: due,
});

/** 支付通知书 not yet paid in full by the bank / insurer (5 working days from the notice, stored). */
export async function unpaidUses(tx: Tx, projectIds?: bigint[]): Promise<OpenUse[]> {
  return tx
    .select(columns(depositUses.payDueOn))
    .from(depositUses)
    .where(and(eq(depositUses.status, 'notified'), projectIds ? inArray(depositUses.projectId, projectIds) : undefined));
}

/** Uses whose 补足 hrss has not confirmed yet (10 working days from the use, stored). */
export async function unreplenishedUses(tx: Tx, projectIds?: bigint[]): Promise<OpenUse[]> {
  return tx
    .select(columns(depositUses.replenishDueOn))
    .from(depositUses)
    .where(and(eq(depositUses.replenishStatus, 'pending'), projectIds ? inArray(depositUses.projectId, projectIds) : undefined));
}
