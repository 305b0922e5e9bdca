import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_PASSWORD, launchBrowser, shot, startApp, type RunningApp } from './support';

// issue 15: 台账 (hrss, authority): the list with its filters and totals, a project's movements with
// the running balance, 月度统计 whose numbers open the 台账 they count; the enterprise has no 台账.
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const HRSS = '13800000002';
const AUTHORITY = '13800000003';
const ENTERPRISE = '13800000006';

async function total(page: Page): Promise<number> {
  const t = page.locator('.ant-pagination-total-text').first();
  await t.waitFor({ timeout: 20_000 });
  return Number(/总共\s*(\d+)\s*条/.exec(await t.innerText())?.[1] ?? NaN);
}

describe('台账', () => {
  it('hrss: the list, a project’s ledger (running balance), 月度统计 whose numbers equal the lists they open', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    onTestFailed(() => shot(page, 'FAILED-ledger-hrss'));
    await journey(app).login(page, HRSS, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '台账' }).click();
    await page.waitForURL(/\/ledger$/);
    const n = await total(page);
    expect(n).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ant-table-footer').first().innerText()).toContain('合计余额');
    await shot(page, 'ledger-hrss');

    // a project's ledger: movements by date, the last balance is the row's
    await page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
    await page.waitForURL(/\/ledger\/\d+$/);
    await page.getByText('资金变动明细（按日期）').waitFor({ timeout: 20_000 });
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const head = await page.locator('.ant-descriptions').innerText();
    const lastBalance = (await rows.last().locator('td').nth(5).innerText()).trim();
    expect(head).toContain(`${lastBalance} 元`);
    await shot(page, 'ledger-detail-hrss');

    // 月度统计 of the demo data's year: a count opens the 台账 with that total
    await page.goto(`${app.url}/ledger/stats`);
    await page.getByText('月度统计').first().waitFor();
    const link = page.locator('.ant-table-tbody a').first();
    await link.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
    await page.waitForTimeout(300);
    await shot(page, 'ledger-stats-hrss');
    const count = Number((await link.innerText()).trim());
    await link.click();
    await page.waitForURL(/\/ledger\?month=/);
    expect(await total(page)).toBe(count);
    await shot(page, 'ledger-month-hrss');
    await page.close();
  });

  it('authority: its 台账; enterprise: no menu, the page refused', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    onTestFailed(() => shot(page, 'FAILED-ledger-authority'));
    await journey(app).login(page, AUTHORITY, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '台账' }).click();
    await page.waitForURL(/\/ledger$/);
    await page.locator('.ant-table').first().waitFor();
    await shot(page, 'ledger-authority');
    await page.close();

    const ent = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    onTestFailed(() => shot(ent, 'FAILED-ledger-enterprise'));
    await journey(app).login(ent, ENTERPRISE, DEMO_PASSWORD);
    await expect.poll(() => ent.locator('.ant-menu').first().innerText()).toContain('项目');
    expect(await ent.getByRole('menuitem', { name: '台账' }).count()).toBe(0);
    await ent.goto(`${app.url}/ledger`);
    await expect.poll(() => ent.locator('body').innerText(), { timeout: 20_000 }).toMatch(/无权|403|没有权限/);
    await shot(ent, 'ledger-enterprise-refused');
    await ent.close();
  });
});
