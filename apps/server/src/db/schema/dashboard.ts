import { bigint, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The 首页's counts (migration 0027, ADR 046), kept by statement-level triggers of the counted tables:
 * each statement appends its net change to dashboard_count_deltas, which the dashboard folds into
 * dashboard_counts. Nothing in the app writes either table but the fold (modules/dashboard/repository.ts).
 */
export const dashboardCounts = pgTable(
  'dashboard_counts',
  {
    source: text('source').notNull(),
    dim: text('dim').notNull(),
    hrssOrgId: uuid('hrss_org_id').notNull(),
    authorityOrgId: uuid('authority_org_id').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'dashboard_counts_pk', columns: [t.source, t.dim, t.hrssOrgId, t.authorityOrgId] })],
);

export const dashboardCountDeltas = pgTable('dashboard_count_deltas', {
  id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
  source: text('source').notNull(),
  dim: text('dim').notNull(),
  hrssOrgId: uuid('hrss_org_id').notNull(),
  authorityOrgId: uuid('authority_org_id').notNull(),
  n: bigint('n', { mode: 'number' }).notNull(),
});
