import { sql } from 'drizzle-orm';
import { CASH_DEPOSIT_STATUSES, GUARANTEE_APPLICATION_STATUSES, PAYMENT_ATTEMPT_STATUSES, PAYMENT_WAYS } from '@benxi/shared';
import { bigint, boolean, check, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts, oneOf } from './columns';
import { projects } from './projects';
import { organizations } from './organizations';
import { users } from './auth';
import { projectParties } from './parties';

/**
 * 缴纳 (SPEC §6, migration 0019, ADR 022). A payment attempt ties the project's deposit to the
 * record of the way being tried; at most one is open per project (payment_attempts_open_uq).
 */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    projectId: bigint('project_id', { mode: 'bigint' })
      .notNull()
      .references(() => projects.id),
    way: text('way').notNull(),
    /** the way's record: a 现金存缴 or 保函申请 number, an offline guarantee's id (as text) */
    refId: text('ref_id').notNull(),
    status: text('status').notNull(),
    openedAt: ts('opened_at').notNull(),
    openedBy: uuid('opened_by').references(() => users.id),
    /** when it was covered or closed */
    closedAt: ts('closed_at'),
    /** a closed attempt: switched | refused | returned | withdrawn */
    closedReason: text('closed_reason'),
  },
  (t) => [
    uniqueIndex('payment_attempts_open_uq').on(t.projectId).where(sql`status = 'open'`),
    uniqueIndex('payment_attempts_ref_uq').on(t.way, t.refId),
    index('payment_attempts_project_idx').on(t.projectId, t.openedAt),
    check('payment_attempts_way_ck', sql`${t.way} ${oneOf(PAYMENT_WAYS)}`),
    check('payment_attempts_status_ck', sql`${t.status} ${oneOf(PAYMENT_ATTEMPT_STATUSES)}`),
  ],
);

/**
 * What a bank (an organisation of type 'bank') offers on the platform: the regions it serves (region
 * codes; the city 210500 serves every district), the 工资保证金专用账户 for 现金存缴 with its
 * 开户须知, online 银行保函.
 */
export const bankOffers = pgTable(
  'bank_offers',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organizations.id),
    regions: jsonb('regions').$type<string[]>().notNull(),
    offersCashAccount: boolean('offers_cash_account').notNull().default(false),
    offersGuarantee: boolean('offers_guarantee').notNull().default(false),
    /** 开户须知 shown to the enterprise before it chooses the bank */
    accountInstructions: text('account_instructions').notNull().default(''),
    /** 开户行 (the branch that keeps the accounts) */
    accountBank: text('account_bank'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    updatedAt: ts('updated_at').notNull(),
  },
);

/** 现金存缴: the enterprise chose the bank and uploaded the 存款协议书 (an attachment, kind 'agreement'). */
export const cashDeposits = pgTable(
  'cash_deposits',
  {
    /** 存缴编号 (snowflake) */
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    ...projectParties(),
    bankOrgId: uuid('bank_org_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').notNull(),
    /** 保证金应缴金额 when submitted (the approved quota) */
    requiredFen: bigint('required_fen', { mode: 'bigint' }).notNull(),
    /** the sum of the confirmed arrivals (kept with each arrival, in its transaction) */
    paidFen: bigint('paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    /** the 专用账户's number, from the bank's first confirmation */
    accountNo: text('account_no'),
    handlerName: text('handler_name').notNull(),
    handlerPhone: text('handler_phone').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    coveredAt: ts('covered_at'),
    closedAt: ts('closed_at'),
    updatedAt: ts('updated_at').notNull(),
    /** 补足 (SPEC §9, migration 0023): the deposit use this cash replenishes; null for a first payment */
    replenishUseId: bigint('replenish_use_id', { mode: 'bigint' }),
  },
  (t) => [
    index('cash_deposits_bank_idx').on(t.bankOrgId, t.submittedAt, t.id),
    index('cash_deposits_bank_status_idx').on(t.bankOrgId, t.status, t.submittedAt),
    index('cash_deposits_project_idx').on(t.projectId, t.submittedAt),
    index('cash_deposits_enterprise_idx').on(t.enterpriseOrgId, t.submittedAt),
    index('cash_deposits_hrss_idx').on(t.hrssOrgId, t.submittedAt),
    index('cash_deposits_authority_idx').on(t.authorityOrgId, t.submittedAt),
    check('cash_deposits_status_ck', sql`${t.status} ${oneOf(CASH_DEPOSIT_STATUSES)}`),
    check('cash_deposits_paid_ck', sql`${t.paidFen} >= 0`),
  ],
);

/**
 * One arrival the bank confirmed (确认到账). The voucher (凭证, an attachment of kind 'voucher') is its
 * identity: the same voucher file (sha256) or the same 凭证号 confirmed again is the same arrival.
 */
export const cashArrivals = pgTable(
  'cash_arrivals',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    cashDepositId: bigint('cash_deposit_id', { mode: 'bigint' })
      .notNull()
      .references(() => cashDeposits.id),
    accountNo: text('account_no').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    arrivedOn: date('arrived_on').notNull(),
    payerName: text('payer_name').notNull(),
    voucherSha256: text('voucher_sha256').notNull(),
    /** 凭证号 / 银行流水号, when the bank gives one */
    voucherNo: text('voucher_no'),
    confirmedAt: ts('confirmed_at').notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('cash_arrivals_voucher_uq').on(t.cashDepositId, t.voucherSha256),
    uniqueIndex('cash_arrivals_voucher_no_uq').on(t.cashDepositId, t.voucherNo).where(sql`voucher_no is not null`),
    index('cash_arrivals_deposit_idx').on(t.cashDepositId, t.confirmedAt),
    check('cash_arrivals_amount_ck', sql`${t.amountFen} > 0`),
  ],
);

/** 银行保函办理 (online): applied by the enterprise, 受理 / 不受理 / 出函 by the bank (the letter: attachment kind 'letter'). */
export const guaranteeApplications = pgTable(
  'guarantee_applications',
  {
    /** 申请编号 (snowflake) */
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    ...projectParties(),
    bankOrgId: uuid('bank_org_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').notNull(),
    requiredFen: bigint('required_fen', { mode: 'bigint' }).notNull(),
    /** 保函金额 applied for */
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    /** 受益人: the project's 人社监管单位 when applied (fixed) */
    beneficiaryName: text('beneficiary_name').notNull(),
    termFrom: date('term_from').notNull(),
    termTo: date('term_to').notNull(),
    handlerName: text('handler_name').notNull(),
    handlerPhone: text('handler_phone').notNull(),
    remark: text('remark'),
    submittedAt: ts('submitted_at').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    acceptedAt: ts('accepted_at'),
    refusedAt: ts('refused_at'),
    refuseReason: text('refuse_reason'),
    issuedAt: ts('issued_at'),
    guaranteeNo: text('guarantee_no'),
    issuedOn: date('issued_on'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    issuedAmountFen: bigint('issued_amount_fen', { mode: 'bigint' }),
    feeFen: bigint('fee_fen', { mode: 'bigint' }),
    /** the guarantees register's row (modules/guarantees) once issued */
    guaranteeId: bigint('guarantee_id', { mode: 'bigint' }),
    closedAt: ts('closed_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('guarantee_apps_bank_idx').on(t.bankOrgId, t.submittedAt, t.id),
    index('guarantee_apps_bank_status_idx').on(t.bankOrgId, t.status, t.submittedAt),
    index('guarantee_apps_project_idx').on(t.projectId, t.submittedAt),
    index('guarantee_apps_enterprise_idx').on(t.enterpriseOrgId, t.submittedAt),
    index('guarantee_apps_hrss_idx').on(t.hrssOrgId, t.submittedAt),
    index('guarantee_apps_authority_idx').on(t.authorityOrgId, t.submittedAt),
    check('guarantee_applications_status_ck', sql`${t.status} ${oneOf(GUARANTEE_APPLICATION_STATUSES)}`),
    check('guarantee_applications_amount_ck', sql`${t.amountFen} > 0`),
  ],
);
