/**
 * Attachments (docs/decisions/019): migration 0016 keeps every link the old columns held; reading a
 * file = reading its owner; an orphan is exactly a file with no attachment; attach() refuses what is
 * not the organisation's upload or already serves as another document, and replaces a kind's files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase } from '../../db/client';
import { attachments } from '../../db/schema/index';
import { buildUser, certificationInput, createTestContext, orgByName, projectInput, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';
import { attach, unattached } from './attachments';

describe('migration 0016 keeps every existing link', () => {
  it('moves licence, 中标通知书 ×2 (in order), deferral file, 营业执照 and 资质证书 onto attachments, then drops the old columns', async () => {
    // the migrations up to 0015, as a database deployed before this change has them
    const before = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-mig-0015-'));
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
    fs.mkdirSync(path.join(before, 'meta'));
    const kept = journal.entries.filter((e) => e.tag < '0016');
    // every migration before 0016 (the later ones, 0016 included, run below)
    expect(kept.length).toBe(journal.entries.findIndex((e) => e.tag.startsWith('0016')));
    fs.writeFileSync(path.join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: kept }));
    for (const e of kept) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(before, `${e.tag}.sql`));

    const database = await openDatabase({});
    try {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(database.db as never, { migrationsFolder: before });
      const q = database.query;
      const org = (await q<{ id: string }>(`insert into organizations (type, name, certified) values ('enterprise', '旧数据建设有限公司', true) returning id`)).rows[0]!.id;
      const unit = (await q<{ id: string }>(`insert into organizations (type, name, certified) values ('hrss', '旧数据人社局', true) returning id`)).rows[0]!.id;
      const user = (await q<{ id: string }>(`insert into users (phone, password_hash, role, org_id) values ('13900000001', 'x', 'enterprise', $1) returning id`, [org])).rows[0]!.id;
      const file = async (name: string) =>
        (await q<{ id: string }>(
          `insert into files (owner_org_id, uploader_id, original_name, stored_path, mime, size, sha256, created_at) values ($1, $2, $3, $3, 'application/pdf', 10, 'x', now()) returning id`,
          [org, user, name],
        )).rows[0]!.id;
      const [licence, notice1, notice2, deferral, certLicence, qualification, loose] = await Promise.all(
        ['营业执照', '中标通知书1', '中标通知书2', '缓缴证明', '认证营业执照', '资质证书', '未使用'].map(file),
      );
      await q(
        `insert into projects (id, enterprise_org_id, industry_type, region_code, authority_org_id, hrss_org_id, name, location, project_region_code, project_type,
           contract_amount_fen, planned_start, planned_end, contractor_name, contractor_credit_code, builder_name, builder_credit_code, contract_signed_on, wage_day,
           manager_name, manager_phone, labor_officer_name, labor_officer_phone, category, created_at, updated_at)
         values (1, $1, 'housing', '210502', $2, $2, '旧项目', '本溪', '210502', 'building', 100, '2026-01-01', '2026-12-31', '甲', 'c1', '乙', 'c2', '2025-12-01', 7,
           '张三', '13400000000', '李四', '13400000001', 'government', now(), now())`,
        [org, unit],
      );
      const quota = (id: number, cols: string, vals: unknown[]) =>
        q(
          `insert into quota_applications (id, project_id, enterprise_org_id, hrss_org_id, authority_org_id, status, contract_amount_fen, prepay_mode, prepay_ratio_ppm,
             applied_fen, apply_type, handler_name, handler_phone, required_ratio_ppm, required_fen, exemption_allowed, reasons, record, params_snapshot, below_requirement,
             submitted_at, due_on, updated_at${cols})
           values (${id}, 1, $1, $2, $2, 'rejected', 100, 'ratio', 20000, 2, 'exempt', '张三', '13400000000', 20000, 2, true, '[]', '{}', '{}', false, now(), '2026-03-09', now()
             ${vals.map((_, i) => `, $${i + 3}`).join('')})`,
          [org, unit, ...vals],
        );
      // an entry of the jsonb array that names no file is not a link (there was no foreign key on it)
      await quota(11, ', license_file_id, bid_notice_file_ids', [licence, JSON.stringify([notice2, notice1, '00000000-0000-0000-0000-000000000000'])]);
      await quota(12, ', deferral_file_id', [deferral]);
      const cert = (
        await q<{ id: string }>(
          `insert into certifications (biz_code, org_id, applicant_id, status, enterprise_name, credit_code, cert_type, qualification, registered_region, registered_address,
             legal_representative, contact_name, contact_phone, license_file_id, qualification_file_id, submitted_at, updated_at)
           values ('RZ1', $1, $2, 'approved', '旧数据建设有限公司', 'c', '施工单位', '一级', '平山区', '本溪', '王', '李', '13400000002', $3, $4, now(), now()) returning id`,
          [org, user, certLicence, qualification],
        )
      ).rows[0]!.id;

      await database.migrate();

      const rows = (
        await q<{ file_id: string; owner_type: string; owner_id: string; kind: string; position: number }>(
          'select file_id, owner_type, owner_id, kind, position from attachments order by owner_type, owner_id, kind, position',
        )
      ).rows;
      expect(rows).toEqual([
        { file_id: certLicence, owner_type: 'certification', owner_id: cert, kind: 'license', position: 0 },
        { file_id: qualification, owner_type: 'certification', owner_id: cert, kind: 'qualification', position: 0 },
        { file_id: notice2, owner_type: 'quota_application', owner_id: '11', kind: 'bid_notice', position: 0 },
        { file_id: notice1, owner_type: 'quota_application', owner_id: '11', kind: 'bid_notice', position: 1 },
        { file_id: licence, owner_type: 'quota_application', owner_id: '11', kind: 'license', position: 0 },
        { file_id: deferral, owner_type: 'quota_application', owner_id: '12', kind: 'deferral', position: 0 },
      ]);
      const old = await q<{ c: string }>(
        `select table_name || '.' || column_name as c from information_schema.columns where table_name in ('quota_applications', 'certifications') and column_name like '%file%'`,
      );
      expect(old.rows).toEqual([]);
      // the one file nothing held is the only orphan
      const orphans = await q<{ id: string }>('select f.id from files f where not exists (select 1 from attachments a where a.file_id = f.id)');
      expect(orphans.rows.map((r) => r.id)).toEqual([loose]);
    } finally {
      await database.close();
      fs.rmSync(before, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('files on the attachments', () => {
  let ctx: TestContext;
  let a: Session & { orgId: string };
  let b: Session & { orgId: string };
  let pingshan: Session;
  let xihu: Session;

  beforeAll(async () => {
    ctx = await createTestContext();
    const ent = async () => {
      const u = await buildUser(ctx, { role: 'enterprise', certified: true });
      return { ...(await sessionFor(ctx, u)), orgId: u.orgId };
    };
    a = await ent();
    b = await ent();
    pingshan = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市平山区人力资源和社会保障局') }));
    xihu = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市溪湖区人力资源和社会保障局') }));
  }, 60_000);
  afterAll(() => ctx?.close());

  async function exemptApplication(s: Session, licence: string, notices: string[]) {
    const p = await s.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ regionCode: '210502', contractAmount: '2999999.99' }) });
    expect(p.statusCode, p.body).toBe(201);
    return s.inject({
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
        licenseFileId: licence,
        bidNoticeFileIds: notices,
        justification: '应急抢险工程',
      },
    });
  }
  const status = async (s: Session, id: string) => (await s.inject({ method: 'GET', url: `/api/files/${id}` })).statusCode;

  it("A's file attached to its quota application: the project's hrss reads it; B and another district's hrss get 404; the DTO keeps its shape and order", async () => {
    const licence = await uploadFile(a, '营业执照.pdf');
    const notices = [await uploadFile(a, '中标通知书（二）.pdf'), await uploadFile(a, '中标通知书（一）.pdf')];
    // before it is attached only A reads it
    expect(await status(pingshan, licence)).toBe(404);
    const res = await exemptApplication(a, licence, notices);
    expect(res.statusCode, res.body).toBe(201);
    const dto = res.json();
    expect(dto.licenseFile).toMatchObject({ id: licence, name: '营业执照.pdf', mime: 'application/pdf' });
    expect(dto.bidNoticeFiles.map((f: { id: string }) => f.id)).toEqual(notices);
    expect(dto.deferralFile).toBeNull();
    for (const id of [licence, ...notices]) {
      expect(await status(a, id)).toBe(200);
      expect(await status(pingshan, id)).toBe(200);
      expect(await status(b, id)).toBe(404);
      expect(await status(xihu, id)).toBe(404);
    }
    // the reviewer's detail shows the same files
    const seen = (await pingshan.inject({ method: 'GET', url: `/api/quota-applications/${dto.id}` })).json();
    expect(seen.bidNoticeFiles.map((f: { id: string }) => f.id)).toEqual(notices);
  });

  it("refuses another enterprise's file, a file twice, and a 中标通知书 offered as 营业执照; nothing is attached then", async () => {
    const mine = await uploadFile(a);
    const foreign = await uploadFile(b);
    const count = async () => (await ctx.database.db.select().from(attachments)).length;
    const n = await count();
    const r1 = await exemptApplication(a, foreign, [mine]);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().message).toBe('附件不存在，请重新上传');
    const r2 = await exemptApplication(a, mine, [mine]);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toContain('已作为其他材料');
    const twice = await uploadFile(a);
    const r3 = await exemptApplication(a, mine, [twice, twice]);
    expect(r3.statusCode).toBe(400);
    expect(await count()).toBe(n);
    // a certification's 营业执照 cannot become a quota application's attachment (its readers differ): upload again
    const u = await buildUser(ctx, { role: 'enterprise' });
    const c = await sessionFor(ctx, u);
    const licence = await uploadFile(c);
    expect((await c.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId: licence }) })).statusCode).toBe(201);
    await expect(
      ctx.database.db.transaction((tx) => attach(tx, { ownerType: 'quota_application', ownerId: '1', kind: 'license', fileIds: [licence], uploaderOrgId: u.orgId })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('a resubmitted form replaces its kind’s files; an orphan is exactly a file with no attachment', async () => {
    const [f1, f2, f3, loose] = [await uploadFile(a), await uploadFile(a), await uploadFile(a), await uploadFile(a)];
    const orphans = async () =>
      new Set(
        ((await ctx.database.db.execute(sql`select f.id from files f where f.owner_org_id = ${a.orgId} and ${unattached}`)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id),
      );
    const fresh = await orphans();
    expect([f1, f2, f3, loose].every((id) => fresh.has(id))).toBe(true);
    const owner = { ownerType: 'quota_application' as const, ownerId: '424242', kind: 'bid_notice' as const, uploaderOrgId: a.orgId };
    await ctx.database.db.transaction((tx) => attach(tx, { ...owner, fileIds: [f1, f2] }));
    let o = await orphans();
    expect([o.has(f1), o.has(f2), o.has(f3), o.has(loose)]).toEqual([false, false, true, true]);
    // the form comes back with f2 and f3: f1 is no longer attached, and is an orphan again
    await ctx.database.db.transaction((tx) => attach(tx, { ...owner, fileIds: [f3, f2] }));
    const held = await ctx.database.db
      .select({ fileId: attachments.fileId, position: attachments.position })
      .from(attachments)
      .where(and(eq(attachments.ownerType, 'quota_application'), eq(attachments.ownerId, '424242')))
      .orderBy(attachments.position);
    expect(held).toEqual([
      { fileId: f3, position: 0 },
      { fileId: f2, position: 1 },
    ]);
    o = await orphans();
    expect([o.has(f1), o.has(f2), o.has(f3), o.has(loose)]).toEqual([true, false, false, true]);
  });
});
