import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_ADMIN, DEMO_PASSWORD, launchBrowser, licencePdf, shot, startApp, type RunningApp } from './support';

/**
 * 保险办理 (issue 12, manual 2.2.2) on the demo data: two insurers quote the demo enterprise's project,
 * one approves, the enterprise pays it (立即支付 — the other order closes), uploads the 支付凭证 at the
 * 收银台; the insurer confirms and issues the policy; the enterprise sees 已缴纳, downloads the policy
 * and asks for the invoice.
 */
let app: RunningApp;
let browser: Browser;
const ENTERPRISE = '13800000006';
const PICC_USER = '13800000005';
const PICC = '中国人民财产保险股份有限公司本溪市分公司';
const CPIC = '中国太平洋财产保险股份有限公司本溪中心支公司';
const PROJECT = '本溪市平山区保障性住房项目一期';

beforeAll(async () => {
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A PDF into an upload field, waited for until stored. */
async function upload(page: Page, scope: Locator) {
  const file = licencePdf();
  await scope.locator('input[type=file]').setInputFiles(file);
  await expect.poll(() => scope.getByText(path.basename(file)).count()).toBeGreaterThan(0);
  await expect.poll(() => page.locator('.ant-upload-list-item-uploading').count(), { timeout: 30_000 }).toBe(0);
}

async function openProject(page: Page) {
  await page.goto(`${app.url}/projects`);
  await page.getByRole('link', { name: PROJECT, exact: true }).click();
  await page.getByTestId('deposit-card').waitFor();
}

const orderRow = (page: Page, insurer: string) => page.getByTestId('insurance-orders').getByRole('row', { name: new RegExp(insurer) });

describe('保险办理', () => {
  it('two insurers quote, one approves, the enterprise pays it (the other closes), the insurer issues, the enterprise downloads the policy and asks for an invoice', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-insurance'));
    const { login, date } = journey(app);

    // the enterprise: 保险办理 from the 定额保证金 card
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page);
    await page.getByTestId('deposit-card').getByRole('button', { name: '保险办理' }).click();
    const quotes = page.getByTestId('insurance-quotes');
    await expect.poll(() => quotes.getByRole('row').count()).toBe(3); // the header and two insurers (紫金 does not take 一级)
    await quotes.getByRole('row', { name: new RegExp(PICC) }).locator('input[type=checkbox]').check();
    await quotes.getByRole('row', { name: new RegExp(CPIC) }).locator('input[type=checkbox]').check();
    await expect.poll(() => page.getByTestId('insurance-selected').innerText()).toBe('您已选择 2 家保险公司');
    expect(await page.getByText('保险费率和保费金额以保险公司最终数据为准').count()).toBe(1);
    await shot(page, '70-insurance-quotes');
    const form = page.locator('form#insurance');
    await upload(page, form.locator('.ant-form-item', { hasText: '招标文件' }));
    await upload(page, form.locator('.ant-form-item', { hasText: '中标通知书' }));
    await page.getByTestId('insurance-submit').scrollIntoViewIfNeeded();
    await shot(page, '71-insurance-form');
    await page.getByTestId('insurance-submit').click();
    await page.getByTestId('insurance-orders').waitFor();
    await expect.poll(() => page.getByTestId('insurance-orders').getByText('核保中').count()).toBe(2);
    await page.getByTestId('insurance-orders').scrollIntoViewIfNeeded();
    await shot(page, '72-insurance-orders-underwriting');

    // PICC: 核保通过 from its 待办
    await login(page, PICC_USER, DEMO_PASSWORD);
    await page.goto(`${app.url}/insurer/todo`);
    await page.getByRole('row', { name: new RegExp(PROJECT) }).getByRole('link', { name: '办理' }).click();
    await page.getByRole('button', { name: '核保通过', exact: true }).click();
    const approve = page.getByRole('dialog', { name: '核保通过' });
    await approve.getByLabel('保险费率').fill('0.0125');
    await approve.getByLabel('保费（元）').fill('5000.00');
    await shot(page, '73-insurer-approve');
    await approve.getByRole('button', { name: '核保通过' }).click();
    await expect.poll(() => page.locator('.ant-tag', { hasText: '核保通过' }).count()).toBeGreaterThan(0);

    // the enterprise: 立即支付 (the manual's confirmation), the other order closes; 收银台, 上传支付凭证
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page);
    await orderRow(page, PICC).getByRole('button', { name: '立即支付' }).click();
    const ask = page.locator('.ant-modal-confirm');
    await expect.poll(() => ask.innerText()).toContain('立即支付后，其他订单将自动关闭。确定选择该订单支付吗？');
    await shot(page, '74-insurance-pay-confirm');
    await ask.getByRole('button', { name: '确定支付' }).click();
    await expect.poll(() => orderRow(page, CPIC).getByText('已关闭').count()).toBe(1);
    await expect.poll(() => orderRow(page, PICC).getByText('待支付').count()).toBe(1);
    await orderRow(page, PICC).getByRole('button', { name: '收银台' }).click();
    const cashier = page.getByRole('dialog', { name: '收银台' });
    await expect.poll(() => cashier.getByTestId('cashier-payable').innerText()).toBe('5,000.00 元');
    expect(await cashier.getByTestId('cashier-no').innerText()).toBe('0705020109024806688');
    expect(await cashier.getByText('请使用与投保人企业一致的企业账户支付!').count()).toBe(1);
    await upload(page, cashier);
    await shot(page, '75-insurance-cashier');
    await cashier.getByRole('button', { name: '上传支付凭证' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '收银台' }).count()).toBe(0);

    // PICC: 收款确认, 出单 with the policy PDF
    await login(page, PICC_USER, DEMO_PASSWORD);
    await page.goto(`${app.url}/insurer/todo`);
    await page.getByRole('row', { name: new RegExp(PROJECT) }).getByRole('link', { name: '办理' }).click();
    await page.getByRole('button', { name: '收款确认', exact: true }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();
    await page.getByRole('button', { name: '出单', exact: true }).click();
    const issue = page.getByRole('dialog', { name: '出单' });
    await issue.getByLabel('保单号').fill('PICC-BX-E2E-0001');
    await date(page, '保险起期', '2026-03-01');
    await date(page, '保险止期', '2027-06-30');
    await upload(page, issue);
    await shot(page, '76-insurer-issue-policy');
    await issue.getByRole('button', { name: '出单' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '出单' }).count()).toBe(0);
    await expect.poll(() => page.locator('.ant-tag', { hasText: '订单已完成' }).count()).toBeGreaterThan(0);

    // the enterprise: 已缴纳, 下载保单, 申请发票; the policy in 保函管理
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page);
    await expect.poll(() => page.getByTestId('deposit-card').getByText('已缴纳').count()).toBeGreaterThan(0);
    await expect.poll(() => orderRow(page, PICC).getByText('订单已完成').count()).toBe(1);
    const download = orderRow(page, PICC).getByRole('link', { name: '下载保单' });
    expect(await download.count()).toBe(1);
    const res = await page.request.get(`${app.url}${await download.getAttribute('href')}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    await page.getByTestId('insurance-orders').scrollIntoViewIfNeeded();
    await shot(page, '77-insurance-issued');
    await orderRow(page, PICC).getByRole('button', { name: '申请发票' }).click();
    const inv = page.getByRole('dialog', { name: '申请发票' });
    await inv.getByLabel('税号').fill('91210500MA0XXXXX1X');
    await inv.getByLabel('邮箱').fill('caiwu@example.com');
    await shot(page, '78-insurance-invoice-request');
    await inv.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '申请发票' }).count()).toBe(0);
    await expect.poll(() => orderRow(page, PICC).getByRole('button', { name: '申请发票' }).count()).toBe(0);
    await page.goto(`${app.url}/guarantees`);
    await expect.poll(() => page.getByText('PICC-BX-E2E-0001').count()).toBeGreaterThan(0);
    await shot(page, '79-guarantees-with-policy');
    await page.close();
  });

  it('the operator keeps the catalogue: insurers with their 收款账户, products (新增 / 修改 / 下架)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-insurance-catalogue'));
    const { login } = journey(app);
    await login(page, DEMO_ADMIN, DEMO_PASSWORD);
    await page.goto(`${app.url}/admin/insurance`);
    await expect.poll(() => page.getByText('0705020109024806688').count()).toBe(1);
    await expect.poll(() => page.getByRole('row', { name: /农民工工资支付履约保证保险（演示）/ }).count()).toBe(1);
    await shot(page, '80-admin-insurance-catalogue');
    await page.getByRole('button', { name: '新增产品' }).click();
    const dialog = page.getByRole('dialog', { name: '新增保险产品' });
    await dialog.getByLabel('保险公司', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '紫金财产保险股份有限公司辽宁分公司' }).first().click();
    await expect.poll(() => dialog.locator('.ant-select-selection-item', { hasText: '紫金' }).count()).toBe(1);
    await dialog.getByLabel('产品名称').fill('农民工工资支付履约保证保险（年度版）');
    await dialog.getByLabel('建议年费率（%）').fill('0.9');
    await shot(page, '81-admin-insurance-product-new');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '新增保险产品' }).count()).toBe(0);
    const row = page.getByRole('row', { name: /农民工工资支付履约保证保险（年度版）/ });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByText('下架').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定下架' }).click();
    await expect.poll(() => row.getByText('已下架').count()).toBe(1);
    await shot(page, '82-admin-insurance-withdrawn');
    await page.close();
  });
});
