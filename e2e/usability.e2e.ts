import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_PASSWORD, launchBrowser, shot, startApp, type RunningApp } from './support';

let app: RunningApp;
let browser: Browser;
const FULL_NAME = '本溪建设工程农民工工资支付保证金管理服务平台';
const ENTERPRISE = '13800000006';
const BANK = '13800000004';
const INSURER = '13800000005';

beforeAll(async () => {
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Box = { x: number; y: number; width: number; height: number };
const box = async (l: Locator): Promise<Box> => (await l.boundingBox())!;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const crumbs = async (page: Page) => (await page.locator('.ant-breadcrumb').innerText()).replace(/\s+/g, '');

/** 10:13 in Beijing today (02:13 UTC). */
function tenThirteenBeijing(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2, 13));
}

describe('首页 of each role', () => {
  it('the insurer: its own business, greeted for 10:13 Beijing time by name, whatever the computer\'s time zone', async () => {
    // a computer set to Los Angeles time: 10:13 in Beijing is the evening before there
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'America/Los_Angeles' });
    const page = await context.newPage();
    onTestFailed(() => shot(page, 'FAILED-home-insurer'));
    await journey(app).login(page, INSURER, DEMO_PASSWORD);
    await page.clock.setFixedTime(tenThirteenBeijing());
    await page.goto(`${app.url}/`);
    const heading = page.getByRole('heading', { level: 4 });
    await expect.poll(() => heading.innerText()).toBe(`上午好，保险公司，欢迎使用${FULL_NAME}`);
    expect(await heading.innerText()).not.toContain(INSURER);
    // its own functions, not the bank's
    await expect.poll(() => page.getByText('保险公司的业务').count()).toBe(1);
    for (const own of ['核保', '收款与出单', '发票', '理赔']) expect(await page.getByText(new RegExp(`^${own}：`)).count(), own).toBe(1);
    for (const banks of ['经办银行的业务', '现金存缴', '开户到账确认', '银行保函']) expect(await page.getByText(banks).count(), banks).toBe(0);
    // the same full name in the header as on the login page, and a breadcrumb
    expect(await page.locator('.ant-pro-global-header').innerText()).toContain(FULL_NAME);
    expect(await crumbs(page)).toBe('首页');
    await shot(page, '40-home-insurer');
    await context.close();
  });

  it('the bank: its own business, not the insurer\'s', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-home-bank'));
    await journey(app).login(page, BANK, DEMO_PASSWORD);
    await expect.poll(() => page.getByText('经办银行的业务').count()).toBe(1);
    for (const own of ['现金存缴', '银行保函', '支付通知书']) expect(await page.getByText(new RegExp(`^${own}：`)).count(), own).toBe(1);
    for (const insurers of ['保险公司的业务', '核保']) expect(await page.getByText(insurers).count(), insurers).toBe(0);
    await shot(page, '41-home-bank');
    await page.close();
  });

  it('every page of the enterprise has its breadcrumb from the menu', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-breadcrumbs'));
    await journey(app).login(page, ENTERPRISE, DEMO_PASSWORD);
    const expected: [string, string][] = [
      ['/projects', '首页/项目管理'],
      ['/projects/new', '首页/项目管理/新建项目'],
      ['/quota', '首页/申请管理/定额申请'],
      ['/filings', '首页/申请管理/备案申请'],
      ['/cancellations', '首页/申请管理/注销申请'],
      ['/certification', '首页/企业认证'],
    ];
    for (const [path, trail] of expected) {
      await page.goto(`${app.url}${path}`);
      await expect.poll(() => crumbs(page), { message: path }).toBe(trail);
    }
    // a crumb leads back: 项目管理 from 新建项目
    await page.goto(`${app.url}/projects/new`);
    await page.locator('.ant-breadcrumb').getByRole('link', { name: '项目管理' }).click();
    await page.waitForURL((u) => u.pathname === '/projects');
    await expect.poll(() => crumbs(page)).toBe('首页/项目管理');
    await shot(page, '42-breadcrumb-projects');
    await page.close();
  });
});

describe('a 390 px wide phone', () => {
  it('the login form is on the first screen, 开发短信 covers no field; after login a long unit name ends in … inside the header', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    onTestFailed(() => shot(page, 'FAILED-390'));
    await page.goto(`${app.url}/login`);
    const loginButton = page.getByRole('button', { name: '登录', exact: true });
    await loginButton.waitFor();
    const devButton = page.getByTestId('dev-sms-button');
    await devButton.waitFor({ state: 'attached' });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const b = await box(loginButton);
    expect(b.y + b.height).toBeLessThanOrEqual(844);
    const dev = await box(devButton);
    for (const field of ['手机号', '密码', '短信验证码']) {
      const input = await box(page.getByLabel(field, { exact: true }));
      expect(input.y + input.height, field).toBeLessThanOrEqual(844);
      expect(overlaps(dev, input), `开发短信 over ${field}`).toBe(false);
    }
    expect(overlaps(dev, b)).toBe(false);
    expect(await page.getByText(FULL_NAME).first().isVisible()).toBe(true);
    await shot(page, '43-login-390');

    // the longest unit name of the demo data
    await journey(app).login(page, INSURER, DEMO_PASSWORD);
    const org = page.getByTestId('header-org');
    await org.waitFor();
    const header = await box(page.locator('.ant-layout-header').first());
    const name = await box(org.locator('span').last());
    expect(name.x + name.width).toBeLessThanOrEqual(header.x + header.width);
    expect(name.y).toBeGreaterThanOrEqual(header.y);
    expect(name.y + name.height).toBeLessThanOrEqual(header.y + header.height);
    expect(await org.getAttribute('title')).toBe('中国人民财产保险股份有限公司本溪市分公司');
    // one line ending in …, the full name on hover
    expect(await org.locator('span').last().evaluate((e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).textOverflow === 'ellipsis')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 15_000 }).toBe(0); // the toasts cover the header
    await shot(page, '44-home-390');
    await page.close();
  });
});
