import { sql } from 'drizzle-orm';
import { cancellationWorkflow, filingWorkflow, returnWorkflow } from '@benxi/shared';
import { bigint, boolean, check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts, oneOf } from './columns';
import { projects } from './projects';
import { organizations } from './organizations';
import { users } from './auth';
import { projectParties } from './parties';

/** 备案申请 (SPEC §7): one pending or approved per project; a rejected one is followed by a new one. */
export const filings = pgTable(
  'filings',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    ...projectParties(),
    previousId: bigint('previous_id', { mode: 'bigint' }),
    status: text('status').notNull(),
    /** the deposit state it was filed from ('paid' | 'deferred'): picks the deposit event of a refusal */
    depositFrom: text('deposit_from').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    dueOn: date('due_on').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    rejectReason: text('reject_reason'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('filings_live_project_uq').on(t.projectId).where(sql`status in ('pending','approved')`),
    index('filings_project_idx').on(t.projectId, t.submittedAt),
    index('filings_enterprise_idx').on(t.enterpriseOrgId, t.submittedAt, t.id),
    index('filings_hrss_idx').on(t.hrssOrgId, t.status, t.submittedAt, t.id),
    index('filings_authority_idx').on(t.authorityOrgId, t.submittedAt, t.id),
    check('filings_status_ck', sql`${t.status} ${oneOf(filingWorkflow.codes)}`),
    check('filings_deposit_from_ck', sql`${t.depositFrom} in ('paid', 'deferred')`),
  ],
);

/** 保证金注销申请 (SPEC §8): one pending or approved per project; its files are attachments (owner type `cancellation`). */
export const cancellations = pgTable(
  'cancellations',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    ...projectParties(),
    previousId: bigint('previous_id', { mode: 'bigint' }),
    status: text('status').notNull(),
    actualStart: date('actual_start').notNull(),
    actualCompletion: date('actual_completion').notNull(),
    publicityStart: date('publicity_start').notNull(),
    handlerName: text('handler_name').notNull(),
    handlerPhone: text('handler_phone').notNull(),
    note: text('note'),
    submittedAt: ts('submitted_at').notNull(),
    dueOn: date('due_on').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    rejectReason: text('reject_reason'),
    /** 本人社返〔2026〕第 000123 号 (platform/documents/numbering.ts), set by the approval */
    documentNo: text('document_no'),
    /** what the 确认书 lists, fixed at the approval: [{ kindLabel, number, issuerName, amount }] */
    instruments: text('instruments'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('cancellations_live_project_uq').on(t.projectId).where(sql`status in ('pending','approved')`),
    uniqueIndex('cancellations_document_no_uq').on(t.documentNo),
    index('cancellations_project_idx').on(t.projectId, t.submittedAt),
    index('cancellations_enterprise_idx').on(t.enterpriseOrgId, t.submittedAt, t.id),
    index('cancellations_hrss_idx').on(t.hrssOrgId, t.status, t.submittedAt, t.id),
    index('cancellations_authority_idx').on(t.authorityOrgId, t.submittedAt, t.id),
    check('cancellations_status_ck', sql`${t.status} ${oneOf(cancellationWorkflow.codes)}`),
    check('cancellations_document_ck', sql`(${t.status} = 'approved') = (${t.documentNo} is not null)`),
  ],
);

/** 返还确认: one per bank holding an instrument of an approved cancellation (its cash, or its guarantees' originals). */
export const returnConfirmations = pgTable(
  'return_confirmations',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    cancellationId: bigint('cancellation_id', { mode: 'bigint' }).notNull().references(() => cancellations.id),
    projectId: bigint('project_id', { mode: 'bigint' }).notNull().references(() => projects.id),
    enterpriseOrgId: uuid('enterprise_org_id').notNull().references(() => organizations.id),
    hrssOrgId: uuid('hrss_org_id').notNull().references(() => organizations.id),
    bankOrgId: uuid('bank_org_id').notNull().references(() => organizations.id),
    kind: text('kind').notNull(),
    /** the instruments held: the cash deposit's total, or the guarantees' numbers */
    instruments: text('instruments').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    status: text('status').notNull(),
    issuedAt: ts('issued_at').notNull(),
    dueOn: date('due_on').notNull(),
    returnedOn: date('returned_on'),
    principalFen: bigint('principal_fen', { mode: 'bigint' }),
    interestFen: bigint('interest_fen', { mode: 'bigint' }),
    originalReturned: boolean('original_returned'),
    confirmedAt: ts('confirmed_at'),
  },
  (t) => [
    uniqueIndex('return_confirmations_uq').on(t.cancellationId, t.bankOrgId, t.kind),
    index('return_confirmations_bank_idx').on(t.bankOrgId, t.status, t.issuedAt, t.id),
    index('return_confirmations_enterprise_idx').on(t.enterpriseOrgId, t.issuedAt),
    index('return_confirmations_hrss_idx').on(t.hrssOrgId, t.issuedAt),
    // 台账 (migration 0026): the confirmed returns of a page of projects
    index('return_confirmations_project_idx').on(t.projectId, t.status),
    check('return_confirmations_status_ck', sql`${t.status} ${oneOf(returnWorkflow.codes)}`),
    check('return_confirmations_kind_ck', sql`${t.kind} in ('cash', 'guarantee')`),
    check('return_confirmations_amount_ck', sql`${t.amountFen} >= 0 and coalesce(${t.principalFen}, 0) >= 0 and coalesce(${t.interestFen}, 0) >= 0`),
  ],
);
