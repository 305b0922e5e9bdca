import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_PASSWORD, launchBrowser, licencePdf, shot, startApp, type RunningApp } from './support';

/**
 * 缴纳 (issue 11): one journey per way on the demo data — the demo enterprise's projects 待缴纳 —
 * the enterprise applies on its 定额保证金 card, the bank acts in its portal, the enterprise sees 已缴纳.
 */
let app: RunningApp;
let browser: Browser;
const ENTERPRISE = '13800000006';
const BANK = '13800000004';
const CCB = '中国建设银行股份有限公司本溪分行';
const CASH_PROJECT = '本溪市平山区保障性住房项目一期';
const GUARANTEE_PROJECT = '本溪市溪湖区河西路市政道路改造工程';

beforeAll(async () => {
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A PDF into the dialog's upload field, waited for until stored. */
async function upload(page: Page, scope: Locator) {
  const file = licencePdf();
  await scope.locator('input[type=file]').setInputFiles(file);
  await expect.poll(() => scope.getByText(path.basename(file)).count()).toBeGreaterThan(0);
  await expect.poll(() => page.locator('.ant-upload-list-item-uploading').count(), { timeout: 30_000 }).toBe(0);
}

async function openProject(page: Page, name: string) {
  await page.goto(`${app.url}/projects`);
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByTestId('deposit-card').waitFor();
}

describe('paying the deposit', () => {
  it('现金存缴: bank and 开户须知, 存款协议书; the bank confirms the arrival; 已缴纳', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-payment-cash'));
    const { login, choose } = journey(app);
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page, CASH_PROJECT);
    const card = page.getByTestId('deposit-card');
    await expect.poll(() => card.getByText('保证金应缴金额').count()).toBe(1);
    await expect.poll(() => card.getByText('400,000.00 元').count()).toBeGreaterThan(0);
    expect(await card.getByText('未备案').count()).toBeGreaterThan(0);
    await card.scrollIntoViewIfNeeded();
    await shot(page, '50-deposit-card-to-pay');

    await card.getByRole('button', { name: '现金存缴' }).click();
    const dialog = page.getByRole('dialog', { name: '现金存缴' });
    await choose(page, '经办银行', CCB);
    await expect.poll(() => dialog.getByTestId('account-instructions').innerText()).toContain('开户须知');
    await upload(page, dialog);
    await shot(page, '51-cash-dialog');
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => card.getByTestId('payment-note').innerText()).toBe('等待银行确认到账');
    await expect.poll(() => page.locator('.ant-page-header, .ant-pro-page-container').getByText('缴纳中').count()).toBeGreaterThan(0);

    // the bank: its 待办, then 确认到账 in full
    await login(page, BANK, DEMO_PASSWORD);
    await page.goto(`${app.url}/bank/todo`);
    await page.getByRole('row', { name: new RegExp(CASH_PROJECT) }).getByRole('link', { name: '确认到账' }).click();
    await page.getByRole('button', { name: '确认到账' }).click();
    const confirm = page.getByRole('dialog', { name: '确认到账' });
    await confirm.getByLabel('账号', { exact: true }).fill('21050161360100000123');
    await confirm.getByLabel('到账金额').fill('400000.00');
    expect(await confirm.getByLabel('付款人名称').inputValue()).toBe('本溪建工集团有限公司');
    await upload(page, confirm);
    await shot(page, '52-bank-confirm-arrival');
    await confirm.getByRole('button', { name: '确认到账' }).click();
    await expect.poll(() => page.getByText('已到账').count()).toBeGreaterThan(0);
    await shot(page, '53-bank-cash-arrived');

    // the enterprise: 已缴纳
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page, CASH_PROJECT);
    await expect.poll(() => page.getByTestId('deposit-card').getByText('已缴纳').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('deposit-card').getByText('已到账').count()).toBeGreaterThan(0);
    await page.getByTestId('deposit-card').scrollIntoViewIfNeeded();
    await shot(page, '54-deposit-card-paid-cash');
    await page.close();
  });

  it('银行保函办理: 受益人 fixed, "等待银行回传办理结果"; the bank 受理 and 出函 with the letter; 已缴纳', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-payment-guarantee'));
    const { login, choose } = journey(app);
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page, GUARANTEE_PROJECT);
    const card = page.getByTestId('deposit-card');
    await card.getByRole('button', { name: '银行保函办理' }).click();
    const dialog = page.getByRole('dialog', { name: '银行保函办理' });
    await choose(page, '经办银行', CCB);
    expect(await dialog.getByTestId('beneficiary').inputValue()).toBe('本溪市平山区人力资源和社会保障局');
    await shot(page, '55-guarantee-dialog');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => card.getByTestId('payment-note').innerText()).toBe('等待银行回传办理结果');
    await card.scrollIntoViewIfNeeded();
    await shot(page, '56-deposit-card-waiting-bank');

    await login(page, BANK, DEMO_PASSWORD);
    await page.goto(`${app.url}/bank/guarantees`);
    await page.getByRole('row', { name: new RegExp(GUARANTEE_PROJECT) }).getByRole('link', { name: '办理' }).click();
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '受理', exact: true }).click();
    await page.getByRole('button', { name: '出函', exact: true }).click();
    const issue = page.getByRole('dialog', { name: '出函' });
    await issue.getByLabel('保函号').fill('CCB-BX-E2E-0001');
    await issue.getByLabel('手续费').fill('2600.00');
    await upload(page, issue);
    await shot(page, '57-bank-issue');
    await issue.getByRole('button', { name: '确认出函' }).click();
    await expect.poll(() => page.getByText('CCB-BX-E2E-0001').count()).toBeGreaterThan(0);
    await shot(page, '58-bank-issued');

    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page, GUARANTEE_PROJECT);
    const paid = page.getByTestId('deposit-card');
    await expect.poll(() => paid.getByText('已缴纳').count()).toBeGreaterThan(0);
    await expect.poll(() => paid.getByText('CCB-BX-E2E-0001').count()).toBe(1);
    expect(await paid.getByRole('link', { name: '下载' }).count()).toBeGreaterThan(0);
    await paid.scrollIntoViewIfNeeded();
    await shot(page, '59-deposit-card-paid-guarantee');
    await page.close();
  });
});
