import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/** Every user belongs to one organisation: an enterprise, a bureau, a bank, an insurer or the operator. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    name: text('name'),
    creditCode: text('credit_code'),
    regionCode: text('region_code'),
    parentId: uuid('parent_id'),
    certified: boolean('certified').notNull().default(false),
    /** authority units: the 行业主管类型 code they supervise (housing, transport, water, other) */
    industryType: text('industry_type'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_credit_code_uq').on(t.creditCode),
    index('organizations_type_idx').on(t.type),
    index('organizations_parent_idx').on(t.parentId),
  ],
);
