/**
 * ADR 044: the 台账's stored keys (ledger_keys, migration 0028). A write to any table the composition
 * reads marks its project (statement triggers → ledger_dirty) and the next read recomputes it; a
 * guarantee's 期限 ending changes the balance by itself (stale_on); a recount of every project gives
 * the same keys; the list's SQL count, page and sums equal the composition of its rows.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerGuarantee } from '../guarantees/register';
import { buildProject, buildQuotaApplication } from '../../test/factories';
import { buildUser, createTestContext, orgByName, sessionFor, type Session, type TestContext } from '../../test/harness';

const PINGSHAN_HRSS = '本溪市平山区人力资源和社会保障局';
let ctx: TestContext;
let hrss: Session;
let hrssUser: Awaited<ReturnType<typeof buildUser>>;
const actor = { id: null, phone: null, role: null, ip: null };

beforeAll(async () => {
  ctx = await createTestContext();
  hrssUser = await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, PINGSHAN_HRSS) });
  hrss = await sessionFor(ctx, hrssUser);
}, 120_000);
afterAll(() => ctx?.close());

const keys = async () =>
  (await ctx.database.query<Record<string, unknown>>(`select project_id::text, hrss_org_id, authority_org_id, region_code, deposit_status, name, way, settled_on::text, settled_fen::text, balance_fen::text, stale_on::text from ledger_keys order by project_id`)).rows;

it('keys follow the writes (triggers), the 期限 (stale_on) and equal a recount; list totals = the sum of its rows', async () => {
  const e = await buildUser(ctx, { role: 'enterprise', certified: true });
  const made: { id: bigint; name: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const base = await buildProject(ctx, { enterpriseOrgId: e.orgId, hrssOrgName: PINGSHAN_HRSS, name: `本溪市平山区台账键测试工程${i}` });
    const { project } = await buildQuotaApplication(ctx, { status: 'approved', project: base });
    made.push({ id: project.id, name: `本溪市平山区台账键测试工程${i}` });
  }
  const list = async (q = '') => (await hrss.inject({ method: 'GET', url: `/api/ledger?name=${encodeURIComponent('台账键测试工程')}&pageSize=50${q}` })).json();
  expect((await list()).total).toBe(0);

  // a guarantee each (one ends on 2026-03-10): the insert's trigger marks the project, the next read has it
  const orgs = (await ctx.database.query<{ id: string; h: string; a: string }>(`select id::text, hrss_org_id as h, authority_org_id as a from projects where id = any($1::bigint[])`, [made.map((m) => m.id.toString())])).rows;
  const org = (id: bigint) => orgs.find((o) => o.id === id.toString())!;
  await ctx.database.db.transaction(async (tx) => {
    for (const [i, p] of made.entries()) {
      await registerGuarantee(tx, {
        kind: i === 2 ? 'insurance_policy' : 'bank_guarantee', number: `KEY-${p.id}`, projectId: p.id, enterpriseOrgId: e.orgId, hrssOrgId: org(p.id).h, authorityOrgId: org(p.id).a,
        issuerOrgId: null, issuerName: '测试银行', amountFen: 100_000n + BigInt(i), feeFen: null, issuedOn: '2026-03-01', validFrom: '2026-03-01', validTo: i === 0 ? '2026-03-10' : '2027-03-01',
        sourceType: 'ledger-keys-test', sourceId: String(p.id), fileId: null, actor, at: ctx.clock.now(),
      });
    }
  });
  let l = await list();
  expect(l.total).toBe(3);
  expect(l.totals).toEqual({ settledAmount: '3000.03', balance: '3000.03' });
  expect((await list('&way=insurance')).total).toBe(1);
  expect((await list('&way=bank_guarantee&month=2026-03')).total).toBe(2);
  expect((await list('&month=2026-04')).total).toBe(0);
  // past the last page: the SQL count and sums are still the whole filter's
  const two = (await hrss.inject({ method: 'GET', url: `/api/ledger?name=${encodeURIComponent('台账键测试工程')}&pageSize=10&page=2` })).json();
  expect(two.total).toBe(3);
  expect(two.items).toHaveLength(0);
  expect(two.totals).toEqual(l.totals);

  // a projects column the list filters by (保证金状态): the projects trigger marks it
  await ctx.database.query(`update projects set deposit_status = 'paid' where id = $1`, [made[1]!.id.toString()]);
  expect((await list('&depositStatus=paid')).items.map((r: { projectId: string }) => r.projectId)).toContain(made[1]!.id.toString());

  // past the 期限 of the first guarantee: its balance leaves by itself (stale_on), the totals follow
  const before = ctx.clock.now();
  ctx.clock.set('2026-03-12T02:00:00Z');
  try {
    hrss = await sessionFor(ctx, hrssUser);
    l = await list();
    expect(l.items, JSON.stringify(l)).toBeDefined();
    const row = l.items.find((r: { projectId: string }) => r.projectId === made[0]!.id.toString());
    expect(row.balance).toBe('0.00');
    expect(l.totals).toEqual({ settledAmount: '3000.03', balance: '2000.03' });
    const d = (await hrss.inject({ method: 'GET', url: `/api/ledger/${made[0]!.id}` })).json();
    expect(d.row.balance).toBe('0.00');

    // a recount of every project (what the migration does for the rows already there) gives the same keys
    const kept = await keys();
    await ctx.database.query(`insert into ledger_dirty (project_id) select id from projects`);
    await list();
    expect(await keys()).toEqual(kept);
    expect((await ctx.database.query<{ n: number }>(`select count(*)::int as n from ledger_dirty`)).rows[0]!.n).toBe(0);
  } finally {
    ctx.clock.set(before);
  }
}, 120_000);
