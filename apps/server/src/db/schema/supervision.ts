import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { users } from './auth';
import { organizations } from './organizations';
import { projects } from './projects';
import { projectParties } from './parties';

/**
 * A year's holiday arrangement (migration 0024, ADR 036): its days are rows of calendar_overrides
 * (the working-day function reads them); this row keeps the text as entered and whether the
 * operator confirmed it. The years of the chinese-days package count as confirmed without a row.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  confirmed: boolean('confirmed').notNull().default(false),
  confirmedAt: ts('confirmed_at'),
  confirmedBy: uuid('confirmed_by').references(() => users.id),
  text: text('text').notNull().default(''),
  updatedAt: ts('updated_at').notNull(),
});

/** 预警 (ADR 037): raised and cleared by modules/warnings/sweep.ts only. */
export const warnings = pgTable(
  'warnings',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    type: text('type').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    ...projectParties(),
    /** the bank or insurer that must act (its 预警 list shows what it owes) */
    addresseeOrgId: uuid('addressee_org_id').references(() => organizations.id),
    dueOn: date('due_on').notNull(),
    detail: text('detail').notNull(),
    raisedAt: ts('raised_at').notNull(),
    clearedAt: ts('cleared_at'),
    clearedReason: text('cleared_reason'),
  },
  (t) => [
    uniqueIndex('warnings_open_uq').on(t.type, t.objectType, t.objectId).where(sql`cleared_at is null`),
    index('warnings_project_idx').on(t.projectId).where(sql`cleared_at is null`),
    index('warnings_enterprise_idx').on(t.enterpriseOrgId, t.raisedAt, t.id),
    index('warnings_hrss_idx').on(t.hrssOrgId, t.raisedAt, t.id),
    index('warnings_authority_idx').on(t.authorityOrgId, t.raisedAt, t.id),
    index('warnings_addressee_idx').on(t.addresseeOrgId, t.raisedAt, t.id).where(sql`addressee_org_id is not null`),
    index('warnings_open_type_idx').on(t.type, t.hrssOrgId).where(sql`cleared_at is null`),
    check('warnings_cleared_ck', sql`(${t.clearedAt} is null) = (${t.clearedReason} is null)`),
  ],
);

/** 消息中心 (ADR 038): one row per user; a redelivered event finds its dedupe key taken. */
export const messages = pgTable(
  'messages',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [
    uniqueIndex('messages_dedupe_uq').on(t.userId, t.dedupeKey),
    index('messages_user_idx').on(t.userId, t.createdAt, t.id),
    index('messages_unread_idx').on(t.userId).where(sql`read_at is null`),
    check('messages_kind_ck', sql`${t.kind} in ('warning', 'decision')`),
  ],
);

/** 短信记录 (ADR 038): every notification SMS of a warning, sent, held for the morning or failed. */
export const smsRecords = pgTable(
  'sms_records',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    phone: text('phone').notNull(),
    template: text('template').notNull(),
    content: text('content').notNull(),
    warningId: bigint('warning_id', { mode: 'bigint' }).references(() => warnings.id),
    /** the Beijing day it is (to be) sent on: at most one per warning, phone and day */
    sendOn: date('send_on').notNull(),
    status: text('status').notNull(),
    result: text('result'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('sms_records_warning_day_uq').on(t.warningId, t.phone, t.sendOn).where(sql`warning_id is not null and status in ('queued', 'held', 'sent')`),
    index('sms_records_created_idx').on(t.createdAt, t.id),
    check('sms_records_status_ck', sql`${t.status} in ('queued', 'held', 'sent', 'failed', 'skipped')`),
  ],
);
