import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quotaApplications } from '../../db/schema/index';
import type { AuthUser } from '../../platform/sessions';
import { unitAndChildren } from '../projects/policy';

/** The quota applications a user may see, as SQL: the same remit rule as projects. */
export async function quotaScope(db: Db, user: AuthUser): Promise<SQL | null> {
  switch (user.role) {
    case 'enterprise':
      return eq(quotaApplications.enterpriseOrgId, user.orgId);
    case 'hrss':
      return inArray(quotaApplications.hrssOrgId, await unitAndChildren(db, user.orgId));
    case 'authority':
      return inArray(quotaApplications.authorityOrgId, await unitAndChildren(db, user.orgId));
    case 'admin':
      return sql`true`;
    default:
      return null;
  }
}

