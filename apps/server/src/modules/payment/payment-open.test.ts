/**
 * The bank's payment actions through the signed open API (SPEC §13), signed by the independent client
 * (tools/open-client): the same commands as the portal, amounts in yuan strings, files inside JSON,
 * the events feed, another bank's application 404, the answers signed by the platform.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, projects } from '../../db/schema/index';
import { buildQuotaApplication, type BuiltProject } from '../../test/factories';
import { buildUser, createTestContext, orgByName, PDF_BYTES, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';
import { buildApiClient, openInject, signedByPlatform, type TestApiClient } from '../../test/open';

let ctx: TestContext;
let ent: Session & { orgId: string };
let ccb: TestApiClient;
let icbc: TestApiClient;
const ENTERPRISE = '本溪开放接口测试建设有限公司';

beforeAll(async () => {
  ctx = await createTestContext();
  const e = await buildUser(ctx, { role: 'enterprise', certified: true, orgName: ENTERPRISE });
  ent = { ...(await sessionFor(ctx, e)), orgId: e.orgId };
  ccb = await buildApiClient(ctx, await orgByName(ctx, '中国建设银行股份有限公司本溪分行'));
  icbc = await buildApiClient(ctx, await orgByName(ctx, '中国工商银行股份有限公司本溪分行'));
}, 120_000);
afterAll(() => ctx?.close());

const file = (name: string, tag: string) => ({ name, contentBase64: Buffer.concat([PDF_BYTES, Buffer.from(`% ${tag}\n`)]).toString('base64') });
const deposit = async (p: BuiltProject) => (await ctx.database.db.select({ s: projects.depositStatus }).from(projects).where(eq(projects.id, p.id)))[0]!.s;
const approved = async () => (await buildQuotaApplication(ctx, { status: 'approved', enterpriseOrgId: ent.orgId })).project;
const call = async (c: TestApiClient, method: 'GET' | 'POST', url: string, body?: unknown) => {
  const res = await openInject(ctx, c, { method, url, body });
  expect(await signedByPlatform(ctx, res), `${method} ${url} signed`).toBe(true);
  return res;
};

describe('open API: 银行保函', () => {
  it('lists, accepts and issues with the letter inside JSON; another bank gets 404', async () => {
    const p = await approved();
    const g = (
      await ent.inject({
        method: 'POST',
        url: '/api/guarantee-applications',
        payload: { projectId: p.id.toString(), bankOrgId: ccb.orgId, amount: '400000.00', termFrom: '2026-03-02', termTo: '2027-03-01', handlerName: '张三全', handlerPhone: '13455554444' },
      })
    ).json();
    const list = await call(ccb, 'GET', '/api/open/v1/guarantee-applications?status=submitted');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.find((x: { no: string }) => x.no === g.id)).toMatchObject({ status: 'submitted', applicantName: ENTERPRISE, amount: '400000.00', beneficiaryName: '辽宁省本溪市人力资源和社会保障局', issued: null });
    expect((await call(icbc, 'GET', '/api/open/v1/guarantee-applications')).json().total).toBe(0);
    expect((await call(icbc, 'POST', `/api/open/v1/guarantee-applications/${g.id}/accept`)).statusCode).toBe(404);

    const events = (await call(ccb, 'GET', '/api/open/v1/events?after=0')).json().events.filter((e: { objectNo: string }) => e.objectNo === g.id);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['guarantee_application.submitted']);

    expect((await call(ccb, 'POST', `/api/open/v1/guarantee-applications/${g.id}/accept`)).json().status).toBe('accepted');
    const issue = await call(ccb, 'POST', `/api/open/v1/guarantee-applications/${g.id}/issue`, {
      guaranteeNo: 'CCB-BX-2026-000123',
      issuedOn: '2026-03-02',
      validFrom: '2026-03-02',
      validTo: '2027-03-01',
      amount: '400000.00',
      fee: '800.00',
      letter: file('保函.pdf', 'letter'),
    });
    expect(issue.statusCode, issue.body).toBe(200);
    expect(issue.json()).toMatchObject({ status: 'issued', issued: { guaranteeNo: 'CCB-BX-2026-000123', amount: '400000.00', fee: '800.00', validTo: '2027-03-01' } });
    expect(await deposit(p)).toBe('paid');
    // the enterprise downloads the letter the API sent
    const portal = (await ent.inject({ method: 'GET', url: `/api/guarantee-applications/${g.id}` })).json();
    expect(portal.letterFile.name).toBe('保函.pdf');
    expect((await ent.inject({ method: 'GET', url: `/api/files/${portal.letterFile.id}` })).statusCode).toBe(200);
    // the audit row names the client
    const [row] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'guarantee_application.issue'));
    expect(row!.actorId).toBeNull();
    expect(row!.actorClient).toBe(ccb.appId);
    // a refusal without its reason: 400 in Chinese
    const bad = await call(ccb, 'POST', `/api/open/v1/guarantee-applications/${g.id}/refuse`, { reason: '' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('open API scope', () => {
  it('every payment route with a number answers another bank 404, with its object untouched', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    // the payment ways' routes (返还确认 has its own other-bank 404 test in modules/closure/closure.test.ts)
    const routes = Object.entries(doc.paths).flatMap(([p, m]) =>
      p.startsWith('/api/open/v1/') && p.includes('{no}') && !p.startsWith('/api/open/v1/return-confirmations/') ? Object.keys(m).map((method) => `${method.toUpperCase()} ${p}`) : [],
    );
    expect(routes.sort()).toEqual([
      'POST /api/open/v1/cash-deposits/{no}/confirm',
      'POST /api/open/v1/guarantee-applications/{no}/accept',
      'POST /api/open/v1/guarantee-applications/{no}/issue',
      'POST /api/open/v1/guarantee-applications/{no}/refuse',
    ]);
    const p = await approved();
    const g = (
      await ent.inject({
        method: 'POST',
        url: '/api/guarantee-applications',
        payload: { projectId: p.id.toString(), bankOrgId: ccb.orgId, amount: '400000.00', termFrom: '2026-03-02', termTo: '2027-03-01', handlerName: '张三全', handlerPhone: '13455554444' },
      })
    ).json();
    const p2 = await approved();
    const cd = (
      await ent.inject({
        method: 'POST',
        url: '/api/cash-deposits',
        payload: { projectId: p2.id.toString(), bankOrgId: ccb.orgId, agreementFileId: await uploadFile(ent, '存款协议书.pdf'), handlerName: '张三全', handlerPhone: '13455554444' },
      })
    ).json();
    const bodies: Record<string, unknown> = {
      confirm: { accountNo: '21050161360100000777', amount: '1.00', arrivedOn: '2026-03-02', payerName: ENTERPRISE, voucher: file('凭证.pdf', 'scope') },
      accept: undefined,
      issue: { guaranteeNo: 'X-1', issuedOn: '2026-03-02', validFrom: '2026-03-02', validTo: '2027-03-01', amount: '400000.00', fee: '1.00', letter: file('保函.pdf', 'scope') },
      refuse: { reason: '测试' },
    };
    for (const r of routes) {
      const verb = r.split('/').pop()!;
      const no = r.includes('cash-deposits') ? cd.id : g.id;
      const res = await call(icbc, 'POST', r.replace('POST ', '').replace('{no}', no), bodies[verb]);
      expect([r, res.statusCode, res.json().code]).toEqual([r, 404, 'NOT_FOUND']);
    }
    expect((await ent.inject({ method: 'GET', url: `/api/guarantee-applications/${g.id}` })).json().status).toBe('submitted');
    expect((await ent.inject({ method: 'GET', url: `/api/cash-deposits/${cd.id}` })).json().paidAmount).toBe('0.00');
  });
});

describe('open API: 现金存缴', () => {
  it('confirms arrivals with the voucher inside JSON, the same voucher once, the payer checked', async () => {
    const p = await approved();
    const cd = (
      await ent.inject({
        method: 'POST',
        url: '/api/cash-deposits',
        payload: { projectId: p.id.toString(), bankOrgId: ccb.orgId, agreementFileId: await uploadFile(ent, '存款协议书.pdf'), handlerName: '张三全', handlerPhone: '13455554444' },
      })
    ).json();
    const url = `/api/open/v1/cash-deposits/${cd.id}/confirm`;
    const body = { accountNo: '21050161360100000777', amount: '250000.50', arrivedOn: '2026-03-02', payerName: ENTERPRISE, voucher: file('凭证.pdf', 'v1') };
    expect((await call(icbc, 'POST', url, body)).statusCode).toBe(404);
    const wrong = await call(ccb, 'POST', url, { ...body, payerName: '某劳务派遣有限公司' });
    expect([wrong.statusCode, wrong.json().code]).toEqual([400, 'VALIDATION_FAILED']);

    const first = await call(ccb, 'POST', url, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'partial', paidAmount: '250000.50', differenceAmount: '149999.50', enterpriseName: ENTERPRISE });
    // the same voucher again (a retry): the same answer, counted once
    const retry = await call(ccb, 'POST', url, body);
    expect([retry.statusCode, retry.json().paidAmount, retry.json().arrivals.length]).toEqual([200, '250000.50', 1]);
    const rest = await call(ccb, 'POST', url, { ...body, amount: '149999.50', voucher: file('凭证2.pdf', 'v2'), voucherNo: 'LS-2' });
    expect(rest.json()).toMatchObject({ status: 'arrived', paidAmount: '400000.00', differenceAmount: '0.00', overAmount: '0.00' });
    expect(await deposit(p)).toBe('paid');
    const listed = (await call(ccb, 'GET', '/api/open/v1/cash-deposits?status=arrived')).json();
    expect(listed.items.map((x: { no: string }) => x.no)).toContain(cd.id);
  });
});
