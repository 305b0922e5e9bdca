import { date, boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { organizations } from './organizations';
import { users } from './auth';

/** 欠薪及失信记录, kept by hrss; feeds the deposit-ratio engine. */
export const arrearsRecords = pgTable(
  'arrears_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseOrgId: uuid('enterprise_org_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull(), // 'arrears' | 'serious_dishonest'
    regionCode: text('region_code').notNull(),
    occurredOn: date('occurred_on').notNull(),
    removedOn: date('removed_on'),
    sourceDocument: text('source_document').notNull(),
    note: text('note'),
    enteredBy: uuid('entered_by')
      .notNull()
      .references(() => users.id),
    /** the owner: the unit that entered it; it or a unit above it may remove the entry (ADR 014) */
    enteredByOrgId: uuid('entered_by_org_id')
      .notNull()
      .references(() => organizations.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('arrears_enterprise_idx').on(t.enterpriseOrgId, t.occurredOn), index('arrears_entered_by_org_idx').on(t.enteredByOrgId)],
);

/** Per enterprise: whether the real-name and special-account duties are met (set by hrss). */
export const enterpriseCompliance = pgTable('enterprise_compliance', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id),
  dutiesMet: boolean('duties_met').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull(),
});
