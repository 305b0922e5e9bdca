import fs from 'node:fs';
import path from 'node:path';
import { desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@benxi/shared';
import { auditLog, files, jobRuns, sessions } from '../../db/schema/index';
import { createScheduler, type JobLogger } from '../../platform/jobs';
import {
  buildUser,
  certificationInput,
  createTestContext,
  login,
  projectInput,
  uploadFile,
  usingPostgres,
  type TestContext,
} from '../../test/harness';
import * as fileData from '../files/repository';
import { fileForeignKeys } from '../files/repository';
import { maintenanceJobs } from './service';

let ctx: TestContext;
const quiet: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The app's jobs, on the test clock, as one more process would run them. */
const scheduler = () =>
  createScheduler({
    db: ctx.database.db,
    clock: ctx.clock,
    jobs: maintenanceJobs({ dataDir: ctx.dataDir, sessionPolicy: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 }, files: fileData }),
    node: 'test',
    log: quiet,
  });

const fileRow = async (id: string) => (await ctx.database.db.select().from(files).where(eq(files.id, id)))[0];
const onDisk = (row: { storedPath: string }) => fs.existsSync(path.join(ctx.dataDir, 'files', row.storedPath));

describe('清理孤立上传文件', () => {
  it('deletes an unreferenced upload older than 24 h (row and disk); keeps referenced ones and a fresh one', async () => {
    const u = await buildUser(ctx, { role: 'enterprise', certified: true });
    const ent = await login(ctx, u.phone);
    // referenced by a certification (foreign key) and by a quota application's 中标通知书 (jsonb array)
    const qualification = await uploadFile(ent, '资质证书.pdf');
    const notice = await uploadFile(ent, '中标通知书.pdf');
    const quotaLicence = await uploadFile(ent, '营业执照2.pdf');
    const orphan = await uploadFile(ent, '没用上的.pdf');
    // certification by an uncertified enterprise of its own
    const v = await buildUser(ctx, { role: 'enterprise' });
    const newcomer = await login(ctx, v.phone);
    const certLicence = await uploadFile(newcomer, '营业执照3.pdf');
    const cert = await newcomer.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId: certLicence, qualificationFileId: undefined }) });
    expect(cert.statusCode, cert.body).toBe(201);
    const p = await ent.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ contractAmount: '2999999.99' }) });
    expect(p.statusCode, p.body).toBe(201);
    const q = await ent.inject({
      method: 'POST',
      url: '/api/quota-applications',
      payload: {
        projectId: p.json().id,
        contractAmount: '2999999.99',
        prepayMode: 'ratio',
        prepayRatio: '2',
        applyType: 'exempt',
        handlerName: '张三全',
        handlerPhone: '13455554444',
        licenseFileId: quotaLicence,
        bidNoticeFileIds: [notice],
      },
    });
    expect(q.statusCode, q.body).toBe(201);
    // a second certification-held file: the qualification of the enterprise's own record
    await ctx.database.query(
      `insert into attachments (file_id, owner_type, owner_id, kind, created_at)
       select $1, 'certification', owner_id, 'qualification', now() from attachments where file_id = $2`,
      [qualification, certLicence],
    );
    const before = await Promise.all([qualification, notice, quotaLicence, orphan, certLicence].map(fileRow));
    expect(before.every((r) => r && onDisk(r))).toBe(true);

    ctx.clock.advance(25 * 3_600_000);
    const fresh = await uploadFile(await login(ctx, u.phone), '刚上传的.pdf');
    const results = await scheduler().check();
    expect(results['files.purge-orphans']).toBe('ran');

    const gone = [orphan];
    const kept = [qualification, notice, quotaLicence, certLicence, fresh];
    for (const id of gone) expect(await fileRow(id), id).toBeUndefined();
    for (const r of before.filter((r) => gone.includes(r!.id))) expect(onDisk(r!)).toBe(false);
    for (const id of kept) {
      const r = await fileRow(id);
      expect(r, id).toBeDefined();
      expect(onDisk(r!), id).toBe(true);
    }

    const [run] = await ctx.database.db.select().from(jobRuns).where(eq(jobRuns.job, 'files.purge-orphans'));
    expect(run).toMatchObject({ status: 'ok', attempts: 1, node: 'test' });
    expect(run!.summary).toMatchObject({ deleted: 1, more: false });
    const [audit] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'file.purge-orphans'));
    expect(audit).toMatchObject({ actorId: null, actorPhone: null, actorRole: null, targetType: 'file' });
    expect(audit!.after).toMatchObject({ deleted: 1 });
    expect((audit!.before as { files: { id: string }[] }).files.map((f) => f.id)).toEqual(gone);
    // the same day it does not run again
    expect((await scheduler().check())['files.purge-orphans']).toBe('done');
  });

  it('knows every column that holds a file id: attachments.file_id is the only one (ADR 019)', async () => {
    const fks = (await fileForeignKeys(ctx.database.db)).map((f) => `${f.table}.${f.column}`);
    expect(fks).toEqual(['attachments.file_id']);
    const { rows } = await ctx.database.query<{ c: string }>(
      `select table_name || '.' || column_name as c from information_schema.columns
       where table_schema = 'public' and table_name <> 'files' and column_name like '%file%' order by 1`,
    );
    const unknown = rows.map((r) => r.c).filter((c) => !fks.includes(c));
    expect(unknown, 'a new column holds file ids: attach the files instead (files/attachments.ts#attach)').toEqual([]);
  });
});

describe('清理过期会话', () => {
  it('deletes sessions past their expiry or idle beyond the limit, keeps live ones', async () => {
    ctx.clock.advance(86_400_000); // the job ran in the test above: a new day
    const u = await buildUser(ctx, { role: 'hrss' });
    // a real login session, live (logging in moves the clock past the SMS cooldown: do it first)
    const live = await login(ctx, u.phone);
    const now = ctx.clock.now();
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
    const row = (id: string, lastSeenMinutesAgo: number, expiresInMinutes: number) => ({
      id,
      userId: u.id,
      csrfToken: 'x',
      createdAt: at(60),
      lastSeenAt: at(lastSeenMinutesAgo),
      expiresAt: at(-expiresInMinutes),
      ip: null,
      userAgent: null,
    });
    const ids = ['purge-live', 'purge-nearly-idle', 'purge-idle', 'purge-expired', 'purge-expired-now'];
    await ctx.database.db.insert(sessions).values([
      row('purge-live', 1, 600),
      row('purge-nearly-idle', 29, 600), // 29 minutes unused: still within the 30-minute limit
      row('purge-idle', 31, 600),
      row('purge-expired', 1, -5), // used a minute ago, but past its 12-hour end
      row('purge-expired-now', 1, 0),
    ]);

    const results = await scheduler().check();
    expect(results['sessions.purge']).toBe('ran');
    const left = (await ctx.database.db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, ids))).map((r) => r.id).sort();
    expect(left).toEqual(['purge-live', 'purge-nearly-idle']);
    expect((await live.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    const [run] = await ctx.database.db.select().from(jobRuns).where(eq(jobRuns.job, 'sessions.purge')).orderBy(desc(jobRuns.runDate));
    // the test's five and whatever earlier tests' sessions had run out by then
    expect(run!.summary).toMatchObject({ expired: expect.any(Number), idle: expect.any(Number) });
    expect((run!.summary as { expired: number }).expired).toBeGreaterThanOrEqual(2);
    expect((run!.summary as { idle: number }).idle).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /api/admin/job-runs', () => {
  it('lists the runs, newest first, with 中文 names, filters and paging', async () => {
    const admin = await login(ctx, (await buildUser(ctx, { role: 'admin' })).phone);
    const res = await admin.inject({ method: 'GET', url: '/api/admin/job-runs?pageSize=10' });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items[0]).toMatchObject({ status: 'ok', node: 'test' });
    const labels = new Set(page.items.map((r: { label: string }) => r.label));
    expect(labels).toEqual(new Set(['清理过期会话', '清理孤立上传文件']));
    const dates = page.items.map((r: { runDate: string }) => r.runDate);
    expect([...dates].sort().reverse()).toEqual(dates);

    const one = (await admin.inject({ method: 'GET', url: '/api/admin/job-runs?job=sessions.purge&page=1&pageSize=10' })).json();
    expect(one.items.every((r: { job: string }) => r.job === 'sessions.purge')).toBe(true);
    expect(one.total).toBe(one.items.length);
    expect((await admin.inject({ method: 'GET', url: '/api/admin/job-runs?status=failed' })).json().total).toBe(0);
    expect((await admin.inject({ method: 'GET', url: '/api/admin/job-runs?job=nope' })).statusCode).toBe(400);
    expect((await admin.inject({ method: 'GET', url: '/api/admin/job-runs?pageSize=7' })).statusCode).toBe(400);
  });

  it('is for the operator only: every other role gets 403, no session 401', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const u = await buildUser(ctx, { role, certified: true });
      const s = await login(ctx, u.phone);
      expect((await s.inject({ method: 'GET', url: '/api/admin/job-runs' })).statusCode, role).toBe(403);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/job-runs' })).statusCode).toBe(401);
  });
});

describe('an upload being attached while the clean-up runs (PostgreSQL: two connections)', () => {
  it.skipIf(!usingPostgres())('is skipped (its row is locked by the attaching command), and deleted the next day if still unused', async () => {
    const u = await buildUser(ctx, { role: 'enterprise', certified: true });
    const id = await uploadFile(await login(ctx, u.phone), '正在提交的.pdf');
    ctx.clock.advance(25 * 3_600_000);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // what files/attachments.ts#attach does inside a submit, before it inserts the attachment
    const submit = ctx.database.db.transaction(async (tx) => {
      await tx.select({ id: files.id }).from(files).where(eq(files.id, id)).for('key share');
      locked();
      await released;
    });
    await isLocked;
    try {
      expect((await scheduler().check())['files.purge-orphans']).toBe('ran');
      expect(await fileRow(id)).toBeDefined();
    } finally {
      release();
      await submit;
    }
    ctx.clock.advance(86_400_000);
    expect((await scheduler().check())['files.purge-orphans']).toBe('ran');
    expect(await fileRow(id)).toBeUndefined();
  });
});
