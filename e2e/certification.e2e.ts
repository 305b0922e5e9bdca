import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_ADMIN, DEMO_PASSWORD, launchBrowser, licencePdf, shot, startApp, type RunningApp } from './support';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  // the 60 s resend cooldown is configuration; a journey that logs in and out needs it short
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const j = () => journey(app);
const requestCode = (page: Page, phone: string, purpose: string) => j().requestCode(page, phone, purpose);
const login = (page: Page, phone: string, password: string) => j().login(page, phone, password);
const chooseOption = (page: Page, label: string, option: string) => j().choose(page, label, option);
const logout = (page: Page) => page.context().clearCookies();

describe('enterprise certification journey', () => {
  it('register → log in with the code from the dev panel → certify → admin refuses → resubmit → admin approves → 认证完成', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-certification-journey'));
    const phone = '13912340001';
    const password = 'Qingyi#Fang2026';

    // 注册
    await page.goto(`${app.url}/register`);
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('密码', { exact: true }).fill('abc');
    await expect.poll(() => page.getByText('密码需包含大写字母').count()).toBeGreaterThan(0);
    await shot(page, '01-register-rules');
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    await page.getByLabel('短信验证码').fill(await requestCode(page, phone, 'register'));
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.waitForURL(/\/login/);
    await shot(page, '02-registered');

    // 登录 → only the certification page is open
    await login(page, phone, password);
    await page.waitForURL(/\/certification/);
    await page.getByLabel('企业名称').waitFor();
    await shot(page, '03-certification-form');

    // 认证信息
    await page.getByLabel('企业名称').fill('本溪青怡坊建设有限公司');
    await page.getByLabel('统一社会信用代码').fill('91210502MA0Y8B3K1X');
    await expect.poll(() => page.getByText('统一社会信用代码校验位不正确，请核对').count()).toBeGreaterThan(0);
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await chooseOption(page, '企业资质', '一级');
    await page.getByLabel('企业注册地').fill('本溪市平山区');
    await page.getByLabel('注册地址').fill('辽宁省本溪市平山区人民路8号');
    await page.getByLabel('法定代表人').fill('张伟');
    await page.getByLabel('联系人').fill('刘洋');
    await page.getByLabel('联系电话').fill('13912345678');
    const firstLicence = licencePdf();
    await page.locator('input[type=file]').first().setInputFiles(firstLicence);
    await expect.poll(() => page.getByText(/licence-.*\.pdf/).count()).toBeGreaterThan(0);
    // wait for the upload to finish: the form refuses to submit while a file is still uploading
    await expect.poll(() => page.locator('.ant-upload-list-item-uploading').count(), { timeout: 30_000 }).toBe(0);
    await page.getByRole('button', { name: '提交认证' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByText('待审核').count()).toBeGreaterThan(0);
    await expect.poll(async () => (await page.content()).match(/RZ\d{20}/) !== null).toBe(true);
    await shot(page, '04-pending');

    // admin refuses with a reason
    await logout(page);
    await login(page, DEMO_ADMIN, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${app.url}/admin/certifications`);
    await page.getByText('本溪青怡坊建设有限公司').first().waitFor();
    await shot(page, '05-admin-queue');
    await page.getByRole('row', { name: /本溪青怡坊建设有限公司/ }).getByRole('link', { name: '详情' }).click();
    await page.getByRole('button', { name: '驳回', exact: true }).click();
    await page.getByLabel('驳回原因').fill('企业资质上传有误');
    await shot(page, '06-admin-reject-dialog');
    await page.getByRole('button', { name: '确认驳回' }).click();
    await expect.poll(() => page.getByText('企业资质上传有误').count()).toBeGreaterThan(0);

    // the enterprise sees 审核未通过 with the reason and applies again, form pre-filled
    await logout(page);
    await login(page, phone, password);
    await page.waitForURL(/\/certification/);
    await expect.poll(() => page.getByText('审核未通过').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('企业资质上传有误').count()).toBeGreaterThan(0);
    await shot(page, '07-rejected');
    await page.getByRole('button', { name: '重新申请认证' }).click();
    await expect.poll(() => page.getByLabel('企业名称').inputValue()).toBe('本溪青怡坊建设有限公司');
    // the licence on file (1/1) can be replaced with a visible 替换, and 删除 shows without hovering
    const licenceField = page.locator('.ant-form-item', { hasText: '营业执照' });
    await expect.poll(() => licenceField.getByText(path.basename(firstLicence)).count()).toBe(1);
    expect(await licenceField.getByRole('button', { name: '替换' }).isVisible()).toBe(true);
    expect(await licenceField.locator('.ant-upload-list-item-action').evaluate((e) => getComputedStyle(e).opacity)).toBe('1');
    await shot(page, '07a-resubmit-replace');
    const newLicence = licencePdf();
    await licenceField.locator('input[type=file]').setInputFiles(newLicence);
    await expect.poll(() => licenceField.getByText(path.basename(newLicence)).count()).toBe(1);
    await expect.poll(() => page.locator('.ant-upload-list-item-uploading').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => licenceField.getByText(path.basename(firstLicence)).count()).toBe(0); // after the list's leave animation
    expect(await licenceField.getByText('1/1').count()).toBe(1);
    await page.getByLabel('企业名称').fill('本溪青怡坊建设集团有限公司');
    await page.getByRole('button', { name: '提交认证' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByText('待审核').count()).toBeGreaterThan(0);

    // admin approves
    await logout(page);
    await login(page, DEMO_ADMIN, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${app.url}/admin/certifications`);
    await page.getByRole('row', { name: /本溪青怡坊建设集团有限公司/ }).getByRole('link', { name: '详情' }).click();
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await page.getByRole('button', { name: '确认通过' }).click();
    await expect.poll(() => page.getByText('认证完成').count()).toBeGreaterThan(0);
    await shot(page, '08-admin-approved');

    // the enterprise sees 认证完成 and the 认证信息 table
    await logout(page);
    await login(page, phone, password);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${app.url}/certification`);
    await expect.poll(() => page.getByText('认证完成').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('91350100M000100Y43').count()).toBeGreaterThan(0);
    await shot(page, '09-certified');
    await page.close();
  });

  it('five wrong passwords lock the account and the screen says until when', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-lockout'));
    const phone = '13800000006';
    await page.goto(`${app.url}/login`);
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('短信验证码').fill(await requestCode(page, phone, 'login'));
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('密码', { exact: true }).fill(`Wrong#Pass${i}x`);
      // each attempt waits for its own answer (the error shown may still be the previous one's)
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: /登录/ }).click();
      expect((await answered).status()).toBe(i < 5 ? 401 : 423);
      if (i < 5) await expect.poll(() => page.getByText('手机号、密码或短信验证码不正确').count()).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText(/账户已锁定，请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 后再试/).count()).toBeGreaterThan(0);
    await shot(page, '10-locked');
    // even the right password is refused while locked
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: /登录/ }).click();
    expect((await refused).status()).toBe(423);
    await expect.poll(() => page.getByText(/账户已锁定/).count()).toBeGreaterThan(0);
    expect(page.url()).toContain('/login');
    await page.close();
  });
});
