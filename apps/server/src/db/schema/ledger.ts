import { bigint, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The 台账's stored keys (migration 0028, ADR 044): per project with a ledger entry what the list filters,
 * counts, pages and sums and what the 月度统计 groups by. Written only by modules/ledger/repository.ts
 * (recomputed by the composition of ADR 043 for the projects statement triggers put in ledger_dirty).
 */
export const ledgerKeys = pgTable(
  'ledger_keys',
  {
    projectId: bigint('project_id', { mode: 'bigint' }).primaryKey(),
    hrssOrgId: uuid('hrss_org_id').notNull(),
    authorityOrgId: uuid('authority_org_id').notNull(),
    enterpriseOrgId: uuid('enterprise_org_id').notNull(),
    regionCode: text('region_code').notNull(),
    depositStatus: text('deposit_status').notNull(),
    name: text('name').notNull(),
    contractorName: text('contractor_name').notNull(),
    projectCreatedAt: timestamp('project_created_at', { withTimezone: true }).notNull(),
    way: text('way').notNull(),
    settledOn: date('settled_on').notNull(),
    settledFen: bigint('settled_fen', { mode: 'bigint' }).notNull(),
    balanceFen: bigint('balance_fen', { mode: 'bigint' }).notNull(),
    staleOn: date('stale_on'),
  },
  (t) => [
    index('ledger_keys_hrss_idx').on(t.hrssOrgId, t.projectCreatedAt.desc(), t.projectId.desc()),
    index('ledger_keys_authority_idx').on(t.authorityOrgId, t.projectCreatedAt.desc(), t.projectId.desc()),
    index('ledger_keys_settled_idx').on(t.settledOn, t.way),
  ],
);

export const ledgerDirty = pgTable('ledger_dirty', {
  id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
  projectId: bigint('project_id', { mode: 'bigint' }).notNull(),
});
