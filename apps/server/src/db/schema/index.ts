import { sql } from 'drizzle-orm';
import { certificationWorkflow, depositWorkflow, PROJECT_STATUSES, quotaWorkflow } from '@benxi/shared';
import {
  bigint,
  bigserial,
  check,
  date,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** `in ('a', 'b', …)` of a workflow's state codes: the CHECK of its status column (migration 0015, ADR 017). */
const oneOf = (codes: readonly string[]) => sql.raw(`in (${codes.map((c) => `'${c}'`).join(', ')})`);

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

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id),
    uploaderId: uuid('uploader_id')
      .notNull()
      .references(() => users.id),
    originalName: text('original_name').notNull(),
    storedPath: text('stored_path').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('files_owner_idx').on(t.ownerOrgId), index('files_uploader_idx').on(t.uploaderId)],
);

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

/** Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorPhone: text('actor_phone'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_target_idx').on(t.targetType, t.targetId),
    index('audit_action_idx').on(t.action, t.at),
  ],
);

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

export const projects = pgTable(
  'projects',
  {
    /** 工程编号: snowflake (19 digits) */
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    enterpriseOrgId: uuid('enterprise_org_id')
      .notNull()
      .references(() => organizations.id),
    industryType: text('industry_type').notNull(),
    regionCode: text('region_code').notNull(),
    authorityOrgId: uuid('authority_org_id')
      .notNull()
      .references(() => organizations.id),
    hrssOrgId: uuid('hrss_org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    location: text('location').notNull(),
    projectRegionCode: text('project_region_code').notNull(),
    projectType: text('project_type').notNull(),
    contractAmountFen: bigint('contract_amount_fen', { mode: 'bigint' }).notNull(),
    plannedStart: date('planned_start').notNull(),
    plannedEnd: date('planned_end').notNull(),
    contractorName: text('contractor_name').notNull(),
    contractorCreditCode: text('contractor_credit_code').notNull(),
    builderName: text('builder_name').notNull(),
    builderCreditCode: text('builder_credit_code').notNull(),
    contractSignedOn: date('contract_signed_on').notNull(),
    wageDay: integer('wage_day').notNull(),
    managerName: text('manager_name').notNull(),
    managerPhone: text('manager_phone').notNull(),
    laborOfficerName: text('labor_officer_name').notNull(),
    laborOfficerPhone: text('labor_officer_phone').notNull(),
    category: text('category').notNull(),
    permitDate: date('permit_date'),
    actualStart: date('actual_start'),
    expectedCompletion: date('expected_completion'),
    actualCompletion: date('actual_completion'),
    status: text('status').notNull().default('not_started'),
    depositStatus: text('deposit_status').notNull().default('none'),
    needsReplenish: boolean('needs_replenish').notNull().default(false),
    baseLocked: boolean('base_locked').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // ascending (created_at, id): scanned backwards it serves ORDER BY created_at DESC, id DESC
    // (an index declared DESC NULLS LAST would not match the default DESC NULLS FIRST)
    index('projects_enterprise_created_idx').on(t.enterpriseOrgId, t.createdAt, t.id),
    index('projects_hrss_created_idx').on(t.hrssOrgId, t.createdAt, t.id),
    index('projects_authority_created_idx').on(t.authorityOrgId, t.createdAt, t.id),
    index('projects_created_at_idx').on(t.createdAt, t.id),
    // narrow, deduplicated b-trees: a scope's total is an index-only scan of a few pages
    index('projects_hrss_scope_idx').on(t.hrssOrgId),
    index('projects_authority_scope_idx').on(t.authorityOrgId),
    // the deposit engine's record of an enterprise in a region (projects under construction, first
    // signing date): without it the planner ANDed the region index (150k rows at 1M) — 50 ms a submit
    index('projects_enterprise_region_idx').on(t.enterpriseOrgId, t.regionCode, t.status, t.contractSignedOn),
    check('projects_status_ck', sql`${t.status} ${oneOf(PROJECT_STATUSES)}`),
    check('projects_deposit_status_ck', sql`${t.depositStatus} ${oneOf(depositWorkflow.codes)}`),
    // projects_name_grams_idx (GIN over name_grams(name)) and the filter indexes are in migration 0004
  ],
);

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

/** 定额申请: one live (pending or approved) per project; a rejected one is followed by a new batch. */
export const quotaApplications = pgTable(
  'quota_applications',
  {
    /** 申请批次号 (snowflake) */
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    projectId: bigint('project_id', { mode: 'bigint' })
      .notNull()
      .references(() => projects.id),
    enterpriseOrgId: uuid('enterprise_org_id')
      .notNull()
      .references(() => organizations.id),
    hrssOrgId: uuid('hrss_org_id')
      .notNull()
      .references(() => organizations.id),
    authorityOrgId: uuid('authority_org_id')
      .notNull()
      .references(() => organizations.id),
    previousId: bigint('previous_id', { mode: 'bigint' }),
    status: text('status').notNull(),
    contractAmountFen: bigint('contract_amount_fen', { mode: 'bigint' }).notNull(),
    prepayMode: text('prepay_mode').notNull(), // 'ratio' | 'amount'
    prepayRatioPpm: integer('prepay_ratio_ppm').notNull(),
    appliedFen: bigint('applied_fen', { mode: 'bigint' }).notNull(),
    applyType: text('apply_type').notNull(), // 'exempt' | 'deferred' | 'general'
    payMethod: text('pay_method'), // 'cash' | 'guarantee' (general only)
    handlerName: text('handler_name').notNull(),
    handlerPhone: text('handler_phone').notNull(),
    description: text('description'),
    deferralReason: text('deferral_reason'),
    // its files (营业执照, 中标通知书, 缓缴证明) are attachments (attachments.ts, migration 0016)
    requiredRatioPpm: integer('required_ratio_ppm').notNull(),
    requiredFen: bigint('required_fen', { mode: 'bigint' }).notNull(),
    exemptionAllowed: boolean('exemption_allowed').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    record: jsonb('record').notNull(),
    paramsSnapshot: jsonb('params_snapshot').notNull(),
    belowRequirement: boolean('below_requirement').notNull(),
    justification: text('justification'),
    approvedFen: bigint('approved_fen', { mode: 'bigint' }),
    justificationAccepted: boolean('justification_accepted'),
    reviewComment: text('review_comment'),
    rejectReason: text('reject_reason'),
    submittedAt: ts('submitted_at').notNull(),
    dueOn: date('due_on').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('quota_live_project_uq').on(t.projectId).where(sql`status in ('pending','approved')`),
    index('quota_project_idx').on(t.projectId, t.submittedAt),
    index('quota_enterprise_idx').on(t.enterpriseOrgId, t.submittedAt, t.id),
    index('quota_hrss_idx').on(t.hrssOrgId, t.submittedAt, t.id),
    index('quota_hrss_status_idx').on(t.hrssOrgId, t.status, t.submittedAt),
    check('quota_applications_status_ck', sql`${t.status} ${oneOf(quotaWorkflow.codes)}`),
  ],
);

/**
 * One row per daily job per Beijing day (docs/decisions/012): written in the transaction that holds
 * the job's advisory lock, so a committed 'ok' means the day's run happened, exactly once.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    /** the Beijing calendar day the run is for */
    runDate: date('run_date').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull(),
    status: text('status').notNull(), // 'ok' | 'failed'
    /** attempts made that day (a failed run is retried at the next check, up to a limit) */
    attempts: integer('attempts').notNull().default(1),
    summary: jsonb('summary'),
    node: text('node').notNull(),
  },
  (t) => [
    uniqueIndex('job_runs_job_date_uq').on(t.job, t.runDate),
    index('job_runs_started_idx').on(t.startedAt),
    check('job_runs_status_ck', sql`${t.status} in ('ok', 'failed')`),
  ],
);
export * from './outbox';
export * from './attachments';
