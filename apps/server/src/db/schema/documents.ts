import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * The numbering of the platform's documents (platform/documents/numbering.ts, docs/decisions/028):
 * one row per kind and Beijing year, its last number taken. Written only inside the transaction of
 * the decision that issues the document, so numbers are gap-free and unique across processes.
 */
export const documentCounters = pgTable(
  'document_counters',
  {
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'document_counters_pk', columns: [t.kind, t.year] }),
    check('document_counters_seq_ck', sql`${t.lastSeq} >= 1`),
    check('document_counters_year_ck', sql`${t.year} between 2000 and 2999`),
  ],
);
