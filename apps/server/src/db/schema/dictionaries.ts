import { boolean, index, integer, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  parentCode: text('parent_code'),
  enabled: boolean('enabled').notNull().default(true),
  sort: integer('sort').notNull().default(0),
});

/** The small dictionaries of the forms (行业主管类型, 工程类型, 企业资质, 项目种类). */
export const dictItems = pgTable(
  'dict_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dictType: text('dict_type').notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('dict_items_type_code_uq').on(t.dictType, t.code)],
);

/**
 * Which unit supervises a project: (kind 'authority', industry type, region) → 行业主管单位 and
 * (kind 'hrss', region) → 人社监管单位. Several rows for one key offer a choice; one is the default.
 */
export const supervisionMappings = pgTable(
  'supervision_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    industryType: text('industry_type'),
    regionCode: text('region_code').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    isDefault: boolean('is_default').notNull().default(false),
  },
  (t) => [
    index('supervision_key_idx').on(t.kind, t.regionCode, t.industryType),
    // NULLS NOT DISTINCT: 人社 mappings have no industry type, and a NULL would make every row unique
    unique('supervision_uq').on(t.kind, t.regionCode, t.industryType, t.orgId).nullsNotDistinct(),
  ],
);
