import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '@benxi/shared';
import { guaranteeApplications, messages, outboxEvents, projects, smsOutbox, smsRecords, warnings } from '../../db/schema/index';
import { createScheduler, type JobLogger } from '../../platform/jobs';
import { buildProject, buildQuotaApplication, CITY_HRSS } from '../../test/factories';
import { buildUser, createTestContext, orgByName, sessionFor, type Session, type TestContext } from '../../test/harness';
import { registerGuarantee } from '../guarantees/register';
import { warningJobs } from './job';
import { sweepWarnings, clearAllForProject } from './sweep';
import { bankOverdueRule, guaranteeExpiryRule, offlineReviewOverdueRule, quotaReviewOverdueRule, quotaUnpaidRule } from './rules';
import * as guaranteeReads from '../guarantees/repositories/warning-reads';
import * as quotaReads from '../quota/repositories/warning-reads';
import * as bankReads from '../bank-guarantees/repositories/warning-reads';
import { payableProjectsSignedBy, projectFacts } from '../projects/repositories/warning-reads';
import { smsSendAt } from '../messages/notifications';

let ctx: TestContext;
const quiet: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };
const sweepDeps = () => ({
  rules: [guaranteeExpiryRule(guaranteeReads), quotaUnpaidRule(quotaReads, { payableProjectsSignedBy }), quotaReviewOverdueRule(quotaReads), offlineReviewOverdueRule(guaranteeReads), bankOverdueRule(bankReads)],
  projects: projectFacts,
  calendar: async () => createWorkCalendar(),
});
/** one more process's scheduler of the warnings' daily job, on the test clock */
const scheduler = (node: string) => createScheduler({ db: ctx.database.db, clock: ctx.clock, jobs: warningJobs(sweepDeps()), node, log: quiet });
const sweep = () => ctx.database.db.transaction((tx) => sweepWarnings(tx, sweepDeps(), ctx.clock.now()));
const openOf = async (projectId: bigint) =>
  ctx.database.db
    .select()
    .from(warnings)
    .where(and(eq(warnings.projectId, projectId), isNull(warnings.clearedAt)));

/** A session made at the clock's current time for every request (the test moves the clock by days). */
type Caller = Pick<Session, 'inject'>;
const caller = (user: { id: string; phone: string }): Caller => ({ inject: async (o: Parameters<Session['inject']>[0]) => (await sessionFor(ctx, user)).inject(o) }) as Caller;
let hrss: Caller;
let district: Caller;
let admin: Caller;

beforeAll(async () => {
  ctx = await createTestContext();
  hrss = caller(await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, CITY_HRSS) }));
  district = caller(await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市平山区人力资源和社会保障局') }));
  admin = caller(await buildUser(ctx, { role: 'admin' }));
});
afterAll(() => ctx.close());

async function enterpriseSession(orgId: string): Promise<Caller> {
  return caller(await buildUser(ctx, { role: 'enterprise', orgId }));
}

describe('节假日安排 (calendar years)', () => {
  it('2027 warns from 1 November 2026 until confirmed; pasted days feed the working-day function; 2026 is the package’s', async () => {
    ctx.clock.set('2026-12-02T02:00:00Z');
    const before = await hrss.inject({ method: 'GET', url: '/api/calendar/status' });
    expect(before.json()).toEqual({ confirmedYears: [], yearToConfirm: 2027 });
    ctx.clock.set('2026-10-31T02:00:00Z');
    expect((await hrss.inject({ method: 'GET', url: '/api/calendar/status' })).json().yearToConfirm).toBeNull();
    ctx.clock.set('2026-12-02T02:00:00Z');

    const bad = await admin.inject({ method: 'PUT', url: '/api/admin/calendar-years/2027', payload: { text: '2027-01-01 休 元旦\n明年春节放假', confirmed: true } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('第2行');
    const packaged = await admin.inject({ method: 'PUT', url: '/api/admin/calendar-years/2026', payload: { text: '2026-01-01 休', confirmed: true } });
    expect(packaged.statusCode).toBe(400);
    expect((await hrss.inject({ method: 'PUT', url: '/api/admin/calendar-years/2027', payload: { text: '', confirmed: false } })).statusCode).toBe(403);

    const text = '2027-01-01 休 元旦\n2027-02-06至2027-02-12 休 春节\n2027-02-14 班 春节调休';
    const saved = await admin.inject({ method: 'PUT', url: '/api/admin/calendar-years/2027', payload: { text, confirmed: false } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ year: 2027, confirmed: false, source: 'admin' });
    expect(saved.json().days).toHaveLength(9);
    expect((await hrss.inject({ method: 'GET', url: '/api/calendar/status' })).json().yearToConfirm).toBe(2027);

    const confirmed = await admin.inject({ method: 'PUT', url: '/api/admin/calendar-years/2027', payload: { text, confirmed: true } });
    expect(confirmed.json()).toMatchObject({ confirmed: true });
    expect((await hrss.inject({ method: 'GET', url: '/api/calendar/status' })).json()).toEqual({ confirmedYears: [2027], yearToConfirm: null });
    const years = (await admin.inject({ method: 'GET', url: '/api/admin/calendar-years' })).json() as { year: number; confirmed: boolean; source: string }[];
    expect(years.find((y) => y.year === 2026)).toMatchObject({ confirmed: true, source: 'package' });

    // the app's working-day calendar reads the arrangement: 2027-02-05 (Fri) + 1 working day skips the 春节 week to the 调休 Sunday
    const cal = await ctx.app.inject({ method: 'GET', url: '/api/health' }); // (any request; the calendar is read through the rules service)
    expect(cal.statusCode).toBeLessThan(500);
    const { createRulesService } = await import('../rules/service');
    const dictionaryData = await import('../dictionaries/repository');
    const rules = createRulesService({ db: ctx.database.db, clock: ctx.clock, regions: dictionaryData });
    const wc = await rules.workCalendar();
    expect(wc.addWorkingDays('2027-02-05', 1)).toBe('2027-02-14');
    expect(wc.isWorkday('2027-01-01')).toBe(false);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });
});

describe('预警 raised and cleared', () => {
  it('定额审核超期: raised by the daily job (once across two processes), listed per scope, cleared by the approval event', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const q = await buildQuotaApplication(ctx, { status: 'pending' }); // due 2026-03-09
    const ent = await enterpriseSession(q.project.enterpriseOrgId);
    ctx.clock.set('2026-03-09T17:00:00Z'); // 2026-03-10 01:00 Beijing: the 10th, after the deadline, after the job's 00:30
    const [a, b] = await Promise.all([scheduler('a').check(), scheduler('b').check()]);
    const results = [a['warnings.sweep'], b['warnings.sweep']].sort();
    expect(results.filter((r) => r === 'ran')).toHaveLength(1);
    expect(['busy', 'done']).toContain(results.find((r) => r !== 'ran'));
    expect((await scheduler('c').check())['warnings.sweep']).toBe('done');

    const open = await openOf(q.project.id);
    expect(open.map((w) => w.type)).toEqual(['quota_review_overdue']);
    expect(open[0]).toMatchObject({ objectType: 'quota_application', objectId: String(q.id), dueOn: '2026-03-09' });

    // the lists: hrss (its remit) and the enterprise see it; a district unit and another enterprise do not
    const mine = (await hrss.inject({ method: 'GET', url: `/api/warnings?projectId=${q.project.id}&state=open` })).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ type: 'quota_review_overdue', state: 'open', dueOn: '2026-03-09' });
    expect((await ent.inject({ method: 'GET', url: `/api/warnings?projectId=${q.project.id}` })).json().total).toBe(1);
    expect((await district.inject({ method: 'GET', url: `/api/warnings?projectId=${q.project.id}` })).json().total).toBe(0);
    const stranger = await enterpriseSession((await buildUser(ctx, { role: 'enterprise', certified: true })).orgId);
    expect((await stranger.inject({ method: 'GET', url: `/api/warnings?projectId=${q.project.id}` })).json().total).toBe(0);
    const xlsx = await hrss.inject({ method: 'GET', url: `/api/warnings/export?projectId=${q.project.id}` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    // the hrss unit gets a message (it must act); the warning's event is in the outbox
    await ctx.app.outbox.drain();
    const hrssMessages = (await hrss.inject({ method: 'GET', url: '/api/messages?kind=warning' })).json();
    expect(hrssMessages.items.some((m: { body: string }) => m.body.includes(String(q.id)))).toBe(true);

    // 审核通过 → after commit the project's warnings are rechecked: cleared, with the reason
    const ok = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    await ctx.app.outbox.drain();
    const [w] = await ctx.database.db.select().from(warnings).where(eq(warnings.id, open[0]!.id));
    expect(w!.clearedReason).toBe('resolved');
    expect(w!.clearedAt).not.toBeNull();
    expect((await hrss.inject({ method: 'GET', url: `/api/warnings?projectId=${q.project.id}&state=cleared&type=quota_review_overdue` })).json().total).toBe(1);
    // the enterprise's 审核结果 message
    const entMessages = (await ent.inject({ method: 'GET', url: '/api/messages?kind=decision' })).json();
    expect(entMessages.items[0].title).toContain('定额申请已审核通过');
  });

  it('保函即将到期 → 已过期 as the clock moves; cleared when the project is 竣工; clearAllForProject lifts the rest', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const p = await buildProject(ctx, { depositStatus: 'paid' });
    const reg = await ctx.database.db.transaction((tx) =>
      registerGuarantee(tx, {
        kind: 'bank_guarantee', number: `YJ-${p.id}`, projectId: p.id, enterpriseOrgId: p.enterpriseOrgId, hrssOrgId: p.hrssOrgId, authorityOrgId: p.authorityOrgId,
        issuerOrgId: null, issuerName: '中国建设银行股份有限公司本溪分行', amountFen: 40_000_000n, feeFen: null, issuedOn: '2026-01-01', validFrom: '2026-01-01', validTo: '2026-03-20',
        sourceType: 'warnings-test', sourceId: String(p.id), fileId: null, actor: { id: null, phone: null, role: null, ip: null }, at: ctx.clock.now(),
      }),
    );
    expect(reg).toBeTruthy();
    ctx.clock.set('2026-02-10T02:00:00Z');
    await sweep();
    expect(await openOf(p.id)).toHaveLength(0); // 38 days ahead: nothing yet
    ctx.clock.set('2026-02-18T02:00:00Z');
    await sweep();
    expect((await openOf(p.id)).map((w) => w.type)).toEqual(['guarantee_expiring']);
    ctx.clock.set('2026-03-21T02:00:00Z');
    const r = await sweep();
    expect(r.raised).toBeGreaterThanOrEqual(1);
    const now = await openOf(p.id);
    expect(now.map((w) => w.type)).toEqual(['guarantee_expired']);
    // 竣工: the project's recheck clears it
    await ctx.database.db.update(projects).set({ status: 'completed' }).where(eq(projects.id, p.id));
    await sweep();
    expect(await openOf(p.id)).toHaveLength(0);
    // clearAllForProject (注销): every open warning of the project, with its reason
    await ctx.database.db.update(projects).set({ status: 'in_progress' }).where(eq(projects.id, p.id));
    await sweep();
    expect(await openOf(p.id)).toHaveLength(1);
    const lifted = await ctx.database.db.transaction((tx) => clearAllForProject(tx, p.id, ctx.clock.now()));
    expect(lifted).toBe(1);
    const rows = await ctx.database.db.select().from(warnings).where(eq(warnings.projectId, p.id));
    expect(rows.filter((w) => w.clearedReason === 'project_cancelled')).toHaveLength(1);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });

  it('定额审核通过后逾期未缴纳: 20 working days after the contract signing', async () => {
    ctx.clock.set('2026-01-05T02:00:00Z');
    const q = await buildQuotaApplication(ctx, { status: 'approved' }); // contract signed 2025-12-15, project 待缴纳
    await sweep();
    expect(await openOf(q.project.id)).toHaveLength(0);
    ctx.clock.set('2026-03-02T02:00:00Z');
    await sweep();
    const [w] = await openOf(q.project.id);
    expect(w).toMatchObject({ type: 'quota_unpaid', dueOn: createWorkCalendar().addWorkingDays('2025-12-15', 20) });
    // paid → cleared
    await ctx.database.db.update(projects).set({ depositStatus: 'paid' }).where(eq(projects.id, q.project.id));
    await sweep();
    expect(await openOf(q.project.id)).toHaveLength(0);
  });
});

describe('银行受理 / 出函超期', () => {
  it('the bank sees what it owes; 受理 clears the first, 出函 overdue follows 5 working days after acceptance', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const p = await buildProject(ctx, { depositStatus: 'paying' });
    const bankUser = await buildUser(ctx, { role: 'bank', orgName: '中国测试银行股份有限公司本溪预警支行' });
    const otherBank = caller(await buildUser(ctx, { role: 'bank', orgName: '中国测试银行股份有限公司本溪其他支行' }));
    const bank = caller(bankUser);
    const id = BigInt(Date.now()) * 1000n + 7n;
    await ctx.database.db.insert(guaranteeApplications).values({
      id, projectId: p.id, enterpriseOrgId: p.enterpriseOrgId, hrssOrgId: p.hrssOrgId, authorityOrgId: p.authorityOrgId, bankOrgId: bankUser.orgId,
      status: 'submitted', requiredFen: 40_000_000n, amountFen: 40_000_000n, beneficiaryName: CITY_HRSS, termFrom: '2026-03-02', termTo: '2027-03-01',
      handlerName: '张三', handlerPhone: '13455554444', submittedAt: ctx.clock.now(), updatedAt: ctx.clock.now(),
    });
    ctx.clock.set('2026-03-09T02:00:00Z'); // the 5th working day: not late yet
    await sweep();
    expect(await openOf(p.id)).toHaveLength(0);
    ctx.clock.set('2026-03-10T02:00:00Z');
    await sweep();
    expect((await openOf(p.id)).map((w) => [w.type, w.addresseeOrgId, w.dueOn])).toEqual([['bank_accept_overdue', bankUser.orgId, '2026-03-09']]);
    expect((await bank.inject({ method: 'GET', url: '/api/warnings?state=open' })).json().total).toBe(1);
    expect((await otherBank.inject({ method: 'GET', url: '/api/warnings?state=open' })).json().total).toBe(0);
    await ctx.app.outbox.drain();
    expect((await bank.inject({ method: 'GET', url: '/api/messages/unread-count' })).json().unread).toBe(1);

    const ok = await bank.inject({ method: 'POST', url: `/api/guarantee-applications/${id}/accept` });
    expect(ok.statusCode, ok.body).toBe(200);
    await ctx.app.outbox.drain();
    expect(await openOf(p.id)).toHaveLength(0);
    ctx.clock.set('2026-03-18T02:00:00Z'); // accepted 03-10: due 03-17
    await sweep();
    expect((await openOf(p.id)).map((w) => [w.type, w.dueOn])).toEqual([['bank_issue_overdue', '2026-03-17']]);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });
});

describe('消息中心 and SMS', () => {
  it('a warning of the enterprise becomes its message and an SMS to the 劳资专管员; unread badge, read, read all', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z'); // 10:00 Beijing
    const q = await buildQuotaApplication(ctx, { status: 'approved' });
    const ent = await enterpriseSession(q.project.enterpriseOrgId);
    await sweep();
    await ctx.app.outbox.drain();
    const unread = (await ent.inject({ method: 'GET', url: '/api/messages/unread-count' })).json().unread;
    expect(unread).toBeGreaterThanOrEqual(1);
    const list = (await ent.inject({ method: 'GET', url: '/api/messages?unread=1' })).json();
    const m = list.items.find((x: { kind: string }) => x.kind === 'warning');
    expect(m.title).toContain('定额审核通过后逾期未缴纳');
    expect((await ent.inject({ method: 'POST', url: `/api/messages/${m.id}/read` })).json().unread).toBe(unread - 1);
    // someone else's message: 404
    expect((await hrss.inject({ method: 'POST', url: `/api/messages/${m.id}/read` })).statusCode).toBe(404);
    expect((await ent.inject({ method: 'POST', url: '/api/messages/read-all' })).json().unread).toBe(0);
    expect((await ent.inject({ method: 'GET', url: '/api/messages/unread-count' })).json().unread).toBe(0);

    const [w] = await openOf(q.project.id);
    const recs = await ctx.database.db.select().from(smsRecords).where(eq(smsRecords.warningId, w!.id));
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ phone: '13456666666', status: 'sent', template: 'warning' });
    const sent = await ctx.database.db.select().from(smsOutbox).where(eq(smsOutbox.phone, '13456666666'));
    expect(sent.some((s) => s.content.includes('预警提醒'))).toBe(true);
    // 短信记录 (admin): masked
    const page = (await admin.inject({ method: 'GET', url: '/api/admin/sms-records' })).json();
    expect(page.items[0].phoneMasked).toBe('134****6666');
    expect(JSON.stringify(page)).not.toContain('13456666666');
    expect((await hrss.inject({ method: 'GET', url: '/api/admin/sms-records' })).statusCode).toBe(403);
  });

  it('quiet hours: raised at 23:00 Beijing, the SMS is held until 08:00; at most one per warning and day', async () => {
    expect(smsSendAt(new Date('2026-03-02T15:00:00Z')).toISOString()).toBe('2026-03-03T00:00:00.000Z'); // 23:00 → 08:00 next day
    expect(smsSendAt(new Date('2026-03-02T21:30:00Z')).toISOString()).toBe('2026-03-03T00:00:00.000Z'); // 05:30 → 08:00 same day
    expect(smsSendAt(new Date('2026-03-02T13:59:00Z')).toISOString()).toBe('2026-03-02T13:59:00.000Z'); // 21:59 → now

    ctx.clock.set('2026-03-02T15:00:00Z'); // 23:00 Beijing
    const q = await buildQuotaApplication(ctx, { status: 'approved' });
    await sweep();
    await ctx.app.outbox.drain();
    const [w] = await openOf(q.project.id);
    const held = await ctx.database.db.select().from(smsRecords).where(eq(smsRecords.warningId, w!.id));
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'held', sendOn: '2026-03-03' });
    // a redelivery of the raise (no receipt) makes no second record for the day
    const [raised] = await ctx.database.db.select().from(outboxEvents).where(and(eq(outboxEvents.topic, 'warning.raised'), eq(outboxEvents.aggregateId, String(w!.id))));
    await ctx.database.db.update(outboxEvents).set({ deliveredAt: null, availableAt: ctx.clock.now() }).where(eq(outboxEvents.id, raised!.id));
    await ctx.database.query('delete from outbox_receipts where event_id = $1', [raised!.id]);
    await ctx.app.outbox.drain();
    expect(await ctx.database.db.select().from(smsRecords).where(eq(smsRecords.warningId, w!.id))).toHaveLength(1);
    ctx.clock.set('2026-03-02T23:59:00Z'); // 07:59: still held
    await ctx.app.outbox.drain();
    expect((await ctx.database.db.select().from(smsRecords).where(eq(smsRecords.warningId, w!.id)))[0]!.status).toBe('held');
    ctx.clock.set('2026-03-03T00:00:00Z'); // 08:00 Beijing
    await ctx.app.outbox.drain();
    const after = (await ctx.database.db.select().from(smsRecords).where(eq(smsRecords.warningId, w!.id)))[0]!;
    expect(after.status).toBe('sent');
    expect(after.sentAt?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    ctx.clock.set('2026-03-02T02:00:00Z');
  });
});

describe('首页 figures equal their lists', () => {
  const apiOf = (f: { key: string; link: string }): string => {
    if (f.key === 'todo:guarantee') return '/api/guarantee-applications?todo=1';
    if (f.key === 'todo:cash') return '/api/cash-deposits?todo=1';
    if (f.link === '/quota/review') return '/api/quota-applications?status=pending&queue=1';
    if (f.link === '/offline-guarantees/review') return '/api/offline-guarantees?status=pending';
    if (f.link === '/admin/certifications') return '/api/admin/certifications?status=pending';
    // issue 12–14 queues (helper X1)
    if (f.link === '/filings/review') return '/api/filings?queue=1';
    if (f.link === '/cancellations/review') return '/api/cancellations?queue=1';
    if (f.link.startsWith('/bank/returns')) return `/api/return-confirmations${f.link.slice('/bank/returns'.length)}`;
    if (f.link.startsWith('/insurer/orders')) return `/api/insurance-orders${f.link.slice('/insurer/orders'.length)}`;
    return `/api${f.link}`;
  };

  it('for every role: each number is the total of the list its link opens', async () => {
    const q = await buildQuotaApplication(ctx, { status: 'pending' });
    const ent = await enterpriseSession(q.project.enterpriseOrgId);
    const bank = caller(await buildUser(ctx, { role: 'bank', orgName: '中国测试银行股份有限公司本溪首页支行' }));
    const authority = caller(await buildUser(ctx, { role: 'authority', orgId: await orgByName(ctx, '辽宁省本溪市住房和城乡建设局') }));
    const insurer = caller(await buildUser(ctx, { role: 'insurer', orgName: '测试财产保险股份有限公司本溪首页中心支公司' }));
    // a pending 备案 in the city's remit: the hrss figure 待审核备案 counts it
    const filer = await buildUser(ctx, { role: 'enterprise', certified: true });
    const toFile = await buildProject(ctx, { enterpriseOrgId: filer.orgId, depositStatus: 'paid' });
    expect((await caller(filer).inject({ method: 'POST', url: '/api/filings', payload: { projectId: toFile.id.toString() } })).statusCode).toBe(201);
    ctx.clock.set('2026-03-12T02:00:00Z');
    await sweep();
    for (const [who, s] of [['enterprise', ent], ['hrss', hrss], ['authority', authority], ['bank', bank], ['insurer', insurer], ['admin', admin]] as const) {
      const d = await s.inject({ method: 'GET', url: '/api/dashboard' });
      expect(d.statusCode, `${who}: ${d.body}`).toBe(200);
      const body = d.json() as { figures: { key: string; link: string; value: number }[]; charts: { items: { key: string; link: string; value: number }[] }[] };
      const all = [...body.figures, ...body.charts.flatMap((c) => c.items)];
      expect(all.length, who).toBeGreaterThan(0);
      for (const f of all) {
        const list = await s.inject({ method: 'GET', url: apiOf(f) });
        expect(list.statusCode, `${who} ${f.key} ${apiOf(f)}: ${list.body}`).toBe(200);
        expect(list.json().total, `${who} ${f.key}`).toBe(f.value);
      }
      if (who === 'hrss') expect(all.find((f) => f.key === 'warning:quota_review_overdue')!.value).toBeGreaterThanOrEqual(1);
      if (who === 'enterprise') expect(all.find((f) => f.key === 'deposit:quota_review')!.value).toBe(1);
      const keys = all.map((f) => f.key);
      if (who === 'hrss') {
        expect(keys).toEqual(expect.arrayContaining(['queue:filing', 'queue:cancellation']));
        expect(all.find((f) => f.key === 'queue:filing')!.value).toBeGreaterThanOrEqual(1);
      }
      if (who === 'bank') expect(keys).toEqual(expect.arrayContaining(['todo:return', 'todo:payment-notice']));
      if (who === 'insurer') expect(keys).toEqual(expect.arrayContaining(['todo:underwriting', 'todo:policy', 'todo:payment-notice']));
      if (who === 'authority') expect(keys).not.toContain('queue:filing');
    }
    ctx.clock.set('2026-03-02T02:00:00Z');
  });
});

void messages;
