import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_PASSWORD, launchBrowser, licencePdf, shot, startApp, type RunningApp } from './support';

/**
 * 保证金动用 (issue 14) on the demo data: the city hrss records a use on a project paid by a 建设银行
 * guarantee, importing the workers from the Excel template (a file with one bad row first: nothing
 * imported, the row and column named); the bank pays each worker in its 支付通知; the enterprise sees
 * 待补足 and replenishes by cash; the bank confirms the arrival; hrss confirms the replenishment.
 */
let app: RunningApp;
let browser: Browser;
const HRSS = '13800000002';
const BANK = '13800000004';
const ENTERPRISE = '13800000006';
const CCB = '中国建设银行股份有限公司本溪分行';
const PROJECT = '本溪市平山区滨河北路道路改造工程';
const ID1 = '11010519491231002X';
const ID2 = '440524188001010014';
const BAD = '110105194912310021';

beforeAll(async () => {
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function workersXlsx(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('农民工名单');
  ws.addRow(['姓名', '身份证号', '开户银行', '银行卡号', '金额（元）']);
  for (const r of rows) ws.addRow(r);
  const file = path.join(os.tmpdir(), `workers-${crypto.randomBytes(4).toString('hex')}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function uploadPdf(page: Page, item: Locator) {
  const file = licencePdf();
  await item.locator('input[type=file]').setInputFiles(file);
  await expect.poll(() => item.getByText(path.basename(file)).count()).toBeGreaterThan(0);
  await expect.poll(() => page.locator('.ant-upload-list-item-uploading').count(), { timeout: 30_000 }).toBe(0);
}

describe('保证金动用 and 补足', () => {
  it('hrss records a use by Excel, the bank pays each worker, the enterprise replenishes by cash, hrss confirms', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    onTestFailed(() => shot(page, 'FAILED-deposit-use'));
    const { login, choose, date } = journey(app);

    // hrss: 保证金动用 › the dialog
    await login(page, HRSS, DEMO_PASSWORD);
    await page.goto(`${app.url}/deposit-uses`);
    await page.getByRole('button', { name: '保证金动用' }).click();
    const dialog = page.getByRole('dialog', { name: '保证金动用' });
    await choose(page, '项目', PROJECT);
    await expect.poll(() => dialog.getByText('可动用保证金').count()).toBeGreaterThan(0);
    await choose(page, '动用的保证金', /GS-BX-2026-0107/);
    await dialog.getByLabel('决定书文号').fill('本人社监令〔2026〕12号');
    await date(page, '决定日期', new Date().toISOString().slice(0, 10));
    await uploadPdf(page, dialog.locator('.ant-form-item', { hasText: '决定书文件' }));
    // one bad row: nothing imported, the row and the column named
    const excel = dialog.locator('input[type=file][accept*=".xlsx"]');
    await excel.setInputFiles(await workersXlsx([['王小二', ID1, '中国工商银行本溪分行', '6222020712000011111', '3500.50'], ['李大山', BAD, '中国农业银行本溪分行', '6228480712000022222', '4200.00']]));
    await expect.poll(() => dialog.locator('li', { hasText: '第3行「身份证号」：身份证号校验位不正确，请核对' }).count()).toBe(1);
    expect(await dialog.getByTestId('use-total').innerText()).toBe('0.00');
    await shot(page, '80-use-import-bad-row');
    await excel.setInputFiles(await workersXlsx([['王小二', ID1, '中国工商银行本溪分行', '6222020712000011111', '3500.50'], ['李大山', ID2, '中国农业银行本溪分行', '6228480712000022222', '4200.00']]));
    await expect.poll(() => dialog.getByTestId('use-total').innerText()).toBe('7,700.50');
    await shot(page, '81-use-dialog-imported');
    await dialog.getByRole('button', { name: '提交并出具支付通知书' }).click();
    await page.getByRole('dialog', { name: '确认动用保证金' }).getByRole('button', { name: '确定提交' }).click();
    await page.waitForURL(/\/deposit-uses\/\d+$/);
    const useUrl = page.url();
    await expect.poll(() => page.getByText(/本人社付〔\d{4}〕第 \d{6} 号/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(ID1).count()).toBeGreaterThan(0);
    await shot(page, '82-use-recorded-hrss');

    // the bank: 支付通知, each worker 已支付
    await login(page, BANK, DEMO_PASSWORD);
    await page.goto(`${app.url}/deposit-uses`);
    await page.getByRole('row', { name: new RegExp(PROJECT) }).getByRole('link', { name: '处理' }).click();
    await expect.poll(() => page.getByText(ID2).count()).toBeGreaterThan(0);
    await shot(page, '83-bank-payment-notice');
    for (const [i, ref] of ['CCB20260302-0001', 'CCB20260302-0002'].entries()) {
      await page.getByRole('button', { name: '已支付' }).first().click();
      const pay = page.getByRole('dialog', { name: '确认已支付' });
      await pay.getByLabel('交易流水号').fill(ref);
      await pay.getByRole('button', { name: '确 定' }).or(pay.getByRole('button', { name: '确定' })).click();
      await expect.poll(() => page.getByRole('dialog', { name: '确认已支付' }).count()).toBe(0);
      await expect.poll(() => page.getByText(ref).count()).toBeGreaterThan(0);
      if (i === 0) await shot(page, '84-bank-one-paid');
    }
    await expect.poll(() => page.locator('.ant-tag', { hasText: '已支付' }).count()).toBeGreaterThan(2);
    await shot(page, '85-bank-all-paid');

    // the enterprise: 待补足, no ID numbers; 补足 by cash
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await page.goto(`${app.url}/deposit-uses`);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(PROJECT) }).getByText('待补足').count()).toBe(1);
    await shot(page, '86-enterprise-uses');
    await page.goto(useUrl);
    await expect.poll(() => page.getByTestId('replenish-amount').innerText()).toBe('7,700.50');
    expect(await page.getByText(ID1).count()).toBe(0);
    await page.getByRole('button', { name: '补足（现金存缴）' }).click();
    const rep = page.getByRole('dialog', { name: '补足保证金（现金存缴）' });
    await choose(page, '经办银行', CCB);
    await uploadPdf(page, rep.locator('.ant-form-item', { hasText: '存款协议书' }));
    await rep.getByLabel('经办人', { exact: true }).fill('张三全');
    await rep.getByLabel('经办人手机').fill('13455554444');
    await shot(page, '87-enterprise-replenish-dialog');
    await rep.getByRole('button', { name: '提 交' }).or(rep.getByRole('button', { name: '提交' })).click();
    await expect.poll(() => page.getByText('待银行确认到账').count()).toBeGreaterThan(0);

    // the bank confirms the replenishment's arrival in its 现金存缴 queue
    await login(page, BANK, DEMO_PASSWORD);
    await page.goto(`${app.url}/bank/todo`);
    await page.getByRole('row', { name: new RegExp(PROJECT) }).getByRole('link', { name: '确认到账' }).click();
    await page.getByRole('button', { name: '确认到账' }).click();
    const confirm = page.getByRole('dialog', { name: '确认到账' });
    await confirm.getByLabel('账号', { exact: true }).fill('21050161360100000777');
    await confirm.getByLabel('到账金额').fill('7700.50');
    await uploadPdf(page, confirm);
    await confirm.getByRole('button', { name: '确认到账' }).click();
    await expect.poll(() => page.locator('.ant-tag', { hasText: '已到账' }).count()).toBeGreaterThan(0);

    // hrss confirms: 待补足 lifted
    await login(page, HRSS, DEMO_PASSWORD);
    await page.goto(useUrl);
    await page.getByRole('button', { name: '确认补足' }).click();
    await page.getByRole('dialog', { name: '确认补足' }).getByRole('button', { name: '确认补足' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '确认补足' }).count()).toBe(0);
    await expect.poll(() => page.locator('.ant-tag', { hasText: '已补足' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('replenish-amount').innerText()).toBe('0.00');
    await shot(page, '88-hrss-replenishment-confirmed');

    // 保函管理: the guarantee shows 已理赔 with the paid amount
    await page.goto(`${app.url}/guarantees`);
    const row = page.getByRole('row', { name: /GS-BX-2026-0107/ });
    await expect.poll(() => row.getByText('已理赔').count()).toBe(1);
    await expect.poll(() => row.getByText('7,700.50').count()).toBe(1);
    await shot(page, '89-guarantee-claimed');
    await page.close();
  });
});
