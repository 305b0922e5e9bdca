import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organizations, projects } from '../../db/schema/index';
import type { AuthUser } from '../../platform/sessions';

/** The organisation and the units directly under it (a city bureau sees its district bureaus). */
export async function unitAndChildren(db: Db, orgId: string): Promise<string[]> {
  const children = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.parentId, orgId));
  return [orgId, ...children.map((c) => c.id)];
}

/**
 * Which projects a user may see, as a SQL condition applied to every project query: an
 * enterprise its own, hrss / authority those under their unit and its districts, admin all.
 * `null` means none (banks and insurers see no projects).
 */
export async function projectScope(db: Db, user: AuthUser): Promise<SQL | null> {
  switch (user.role) {
    case 'enterprise':
      return eq(projects.enterpriseOrgId, user.orgId);
    case 'hrss':
      return inArray(projects.hrssOrgId, await unitAndChildren(db, user.orgId));
    case 'authority':
      return inArray(projects.authorityOrgId, await unitAndChildren(db, user.orgId));
    case 'admin':
      return sql`true`;
    default:
      return null;
  }
}
