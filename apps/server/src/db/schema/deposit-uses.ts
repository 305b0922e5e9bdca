import { sql } from 'drizzle-orm';
import { DECISION_TYPES, DEPOSIT_USE_STATUSES, USE_INSTRUMENT_TYPES, USE_REPLENISH_STATUSES, USE_TRANSFER_STATUSES } from '@benxi/shared';
import { bigint, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { oneOf, ts } from './columns';
import { organizations } from './organizations';
import { projects } from './projects';
import { users } from './auth';
import { projectParties } from './parties';

/**
 * 保证金动用 (SPEC §9, migration 0023, ADR 032): one row per use — the decision, the instrument drawn
 * on and its holder (the bank or insurer the 支付通知书 is addressed to), the amount (= the workers'
 * sum), the notice's state and the replenishment's. The decision file is an attachment (owner type
 * `deposit_use`, kind `decision`).
 */
export const depositUses = pgTable(
  'deposit_uses',
  {
    /** 支付通知书编号 (snowflake) */
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    /** 支付通知书's document number (本人社付〔2026〕第 000001 号, platform/documents) */
    noticeNo: text('notice_no').notNull(),
    ...projectParties(),
    /** the hrss unit that recorded it (the project's, or the city bureau above it) */
    recordedByOrgId: uuid('recorded_by_org_id')
      .notNull()
      .references(() => organizations.id),
    /** the bank or insurer that holds the instrument: the notice's addressee */
    payerOrgId: uuid('payer_org_id')
      .notNull()
      .references(() => organizations.id),
    instrumentType: text('instrument_type').notNull(),
    /** the cash deposit's or the register row's id */
    instrumentId: bigint('instrument_id', { mode: 'bigint' }).notNull(),
    decisionType: text('decision_type').notNull(),
    decisionNo: text('decision_no').notNull(),
    decisionDate: date('decision_date').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    paidFen: bigint('paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    status: text('status').notNull(),
    payDueOn: date('pay_due_on').notNull(),
    replenishStatus: text('replenish_status').notNull(),
    replenishDueOn: date('replenish_due_on').notNull(),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    paidAt: ts('paid_at'),
    replenishConfirmedAt: ts('replenish_confirmed_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('deposit_uses_project_idx').on(t.projectId, t.createdAt),
    index('deposit_uses_instrument_idx').on(t.instrumentType, t.instrumentId),
    index('deposit_uses_hrss_idx').on(t.hrssOrgId, t.createdAt, t.id),
    index('deposit_uses_enterprise_idx').on(t.enterpriseOrgId, t.createdAt, t.id),
    index('deposit_uses_authority_idx').on(t.authorityOrgId, t.createdAt, t.id),
    index('deposit_uses_payer_idx').on(t.payerOrgId, t.status, t.createdAt, t.id),
    check('deposit_uses_status_ck', sql`${t.status} ${oneOf(DEPOSIT_USE_STATUSES)}`),
    check('deposit_uses_replenish_ck', sql`${t.replenishStatus} ${oneOf(USE_REPLENISH_STATUSES)}`),
    check('deposit_uses_instrument_ck', sql`${t.instrumentType} ${oneOf(USE_INSTRUMENT_TYPES)}`),
    check('deposit_uses_decision_ck', sql`${t.decisionType} ${oneOf(DECISION_TYPES)}`),
    check('deposit_uses_amount_ck', sql`${t.amountFen} > 0 and ${t.paidFen} >= 0 and ${t.paidFen} <= ${t.amountFen}`),
  ],
);

/** One worker to pay and the transfer's result (支付通知书's list). */
export const depositUseTransfers = pgTable(
  'deposit_use_transfers',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    useId: bigint('use_id', { mode: 'bigint' })
      .notNull()
      .references(() => depositUses.id),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    bankName: text('bank_name').notNull(),
    cardNo: text('card_no').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    status: text('status').notNull(),
    reference: text('reference'),
    failReason: text('fail_reason'),
    paidOn: date('paid_on'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('deposit_use_transfers_person_uq').on(t.useId, t.idNumber),
    uniqueIndex('deposit_use_transfers_seq_uq').on(t.useId, t.seq),
    check('deposit_use_transfers_status_ck', sql`${t.status} ${oneOf(USE_TRANSFER_STATUSES)}`),
    check('deposit_use_transfers_amount_ck', sql`${t.amountFen} > 0`),
  ],
);
