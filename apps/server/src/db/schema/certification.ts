import { sql } from 'drizzle-orm';
import { certificationWorkflow } from '@benxi/shared';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts, oneOf } from './columns';
import { organizations } from './organizations';
import { users } from './auth';
import { files } from './files';

export const certifications = pgTable(
  'certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bizCode: text('biz_code').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    creditCode: text('credit_code').notNull(),
    certType: text('cert_type').notNull(),
    qualification: text('qualification').notNull(),
    registeredRegion: text('registered_region').notNull(),
    registeredAddress: text('registered_address').notNull(),
    legalRepresentative: text('legal_representative').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    // 营业执照 and 资质证书 are attachments (attachments.ts, migration 0016)
    rejectReason: text('reject_reason'),
    submittedAt: ts('submitted_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('certifications_biz_code_uq').on(t.bizCode),
    index('certifications_org_idx').on(t.orgId, t.submittedAt),
    index('certifications_status_idx').on(t.status, t.submittedAt),
    // one live (pending or approved) certification per enterprise, and per credit code
    uniqueIndex('certifications_live_org_uq').on(t.orgId).where(sql`status in ('pending','approved')`),
    uniqueIndex('certifications_live_code_uq').on(t.creditCode).where(sql`status in ('pending','approved')`),
    check('certifications_status_ck', sql`${t.status} ${oneOf(certificationWorkflow.codes)}`),
  ],
);
