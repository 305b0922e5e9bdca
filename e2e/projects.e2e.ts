import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { journey } from './journey';
import { DEMO_PASSWORD, launchBrowser, shot, startApp, type RunningApp } from './support';

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

/** A day in Beijing, as the server decides 竣工 (0 = today). */
const beijingDay = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const today = () => beijingDay(0);

describe('project journey', () => {
  it('create a project (units filled in) → 工程进度 to 竣工 → the city hrss finds it in 项目监管', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-project-journey'));
    const { login, choose, date } = journey(app);

    await login(page, '13800000006', DEMO_PASSWORD);
    await page.goto(`${app.url}/projects`);
    await page.getByRole('button', { name: /新建项目/ }).click();
    await page.waitForURL(/\/projects\/new/);

    await choose(page, '行业主管类型', '住建');
    await choose(page, '主管地区', '溪湖区');
    // the dictionary fills in the district bureaus
    await expect.poll(() => page.getByText('本溪市溪湖区住房和城乡建设局').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('本溪市溪湖区人力资源和社会保障局').count()).toBeGreaterThan(0);
    await page.getByLabel('工程名称', { exact: true }).fill('溪湖区东风湖棚户区改造项目');
    await page.getByLabel('工程地点', { exact: true }).fill('本溪市溪湖区东风湖街道');
    await choose(page, '工程地区', '溪湖区');
    await choose(page, '工程类型', '房屋建筑工程');
    await page.getByLabel('施工合同金额', { exact: true }).fill('20000000');
    await page.getByPlaceholder('开始日期').click();
    await page.getByPlaceholder('开始日期').fill('2024-09-30');
    await page.getByPlaceholder('结束日期').click();
    await page.getByPlaceholder('结束日期').fill('2025-11-29');
    await page.getByPlaceholder('结束日期').press('Enter');
    await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
    await expect.poll(() => page.locator('input[value="426 天"]').count()).toBe(1); // 工期, derived
    await page.getByLabel('建设单位', { exact: true }).fill('本溪市城市建设投资有限公司');
    await page.getByLabel('建设单位统一社会信用代码', { exact: true }).fill('91350100M000100Y43');
    await date(page, '施工合同签订日', '2024-09-20');
    await choose(page, '工资发放日', '7号');
    await page.getByLabel('项目经理', { exact: true }).fill('张三');
    await page.getByLabel('项目经理电话', { exact: true }).fill('13454342345');
    await page.getByLabel('劳资专管员', { exact: true }).fill('李四');
    await page.getByLabel('劳资专管员电话', { exact: true }).fill('13456666666');
    await choose(page, '项目种类', '政府投资项目');
    await shot(page, '20-project-form');
    await page.getByRole('button', { name: /^提\s*交$|提交/ }).last().click();
    // the long form is scrolled down to its 提交 button…
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.waitForURL(/\/projects\/\d{19}$/);
    const id = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText(id).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('未申请').count()).toBeGreaterThan(0);
    // …and the new project opens at its top, under the breadcrumb
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect((await page.locator('.ant-breadcrumb').innerText()).replace(/\s+/g, '')).toBe('首页/项目管理/项目详情');
    await shot(page, '21-project-detail');

    // 工程进度: a future 实际竣工日期 typed in is refused under the field and stays in it
    const progress = page.getByRole('dialog', { name: '编辑工程进度' });
    const completion = progress.getByLabel('实际竣工日期', { exact: true });
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await date(page, '实际开工日期', '2024-10-08');
    await date(page, '预计竣工日期', today());
    await completion.click();
    // the calendar does not offer tomorrow (Beijing)
    await expect.poll(() => page.locator(`.ant-picker-dropdown:visible td[title="${beijingDay(1)}"]`).getAttribute('class')).toContain('ant-picker-cell-disabled');
    expect(await page.locator(`.ant-picker-dropdown:visible td[title="${today()}"]`).getAttribute('class')).not.toContain('ant-picker-cell-disabled');
    await completion.fill(beijingDay(1));
    await completion.press('Enter');
    await progress.getByText('工程进度').first().click(); // away from the field, as a user does
    await expect.poll(() => progress.getByText('实际竣工日期不能晚于今天').count()).toBeGreaterThan(0);
    expect(await completion.inputValue()).toBe(beijingDay(1));
    await progress.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => progress.getByText('实际竣工日期不能晚于今天').count()).toBeGreaterThan(0);
    expect(await completion.inputValue()).toBe(beijingDay(1));
    expect(await page.getByText('工程进度已保存').count()).toBe(0);
    await shot(page, '22a-progress-future-refused');
    await progress.getByRole('button', { name: '取消' }).click();

    // a browser whose clock runs two days ahead lets the date through; the server refuses it and
    // the dialog shows that under the field, the input kept
    const aheadContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await aheadContext.addCookies(await page.context().cookies()); // the same session
    const ahead = await aheadContext.newPage();
    onTestFailed(() => shot(ahead, 'FAILED-project-journey-ahead'));
    await ahead.clock.setFixedTime(new Date(Date.now() + 2 * 86_400_000));
    await ahead.goto(`${app.url}/projects/${id}`);
    await ahead.getByRole('button', { name: '编辑', exact: true }).click();
    await date(ahead, '实际开工日期', '2024-10-08');
    await date(ahead, '预计竣工日期', today());
    await date(ahead, '实际竣工日期', beijingDay(1));
    await ahead.getByRole('dialog', { name: '编辑工程进度' }).getByRole('button', { name: '确定' }).click();
    await ahead.getByRole('button', { name: '确认竣工' }).click();
    const refused = ahead.getByRole('dialog', { name: '编辑工程进度' });
    await expect.poll(() => refused.locator('#progress_actualCompletion_help').innerText()).toContain('实际竣工日期不能晚于今天');
    expect(await refused.getByLabel('实际竣工日期', { exact: true }).inputValue()).toBe(beijingDay(1));
    expect(await ahead.getByText('工程进度已保存').count()).toBe(0);
    await shot(ahead, '22b-progress-server-refused');
    await aheadContext.close();

    // 工程进度 → 竣工 (actual completion today), asked first
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await date(page, '实际开工日期', '2024-10-08');
    await date(page, '预计竣工日期', today());
    await date(page, '实际竣工日期', today());
    await progress.getByRole('button', { name: '确定' }).click();
    const confirm = page.getByRole('dialog', { name: '确认项目已竣工？' });
    await expect.poll(() => confirm.getByText('竣工的项目不能再提交定额申请').count()).toBe(1);
    await expect.poll(() => confirm.getByText(`实际竣工日期：${today()}`).count()).toBe(1);
    await shot(page, '22c-confirm-completion');
    await confirm.getByRole('button', { name: '再检查一下' }).click();
    // not saved: the dialog is still open with the input
    expect(await page.getByText('工程进度已保存').count()).toBe(0);
    expect(await completion.inputValue()).toBe(today());
    await progress.getByRole('button', { name: '确定' }).click();
    await page.getByRole('button', { name: '确认竣工' }).click();
    await expect.poll(() => page.locator('.ant-descriptions').getByText('竣工', { exact: true }).count()).toBeGreaterThan(0);
    // 定额申请 stays on the page, greyed, saying why
    const apply = page.getByRole('button', { name: '定额申请', exact: true });
    await expect.poll(() => apply.isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('apply-disabled-reason').innerText()).toBe('工程已竣工，不能再申请定额');
    await apply.hover({ force: true });
    await expect.poll(() => page.getByRole('tooltip').innerText()).toBe('工程已竣工，不能再申请定额');
    await shot(page, '22-project-completed');

    // the city hrss sees it under 项目监管
    await login(page, '13800000002', DEMO_PASSWORD);
    await page.goto(`${app.url}/projects`);
    await expect.poll(() => page.getByText('溪湖区东风湖棚户区改造项目').count()).toBeGreaterThan(0);
    await shot(page, '23-hrss-list');
    await page.getByRole('row', { name: /溪湖区东风湖棚户区改造项目/ }).getByRole('link', { name: '详情' }).click();
    await expect.poll(() => page.getByText('本溪建工集团有限公司').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '编辑', exact: true }).count()).toBe(0);
    await page.close();
  });
});
