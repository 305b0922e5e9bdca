import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { organizations, users } from '../../../db/schema/index';

/** The active accounts of organisations: who receives their messages (modules/messages, ADR 038). */
export async function activeUserIdsOf(tx: Tx, orgIds: string[]): Promise<{ id: string; orgId: string }[]> {
  if (orgIds.length === 0) return [];
  return tx
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .where(and(inArray(users.orgId, orgIds), eq(users.status, 'active')));
}

export async function organizationNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name ?? '']));
}
