import { sql } from 'drizzle-orm';
import { GUARANTEE_KINDS, OFFLINE_GUARANTEE_STATUSES, OFFLINE_INSTRUMENT_TYPES } from '@benxi/shared';
import { bigint, check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts, oneOf } from './columns';
import { projects } from './projects';
import { organizations } from './organizations';
import { users } from './auth';
import { projectParties } from './parties';

/**
 * 保函管理: the register of every guarantee and policy on the platform (migration 0020, ADR 023).
 * One row per instrument, written by `modules/guarantees/register.ts` when a way of paying produces
 * one (a bank's 出函, an hrss-verified offline upload, an issued policy). Its 状态 is not a column:
 * it is computed from valid_to, released_at and claimed_at on the platform's clock. The letter is an
 * attachment (owner type `guarantee`, kind `letter`).
 */
export const guarantees = pgTable(
  'guarantees',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    /** 保函号 / 保单号 as entered */
    number: text('number').notNull(),
    /** the number as compared (guaranteeNumberKey: NFKC, no blanks, upper case) */
    numberKey: text('number_key').notNull(),
    ...projectParties(),
    /** the bank or insurer on the platform that issued it; null: an issuer known only by name */
    issuerOrgId: uuid('issuer_org_id').references(() => organizations.id),
    /** 出具机构 */
    issuerName: text('issuer_name').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    feeFen: bigint('fee_fen', { mode: 'bigint' }),
    issuedOn: date('issued_on').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    releasedAt: ts('released_at'),
    claimedAt: ts('claimed_at'),
    /** 已理赔 amount: what the holder paid to workers on 支付通知书 (SPEC §9, migration 0023) */
    claimedFen: bigint('claimed_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    /** the record that produced it: guarantee_application, offline_guarantee, insurance_order … */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('guarantees_source_uq').on(t.sourceType, t.sourceId),
    // "is this number in force?" (registerGuarantee, the upload form)
    index('guarantees_number_idx').on(t.numberKey, t.validTo),
    index('guarantees_project_idx').on(t.projectId, t.createdAt),
    // the scopes of 保函管理, in the list's order
    index('guarantees_enterprise_idx').on(t.enterpriseOrgId, t.createdAt, t.id),
    index('guarantees_hrss_idx').on(t.hrssOrgId, t.createdAt, t.id),
    index('guarantees_authority_idx').on(t.authorityOrgId, t.createdAt, t.id),
    index('guarantees_issuer_idx').on(t.issuerOrgId, t.createdAt, t.id),
    check('guarantees_kind_ck', sql`${t.kind} ${oneOf(GUARANTEE_KINDS)}`),
    check('guarantees_amount_ck', sql`${t.amountFen} > 0 and (${t.feeFen} is null or ${t.feeFen} >= 0)`),
    check('guarantees_period_ck', sql`${t.validFrom} <= ${t.validTo}`),
  ],
);

/**
 * 保单保函上传 (manual 2.2.1): an offline guarantee or policy, verified by the project's 人社监管单位.
 * Its file (保函文件) is an attachment (owner type `offline_guarantee`, kind `letter`).
 */
export const offlineGuarantees = pgTable(
  'offline_guarantees',
  {
    /** 业务编号 (snowflake) */
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    ...projectParties(),
    status: text('status').notNull(),
    /** 保险类型 */
    instrumentType: text('instrument_type').notNull(),
    /** 经办联系人, 经办人手机 */
    handlerName: text('handler_name').notNull(),
    handlerPhone: text('handler_phone').notNull(),
    /** 银行品牌 */
    bankBrand: text('bank_brand').notNull(),
    /** 承保出单机构: a bank or insurer on the platform, or only its name */
    issuerOrgId: uuid('issuer_org_id').references(() => organizations.id),
    issuerName: text('issuer_name').notNull(),
    /** 产品名称 */
    productName: text('product_name').notNull(),
    /** 保函号 */
    guaranteeNo: text('guarantee_no').notNull(),
    guaranteeNoKey: text('guarantee_no_key').notNull(),
    /** 保额, 保函手续费 */
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    feeFen: bigint('fee_fen', { mode: 'bigint' }).notNull(),
    /** 出函日期, 保函期限 */
    issuedOn: date('issued_on').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    /** the deposit's required amount when uploaded (保证金应缴金额) */
    requiredFen: bigint('required_fen', { mode: 'bigint' }).notNull(),
    submittedAt: ts('submitted_at').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /** the review's deadline: 5 working days after the upload */
    dueOn: date('due_on').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    returnReason: text('return_reason'),
    closedReason: text('closed_reason'),
    /** the register's row once approved */
    guaranteeId: bigint('guarantee_id', { mode: 'bigint' }).references(() => guarantees.id),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // one upload awaiting review per project (a second one waits for the first's result)
    uniqueIndex('offline_guarantees_pending_project_uq').on(t.projectId).where(sql`status = 'pending'`),
    index('offline_guarantees_project_idx').on(t.projectId, t.submittedAt),
    index('offline_guarantees_enterprise_idx').on(t.enterpriseOrgId, t.submittedAt, t.id),
    // the hrss queue: its remit's pending uploads, oldest first
    index('offline_guarantees_hrss_status_idx').on(t.hrssOrgId, t.status, t.submittedAt, t.id),
    index('offline_guarantees_no_idx').on(t.guaranteeNoKey),
    check('offline_guarantees_status_ck', sql`${t.status} ${oneOf(OFFLINE_GUARANTEE_STATUSES)}`),
    check('offline_guarantees_type_ck', sql`${t.instrumentType} ${oneOf(OFFLINE_INSTRUMENT_TYPES)}`),
    check('offline_guarantees_amount_ck', sql`${t.amountFen} > 0 and ${t.feeFen} >= 0`),
    check('offline_guarantees_period_ck', sql`${t.validFrom} <= ${t.validTo}`),
  ],
);
