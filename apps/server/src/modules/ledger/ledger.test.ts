/**
 * 台账 (SPEC §10, ADR 043) through HTTP: the ledger's balance after a lifecycle (cash paid, a bank
 * guarantee, a use, the replenishment, 注销 → the guarantee released and the cash returned) equals
 * the cover the workflows compute at each step and 0 at the end; every movement in date order with
 * a running balance; the statistics' cells equal the list they link to; scope (another district
 * sees none and gets 404; enterprise and bank 403); the streamed export's rows equal the list.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../db/schema/index';
import { registerGuarantee } from '../guarantees/register';
import { buildProject, buildQuotaApplication, type BuiltProject } from '../../test/factories';
import { buildUser, createTestContext, orgByName, PDF_BYTES, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';

const ENTERPRISE = '本溪台账测试建工集团有限公司';
const CCB = '中国建设银行股份有限公司本溪分行';
const PINGSHAN_HRSS = '本溪市平山区人力资源和社会保障局';
const XIHU_HRSS = '本溪市溪湖区人力资源和社会保障局';

let ctx: TestContext;
let ent: Session & { orgId: string };
let bank: Session & { orgId: string };
let hrss: Session;
let xihu: Session;
let authority: Session;
let p: BuiltProject;
let voucherSeq = 0;
const actor = { id: null, phone: null, role: null, ip: null };

beforeAll(async () => {
  ctx = await createTestContext();
  const e = await buildUser(ctx, { role: 'enterprise', certified: true, orgName: ENTERPRISE });
  ent = { ...(await sessionFor(ctx, e)), orgId: e.orgId };
  const b = await buildUser(ctx, { role: 'bank', orgId: await orgByName(ctx, CCB) });
  bank = { ...(await sessionFor(ctx, b)), orgId: b.orgId };
  hrss = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, PINGSHAN_HRSS) }));
  xihu = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, XIHU_HRSS) }));
}, 120_000);
afterAll(() => ctx?.close());

async function confirmCash(id: string, amount: string) {
  const voucherFileId = await uploadFile(bank, '到账凭证.pdf', Buffer.concat([PDF_BYTES, Buffer.from(`% ledger voucher ${++voucherSeq}\n`)]));
  const res = await bank.inject({ method: 'POST', url: `/api/cash-deposits/${id}/confirm`, payload: { accountNo: '21050161360100000999', amount, arrivedOn: '2026-03-02', payerName: ENTERPRISE, voucherFileId } });
  expect(res.statusCode, res.body).toBe(200);
}

const covered = async () => (await hrss.inject({ method: 'GET', url: `/api/projects/${p.id}/use-coverage` })).json().covered as string;
const detail = async (s: Session = hrss) => s.inject({ method: 'GET', url: `/api/ledger/${p.id}` });

describe('台账: a deposit through its lifecycle', () => {
  it('balance = the workflows’ cover after pay → guarantee → use → replenish, 0 after 注销 and 返还; movements in date order', async () => {
    const base = await buildProject(ctx, { enterpriseOrgId: ent.orgId, hrssOrgName: PINGSHAN_HRSS, name: '本溪市平山区台账测试安置房工程' });
    ({ project: p } = await buildQuotaApplication(ctx, { status: 'approved', project: base }));
    authority = await sessionFor(ctx, await buildUser(ctx, { role: 'authority', orgId: p.authorityOrgId }));
    const agreement = await uploadFile(ent, '存款协议书.pdf');
    const cd = await ent.inject({ method: 'POST', url: '/api/cash-deposits', payload: { projectId: p.id.toString(), bankOrgId: bank.orgId, agreementFileId: agreement, handlerName: '张三全', handlerPhone: '13455554444' } });
    expect(cd.statusCode, cd.body).toBe(201);
    await confirmCash(cd.json().id, '400000.00');
    let d = (await detail()).json();
    expect(d.row).toMatchObject({ way: 'cash', cash: '400000.00', balance: '400000.00', settledOn: '2026-03-02', depositStatus: 'paid' });
    expect(d.row.balance).toBe(await covered());

    await ctx.database.db.transaction((tx) =>
      registerGuarantee(tx, {
        kind: 'bank_guarantee', number: `BH-LEDGER-${Date.now()}`, projectId: p.id, enterpriseOrgId: p.enterpriseOrgId, hrssOrgId: p.hrssOrgId, authorityOrgId: p.authorityOrgId,
        issuerOrgId: bank.orgId, issuerName: CCB, amountFen: 16_000_012n, feeFen: null, issuedOn: '2026-03-02', validFrom: '2026-03-02', validTo: '2027-03-01',
        sourceType: 'ledger-test', sourceId: String(p.id), fileId: null, actor, at: ctx.clock.now(),
      }),
    );
    d = (await detail()).json();
    expect(d.row).toMatchObject({ bankGuarantee: '160000.12', balance: '560000.12', settledAmount: '560000.12' });
    expect(d.row.balance).toBe(await covered());

    const decisionFileId = await uploadFile(hrss, '责令限期清偿决定书.pdf', Buffer.concat([PDF_BYTES, Buffer.from('% ledger decision\n')]));
    const use = await hrss.inject({
      method: 'POST',
      url: '/api/deposit-uses',
      payload: {
        projectId: p.id.toString(), decisionType: 'order_to_pay', decisionNo: '本人社监令〔2026〕88号', decisionDate: '2026-02-27', decisionFileId, amount: '7700.51',
        instrument: { type: 'cash_deposit', id: cd.json().id },
        workers: [
          { name: '王小二', idNumber: '11010519491231002X', bankName: '中国工商银行本溪分行', cardNo: '6222020712000011111', amount: '7700.51' },
        ],
      },
    });
    expect(use.statusCode, use.body).toBe(201);
    d = (await detail()).json();
    expect(d.row).toMatchObject({ used: '7700.51', useCount: 1, balance: '552299.61' });
    expect(d.row.balance).toBe(await covered());

    const agreementFileId = await uploadFile(ent, '存款协议书（补足）.pdf', Buffer.concat([PDF_BYTES, Buffer.from('% ledger replenish\n')]));
    const rep = await ent.inject({ method: 'POST', url: `/api/deposit-uses/${use.json().id}/replenish-cash`, payload: { bankOrgId: bank.orgId, agreementFileId, handlerName: '张三全', handlerPhone: '13455554444' } });
    expect(rep.statusCode, rep.body).toBe(200);
    await confirmCash(rep.json().replenishCash.id, '7700.51');
    expect((await hrss.inject({ method: 'POST', url: `/api/deposit-uses/${use.json().id}/confirm-replenishment` })).statusCode).toBe(200);
    d = (await detail()).json();
    expect(d.row).toMatchObject({ replenished: '7700.51', balance: '560000.12', cash: '400000.00' });
    expect(d.row.balance).toBe(await covered());

    // 注销: the project completed and filed (the filing workflow is closure.test.ts's), then cancel, approve, the bank returns the cash
    await ctx.database.db.update(projects).set({ depositStatus: 'filed', status: 'completed', actualStart: '2026-01-05', actualCompletion: '2026-02-27' }).where(eq(projects.id, p.id));
    const files = async (name: string) => [await uploadFile(ent, name, Buffer.concat([PDF_BYTES, Buffer.from(`% ${name}\n`)]))];
    const sub = await ent.inject({
      method: 'POST',
      url: '/api/cancellations',
      payload: {
        projectId: p.id.toString(), actualStart: '2026-01-05', actualCompletion: '2026-02-27', publicityStart: '2026-01-20', handlerName: '张三全', handlerPhone: '13455554444', note: '已竣工',
        acceptanceReportFileIds: await files('竣工验收报告.pdf'), applicationFormFileIds: await files('注销申请表.pdf'), noArrearsPledgeFileIds: await files('无拖欠承诺.pdf'),
      },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    expect((await hrss.inject({ method: 'POST', url: `/api/cancellations/${sub.json().id}/approve` })).statusCode).toBe(200);
    d = (await detail()).json();
    expect(d.row).toMatchObject({ balance: '400000.00', returned: '160000.12', depositStatus: 'cancelled' });
    const pending = (await bank.inject({ method: 'GET', url: '/api/return-confirmations?status=pending' })).json().items.filter((r: { kind: string; projectId?: string }) => r.kind === 'cash');
    // closure's 返还本金 is the cash paid in less what the use drew from it (ADR 042): 400,000.00 − 7,700.51 + the 7,700.51 补足
    const cashR = pending.find((r: { amount: string }) => r.amount === '400000.00');
    expect(cashR, JSON.stringify(pending)).toBeTruthy();
    const ok = await bank.inject({ method: 'POST', url: `/api/return-confirmations/${cashR.id}/confirm`, payload: { returnedOn: '2026-03-02', principal: '400000.00', interest: '12.34' } });
    expect(ok.statusCode, ok.body).toBe(200);
    d = (await detail()).json();
    expect(d.row).toMatchObject({ balance: '0.00', returned: '560000.12' });
    expect(d.movements.map((m: { kind: string }) => m.kind)).toEqual(['cash_in', 'guarantee_in', 'use', 'replenish_in', 'release', 'return']);
    expect(d.movements.map((m: { amount: string }) => m.amount)).toEqual(['400000.00', '160000.12', '-7700.51', '7700.51', '-160000.12', '-400000.00']);
    expect(d.movements.map((m: { balance: string }) => m.balance)).toEqual(['400000.00', '560000.12', '552299.61', '560000.12', '400000.00', '0.00']);
    expect(d.movements.at(-1).note).toContain('利息 12.34 元');
    const dates = d.movements.map((m: { date: string }) => m.date);
    expect([...dates].sort()).toEqual(dates);
    // the authority of the project reads it too
    expect((await detail(authority)).json().row.balance).toBe('0.00');
  });

  it('scope: another district sees none and gets 404; enterprise, bank 403', async () => {
    const mine = (await hrss.inject({ method: 'GET', url: `/api/ledger?name=${encodeURIComponent('台账测试安置房')}` })).json();
    expect(mine.items.map((r: { projectId: string }) => r.projectId)).toContain(p.id.toString());
    const theirs = (await xihu.inject({ method: 'GET', url: '/api/ledger?pageSize=100' })).json();
    expect(theirs.items.map((r: { projectId: string }) => r.projectId)).not.toContain(p.id.toString());
    expect((await detail(xihu)).statusCode).toBe(404);
    const xs = (await xihu.inject({ method: 'GET', url: `/api/ledger/stats?year=2026` })).json();
    const xl = (await xihu.inject({ method: 'GET', url: '/api/ledger?pageSize=100' })).json();
    expect(xs.totals.reduce((n: number, t: { count: number }) => n + t.count, 0)).toBe(xl.items.filter((r: { settledOn: string }) => r.settledOn.startsWith('2026-')).length);
    for (const s of [ent, bank]) {
      expect((await s.inject({ method: 'GET', url: '/api/ledger' })).statusCode).toBe(403);
      expect((await s.inject({ method: 'GET', url: `/api/ledger/${p.id}` })).statusCode).toBe(403);
      expect((await s.inject({ method: 'GET', url: '/api/ledger/stats' })).statusCode).toBe(403);
      expect((await s.inject({ method: 'GET', url: '/api/ledger/export' })).statusCode).toBe(403);
    }
  });

  it('statistics: every cell equals the list it links to; the totals equal the list of the year', async () => {
    // one more: a 免缴 project of the same unit
    const ex = await buildProject(ctx, { enterpriseOrgId: ent.orgId, hrssOrgName: PINGSHAN_HRSS, name: '本溪市平山区台账测试免缴工程' });
    await buildQuotaApplication(ctx, { status: 'approved', project: ex, applyType: 'exempt' });
    const s = (await hrss.inject({ method: 'GET', url: '/api/ledger/stats?year=2026' })).json();
    expect(s.cells.length).toBeGreaterThan(0);
    for (const c of s.cells) {
      const l = (await hrss.inject({ method: 'GET', url: `/api/ledger?month=${c.month}&regionCode=${c.regionCode}&way=${c.way}&pageSize=100` })).json();
      expect(l.total).toBe(c.count);
      expect(l.totals.settledAmount).toBe(c.amount);
    }
    const all = (await hrss.inject({ method: 'GET', url: '/api/ledger?pageSize=100' })).json();
    const ofYear = all.items.filter((r: { settledOn: string }) => r.settledOn.startsWith('2026-'));
    expect(s.totals.reduce((n: number, t: { count: number }) => n + t.count, 0)).toBe(ofYear.length);
    const fen = (y: string) => BigInt(y.replace('.', ''));
    expect(s.totals.reduce((n: bigint, t: { amount: string }) => n + fen(t.amount), 0n)).toBe(ofYear.reduce((n: bigint, r: { settledAmount: string }) => n + fen(r.settledAmount), 0n));
    const cash = s.totals.find((t: { way: string }) => t.way === 'cash');
    expect(cash.count).toBeGreaterThanOrEqual(1);
    const stx = await hrss.inject({ method: 'GET', url: '/api/ledger/stats/export?year=2026' });
    expect(stx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(stx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(s.cells.length + 1);
  });

  it('the export (streamed) has the list’s rows, exact amounts', async () => {
    const l = (await hrss.inject({ method: 'GET', url: '/api/ledger?pageSize=100' })).json();
    const x = await hrss.inject({ method: 'GET', url: '/api/ledger/export' });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('工程编号');
    const rows: string[][] = [];
    ws.eachRow((r, i) => {
      if (i > 1) rows.push([String(r.getCell(1).value), String(r.getCell(2).value), String(r.getCell(17).value)]);
    });
    expect(rows).toEqual(l.items.map((r: { projectId: string; projectName: string; balance: string }) => [r.projectId, r.projectName, r.balance]));
  });
});
