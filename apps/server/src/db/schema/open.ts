import { bigint, boolean, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { organizations } from './organizations';
import { users } from './auth';

/**
 * The open API (SPEC §13, docs/decisions/021; migration 0018). An API client acts for one bank or
 * insurer organisation with the SM2 public key its operator registered.
 */
export const apiClients = pgTable(
  'api_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** generated: `bx_` + 20 base32 characters */
    appId: text('app_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    /** uncompressed, lower-case hex: `04` + x + y (CHECK in the migration) */
    publicKey: text('public_key').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    disabledAt: ts('disabled_at'),
    disabledBy: uuid('disabled_by').references(() => users.id),
  },
  (t) => [uniqueIndex('api_clients_app_id_uq').on(t.appId), index('api_clients_org_idx').on(t.orgId)],
);

/**
 * Every nonce a client used, so that no process accepts it again; rows older than twice the
 * timestamp window are purged through the index on seen_at (a timestamp that old is refused anyway).
 */
export const openNonces = pgTable(
  'open_nonces',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull(),
    seenAt: ts('seen_at').notNull(),
  },
  (t) => [primaryKey({ name: 'open_nonces_pk', columns: [t.clientId, t.nonce] }), index('open_nonces_seen_idx').on(t.seenAt)],
);

/** The events feed: each new task for an organisation, in commit order per organisation (`cursor`). */
export const openEvents = pgTable(
  'open_events',
  {
    cursor: bigint('cursor', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    type: text('type').notNull(),
    objectNo: text('object_no').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('open_events_org_cursor_idx').on(t.orgId, t.cursor)],
);
