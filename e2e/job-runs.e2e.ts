import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { journey } from './journey';
import { DEMO_ADMIN, DEMO_PASSWORD, launchBrowser, shot, startApp, type RunningApp } from './support';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  // both daily jobs due at once, checked every second
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1', JOBS_DAILY_AT: '00:00', JOBS_CHECK_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('定时任务', () => {
  it('the operator sees today’s run of each daily job in 定时任务', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-job-runs'));
    const { login } = journey(app);
    await login(page, DEMO_ADMIN, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: /定时任务/ }).click();
    await page.waitForURL(/\/admin\/job-runs$/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(async () => {
      await page.getByRole('button', { name: /查\s*询/ }).click();
      return rows.count();
    }, { timeout: 20_000 }).toBe(3);
    const text = await page.locator('.ant-table-tbody').innerText();
    expect(text).toContain('清理过期会话');
    expect(text).toContain('清理孤立上传文件');
    // issue 15: 预警巡检 (ADR 037)
    expect(text).toContain('预警巡检');
    expect(text.match(/成功/g)).toHaveLength(3);
    expect(text).toContain('删除 0 个会话');
    for (const header of ['任务', '日期', '开始时间', '结束时间', '结果', '说明']) {
      await expect.poll(() => page.locator('.ant-table-thead').innerText()).toContain(header);
    }
    await shot(page, 'job-runs');
  });
});
