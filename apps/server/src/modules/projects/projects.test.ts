import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, projects } from '../../db/schema/index';
import { buildUser, createTestContext, login, orgByName, projectInput, type Session, type TestContext } from '../../test/harness';

let ctx: TestContext;
let ent: Session & { orgId: string };

beforeAll(async () => {
  ctx = await createTestContext();
  const u = await buildUser(ctx, { role: 'enterprise', certified: true, orgName: '本溪建工集团有限公司' });
  ent = { ...(await login(ctx, u.phone)), orgId: u.orgId };
});
afterAll(() => ctx.close());

const create = (s: Session, overrides: Record<string, unknown> = {}) =>
  s.inject({ method: 'POST', url: '/api/projects', payload: projectInput(overrides) });

describe('新建项目 and 项目详情', () => {
  it('fills the units from the dictionary, derives 工期, takes the contractor from the certified enterprise', async () => {
    const res = await create(ent, { contractorName: '别人家公司' });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.id).toMatch(/^\d{19}$/);
    expect(p.code).toBe(p.id);
    expect(p.authorityOrg.name).toBe('辽宁省本溪市住房和城乡建设局');
    expect(p.hrssOrg.name).toBe('辽宁省本溪市人力资源和社会保障局');
    expect(p.contractorName).toBe('本溪建工集团有限公司');
    expect(p.durationDays).toBe(365);
    expect(p).toMatchObject({ status: 'not_started', depositStatus: 'none', contractAmount: '20000000.00', industryTypeLabel: '住建', projectTypeLabel: '房屋建筑工程', categoryLabel: '政府投资项目', regionName: '本溪市', projectRegionName: '平山区' });
    const [row] = await ctx.database.db.select().from(projects).where(eq(projects.id, BigInt(p.id)));
    expect(row!.contractAmountFen).toBe(2_000_000_000n);
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, p.id));
    expect(audit.map((a) => a.action)).toEqual(['project.create']);
  });

  it('a district region gets the district bureaus; another unit only if the dictionary offers it', async () => {
    const opts = await ent.inject({ method: 'GET', url: '/api/dictionaries/units?industryType=housing&regionCode=210503' });
    const { authorities, hrss } = opts.json();
    expect(authorities[0]).toMatchObject({ name: '本溪市溪湖区住房和城乡建设局', isDefault: true });
    expect(authorities.map((a: { name: string }) => a.name)).toContain('辽宁省本溪市住房和城乡建设局');
    expect(hrss[0].name).toBe('本溪市溪湖区人力资源和社会保障局');

    const city = authorities.find((a: { name: string }) => a.name === '辽宁省本溪市住房和城乡建设局').id;
    const chosen = await create(ent, { regionCode: '210503', authorityOrgId: city });
    expect(chosen.statusCode).toBe(201);
    expect(chosen.json().authorityOrg.name).toBe('辽宁省本溪市住房和城乡建设局');

    const transport = await orgByName(ctx, '辽宁省本溪市交通运输局');
    const wrong = await create(ent, { regionCode: '210503', authorityOrgId: transport });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.fields.authorityOrgId).toBeDefined();
  });

  it('refuses bad input field by field, in Chinese', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ builderCreditCode: '123' }, 'builderCreditCode'],
      [{ plannedEnd: '2025-01-01' }, 'plannedEnd'],
      [{ wageDay: 32 }, 'wageDay'],
      [{ contractAmount: '-5' }, 'contractAmount'],
      [{ contractAmount: '1.234' }, 'contractAmount'],
      [{ managerPhone: '1234' }, 'managerPhone'],
      [{ industryType: 'mining' }, 'industryType'],
      [{ regionCode: '110000' }, 'regionCode'],
      [{ projectType: 'space' }, 'projectType'],
      [{ name: '' }, 'name'],
    ];
    for (const [patch, field] of cases) {
      const res = await create(ent, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(Object.keys(res.json().details.fields), JSON.stringify(patch)).toContain(field);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('工程进度: a past completion makes it 竣工, a future one is refused, completion not before start', async () => {
    const p = (await create(ent)).json();
    const url = `/api/projects/${p.id}/progress`;
    // today is 2026-03-02 in Beijing (the test clock)
    const future = await ent.inject({ method: 'PUT', url, payload: { actualStart: '2026-01-05', actualCompletion: '2026-03-03' } });
    expect(future.statusCode).toBe(400);
    // refused under the field, in Chinese, naming it (not saved without it while saying 已保存)
    expect(future.json().details.fields.actualCompletion).toEqual([expect.stringContaining('实际竣工日期不能晚于今天')]);
    const unchanged = (await ent.inject({ method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(unchanged).toMatchObject({ actualStart: null, actualCompletion: null, status: 'not_started' });
    const backwards = await ent.inject({ method: 'PUT', url, payload: { actualStart: '2026-02-01', actualCompletion: '2026-01-31' } });
    expect(backwards.statusCode).toBe(400);
    const building = await ent.inject({ method: 'PUT', url, payload: { actualStart: '2026-01-05', expectedCompletion: '2026-12-20' } });
    expect(building.json().status).toBe('in_progress');
    const done = await ent.inject({ method: 'PUT', url, payload: { actualStart: '2026-01-05', expectedCompletion: '2026-12-20', actualCompletion: '2026-03-02' } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', actualCompletion: '2026-03-02' });
  });

  it('base data is editable until the first quota application, contacts always', async () => {
    const p = (await create(ent)).json();
    const edit = await ent.inject({ method: 'PATCH', url: `/api/projects/${p.id}`, payload: { name: '改名后的工程', contractAmount: '1000000' } });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ name: '改名后的工程', contractAmount: '1000000.00' });
    await ctx.database.db.update(projects).set({ baseLocked: true }).where(eq(projects.id, BigInt(p.id)));
    const locked = await ent.inject({ method: 'PATCH', url: `/api/projects/${p.id}`, payload: { name: '再改名' } });
    expect(locked.statusCode).toBe(409);
    const contacts = await ent.inject({ method: 'PATCH', url: `/api/projects/${p.id}`, payload: { managerName: '王五', managerPhone: '13500000000' } });
    expect(contacts.statusCode).toBe(200);
    expect(contacts.json().managerName).toBe('王五');
  });

  it('the list filters, pages and exports every matching row to Excel', async () => {
    const other = await buildUser(ctx, { role: 'enterprise', certified: true });
    const s = await login(ctx, other.phone);
    for (let i = 0; i < 23; i++) await create(s, { name: `${i % 2 ? '桥梁' : '道路'}工程${i}`, regionCode: i % 3 ? '210500' : '210504' });
    const page1 = (await s.inject({ method: 'GET', url: '/api/projects?page=1&pageSize=10' })).json();
    expect(page1.total).toBe(23);
    expect(page1.items).toHaveLength(10);
    const page3 = (await s.inject({ method: 'GET', url: '/api/projects?page=3&pageSize=10' })).json();
    expect(page3.items).toHaveLength(3);
    const bridges = (await s.inject({ method: 'GET', url: `/api/projects?name=${encodeURIComponent('桥梁')}` })).json();
    expect(bridges.total).toBe(11);
    // one character, three characters, digits and wildcards are searched as typed
    expect((await s.inject({ method: 'GET', url: `/api/projects?name=${encodeURIComponent('桥')}` })).json().total).toBe(11);
    expect((await s.inject({ method: 'GET', url: `/api/projects?name=${encodeURIComponent('道路工')}` })).json().total).toBe(12);
    expect((await s.inject({ method: 'GET', url: `/api/projects?name=${encodeURIComponent('工程1')}` })).json().total).toBe(11);
    expect((await s.inject({ method: 'GET', url: `/api/projects?name=${encodeURIComponent('%')}` })).json().total).toBe(0);
    const mingshan = (await s.inject({ method: 'GET', url: '/api/projects?regionCode=210504' })).json();
    expect(mingshan.total).toBe(8);

    const xlsx = await s.inject({ method: 'GET', url: `/api/projects/export?name=${encodeURIComponent('道路')}` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('attachment;');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('工程名称');
    expect(ws.rowCount).toBe(1 + 12);
  });
});

describe('data scope: every project endpoint × every role', () => {
  it('answers exactly as the remit says, and no foreign row appears in a list or export', async () => {
    const e1 = await buildUser(ctx, { role: 'enterprise', certified: true });
    const e2 = await buildUser(ctx, { role: 'enterprise', certified: true });
    const s1 = await login(ctx, e1.phone);
    // e1's project: housing, 溪湖区 → district bureaus (under the city ones)
    const p = (await create(s1, { regionCode: '210503', name: '溪湖区范围测试工程' })).json();

    const users = {
      owner: s1,
      otherEnterprise: await login(ctx, e2.phone),
      hrssCity: await login(ctx, (await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '辽宁省本溪市人力资源和社会保障局') })).phone),
      hrssDistrict: await login(ctx, (await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市溪湖区人力资源和社会保障局') })).phone),
      hrssOtherDistrict: await login(ctx, (await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市明山区人力资源和社会保障局') })).phone),
      authorityHousingCity: await login(ctx, (await buildUser(ctx, { role: 'authority', orgId: await orgByName(ctx, '辽宁省本溪市住房和城乡建设局') })).phone),
      authorityOtherType: await login(ctx, (await buildUser(ctx, { role: 'authority', orgId: await orgByName(ctx, '辽宁省本溪市交通运输局') })).phone),
      bank: await login(ctx, (await buildUser(ctx, { role: 'bank' })).phone),
      insurer: await login(ctx, (await buildUser(ctx, { role: 'insurer' })).phone),
      admin: await login(ctx, (await buildUser(ctx, { role: 'admin' })).phone),
    };
    type Who = keyof typeof users;
    const sees: Record<Who, 'yes' | 'no' | 'forbidden'> = {
      owner: 'yes',
      otherEnterprise: 'no',
      hrssCity: 'yes',
      hrssDistrict: 'yes',
      hrssOtherDistrict: 'no',
      authorityHousingCity: 'yes',
      authorityOtherType: 'no',
      bank: 'forbidden',
      insurer: 'forbidden',
      admin: 'yes',
    };
    const mayEdit: Who[] = ['owner'];

    for (const who of Object.keys(users) as Who[]) {
      const s = users[who];
      const expectRead = sees[who] === 'yes' ? 200 : sees[who] === 'no' ? 404 : 403;
      const detail = await s.inject({ method: 'GET', url: `/api/projects/${p.id}` });
      expect(detail.statusCode, `${who} detail`).toBe(expectRead);

      const list = await s.inject({ method: 'GET', url: '/api/projects?pageSize=100' });
      const exp = await s.inject({ method: 'GET', url: '/api/projects/export' });
      if (sees[who] === 'forbidden') {
        expect(list.statusCode, `${who} list`).toBe(403);
        expect(exp.statusCode, `${who} export`).toBe(403);
      } else {
        expect(list.statusCode).toBe(200);
        const ids = list.json().items.map((x: { id: string }) => x.id);
        expect(ids.includes(p.id), `${who} list`).toBe(sees[who] === 'yes');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
        const codes: string[] = [];
        wb.worksheets[0]!.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(2).value)));
        expect(codes.includes(p.id), `${who} export`).toBe(sees[who] === 'yes');
        if (who === 'otherEnterprise') expect(codes).toEqual([]);
      }

      // the owner edits; another enterprise may edit projects but not this one (404); other roles may not edit (403)
      const expectWrite = mayEdit.includes(who) ? 200 : who === 'otherEnterprise' ? 404 : 403;
      const patch = await s.inject({ method: 'PATCH', url: `/api/projects/${p.id}`, payload: { managerName: '赵六' } });
      expect(patch.statusCode, `${who} patch`).toBe(expectWrite);
      const progress = await s.inject({ method: 'PUT', url: `/api/projects/${p.id}/progress`, payload: { actualStart: '2026-01-10' } });
      expect(progress.statusCode, `${who} progress`).toBe(expectWrite);
      const created = await s.inject({ method: 'POST', url: '/api/projects', payload: projectInput() });
      expect(created.statusCode, `${who} create`).toBe(['owner', 'otherEnterprise'].includes(who) ? 201 : 403);
    }
  });

  it('an uncertified enterprise cannot create projects', async () => {
    const u = await buildUser(ctx, { role: 'enterprise', certified: false });
    const s = await login(ctx, u.phone);
    const res = await create(s);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CERTIFICATION_REQUIRED');
  });

  it('malformed ids are 400, unknown ids 404', async () => {
    expect((await ent.inject({ method: 'GET', url: '/api/projects/abc' })).statusCode).toBe(400);
    expect((await ent.inject({ method: 'GET', url: '/api/projects/1234567890123456789' })).statusCode).toBe(404);
  });
});
