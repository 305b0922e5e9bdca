import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_PASSWORD, launchBrowser, licencePdf, shot, startApp, type RunningApp } from './support';

let app: RunningApp;
let browser: Browser;
const ENTERPRISE = '13800000006';
const HRSS = '13800000002';

beforeAll(async () => {
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Set-up, not the journey under test: the project is created through the API with the user's own session. */
async function createProject(page: Page, name: string, contractAmount: string): Promise<string> {
  const me = await (await page.request.get(`${app.url}/api/me`)).json();
  const res = await page.request.post(`${app.url}/api/projects`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      industryType: 'housing', regionCode: '210500', name, location: '本溪市平山区胜利路18号', projectRegionCode: '210502',
      projectType: 'building', contractAmount, plannedStart: '2026-01-01', plannedEnd: '2026-12-31',
      builderName: '本溪市城市建设投资有限公司', builderCreditCode: '91350100M000100Y43', contractSignedOn: '2025-12-15',
      category: 'government', wageDay: 7, managerName: '张三', managerPhone: '13454342345', laborOfficerName: '李四', laborOfficerPhone: '13456666666',
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

async function rejectAsHrss(page: Page, projectName: string, reason: string) {
  const { login } = journey(app);
  await login(page, HRSS, DEMO_PASSWORD);
  await page.goto(`${app.url}/quota/review`);
  await page.getByRole('row', { name: new RegExp(projectName) }).getByRole('link', { name: '审核' }).click();
  await page.getByRole('button', { name: '驳回', exact: true }).click();
  await page.getByLabel('驳回原因').fill(reason);
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect.poll(() => page.getByText(reason).count()).toBeGreaterThan(0);
}

async function approveAsHrss(page: Page, projectName: string) {
  const { login } = journey(app);
  await login(page, HRSS, DEMO_PASSWORD);
  await page.goto(`${app.url}/quota/review`);
  await page.getByRole('row', { name: new RegExp(projectName) }).getByRole('link', { name: '审核' }).click();
  // the buttons come from the server's allowedActions: hrss may approve or reject, never withdraw
  await expect.poll(() => page.getByRole('button', { name: '驳回', exact: true }).count()).toBe(1);
  expect(await page.getByRole('button', { name: '撤回', exact: true }).count()).toBe(0);
  await shot(page, '31b-quota-review-hrss');
  await page.getByRole('button', { name: '通过', exact: true }).click();
  await page.getByRole('button', { name: '确认通过' }).click();
  await expect.poll(() => page.getByText('已完成').count()).toBeGreaterThan(0);
}

describe('quota application journey', () => {
  it('一般缴纳 按比例: the amount is computed, hrss approves, the project shows 待缴纳', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-quota-general'));
    const { login } = journey(app);
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    const id = await createProject(page, '平山区保障性住房一期', '20000000.00');

    await page.goto(`${app.url}/projects/${id}`);
    await page.getByRole('button', { name: '定额申请', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '定额申请', exact: true });
    await expect.poll(() => dialog.getByText('2.00%').count()).toBeGreaterThan(0);
    await expect.poll(() => dialog.getByText('400,000.00').count()).toBeGreaterThan(0);
    await dialog.getByLabel('一般缴纳').check();
    await dialog.getByLabel('保函', { exact: true }).check();
    await dialog.getByLabel('经办人', { exact: true }).fill('张三全');
    await dialog.getByLabel('经办人电话').fill('13455554444');
    await shot(page, '30-quota-dialog');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByText('定额审核中').count()).toBeGreaterThan(0);
    await shot(page, '31-quota-submitted');
    // the enterprise's detail offers 撤回 only (allowedActions), not the reviewer's 通过 / 驳回
    await page.getByRole('link', { name: '详情' }).first().click();
    await expect.poll(() => page.getByRole('button', { name: '撤回', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '通过', exact: true }).count()).toBe(0);
    await shot(page, '31a-quota-detail-enterprise');

    await approveAsHrss(page, '平山区保障性住房一期');
    await shot(page, '32-quota-approved');

    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await page.goto(`${app.url}/projects/${id}`);
    await expect.poll(() => page.getByText('待缴纳').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('免缴 with both uploads (contract under 3,000,000 yuan) → 已免缴', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-quota-exempt'));
    const { login } = journey(app);
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    const id = await createProject(page, '溪湖区小学操场改造', '2500000.00');

    await page.goto(`${app.url}/projects/${id}`);
    await page.getByRole('button', { name: '定额申请', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '定额申请', exact: true });
    // the radio group re-renders once its options arrive: a click that lands on the old one is lost, so try until it sticks
    const exempt = dialog.getByLabel('免缴');
    for (let i = 0; i < 5 && !(await exempt.isChecked()); i++) await exempt.check({ timeout: 3_000 }).catch(() => page.waitForTimeout(300));
    expect(await exempt.isChecked()).toBe(true);
    await dialog.getByLabel('营业执照').setInputFiles(licencePdf());
    // three chosen at once in the file dialog: the first two are added, the third is left out with a word
    const notices = [licencePdf(), licencePdf(), licencePdf()];
    await dialog.getByLabel('中标通知书').setInputFiles(notices);
    await expect.poll(() => dialog.getByText('2/2').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('最多上传2个文件，已选的其余 1 个未添加').count()).toBe(1);
    await expect.poll(() => page.locator('.ant-upload-list-item-uploading').count(), { timeout: 30_000 }).toBe(0);
    const listed = await dialog.locator('.ant-upload-list-item-name').allInnerTexts();
    expect(listed.filter((n) => notices.some((f) => f.endsWith(n)))).toEqual(notices.slice(0, 2).map((f) => f.split('/').pop()));
    await dialog.getByLabel('经办人', { exact: true }).fill('李明');
    await dialog.getByLabel('经办人电话').fill('13455554444');
    await shot(page, '33-quota-exempt-dialog');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByText('定额审核中').count()).toBeGreaterThan(0);

    await approveAsHrss(page, '溪湖区小学操场改造');
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await page.goto(`${app.url}/projects/${id}`);
    await expect.poll(() => page.getByText('已免缴').count()).toBeGreaterThan(0);
    await shot(page, '34-quota-exempted');
    await page.close();
  });

  it('驳回 → 修改后重新提交: the 定额申请列表 marks the old one 已重新提交, the new one is current', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-quota-resubmit'));
    const { login } = journey(app);
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    const name = '明山区污水管网改造';
    const id = await createProject(page, name, '20000000.00');
    await page.goto(`${app.url}/projects/${id}`);
    await page.getByRole('button', { name: '定额申请', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '定额申请', exact: true });
    await dialog.getByLabel('一般缴纳').check();
    await dialog.getByLabel('保函', { exact: true }).check();
    await dialog.getByLabel('经办人', { exact: true }).fill('张三全');
    await dialog.getByLabel('经办人电话').fill('13455554444');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByText('定额审核中').count()).toBeGreaterThan(0);

    await rejectAsHrss(page, name, '经办人电话有误，请核对');

    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await page.goto(`${app.url}/projects/${id}`);
    await page.getByRole('button', { name: '修改后重新提交' }).click();
    const again = page.getByRole('dialog', { name: '定额申请', exact: true });
    await again.getByLabel('经办人电话').fill('13455556666');
    await again.getByRole('button', { name: '重新提交' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByText('定额审核中').count()).toBeGreaterThan(0);

    await page.goto(`${app.url}/quota`);
    expect((await page.locator('.ant-breadcrumb').innerText()).replace(/\s+/g, '')).toBe('首页/申请管理/定额申请');
    const rows = page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => rows.count()).toBe(2);
    const rejected = page.getByRole('row', { name: /已驳回/ }).filter({ hasText: name });
    const current = page.getByRole('row', { name: /申请中/ }).filter({ hasText: name });
    await expect.poll(() => rejected.getByText('已重新提交', { exact: true }).count()).toBe(1);
    expect(await current.getByText('已重新提交', { exact: true }).count()).toBe(0);
    await shot(page, '35-quota-list-superseded');
    // the old one's own page says it is history
    await rejected.getByRole('link', { name: '详情' }).click();
    await expect.poll(() => page.getByText('该申请已重新提交：本项目已有新的定额申请，以最新的申请为准；本页为历史记录。').count()).toBe(1);
    expect((await page.locator('.ant-breadcrumb').innerText()).replace(/\s+/g, '')).toBe('首页/申请管理/定额申请/定额申请详情');
    await shot(page, '36-quota-superseded-detail');
    await page.close();
  });
});
