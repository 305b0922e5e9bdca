import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { journey } from './journey';
import { DEMO_ADMIN, DEMO_PASSWORD, launchBrowser, outbox, shot, startApp, type RunningApp } from './support';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the operator and the bureau at work', () => {
  it("admin adds a unit and a user in it (first password by SMS); hrss gets the server's answer under the field", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-dialogs'));
    const { login, date } = journey(app);
    const dialog = () => page.getByRole('dialog');
    /** a select inside the open dialog (list pages have filters with the same labels) */
    const pick = async (label: string, option: string) => {
      await dialog().getByLabel(label, { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    };

    await login(page, DEMO_ADMIN, DEMO_PASSWORD);
    await page.goto(`${app.url}/admin/organizations`);
    await page.getByRole('button', { name: /新增单位/ }).click();
    await pick('单位类型', '人社监管单位');
    await dialog().getByLabel('单位名称').fill('本溪市高新区人力资源和社会保障局');
    await dialog().getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByText('已新增单位 本溪市高新区人力资源和社会保障局').count()).toBeGreaterThan(0);
    // the same name again: the server's 409 lands under the field
    await page.getByRole('button', { name: /新增单位/ }).click();
    await pick('单位类型', '人社监管单位');
    await dialog().getByLabel('单位名称').fill('本溪市高新区人力资源和社会保障局');
    await dialog().getByRole('button', { name: '确定' }).click();
    await expect.poll(() => dialog().getByText('已有同名同类型的单位').count()).toBeGreaterThan(0);
    await shot(page, '40-organization-duplicate');
    await dialog().getByRole('button', { name: '取消' }).click();

    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('button', { name: /新增用户/ }).click();
    await dialog().getByLabel('手机号').fill('13700002222');
    await dialog().getByLabel('姓名').fill('赵科长');
    await pick('角色', '人社监管');
    await dialog().getByLabel('所属单位').click();
    await dialog().getByLabel('所属单位').fill('高新区');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '本溪市高新区人力资源和社会保障局' }).first().click();
    await dialog().getByRole('button', { name: '确定' }).click();
    await expect.poll(async () => (await outbox(app, '13700002222')).length).toBe(1);
    expect((await outbox(app, '13700002222'))[0]!.purpose).toBe('password');

    await login(page, '13800000002', DEMO_PASSWORD);
    await page.goto(`${app.url}/arrears`);
    await page.getByRole('button', { name: /新增记录/ }).click();
    await dialog().getByLabel('统一社会信用代码').fill('12345');
    await pick('类型', '拖欠农民工工资');
    await pick('地区', '平山区');
    await date(page, '发生日期', '2025-06-01');
    await dialog().getByLabel('依据文书').fill('本人社监察〔2025〕12号');
    await dialog().getByRole('button', { name: '确定' }).click();
    // an unknown enterprise: the server's message lands under the field
    await expect.poll(() => dialog().getByText('未找到该统一社会信用代码对应的已认证企业').count()).toBeGreaterThan(0);
    await dialog().getByRole('button', { name: '取消' }).click();
    await shot(page, '41-arrears');
    await page.close();
  });
});
