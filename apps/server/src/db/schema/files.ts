import { index, integer, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { organizations } from './organizations';
import { users } from './auth';
import { apiClients } from './open';

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id),
    /** the user who uploaded it, or (uploaderClientId) the API client that sent it inside JSON: exactly one of the two */
    uploaderId: uuid('uploader_id').references(() => users.id),
    uploaderClientId: uuid('uploader_client_id').references((): AnyPgColumn => apiClients.id),
    originalName: text('original_name').notNull(),
    storedPath: text('stored_path').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('files_owner_idx').on(t.ownerOrgId),
    index('files_uploader_idx').on(t.uploaderId),
    index('files_uploader_client_idx').on(t.uploaderClientId),
  ],
);
