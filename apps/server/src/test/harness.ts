import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import type { Role, TCertificationRequest } from '@benxi/shared';
import { creditCodeCheckChar } from '@benxi/shared';
import { buildApp } from '../app';
import { loadEnv, type Env } from '../config/env';
import { openDatabase, type Database } from '../db/client';
import { organizations, smsOutbox, users } from '../db/schema/index';
import { fixedClock } from '../platform/clock';
import { hashPassword } from '../platform/passwords';
import { createSession, SESSION_COOKIE } from '../platform/sessions';
import { createConsoleSmsProvider } from '../platform/sms/console';
import { adminUrl, appUrl, TEMPLATE_DB } from './global-setup';
import { seedReference } from '../db/reference';

export const PASSWORD = 'Benxi@2026!';

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  env: Env;
  clock: ReturnType<typeof fixedClock>;
  dataDir: string;
  /**
   * Raw SQL as the owner of the tables (DDL a test needs, e.g. a probe table). On PostgreSQL the app
   * runs as a restricted role (global-setup.ts); on PGlite there is one role and this is database.query.
   */
  ownerQuery<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

export const usingPostgres = () => !!process.env.TEST_DATABASE_URL;

/** A migrated database of its own: PGlite in memory, or a copy of the PostgreSQL template. */
async function freshDatabase(): Promise<{ database: Database; ownerQuery: TestContext['ownerQuery']; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = inject('pgliteTemplate');
    if (template) {
      const database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(template)]) });
      return { database, ownerQuery: (text, params) => database.query(text, params), drop: async () => {} };
    }
    const database = await openDatabase({});
    await database.migrate();
    await seedReference(database.db);
    return { database, ownerQuery: (text, params) => database.query(text, params), drop: async () => {} };
  }
  const name = `bx_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  await admin.end();
  const database = await openDatabase({ url: appUrl(url, name), poolSize: 10 });
  return {
    database,
    ownerQuery: async <T,>(text: string, params?: unknown[]) => {
      const c = new pg.Client({ connectionString: adminUrl(url, name) });
      await c.connect();
      try {
        return { rows: (await c.query(text, params)).rows as T[] };
      } finally {
        await c.end();
      }
    },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestContext(overrides: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-test-'));
  const env = loadEnv({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    RATE_LIMIT_SMS_PER_MINUTE: '1000',
    // every inject comes from 127.0.0.1: a test that is about these limits sets them itself
    RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000',
    UPLOAD_RATE_PER_MINUTE: '100000',
    WEB_DIST: path.join(dataDir, 'no-web'),
    // a test that wants the daily jobs runs them itself (maintenance.test.ts) or sets this
    JOBS_ENABLED: 'false',
    // after-commit events wait until a test delivers them: `await ctx.app.outbox.drain()`
    OUTBOX_ENABLED: 'false',
    ...overrides,
  });
  const { database, ownerQuery, drop } = await freshDatabase();
  const clock = fixedClock('2026-03-02T02:00:00Z'); // a Monday, 10:00 in Beijing
  const sms = createConsoleSmsProvider({ db: database.db, clock });
  const app = await buildApp({ env, database, clock, sms });
  await app.ready();
  return {
    app,
    database,
    env,
    clock,
    dataDir,
    ownerQuery,
    async close() {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The newest code the console provider "sent" to a phone. */
export async function lastSmsCode(ctx: TestContext, phone: string): Promise<string> {
  const [row] = await ctx.database.db
    .select()
    .from(smsOutbox)
    .where(eq(smsOutbox.phone, phone))
    .orderBy(desc(smsOutbox.id))
    .limit(1);
  if (!row) throw new Error(`no SMS sent to ${phone}`);
  return row.code;
}

/** Asks for a code and returns it, moving the clock past the 60 s cooldown first. */
export async function smsCode(ctx: TestContext, phone: string, purpose: 'register' | 'login' | 'reset'): Promise<string> {
  ctx.clock.advance(61_000);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone, purpose } });
  if (res.statusCode !== 200) throw new Error(`sms-code ${res.statusCode}: ${res.body}`);
  return purpose === 'register' || (await userExists(ctx, phone)) ? lastSmsCode(ctx, phone) : '000000';
}

async function userExists(ctx: TestContext, phone: string): Promise<boolean> {
  return (await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.phone, phone))).length > 0;
}

let phoneSeq = 0;
/** A unique mainland mobile number for each call within a test file. */
export function newPhone(): string {
  // the files of a worker share its process (vitest.config.ts isolate: false): four digits, wrapping
  phoneSeq = (phoneSeq % 9999) + 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  phone: string;
  /** inject with this session's cookie and CSRF header */
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function login(ctx: TestContext, phone: string, password = PASSWORD): Promise<Session> {
  const code = await smsCode(ctx, phone, 'login');
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password, smsCode: code } });
  if (res.statusCode !== 200) throw new Error(`login ${res.statusCode}: ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'bx_session');
  const cookie = `bx_session=${setCookie!.value}`;
  const body = res.json();
  return sessionOf(ctx, cookie, body.csrfToken, body.id, phone);
}

/**
 * A logged-in session for a user without the SMS and password round trip (the login itself is
 * tested in modules/auth): the row the login would write, and its cookie and CSRF token.
 */
export async function sessionFor(ctx: TestContext, user: { id: string; phone: string }): Promise<Session> {
  const { token, csrfToken } = await createSession(
    ctx.database.db,
    user.id,
    ctx.clock.now(),
    { idleMs: ctx.env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: ctx.env.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    { ip: '127.0.0.1', userAgent: 'test' },
  );
  return sessionOf(ctx, `${SESSION_COOKIE}=${token}`, csrfToken, user.id, user.phone);
}

export function sessionOf(ctx: TestContext, cookie: string, csrf: string, userId: string, phone: string): Session {
  return {
    cookie,
    csrf,
    userId,
    phone,
    inject: (opts) =>
      ctx.app.inject({
        ...opts,
        headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) },
      } as InjectOptions),
  };
}

/** Factory: a user of any role with its organisation, inserted directly. */
export async function buildUser(
  ctx: TestContext,
  opts: { role: Role; certified?: boolean; orgName?: string; phone?: string; mustChangePassword?: boolean; orgId?: string } = { role: 'enterprise' },
): Promise<{ id: string; orgId: string; phone: string }> {
  const phone = opts.phone ?? newPhone();
  const orgType = opts.role === 'admin' ? 'platform' : opts.role;
  const certified = opts.role !== 'enterprise' || !!opts.certified;
  const [org] = opts.orgId
    ? await ctx.database.db.select().from(organizations).where(eq(organizations.id, opts.orgId))
    : await ctx.database.db
    .insert(organizations)
    .values({
      type: orgType,
      name: certified ? (opts.orgName ?? `测试单位${phone.slice(-4)}`) : null,
      creditCode: opts.role === 'enterprise' && certified ? randomCreditCode() : null,
      certified,
      createdAt: ctx.clock.now(),
    })
    .returning();
  const [user] = await ctx.database.db
    .insert(users)
    .values({
      phone,
      passwordHash: await cachedHash(),
      role: opts.role,
      orgId: org!.id,
      createdAt: ctx.clock.now(),
      mustChangePassword: !!opts.mustChangePassword,
    })
    .returning();
  return { id: user!.id, orgId: org!.id, phone };
}

let hashed: Promise<string> | undefined;
const cachedHash = () => (hashed ??= hashPassword(PASSWORD));

export function randomCreditCode(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '91210500';
  for (let i = 0; i < 9; i++) s += charset[crypto.randomInt(0, charset.length)];
  return s + creditCodeCheckChar(s);
}

export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** 4 × 3 pixels, made by Chromium's canvas (toDataURL): real files of each accepted image type. */
export const JPEG_BYTES = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffe201d84943435f50524f46494c45000101000001c800000000043000006d6e74725247422058595a2007e00001000100000000000061637370000000000000000000000000000000000000000000000000000000010000f6d6000100000000d32d0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000964657363000000f0000000247258595a00000114000000146758595a00000128000000146258595a0000013c00000014777470740000015000000014725452430000016400000028675452430000016400000028625452430000016400000028637072740000018c0000003c6d6c756300000000000000010000000c656e5553000000080000001c007300520047004258595a200000000000006fa2000038f50000039058595a2000000000000062990000b785000018da58595a2000000000000024a000000f840000b6cf58595a20000000000000f6d6000100000000d32d706172610000000000040000000266660000f2a700000d59000013d000000a5b00000000000000006d6c756300000000000000010000000c656e5553000000200000001c0047006f006f0067006c006500200049006e0063002e00200032003000310036ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb0043011112121815182f1a1a2f634238426363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363ffc00011080003000403012200021101031101ffc4001500010100000000000000000000000000000005ffc4001c1000020203010100000000000000000000010200120321611131ffc4001501010100000000000000000000000000000406ffc40014110100000000000000000000000000000000ffda000c03010002110311003f009f932364ad828aa851550baef9f4f4ee2221144fffd9',
  'hex',
);
export const CANVAS_PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000004000000030806000000b4f4aec60000002b4944415478014cc8c10d00000443d1c6444c6075263012eaa4c94b9a2fa1da9f60e755a0bdb890662086010000ffffe134267d00000006494441540300dd840e836e5246620000000049454e44ae426082',
  'hex',
);
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f000500020127efa3d50000000049454e44ae426082', 'hex');

/** A multipart body with one file field, as a browser sends it. */
export function multipart(filename: string, content: Buffer, field = 'file', type = 'application/octet-stream') {
  const boundary = `----bx${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadFile(s: Session, filename = '营业执照.pdf', content = PDF_BYTES): Promise<string> {
  const body = multipart(filename, content);
  const res = await s.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: body.headers });
  if (res.statusCode !== 201) throw new Error(`upload ${res.statusCode}: ${res.body}`);
  return res.json().id;
}

export function certificationInput(overrides: Partial<TCertificationRequest> = {}): Partial<TCertificationRequest> {
  return {
    enterpriseName: '本溪测试建设有限公司',
    creditCode: randomCreditCode(),
    certType: '施工单位',
    qualification: '一级',
    registeredRegion: '本溪市平山区',
    registeredAddress: '本溪市平山区人民路8号',
    legalRepresentative: '张伟',
    contactName: '刘洋',
    contactPhone: '13912345678',
    ...overrides,
  };
}

/** A reference unit by name (the bureaus seeded by seedReference). */
export async function orgByName(ctx: TestContext, name: string): Promise<string> {
  const [o] = await ctx.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  if (!o) throw new Error(`no organisation ${name}`);
  return o.id;
}

export function projectInput(overrides: Record<string, unknown> = {}) {
  return {
    industryType: 'housing',
    regionCode: '210500',
    name: '本溪市平山区保障性住房项目一期',
    location: '本溪市平山区胜利路18号',
    projectRegionCode: '210502',
    projectType: 'building',
    contractAmount: '20000000.00',
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
    builderName: '本溪市城市建设投资有限公司',
    builderCreditCode: randomCreditCode(),
    contractSignedOn: '2025-12-15',
    category: 'government',
    wageDay: 7,
    managerName: '张三',
    managerPhone: '13454342345',
    laborOfficerName: '李四',
    laborOfficerPhone: '13456666666',
    ...overrides,
  };
}
