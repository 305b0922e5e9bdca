import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_ADMIN, DEMO_PASSWORD, launchBrowser, shot, startApp, type RunningApp } from './support';

// issue 15: the 首页 of each role (ECharts), its numbers equal to the lists they open; the admin's
// calendar warning (today is after 1 November, next year unconfirmed); 预警 and 消息中心 reachable.
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  // the daily jobs (预警巡检 among them) run at start, checked every second
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1', JOBS_DAILY_AT: '00:00', JOBS_CHECK_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const HRSS = '13800000002';
const AUTHORITY = '13800000003';
const BANK = '13800000004';
const ENTERPRISE = '13800000006';
const INSURER = '13800000005';

/** The 总共 N 条 of the list page a figure's link opened (an empty table when `expected` is 0). */
async function listTotal(page: Page, expected: number): Promise<number> {
  if (expected === 0) {
    await page.locator('.ant-table-tbody .ant-empty').first().waitFor({ timeout: 15_000 });
    return page.locator('.ant-table-tbody tr.ant-table-row').count();
  }
  const total = page.locator('.ant-pagination-total-text').first();
  await total.waitFor({ timeout: 15_000 });
  const m = /总共\s*(\d+)\s*条/.exec((await total.innerText()) ?? '');
  return Number(m?.[1] ?? NaN);
}

async function openHome(page: Page, who: string) {
  await page.goto(`${app.url}/`);
  await page.getByTestId('dashboard').waitFor({ timeout: 20_000 });
  // the charts are drawn (canvas) once their chunk has loaded
  await expect.poll(async () => (await page.locator('[data-testid="dashboard"] canvas').count()) + (await page.locator('[data-testid="dashboard"] .ant-empty').count()), { timeout: 20_000 }).toBeGreaterThan(0);
  await shot(page, `home-${who}`);
}

/** Clicks the figure and compares its number with the total of the list it opens. */
async function figureEqualsList(page: Page, testId: string) {
  const link = page.getByTestId(testId).first();
  const label = (await link.getAttribute('aria-label')) ?? (await link.innerText());
  const value = Number(/(\d+)\s*$/.exec(label.trim())?.[1] ?? (await link.innerText()).replace(/\D+/g, ''));
  await link.click();
  await page.waitForURL((u) => u.pathname !== '/');
  expect(await listTotal(page, value), `${testId} (${label}) at ${page.url()}`).toBe(value);
}

describe('首页 per role', () => {
  it('hrss: figures, ECharts by way / region / month, warnings; each number opens a list with that total', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    onTestFailed(() => shot(page, 'FAILED-home-hrss'));
    await journey(app).login(page, HRSS, DEMO_PASSWORD);
    await openHome(page, 'hrss');
    for (const title of ['保证金（按缴纳方式', '项目（按地区）', '近六个月新增预警（按月）', '预警中（按类型）']) {
      await expect.poll(() => page.getByTestId('dashboard').innerText()).toContain(title);
    }
    await figureEqualsList(page, 'figure-projects');
    await openHome(page, 'hrss');
    await figureEqualsList(page, 'figure-queue:quota');
    await openHome(page, 'hrss');
    await figureEqualsList(page, 'figure-warnings-open');
    await shot(page, 'warnings-hrss');
    // issue 13 queues (helper X1): 待审核备案 / 待审核注销 open the review lists
    await openHome(page, 'hrss');
    await figureEqualsList(page, 'figure-queue:filing');
    await openHome(page, 'hrss');
    await figureEqualsList(page, 'figure-queue:cancellation');
    await page.close();
  });

  it('enterprise: its projects by 保证金状态, pending actions, its warnings; 消息中心 from the header bell', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    onTestFailed(() => shot(page, 'FAILED-home-enterprise'));
    await journey(app).login(page, ENTERPRISE, DEMO_PASSWORD);
    await openHome(page, 'enterprise');
    await expect.poll(() => page.getByTestId('dashboard').innerText()).toContain('项目（按保证金状态）');
    await figureEqualsList(page, 'figure-deposit:to_pay');
    await openHome(page, 'enterprise');
    await figureEqualsList(page, 'figure-projects');
    await page.getByTestId('message-bell').click();
    await page.waitForURL(/\/messages$/);
    await expect.poll(() => page.locator('.ant-pro-table').innerText()).toContain('我的消息');
    await shot(page, 'messages-enterprise');
    await page.close();
  });

  it('authority and bank: their figures open their lists', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    onTestFailed(() => shot(page, 'FAILED-home-authority-bank'));
    await journey(app).login(page, AUTHORITY, DEMO_PASSWORD);
    await openHome(page, 'authority');
    await figureEqualsList(page, 'figure-projects');
    await journey(app).login(page, BANK, DEMO_PASSWORD);
    await openHome(page, 'bank');
    await figureEqualsList(page, 'figure-guarantees');
    // issue 13/14 (helper X1): 待返还确认 and 待支付的支付通知 open their lists filtered by the address
    await openHome(page, 'bank');
    await figureEqualsList(page, 'figure-todo:return');
    expect(new URL(page.url()).searchParams.get('status')).toBe('pending');
    await openHome(page, 'bank');
    await figureEqualsList(page, 'figure-todo:payment-notice');
    await shot(page, 'home-bank-payment-notices');
    // the insurer (issue 12): 待核保 / 待出单, the list filtered by 状态
    await journey(app).login(page, INSURER, DEMO_PASSWORD);
    await openHome(page, 'insurer');
    await figureEqualsList(page, 'figure-todo:underwriting');
    await expect.poll(() => page.locator('.ant-pro-table-search').innerText()).toContain('核保中');
    await shot(page, 'insurer-orders-underwriting');
    await openHome(page, 'insurer');
    await figureEqualsList(page, 'figure-todo:policy');
    await page.close();
  });

  it('admin: warned about next year’s unconfirmed holidays; pastes and confirms it; the warning goes', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    onTestFailed(() => shot(page, 'FAILED-home-admin'));
    await journey(app).login(page, DEMO_ADMIN, DEMO_PASSWORD);
    await openHome(page, 'admin');
    const year = new Date().getFullYear() + (new Date().getMonth() >= 10 ? 1 : 0);
    const warning = page.getByTestId('calendar-warning');
    if (year > 2026) {
      await expect.poll(() => warning.innerText()).toContain(`${year} 年节假日安排尚未确认`);
      await warning.getByRole('link').click();
      await page.waitForURL(/\/admin\/calendar$/);
      const card = page.getByTestId('calendar-years');
      await card.locator('tr', { hasText: `${year} 年` }).getByText('录入 / 确认').click();
      await page.locator('textarea[aria-label="节假日安排"]').fill(`${year}-01-01 休 元旦\n${year}-02-10至${year}-02-16 休 春节\n${year}-02-08 班 春节调休上班`);
      await page.getByText('已与国务院办公厅通知核对').click();
      await shot(page, 'calendar-year-paste');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*认/ }).click();
      await expect.poll(() => card.locator('tr', { hasText: `${year} 年` }).innerText()).toContain('已确认');
      await shot(page, 'calendar-years');
      await openHome(page, 'admin-confirmed');
      expect(await warning.count()).toBe(0);
    }
    await page.getByRole('menuitem', { name: /短信记录/ }).click();
    await page.waitForURL(/\/admin\/sms-records$/);
    await expect.poll(() => page.locator('.ant-pro-table').innerText()).toContain('短信记录');
    await shot(page, 'sms-records');
    await page.close();
  });
});
