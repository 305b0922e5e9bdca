import { sql } from 'drizzle-orm';
import { INSURANCE_ORDER_STATUSES, INSURANCE_PRODUCT_TYPES } from '@benxi/shared';
import { bigint, check, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts, oneOf } from './columns';
import { projects } from './projects';
import { organizations } from './organizations';
import { users } from './auth';
import { projectParties } from './parties';

/**
 * 保险办理 (SPEC §6, manual 2.2.2, migration 0021, ADR 024–027). The catalogue (admin): insurers'
 * products and collection accounts. The enterprise's 投保 (one application, its 业务流水号 and the form)
 * and its orders, one per insurer (订单编号, a snowflake).
 */
export const insuranceProducts = pgTable(
  'insurance_products',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    insurerOrgId: uuid('insurer_org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    productType: text('product_type').notNull(),
    /** 投保地区: region codes (the city 210500 serves every district) */
    regions: jsonb('regions').$type<string[]>().notNull(),
    applicantTypes: jsonb('applicant_types').$type<string[]>().notNull(),
    qualifications: jsonb('qualifications').$type<string[]>().notNull(),
    /** 建议年费率 in parts per million (1% = 10000) */
    annualRatePpm: integer('annual_rate_ppm').notNull(),
    /** 下架: no new quotes; orders already placed keep their product */
    withdrawnAt: ts('withdrawn_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('insurance_products_insurer_idx').on(t.insurerOrgId, t.createdAt),
    check('insurance_products_type_ck', sql`${t.productType} ${oneOf(INSURANCE_PRODUCT_TYPES)}`),
    check('insurance_products_rate_ck', sql`${t.annualRatePpm} > 0 and ${t.annualRatePpm} < 1000000`),
  ],
);

/** The insurer's 收款账户 (the 收银台 shows it): one per insurer organisation. */
export const insurerAccounts = pgTable('insurer_accounts', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id),
  accountName: text('account_name').notNull(),
  accountBank: text('account_bank').notNull(),
  accountNo: text('account_no').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * One 投保 of the enterprise: the filters it chose, the 投保信息 form (project snapshot, 保险金额 =
 * the approved amount, 起保/终保日期) and its files (attachments of owner type insurance_application:
 * tender, contract, award). Its id is the payment attempt's ref_id (way 'insurance').
 */
export const insuranceApplications = pgTable(
  'insurance_applications',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    /** 业务流水号 */
    businessNo: text('business_no').notNull(),
    ...projectParties(),
    regionCode: text('region_code').notNull(),
    productType: text('product_type').notNull(),
    applicantType: text('applicant_type').notNull(),
    qualification: text('qualification').notNull(),
    /** 保证金金额 = 保险金额 (the approved quota) */
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    startOn: date('start_on').notNull(),
    endOn: date('end_on').notNull(),
    days: integer('days').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('insurance_applications_project_idx').on(t.projectId, t.submittedAt),
    index('insurance_applications_enterprise_idx').on(t.enterpriseOrgId, t.submittedAt),
    check('insurance_applications_period_ck', sql`${t.startOn} <= ${t.endOn} and ${t.days} > 0`),
  ],
);

/** One order (订单编号) per insurer of an application; files: voucher, policy, invoice (owner type insurance_order). */
export const insuranceOrders = pgTable(
  'insurance_orders',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    applicationId: bigint('application_id', { mode: 'bigint' })
      .notNull()
      .references(() => insuranceApplications.id),
    productId: bigint('product_id', { mode: 'bigint' })
      .notNull()
      .references(() => insuranceProducts.id),
    insurerOrgId: uuid('insurer_org_id')
      .notNull()
      .references(() => organizations.id),
    ...projectParties(),
    status: text('status').notNull(),
    /** the product's 建议年费率 when ordered */
    annualRatePpm: integer('annual_rate_ppm').notNull(),
    referenceRate: text('reference_rate').notNull(),
    referencePremiumFen: bigint('reference_premium_fen', { mode: 'bigint' }).notNull(),
    /** 核保: the insurer's final figures (the enterprise pays final_premium_fen) */
    finalRate: text('final_rate'),
    finalPremiumFen: bigint('final_premium_fen', { mode: 'bigint' }),
    refuseReason: text('refuse_reason'),
    approvedAt: ts('approved_at'),
    refusedAt: ts('refused_at'),
    payingAt: ts('paying_at'),
    voucherAt: ts('voucher_at'),
    paidAt: ts('paid_at'),
    policyNo: text('policy_no'),
    policyFrom: date('policy_from'),
    policyTo: date('policy_to'),
    issuedAt: ts('issued_at'),
    guaranteeId: bigint('guarantee_id', { mode: 'bigint' }),
    invoiceTitle: text('invoice_title'),
    invoiceTaxNo: text('invoice_tax_no'),
    invoiceEmail: text('invoice_email'),
    invoiceRequestedAt: ts('invoice_requested_at'),
    invoiceAt: ts('invoice_at'),
    closedAt: ts('closed_at'),
    /** chosen_other | withdrawn | switched */
    closedReason: text('closed_reason'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('insurance_orders_application_idx').on(t.applicationId),
    index('insurance_orders_insurer_idx').on(t.insurerOrgId, t.createdAt, t.id),
    index('insurance_orders_insurer_status_idx').on(t.insurerOrgId, t.status, t.createdAt),
    index('insurance_orders_enterprise_idx').on(t.enterpriseOrgId, t.createdAt, t.id),
    index('insurance_orders_hrss_idx').on(t.hrssOrgId, t.createdAt, t.id),
    index('insurance_orders_authority_idx').on(t.authorityOrgId, t.createdAt, t.id),
    index('insurance_orders_project_idx').on(t.projectId, t.createdAt),
    check('insurance_orders_status_ck', sql`${t.status} ${oneOf(INSURANCE_ORDER_STATUSES)}`),
    check('insurance_orders_premium_ck', sql`${t.referencePremiumFen} >= 0 and (${t.finalPremiumFen} is null or ${t.finalPremiumFen} > 0)`),
  ],
);
