import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '@benxi/shared';
import { dashboardCountDeltas, outboxEvents, projects, warnings } from '../../db/schema/index';
import { buildProject, buildQuotaApplication, CITY_HRSS } from '../../test/factories';
import { buildUser, createTestContext, orgByName, sessionFor, type Session, type TestContext } from '../../test/harness';
import { registerGuarantee } from '../guarantees/register';
import { sweepWarnings } from '../warnings/sweep';
import { bankOverdueRule, guaranteeExpiryRule, lastOverdueStart, offlineReviewOverdueRule, quotaReviewOverdueRule, quotaUnpaidRule } from '../warnings/rules';
import * as guaranteeReads from '../guarantees/repositories/warning-reads';
import * as quotaReads from '../quota/repositories/warning-reads';
import * as bankReads from '../bank-guarantees/repositories/warning-reads';
import { payableProjectsSignedBy, projectFacts } from '../projects/repositories/warning-reads';
import { foldCounts } from './repository';

/**
 * issue 15, second half (ADR 045, 046): the 首页's kept counts equal a recount of their tables after every
 * kind of change (insert, update, delete, the sweep's batches, the fold), and the hrss 首页 read from them
 * equals the lists its links open; a second sweep right after the first changes nothing.
 */

let ctx: TestContext;
type Caller = Pick<Session, 'inject'>;
const caller = (user: { id: string; phone: string }): Caller => ({ inject: async (o: Parameters<Session['inject']>[0]) => (await sessionFor(ctx, user)).inject(o) }) as Caller;
let hrss: Caller;
let district: Caller;
const sweepDeps = () => ({
  rules: [guaranteeExpiryRule(guaranteeReads), quotaUnpaidRule(quotaReads, { payableProjectsSignedBy }), quotaReviewOverdueRule(quotaReads), offlineReviewOverdueRule(guaranteeReads), bankOverdueRule(bankReads)],
  projects: projectFacts,
  calendar: async () => createWorkCalendar(),
});
const sweep = () => ctx.database.db.transaction((tx) => sweepWarnings(tx, sweepDeps(), ctx.clock.now()));

beforeAll(async () => {
  ctx = await createTestContext();
  hrss = caller(await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, CITY_HRSS) }));
  district = caller(await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市平山区人力资源和社会保障局') }));
});
afterAll(() => ctx.close());

/** The counts as the trigger keys define them, recounted from the tables; and the kept ones (counts + deltas), non-zero. */
async function recountAndKept(): Promise<{ recount: Record<string, number>; kept: Record<string, number> }> {
  const q = async (text: string) => (await ctx.database.query<{ k: string; n: string }>(text)).rows;
  const recount = await q(`
    select k, count(*)::text as n from (
      select 'project|deposit:' || deposit_status || '|' || hrss_org_id || '|' || authority_org_id as k from projects
      union all select 'project|region:' || region_code || '|' || hrss_org_id || '|' || authority_org_id from projects
      union all select 'quota_pending||' || hrss_org_id || '|' || authority_org_id from quota_applications where status = 'pending'
      union all select 'offline_pending||' || hrss_org_id || '|' || authority_org_id from offline_guarantees where status = 'pending'
      union all select 'guarantee|' || kind || '|' || hrss_org_id || '|' || authority_org_id from guarantees
      union all select 'warning_open|' || type || '|' || hrss_org_id || '|' || authority_org_id from warnings where cleared_at is null
      union all select 'warning_month|' || to_char((raised_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM') || '|' || hrss_org_id || '|' || authority_org_id from warnings
    ) x group by k`);
  const kept = await q(`
    select source || '|' || dim || '|' || hrss_org_id || '|' || authority_org_id as k, sum(n)::text as n from (
      select source, dim, hrss_org_id, authority_org_id, n from dashboard_counts
      union all select source, dim, hrss_org_id, authority_org_id, n from dashboard_count_deltas
    ) x group by 1 having sum(n) <> 0`);
  const obj = (rows: { k: string; n: string }[]) => Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  return { recount: obj(recount), kept: obj(kept) };
}

async function expectKeptEqualsRecount(step: string) {
  const { recount, kept } = await recountAndKept();
  expect(kept, step).toEqual(recount);
}

const apiOf = (f: { key: string; link: string }): string => {
  if (f.link === '/quota/review') return '/api/quota-applications?status=pending&queue=1';
  if (f.link === '/offline-guarantees/review') return '/api/offline-guarantees?status=pending';
  if (f.link === '/filings/review') return '/api/filings?queue=1';
  if (f.link === '/cancellations/review') return '/api/cancellations?queue=1';
  return `/api${f.link}`;
};

async function expectDashboardEqualsLists(who: string, s: Caller) {
  const d = await s.inject({ method: 'GET', url: '/api/dashboard' });
  expect(d.statusCode, d.body).toBe(200);
  const body = d.json() as { figures: { key: string; link: string; value: number }[]; charts: { items: { key: string; link: string; value: number }[] }[] };
  const all = [...body.figures, ...body.charts.flatMap((c) => c.items)];
  for (const f of all) {
    const list = await s.inject({ method: 'GET', url: apiOf(f) });
    expect(list.statusCode, `${who} ${f.key}: ${list.body}`).toBe(200);
    expect(list.json().total, `${who} ${f.key} ${apiOf(f)}`).toBe(f.value);
  }
  return Object.fromEntries(all.map((f) => [f.key, f.value]));
}

describe('首页 aggregates kept by the database (ADR 046)', () => {
  it('equal a recount and the lists after inserts, updates, deletes, sweeps and folds', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    await expectKeptEqualsRecount('migrated + demo data');
    const before = await expectDashboardEqualsLists('hrss', hrss);

    // inserts: projects in two remits, a pending application (its project → 定额审核中)
    const city = await buildProject(ctx, { depositStatus: 'to_pay' });
    const pingshan = await buildProject(ctx, { depositStatus: 'paid', hrssOrgName: '本溪市平山区人力资源和社会保障局', regionCode: '210502' });
    const q = await buildQuotaApplication(ctx, { status: 'pending' });
    await ctx.database.db.transaction((tx) =>
      registerGuarantee(tx, {
        kind: 'bank_guarantee', number: `AGG-${pingshan.id}`, projectId: pingshan.id, enterpriseOrgId: pingshan.enterpriseOrgId, hrssOrgId: pingshan.hrssOrgId, authorityOrgId: pingshan.authorityOrgId,
        issuerOrgId: null, issuerName: '中国建设银行股份有限公司本溪分行', amountFen: 40_000_000n, feeFen: null, issuedOn: '2026-01-01', validFrom: '2026-01-01', validTo: '2026-03-25',
        sourceType: 'counts-test', sourceId: String(pingshan.id), fileId: null, actor: { id: null, phone: null, role: null, ip: null }, at: ctx.clock.now(),
      }),
    );
    await expectKeptEqualsRecount('inserts');
    const after = await expectDashboardEqualsLists('hrss', hrss);
    expect(after['projects']).toBe(before['projects']! + 3);
    expect(after['queue:quota']).toBe(before['queue:quota']! + 1);

    // the sweep raises in batches (the pending application overdue 10 days on), counted by month and type
    ctx.clock.set('2026-03-20T02:00:00Z');
    const r = await sweep();
    expect(r.raised).toBeGreaterThanOrEqual(1);
    await expectKeptEqualsRecount('sweep raised');
    const swept = await expectDashboardEqualsLists('hrss', hrss);
    expect(swept['warning:quota_review_overdue']).toBeGreaterThanOrEqual(1);
    expect(swept['warning-month:2026-03-01']).toBeGreaterThanOrEqual(1);

    // a real command: 审核通过 (the application leaves the queue, the project moves, the warning clears after commit)
    const ok = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    await ctx.app.outbox.drain();
    await expectKeptEqualsRecount('approved');
    const approved = await expectDashboardEqualsLists('hrss', hrss);
    expect(approved['queue:quota']).toBe(swept['queue:quota']! - 1);

    // updates of many rows in one statement, one that changes no counted column, and a delete
    await ctx.database.db.update(projects).set({ depositStatus: 'paying' }).where(eq(projects.id, city.id));
    await ctx.database.db.update(projects).set({ updatedAt: ctx.clock.now() });
    const noise = await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(dashboardCountDeltas);
    await ctx.database.db.update(projects).set({ updatedAt: ctx.clock.now() });
    const noise2 = await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(dashboardCountDeltas);
    expect(noise2[0]!.n, 'an update that changes no counted column appends no delta').toBe(noise[0]!.n);
    const gone = await buildProject(ctx, { depositStatus: 'none' });
    await ctx.database.db.delete(projects).where(eq(projects.id, gone.id));
    await expectKeptEqualsRecount('updates + delete');

    // the fold empties the deltas and changes no figure
    const folded = await ctx.database.db.transaction((tx) => foldCounts(tx));
    expect(folded).toBeGreaterThan(0);
    expect((await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(dashboardCountDeltas))[0]!.n).toBe(0);
    await expectKeptEqualsRecount('folded');
    const afterFold = await expectDashboardEqualsLists('hrss', hrss);
    expect(afterFold).toEqual(await expectDashboardEqualsLists('hrss', hrss));

    // a district bureau's 首页 counts its own remit only, and equals its lists
    const d = await expectDashboardEqualsLists('district', district);
    expect(d['projects']).toBeLessThan(afterFold['projects']!);
    expect(d['projects']).toBeGreaterThanOrEqual(1);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });

  it('a second sweep right after the first changes nothing (no insert, no clear, no event)', async () => {
    ctx.clock.set('2026-04-20T02:00:00Z');
    await buildQuotaApplication(ctx, { status: 'pending' });
    await sweep();
    const count = async () => ({
      warnings: (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(warnings))[0]!.n,
      events: (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(outboxEvents))[0]!.n,
      deltas: (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(dashboardCountDeltas))[0]!.n,
    });
    const before = await count();
    const again = await sweep();
    expect(again.raised).toBe(0);
    expect(again.cleared).toBe(0);
    expect(await count()).toEqual(before);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });

  it('the 逾期未缴纳 filter date is the last contract date whose 20 working days have run out', () => {
    const cal = createWorkCalendar();
    for (const today of ['2026-03-02', '2026-10-09', '2026-02-24', '2026-05-06']) {
      const last = lastOverdueStart(cal, today, 20);
      expect(cal.addWorkingDays(last, 20) < today, today).toBe(true);
      const next = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(cal.addWorkingDays(next, 20) >= today, today).toBe(true);
    }
  });
});
