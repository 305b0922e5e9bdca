/**
 * Opt-in measurement of the 台账 on N projects each with a guarantee (ADR 043): LEDGER_MEASURE=1 N=2000 npx vitest run this file
 * (on PostgreSQL with TEST_DATABASE_URL). Skipped otherwise.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProject, buildQuotaApplication } from '../../test/factories';
import { buildUser, createTestContext, orgByName, sessionFor, type Session, type TestContext } from '../../test/harness';
import { registerGuarantee } from '../guarantees/register';

let ctx: TestContext;
let hrss: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  hrss = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市平山区人力资源和社会保障局') }));
}, 120_000);
afterAll(() => ctx?.close());

it.skipIf(!process.env.LEDGER_MEASURE)('measures the ledger list on N projects', async () => {
  const N = Number(process.env.N ?? 2000);
  const e = await buildUser(ctx, { role: 'enterprise', certified: true });
  const base = await buildProject(ctx, { enterpriseOrgId: e.orgId, hrssOrgName: '本溪市平山区人力资源和社会保障局', depositStatus: 'paid' });
  await buildQuotaApplication(ctx, { status: 'approved', project: base });
  const cols = (await ctx.database.query<{ c: string }>(`select column_name as c from information_schema.columns where table_name = 'projects' order by ordinal_position`)).rows.map((r) => r.c);
  const sel = cols.map((c) => (c === 'id' ? `(p.id + g)::bigint` : c === 'name' ? `p.name || g` : `p.${c}`)).join(', ');
  await ctx.database.query(`insert into projects (${cols.join(', ')}) select ${sel} from projects p, generate_series(1, ${N}) g where p.id = $1`, [base.id.toString()]);
  const ids = (await ctx.database.query<{ id: string }>(`select id::text from projects where id > $1 and id <= $1::bigint + ${N}`, [base.id.toString()])).rows;
  const now = ctx.clock.now();
  const actor = { id: null, phone: null, role: null, ip: null };
  await ctx.database.db.transaction(async (tx) => {
    for (const { id } of ids) {
      await registerGuarantee(tx, {
        kind: 'bank_guarantee', number: `M-${id}`, projectId: BigInt(id), enterpriseOrgId: base.enterpriseOrgId, hrssOrgId: base.hrssOrgId, authorityOrgId: base.authorityOrgId,
        issuerOrgId: null, issuerName: '测试银行', amountFen: 100_000n, feeFen: null, issuedOn: '2026-02-01', validFrom: '2026-02-01', validTo: '2027-02-01', sourceType: 'measure', sourceId: id, fileId: null, actor, at: now,
      });
    }
  });
  for (const url of ['/api/ledger?pageSize=10', '/api/ledger?pageSize=10&way=bank_guarantee&month=2026-02', '/api/ledger/stats?year=2026', '/api/ledger/export']) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await hrss.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      times.push(performance.now() - t);
    }
    console.log(`MEASURE N=${N} ${url}: ${times.map((x) => x.toFixed(0)).join(' / ')} ms`);
  }
}, 600_000);
