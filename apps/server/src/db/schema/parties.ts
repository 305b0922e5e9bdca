import { bigint, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { projects } from './projects';

/**
 * The project a workflow record belongs to and its three parties — the enterprise, the hrss unit and
 * the industry authority — which every scope rule of platform/scope.ts reads (ADR 006, 019). Spread
 * into each workflow table: `...projectParties()`.
 */
export const projectParties = () => ({
  projectId: bigint('project_id', { mode: 'bigint' })
    .notNull()
    .references(() => projects.id),
  enterpriseOrgId: uuid('enterprise_org_id')
    .notNull()
    .references(() => organizations.id),
  hrssOrgId: uuid('hrss_org_id')
    .notNull()
    .references(() => organizations.id),
  authorityOrgId: uuid('authority_org_id')
    .notNull()
    .references(() => organizations.id),
});
