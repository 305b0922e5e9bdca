import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files } from './index';

/**
 * A file attached to a workflow object (docs/decisions/019, migration 0016): the one place a file id
 * is kept. Reading a file = reading one of its owners; a file with no attachment is an orphan (its
 * uploader's organisation alone reads it, the daily clean-up deletes it after 24 h). `owner_id` is
 * the owner's id as text (snowflake or uuid); `position` keeps the order of a kind with several files
 * (中标通知书 ×2).
 */
export const ATTACHMENT_OWNER_TYPE_CODES = ['quota_application', 'certification', 'cash_deposit', 'cash_arrival', 'guarantee_application', 'guarantee', 'offline_guarantee', 'insurance_product', 'insurance_application', 'insurance_order', 'cancellation', 'deposit_use'] as const;

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    kind: text('kind').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('attachments_owner_kind_file_uq').on(t.ownerType, t.ownerId, t.kind, t.fileId),
    index('attachments_file_idx').on(t.fileId),
    check('attachments_owner_type_ck', sql.raw(`owner_type in (${ATTACHMENT_OWNER_TYPE_CODES.map((c) => `'${c}'`).join(', ')})`)),
  ],
);
