import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_PASSWORD, launchBrowser, shot, startApp, type RunningApp } from './support';

/** A one-page PDF, as a scanned guarantee letter would be. */
const LETTER_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 58 >> stream
BT /F1 24 Tf 72 760 Td (Bank guarantee letter - test) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

let app: RunningApp;
let browser: Browser;
const ENTERPRISE = '13800000006';
const HRSS = '13800000002';
const BANK = '13800000004';

beforeAll(async () => {
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const csrf = async (page: Page) => (await (await page.request.get(`${app.url}/api/me`)).json()).csrfToken as string;

/** Set-up, not the journey under test: a project and its 一般缴纳 quota through the API with the user's own session. */
async function projectWithQuota(page: Page, name: string): Promise<{ projectId: string; quotaId: string }> {
  const token = await csrf(page);
  const p = await page.request.post(`${app.url}/api/projects`, {
    headers: { 'x-csrf-token': token },
    data: {
      industryType: 'housing', regionCode: '210500', name, location: '本溪市平山区胜利路18号', projectRegionCode: '210502',
      projectType: 'building', contractAmount: '20000000.00', plannedStart: '2026-01-01', plannedEnd: '2027-06-30',
      builderName: '本溪市城市建设投资有限公司', builderCreditCode: '91350100M000100Y43', contractSignedOn: '2025-12-15',
      category: 'government', wageDay: 7, managerName: '张三', managerPhone: '13454342345', laborOfficerName: '李四', laborOfficerPhone: '13456666666',
    },
  });
  expect(p.status()).toBe(201);
  const projectId = (await p.json()).id as string;
  const q = await page.request.post(`${app.url}/api/quota-applications`, {
    headers: { 'x-csrf-token': token },
    data: { projectId, contractAmount: '20000000.00', prepayMode: 'ratio', prepayRatio: '2', applyType: 'general', payMethod: 'guarantee', handlerName: '张三全', handlerPhone: '13455554444' },
  });
  expect(q.status()).toBe(201);
  return { projectId, quotaId: (await q.json()).id };
}

describe('保单保函上传 journey', () => {
  it('the enterprise uploads an offline guarantee, hrss approves it with the letter in view, the enterprise sees 已缴纳 and the guarantee in 保函管理', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-offline-guarantee'));
    const { login, choose, date } = journey(app);
    const name = '明山区市政道路综合改造工程';
    const no = `JH-E2E-${Date.now() % 100000}`;

    await login(page, ENTERPRISE, DEMO_PASSWORD);
    const { projectId, quotaId } = await projectWithQuota(page, name);
    await login(page, HRSS, DEMO_PASSWORD);
    const approved = await page.request.post(`${app.url}/api/quota-applications/${quotaId}/approve`, { headers: { 'x-csrf-token': await csrf(page) }, data: {} });
    expect(approved.status()).toBe(200);

    // the enterprise: 项目详情 → 保单保函上传, the manual's form field for field
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await page.goto(`${app.url}/projects/${projectId}`);
    await page.getByTestId('offline-guarantee-upload').click();
    const dialog = page.getByRole('dialog', { name: '保单保函上传' });
    await expect.poll(() => dialog.getByText('保单信息').count()).toBe(1);
    await expect.poll(() => dialog.getByText(name).count()).toBeGreaterThan(0);
    expect(await dialog.getByText('本溪建工集团有限公司').count()).toBeGreaterThan(0);
    // 产品名称 comes filled in; 保额 may not be below the deposit's 400,000.00
    expect(await dialog.getByLabel('产品名称').inputValue()).toBe('农民工工资支付银行保函');
    await dialog.getByLabel('经办联系人').fill('张三全');
    await dialog.getByLabel('经办人手机').fill('13455554444');
    await dialog.getByLabel('银行品牌').fill('中国建设银行');
    await choose(page, '承保出单机构', '中国建设银行股份有限公司本溪分行');
    await dialog.getByLabel('保函号').fill(no);
    await dialog.getByLabel('保额').fill('399999');
    await dialog.getByLabel('保函手续费').fill('1200');
    await dialog.getByLabel('保函手续费').press('Tab');
    await expect.poll(() => dialog.getByText('保额不能低于保证金应缴金额 400,000.00 元').count()).toBe(1);
    await dialog.getByLabel('保额').fill('400000');
    await date(page, '出函日期', '2026-01-20');
    const start = dialog.getByPlaceholder('开始日期');
    await start.click();
    await start.fill('2026-02-01');
    await start.press('Enter');
    const end = dialog.getByPlaceholder('结束日期');
    await end.fill('2027-07-31');
    await end.press('Enter');
    await dialog.locator('input[type=file]').setInputFiles({ name: '保函.pdf', mimeType: 'application/pdf', buffer: Buffer.from(LETTER_PDF) });
    await expect.poll(() => dialog.locator('.ant-upload-list-item-done').count()).toBe(1);
    await shot(page, '60-offline-guarantee-form');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '保单保函上传' }).count()).toBe(0);
    await expect.poll(() => page.getByText('待审核').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('缴纳中').count()).toBeGreaterThan(0);
    await shot(page, '61-project-offline-pending');

    // hrss: 保单保函审核 → the upload with its letter inline → 通过
    await login(page, HRSS, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '保单保函审核' }).click();
    await page.waitForURL(/\/offline-guarantees\/review$/);
    await expect.poll(() => page.getByText('保单保函审核队列').count()).toBe(1);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row.count()).toBe(1);
    await shot(page, '62-offline-review-queue');
    await row.getByRole('link', { name: '审核' }).click();
    await expect.poll(() => page.getByTestId('letter-frame').count()).toBe(1);
    await expect.poll(() => page.getByText(no).count()).toBeGreaterThan(0);
    await shot(page, '63-offline-review-detail');
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await page.getByRole('button', { name: '确认通过' }).click();
    await expect.poll(() => page.getByText('审核通过，已登记入保函管理').count()).toBe(1);

    // the enterprise: 已缴纳, and the guarantee in 保函管理
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await page.goto(`${app.url}/projects/${projectId}`);
    await expect.poll(() => page.getByText('已缴纳').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('已通过').count()).toBeGreaterThan(0);
    await shot(page, '64-project-paid');
    await page.getByRole('menuitem', { name: '保函管理' }).click();
    await page.waitForURL(/\/guarantees$/);
    await expect.poll(() => page.getByText('保函列表').count()).toBe(1);
    const reg = page.getByRole('row', { name: new RegExp(no) });
    await expect.poll(() => reg.count()).toBe(1);
    expect(await reg.getByText('线下保单保函').count()).toBe(1);
    expect(await reg.getByText('中国建设银行股份有限公司本溪分行').count()).toBe(1);
    expect(await reg.getByText('400,000.00').count()).toBe(1);
    expect(await reg.getByText('2026-02-01 ~ 2027-07-31').count()).toBe(1);
    expect(await reg.getByText('有效').count()).toBe(1);
    await shot(page, '65-guarantees-enterprise');
    await reg.getByRole('link', { name: '详情' }).click();
    await expect.poll(() => page.getByTestId('letter-frame').count()).toBe(1);
    await shot(page, '66-guarantee-detail');

    // the issuing bank sees it in its 保函管理 too (the demo data's as well)
    await login(page, BANK, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '保函管理' }).click();
    await expect.poll(() => page.getByText('保函列表').count()).toBe(1);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(no) }).count()).toBe(1);
    await expect.poll(() => page.getByText('即将到期').count()).toBeGreaterThan(0);
    await shot(page, '67-guarantees-bank');
    await page.close();
  }, 240_000);
});
