import { bigserial, boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { organizations } from './organizations';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').notNull().default('active'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    passwordChangedAt: ts('password_changed_at'),
    lastLoginAt: ts('last_login_at'),
  },
  (t) => [uniqueIndex('users_phone_uq').on(t.phone), index('users_org_idx').on(t.orgId), index('users_role_idx').on(t.role)],
);

/**
 * Failed-password counter keyed by phone, not by user, so that unknown phones are counted and
 * locked exactly like known ones (SPEC §2: failures for unknown phones look the same).
 */
export const loginThrottle = pgTable('login_throttle', {
  phone: text('phone').primaryKey(),
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: ts('locked_until'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Server-side sessions; the cookie carries a random token, the table keeps its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** SMS verification codes, stored as HMAC-SHA256 under a server secret. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** no longer valid: used, superseded by a newer code of its purpose, or its sending failed */
    consumedAt: ts('consumed_at'),
    /** used by a successful login, registration or reset; only codes without it count against the daily cap */
    usedAt: ts('used_at'),
    /** false when nothing was sent (a login/reset code asked for an unknown phone). */
    delivered: boolean('delivered').notNull().default(true),
  },
  (t) => [index('sms_codes_phone_created_idx').on(t.phone, t.createdAt)],
);

/** What the console provider "sent": the development SMS panel reads it. */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    code: text('code').notNull(),
    content: text('content').notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [index('sms_outbox_phone_idx').on(t.phone, t.sentAt)],
);

export const appSecrets = pgTable('app_secrets', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
