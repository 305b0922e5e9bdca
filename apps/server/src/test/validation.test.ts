/**
 * Issue 9, items 8 and 9, through HTTP: a JSON body is taken as sent — a number given as a string
 * ("wageDay":"7"), money as a JSON number, a boolean as "true" are 400 VALIDATION_FAILED naming the
 * field in Chinese (details.fields and the message), and the right type is accepted. Query strings
 * are still text converted to numbers (?page=2).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestContext, login, projectInput, type Session, type TestContext } from './harness';

let ctx: TestContext;
let ent: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  ent = await login(ctx, (await buildUser(ctx, { role: 'enterprise', certified: true })).phone);
  admin = await login(ctx, (await buildUser(ctx, { role: 'admin' })).phone);
}, 120_000);
afterAll(() => ctx?.close());

const GENERIC = /期望|实际接收|无效输入|数值过大|数值过小|Invalid|expected|received/i;

function refused(res: LightMyRequestResponse, field: string, message: string) {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json();
  expect(body.code).toBe('VALIDATION_FAILED');
  expect(body.details.fields[field]).toEqual([message]);
  expect(body.message).toBe(`提交的信息有误：${message}`);
  expect(body.message).not.toMatch(GENERIC);
}

describe('JSON bodies are not coerced, and the refusal names the field', () => {
  it('新建项目: "wageDay":"7" is refused, 7 is accepted', async () => {
    refused(await ent.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ wageDay: '7' }) }), 'wageDay', '工资发放日应为 1 到 31 之间的整数');
    refused(await ent.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ wageDay: 32 }) }), 'wageDay', '工资发放日应为 1 到 31 之间的整数');
    refused(
      await ent.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ contractAmount: 20000000 }) }),
      'contractAmount',
      '施工合同金额应为以元为单位的金额，最多两位小数（如 2600000.00）',
    );
    const ok = await ent.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ wageDay: 7 }) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().wageDay).toBe(7);

    // 编辑联系人 the same
    const id = ok.json().id as string;
    refused(await ent.inject({ method: 'PATCH', url: `/api/projects/${id}`, payload: { wageDay: '8' } }), 'wageDay', '工资发放日应为 1 到 31 之间的整数');
    const patched = await ent.inject({ method: 'PATCH', url: `/api/projects/${id}`, payload: { wageDay: 8 } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().wageDay).toBe(8);
  });

  it('比例参数: an integer as a string is refused, the integer is accepted', async () => {
    const [row] = (await admin.inject({ method: 'GET', url: '/api/admin/ratio-params' })).json() as Record<string, unknown>[];
    const { regionCode, regionName: _n, effectiveFrom: _e, ...params } = row!;
    refused(
      await admin.inject({ method: 'PUT', url: `/api/admin/ratio-params/${regionCode}`, payload: { ...params, reducePct: String(params.reducePct) } }),
      'reducePct',
      '无拖欠下调幅度应为 0 到 100 之间的整数',
    );
    const ok = await admin.inject({ method: 'PUT', url: `/api/admin/ratio-params/${regionCode}`, payload: params });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('字典条目 and 工作日调整: a sort as a string and a boolean as a string are refused', async () => {
    refused(
      await admin.inject({ method: 'POST', url: '/api/admin/dict-items', payload: { dictType: 'project_type', code: 'bridge_x', label: '桥梁', sort: '3' } }),
      'sort',
      '排序应为 0 到 9999 之间的整数',
    );
    const created = await admin.inject({ method: 'POST', url: '/api/admin/dict-items', payload: { dictType: 'project_type', code: 'bridge_x', label: '桥梁', sort: 3 } });
    expect(created.statusCode, created.body).toBe(201);
    // the report's "无效输入：期望 boolean，实际接收 string"
    refused(
      await admin.inject({ method: 'PUT', url: '/api/admin/calendar-overrides', payload: { date: '2026-10-10', workday: 'true' } }),
      'workday',
      '是否工作日应为“是”或“否”（true 或 false）',
    );
    const set = await admin.inject({ method: 'PUT', url: '/api/admin/calendar-overrides', payload: { date: '2026-10-10', workday: true } });
    expect(set.statusCode, set.body).toBe(200);
  });

  it('a body that is not an object says so in Chinese', async () => {
    const res = await ent.inject({ method: 'POST', url: '/api/projects', payload: '"x"', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('提交的信息有误：提交的内容应为一组字段（JSON 对象）');
  });

  it('query strings are text and still become numbers', async () => {
    const res = await ent.inject({ method: 'GET', url: '/api/projects?page=2&pageSize=20' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ page: 2, pageSize: 20 });
    const bad = await ent.inject({ method: 'GET', url: '/api/projects?pageSize=15' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.pageSize).toEqual(['每页条数只能是10、20、50或100']);
  });
});
