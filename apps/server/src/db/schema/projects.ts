import { sql } from 'drizzle-orm';
import { depositWorkflow, PROJECT_STATUSES } from '@benxi/shared';
import { bigint, check, date, boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts, oneOf } from './columns';
import { organizations } from './organizations';

export const projects = pgTable(
  'projects',
  {
    /** 工程编号: snowflake (19 digits) */
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    enterpriseOrgId: uuid('enterprise_org_id')
      .notNull()
      .references(() => organizations.id),
    industryType: text('industry_type').notNull(),
    regionCode: text('region_code').notNull(),
    authorityOrgId: uuid('authority_org_id')
      .notNull()
      .references(() => organizations.id),
    hrssOrgId: uuid('hrss_org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    location: text('location').notNull(),
    projectRegionCode: text('project_region_code').notNull(),
    projectType: text('project_type').notNull(),
    contractAmountFen: bigint('contract_amount_fen', { mode: 'bigint' }).notNull(),
    plannedStart: date('planned_start').notNull(),
    plannedEnd: date('planned_end').notNull(),
    contractorName: text('contractor_name').notNull(),
    contractorCreditCode: text('contractor_credit_code').notNull(),
    builderName: text('builder_name').notNull(),
    builderCreditCode: text('builder_credit_code').notNull(),
    contractSignedOn: date('contract_signed_on').notNull(),
    wageDay: integer('wage_day').notNull(),
    managerName: text('manager_name').notNull(),
    managerPhone: text('manager_phone').notNull(),
    laborOfficerName: text('labor_officer_name').notNull(),
    laborOfficerPhone: text('labor_officer_phone').notNull(),
    category: text('category').notNull(),
    permitDate: date('permit_date'),
    actualStart: date('actual_start'),
    expectedCompletion: date('expected_completion'),
    actualCompletion: date('actual_completion'),
    status: text('status').notNull().default('not_started'),
    depositStatus: text('deposit_status').notNull().default('none'),
    needsReplenish: boolean('needs_replenish').notNull().default(false),
    baseLocked: boolean('base_locked').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // ascending (created_at, id): scanned backwards it serves ORDER BY created_at DESC, id DESC
    // (an index declared DESC NULLS LAST would not match the default DESC NULLS FIRST)
    index('projects_enterprise_created_idx').on(t.enterpriseOrgId, t.createdAt, t.id),
    index('projects_hrss_created_idx').on(t.hrssOrgId, t.createdAt, t.id),
    index('projects_authority_created_idx').on(t.authorityOrgId, t.createdAt, t.id),
    index('projects_created_at_idx').on(t.createdAt, t.id),
    // narrow, deduplicated b-trees: a scope's total is an index-only scan of a few pages
    index('projects_hrss_scope_idx').on(t.hrssOrgId),
    index('projects_authority_scope_idx').on(t.authorityOrgId),
    // the deposit engine's record of an enterprise in a region (projects under construction, first
    // signing date): without it the planner ANDed the region index (150k rows at 1M) — 50 ms a submit
    index('projects_enterprise_region_idx').on(t.enterpriseOrgId, t.regionCode, t.status, t.contractSignedOn),
    // 清查 (issue 13, migration 0022): completed projects of an hrss unit whose deposit is still live
    index('projects_completion_idx').on(t.hrssOrgId, t.actualCompletion).where(sql`actual_completion IS NOT NULL`),
    check('projects_status_ck', sql`${t.status} ${oneOf(PROJECT_STATUSES)}`),
    check('projects_deposit_status_ck', sql`${t.depositStatus} ${oneOf(depositWorkflow.codes)}`),
    // projects_name_grams_idx (GIN over name_grams(name)) and the filter indexes are in migration 0004
  ],
);
