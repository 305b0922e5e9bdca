import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organizations, projects } from '../../db/schema/index';
import type { ChangeFeed } from '../../platform/changes';
import type { AuthUser } from '../../platform/sessions';

async function readUnitAndChildren(db: Db, orgId: string): Promise<string[]> {
  const children = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.parentId, orgId));
  return [orgId, ...children.map((c) => c.id)];
}

/**
 * The unit tree of a database, kept in memory while its change feed is live: every insert, update or
 * delete of an organisation (in any process) drops it all — units change a few times a year, pages
 * are viewed all day (docs/decisions/011).
 */
const trees = new WeakMap<Db, { feed: ChangeFeed; kept: Map<string, string[]> }>();

export function cacheUnitTree(db: Db, feed: ChangeFeed): void {
  const tree = { feed, kept: new Map<string, string[]>() };
  feed.subscribe((kind) => {
    if (kind === 'org' || kind === '*') tree.kept.clear();
  });
  trees.set(db, tree);
}

/** The organisation and the units directly under it (a city bureau sees its district bureaus). */
export async function unitAndChildren(db: Db, orgId: string): Promise<string[]> {
  const tree = trees.get(db);
  if (!tree?.feed.live) return readUnitAndChildren(db, orgId);
  const hit = tree.kept.get(orgId);
  if (hit) return hit;
  const epoch = tree.feed.epoch;
  const ids = await readUnitAndChildren(db, orgId);
  if (tree.feed.live && tree.feed.epoch === epoch) {
    if (tree.kept.size >= 5_000) tree.kept.clear();
    tree.kept.set(orgId, ids);
  }
  return ids;
}

/** Which projects a user may see, in plain SQL terms: one column and its values, all, or none. */
export type ProjectScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'units'; column: 'enterprise_org_id' | 'hrss_org_id' | 'authority_org_id'; ids: string[] };

export async function projectScopeOf(db: Db, user: AuthUser): Promise<ProjectScope> {
  switch (user.role) {
    case 'enterprise':
      return { kind: 'units', column: 'enterprise_org_id', ids: [user.orgId] };
    case 'hrss':
      return { kind: 'units', column: 'hrss_org_id', ids: await unitAndChildren(db, user.orgId) };
    case 'authority':
      return { kind: 'units', column: 'authority_org_id', ids: await unitAndChildren(db, user.orgId) };
    case 'admin':
      return { kind: 'all' };
    default:
      return { kind: 'none' };
  }
}

/**
 * Which projects a user may see, as a SQL condition applied to every project query: an
 * enterprise its own, hrss / authority those under their unit and its districts, admin all.
 * `null` means none (banks and insurers see no projects).
 */
export async function projectScope(db: Db, user: AuthUser): Promise<SQL | null> {
  const scope = await projectScopeOf(db, user);
  if (scope.kind === 'none') return null;
  if (scope.kind === 'all') return sql`true`;
  const column = { enterprise_org_id: projects.enterpriseOrgId, hrss_org_id: projects.hrssOrgId, authority_org_id: projects.authorityOrgId }[scope.column];
  return scope.ids.length === 1 ? eq(column, scope.ids[0]!) : inArray(column, scope.ids);
}
