import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrearsRecords, auditLog, organizations } from '../../db/schema/index';
import { expectError } from '../auth/test-helpers';
import { buildUser, createTestContext, login, orgByName, type Session, type TestContext } from '../../test/harness';

/**
 * 欠薪及失信记录 feed the deposit ratio: an entry belongs to the unit that entered it; it or the unit
 * above it may remove it; a unit reads its remit's entries and those of the units above (ADR 014).
 */
let ctx: TestContext;
let city: Session;
let pingshan: Session;
let pingshan2: Session;
let xihu: Session;
let admin: Session;
let enterprise: Session & { creditCode: string };

const CITY = '辽宁省本溪市人力资源和社会保障局';
const PINGSHAN = '本溪市平山区人力资源和社会保障局';
const XIHU = '本溪市溪湖区人力资源和社会保障局';

const hrssOf = async (unit: string) => login(ctx, (await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, unit) })).phone);

beforeAll(async () => {
  ctx = await createTestContext();
  city = await hrssOf(CITY);
  pingshan = await hrssOf(PINGSHAN);
  pingshan2 = await hrssOf(PINGSHAN);
  xihu = await hrssOf(XIHU);
  admin = await login(ctx, (await buildUser(ctx, { role: 'admin' })).phone);
  const ent = await buildUser(ctx, { role: 'enterprise', certified: true });
  const [org] = await ctx.database.db.select().from(organizations).where(eq(organizations.id, ent.orgId));
  enterprise = { ...(await login(ctx, ent.phone)), creditCode: org!.creditCode! };
});
afterAll(() => ctx.close());

async function enter(s: Session, note: string): Promise<string> {
  const res = await s.inject({
    method: 'POST',
    url: '/api/arrears-records',
    payload: { creditCode: enterprise.creditCode, kind: 'serious_dishonest', regionCode: '210500', occurredOn: '2025-05-01', sourceDocument: `严重失信主体名单列入决定 ${note}`, note },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const remove = (s: Session, id: string, removedOn = '2026-03-01') =>
  s.inject({ method: 'POST', url: `/api/arrears-records/${id}/remove`, payload: { removedOn } });
const listed = async (s: Session) => {
  const res = await s.inject({ method: 'GET', url: '/api/arrears-records?pageSize=100' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; canRemove: boolean; removedOn: string | null }[]; total: number };
};
const row = async (id: string) => (await ctx.database.db.select().from(arrearsRecords).where(eq(arrearsRecords.id, id)))[0]!;
const removals = async (id: string) => (await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, id))).filter((a) => a.action === 'arrears.remove');

describe('欠薪及失信记录: who reads and who removes an entry', () => {
  it('a district cannot lift a listing the city made; it sees it, marked as not its own', async () => {
    const id = await enter(city, 'city');
    const seen = (await listed(pingshan)).items.find((r) => r.id === id);
    expect(seen).toMatchObject({ canRemove: false, removedOn: null });
    const refused = expectError(await remove(pingshan, id), 403, 'FORBIDDEN');
    expect(refused.message).toContain(CITY);
    expect((await row(id)).removedOn).toBeNull();
    expect(await removals(id)).toHaveLength(0);
  });

  it("another district's entries are neither listed nor removable (404)", async () => {
    const id = await enter(xihu, 'xihu');
    expect((await listed(pingshan)).items.map((r) => r.id)).not.toContain(id);
    expectError(await remove(pingshan, id), 404, 'NOT_FOUND');
    expect((await row(id)).removedOn).toBeNull();
    // its own unit lists it
    expect((await listed(xihu)).items.find((r) => r.id === id)).toMatchObject({ canRemove: true });
  });

  it("the city reads and removes a district's entry", async () => {
    const id = await enter(pingshan, 'pingshan-by-city');
    expect((await listed(city)).items.find((r) => r.id === id)).toMatchObject({ canRemove: true });
    const res = await remove(city, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, removedOn: '2026-03-01', canRemove: false });
    const [audit] = await removals(id);
    expect(audit).toMatchObject({ actorId: city.userId, before: { removedOn: null }, after: { removedOn: '2026-03-01' } });
  });

  it('a district removes its own entry, whoever of the unit entered it', async () => {
    const id = await enter(pingshan, 'pingshan-own');
    const res = await remove(pingshan2, id);
    expect(res.statusCode, res.body).toBe(200);
    expect((await row(id)).removedOn).toBe('2026-03-01');
    expectError(await remove(pingshan, id), 409, 'INVALID_STATE');
  });

  it('a district reads its own, its remit and the city above; the city every district', async () => {
    const [c, p, x] = [await enter(city, 'c'), await enter(pingshan, 'p'), await enter(xihu, 'x')];
    const mine = (await listed(pingshan)).items.map((r) => r.id);
    expect(mine).toEqual(expect.arrayContaining([c, p]));
    expect(mine).not.toContain(x);
    expect((await listed(city)).items.map((r) => r.id)).toEqual(expect.arrayContaining([c, p, x]));
    // admin reads the whole register but removes nothing
    const all = await listed(admin);
    expect(all.items.map((r) => r.id)).toEqual(expect.arrayContaining([c, p, x]));
    expect(all.items.every((r) => !r.canRemove)).toBe(true);
    expectError(await remove(admin, p), 403, 'FORBIDDEN');
    expect((await row(p)).removedOn).toBeNull();
  });

  it('an enterprise can neither read nor remove entries', async () => {
    const id = await enter(city, 'enterprise');
    expectError(await enterprise.inject({ method: 'GET', url: '/api/arrears-records' }), 403, 'FORBIDDEN');
    expect([403, 404]).toContain((await remove(enterprise, id)).statusCode);
    expect((await row(id)).removedOn).toBeNull();
  });

  it('two removals at once: exactly one takes effect, with one audit row', async () => {
    const id = await enter(pingshan, 'race');
    const results = await Promise.all([remove(pingshan, id), remove(city, id), remove(pingshan2, id, '2026-02-01')]);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) expectError(r, 409, 'INVALID_STATE');
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect((await row(id)).removedOn).toBe(winner.removedOn);
    expect(await removals(id)).toHaveLength(1);
  });

  it('a removal date before the entry is refused under the field', async () => {
    const id = await enter(pingshan, 'date');
    const res = expectError(await remove(pingshan, id, '2025-04-30'), 400, 'VALIDATION_FAILED');
    expect(res.details.fields.removedOn).toBeDefined();
    expect((await row(id)).removedOn).toBeNull();
  });

  it('an unknown id is 404', async () => {
    expectError(await remove(city, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });
});
