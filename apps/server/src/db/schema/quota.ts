import { sql } from 'drizzle-orm';
import { quotaWorkflow } from '@benxi/shared';
import { bigint, check, date, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts, oneOf } from './columns';
import { projects } from './projects';
import { organizations } from './organizations';
import { files } from './files';
import { users } from './auth';
import { projectParties } from './parties';

/** 定额申请: one live (pending or approved) per project; a rejected one is followed by a new batch. */
export const quotaApplications = pgTable(
  'quota_applications',
  {
    /** 申请批次号 (snowflake) */
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    ...projectParties(),
    previousId: bigint('previous_id', { mode: 'bigint' }),
    status: text('status').notNull(),
    contractAmountFen: bigint('contract_amount_fen', { mode: 'bigint' }).notNull(),
    prepayMode: text('prepay_mode').notNull(), // 'ratio' | 'amount'
    prepayRatioPpm: integer('prepay_ratio_ppm').notNull(),
    appliedFen: bigint('applied_fen', { mode: 'bigint' }).notNull(),
    applyType: text('apply_type').notNull(), // 'exempt' | 'deferred' | 'general'
    payMethod: text('pay_method'), // 'cash' | 'guarantee' (general only)
    handlerName: text('handler_name').notNull(),
    handlerPhone: text('handler_phone').notNull(),
    description: text('description'),
    deferralReason: text('deferral_reason'),
    // its files (营业执照, 中标通知书, 缓缴证明) are attachments (attachments.ts, migration 0016)
    requiredRatioPpm: integer('required_ratio_ppm').notNull(),
    requiredFen: bigint('required_fen', { mode: 'bigint' }).notNull(),
    exemptionAllowed: boolean('exemption_allowed').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    record: jsonb('record').notNull(),
    paramsSnapshot: jsonb('params_snapshot').notNull(),
    belowRequirement: boolean('below_requirement').notNull(),
    justification: text('justification'),
    approvedFen: bigint('approved_fen', { mode: 'bigint' }),
    justificationAccepted: boolean('justification_accepted'),
    reviewComment: text('review_comment'),
    rejectReason: text('reject_reason'),
    submittedAt: ts('submitted_at').notNull(),
    dueOn: date('due_on').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('quota_live_project_uq').on(t.projectId).where(sql`status in ('pending','approved')`),
    index('quota_project_idx').on(t.projectId, t.submittedAt),
    index('quota_enterprise_idx').on(t.enterpriseOrgId, t.submittedAt, t.id),
    index('quota_hrss_idx').on(t.hrssOrgId, t.submittedAt, t.id),
    index('quota_hrss_status_idx').on(t.hrssOrgId, t.status, t.submittedAt),
    check('quota_applications_status_ck', sql`${t.status} ${oneOf(quotaWorkflow.codes)}`),
  ],
);
