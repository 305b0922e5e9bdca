import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { arrearsRecords, enterpriseCompliance } from '../../db/schema/index';

/**
 * The arrears register and the enterprises' compliance (docs/decisions/018). Started in the second
 * pass with what the quota module reads (an enterprise's record, passed to it in its deps); the
 * arrears service itself is converted later (it is still in NOT_YET_CONVERTED).
 */

export type ArrearsRow = typeof arrearsRecords.$inferSelect;
export type ComplianceRow = typeof enterpriseCompliance.$inferSelect;

/** Every entry of the enterprise in the register (removed ones too). */
export async function arrearsEntriesOf(tx: Tx, enterpriseOrgId: string): Promise<ArrearsRow[]> {
  return tx.select().from(arrearsRecords).where(eq(arrearsRecords.enterpriseOrgId, enterpriseOrgId));
}

export async function complianceOf(tx: Tx, orgId: string): Promise<ComplianceRow | undefined> {
  const [row] = await tx.select().from(enterpriseCompliance).where(eq(enterpriseCompliance.orgId, orgId));
  return row;
}
