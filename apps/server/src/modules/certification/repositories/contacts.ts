import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { certifications } from '../../../db/schema/index';

/** The 联系人 of an enterprise: the contact of its approved certification (the warnings' SMS, ADR 038). */
export async function enterpriseContact(tx: Tx, orgId: string): Promise<{ name: string; phone: string } | undefined> {
  const [row] = await tx
    .select({ name: certifications.contactName, phone: certifications.contactPhone })
    .from(certifications)
    .where(and(eq(certifications.orgId, orgId), eq(certifications.status, 'approved')))
    .limit(1);
  return row;
}
