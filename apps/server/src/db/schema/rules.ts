import { date, boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { users } from './auth';

/** Deposit-ratio parameters per region; every change is a new version, effective from its time. */
export const ratioParamVersions = pgTable(
  'ratio_param_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    params: jsonb('params').notNull(),
    effectiveFrom: ts('effective_from').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('ratio_params_region_idx').on(t.regionCode, t.effectiveFrom)],
);

/** Working-day calendar overrides on top of the official PRC calendar (admin editable). */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date').primaryKey(),
  workday: boolean('workday').notNull(),
  note: text('note'),
});
