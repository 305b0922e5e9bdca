import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

/** The open dialog, a select inside it (list pages have filters with the same labels), the error under one of its fields. */
function inDialog(page: Page) {
  const dialog = () => page.getByRole('dialog');
  return {
    dialog,
    pick: (label: string, option: string) => journey(app).choose(page, label, option, dialog()),
    /** the text under a field (antd puts it in `${form}_${field}_help`) */
    fieldError: async (form: string, field: string) => {
      const help = dialog().locator(`#${form}_${field}_help`);
      return (await help.count()) ? help.innerText() : '';
    },
  };
}

describe('the operator and the bureau at work', () => {
  it("admin adds a unit and a user in it (first password by SMS); hrss gets the server's answer under the field", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-dialogs'));
    const { login, date } = journey(app);
    const { dialog, pick } = inDialog(page);

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

  it("admin's dictionaries and ratio parameters: the server's refusal under the field, the input kept, then saved", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-dictionaries'));
    const { login } = journey(app);
    const { dialog, pick, fieldError } = inDialog(page);
    const row = (text: string) => page.locator('.ant-table-tbody tr', { hasText: text });
    const toast = (text: string) => expect.poll(() => page.locator('.ant-message').getByText(text).count()).toBeGreaterThan(0);

    await login(page, DEMO_ADMIN, DEMO_PASSWORD);
    await page.goto(`${app.url}/admin/dictionaries`);

    // 重命名 a region (the same NameModal as 修改 below)
    await row('南芬区').getByText('重命名').click();
    await dialog().getByLabel('地区名称').fill('南芬区（测试）');
    await shot(page, '42-region-rename');
    await dialog().getByRole('button', { name: '确定' }).click();
    await toast('地区名称已修改');
    await expect.poll(() => row('210505').innerText()).toContain('南芬区（测试）');

    // 字典项 新增: a code the dictionary already has
    await page.getByRole('tab', { name: '字典项' }).click();
    await page.getByRole('button', { name: /新增行业主管类型/ }).click();
    await dialog().getByLabel('编码').fill('housing');
    await dialog().getByLabel('名称').fill('铁路');
    await dialog().getByRole('button', { name: '确定' }).click();
    await expect.poll(() => fieldError('create-dict-item', 'code')).toBe('该字典中已有相同编码的条目');
    expect(await dialog().getByLabel('编码').inputValue()).toBe('housing');
    expect(await dialog().getByLabel('名称').inputValue()).toBe('铁路');
    await shot(page, '43-dict-item-duplicate');
    await dialog().getByLabel('编码').fill('railway');
    await dialog().getByRole('button', { name: '确定' }).click();
    await toast('已新增行业主管类型：铁路');
    await expect.poll(() => row('railway').innerText()).toContain('铁路');
    await expect.poll(() => dialog().count()).toBe(0);

    // 修改 (NameModal): a qualification an enterprise's certification uses keeps its name
    await page.getByText('企业资质', { exact: true }).click();
    await row('特级').getByText('修改').click();
    await dialog().getByLabel('名称').fill('特级资质');
    await dialog().getByRole('button', { name: '确定' }).click();
    await expect.poll(() => fieldError('name-dialog', 'label')).toBe('该资质名称已被企业认证引用，不能改名，可停用后新增');
    expect(await dialog().getByLabel('名称').inputValue()).toBe('特级资质');
    await shot(page, '44-dict-item-rename-in-use');
    await dialog().getByLabel('名称').fill('特级');
    await dialog().getByLabel('排序').fill('9');
    await dialog().getByRole('button', { name: '确定' }).click();
    await toast('字典条目已修改');
    await expect.poll(() => page.locator('.ant-table-tbody tr').last().innerText()).toMatch(/特级\s+9/);

    // 单位映射 新增: the mapping is there already
    await page.getByRole('tab', { name: '单位映射' }).click();
    const cityHousing = page.getByRole('cell', { name: '辽宁省本溪市住房和城乡建设局', exact: true });
    const before = await cityHousing.count();
    await page.getByRole('button', { name: /新增映射/ }).click();
    await pick('行业主管类型', '其他');
    await pick('主管地区', '平山区');
    const chooseUnit = async (search: string, name: string) => {
      // (typing into the search box opens the list; a chosen unit lies over the box, so no click)
      await dialog().getByLabel('单位', { exact: true }).fill(search);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
    };
    await chooseUnit('平山区住房', '本溪市平山区住房和城乡建设局');
    await dialog().getByRole('button', { name: '确定' }).click();
    await expect.poll(() => fieldError('create-mapping', 'orgId')).toBe('该映射已存在');
    const chosen = dialog().locator('.ant-select-selection-item');
    expect(await chosen.allInnerTexts()).toEqual(['其他', '平山区', '本溪市平山区住房和城乡建设局']);
    await shot(page, '45-mapping-duplicate');
    await chooseUnit('本溪市住房', '辽宁省本溪市住房和城乡建设局');
    await dialog().getByRole('button', { name: '确定' }).click();
    await toast('单位映射已新增');
    await expect.poll(() => cityHousing.count()).toBe(before + 1);

    // 比例参数 编辑: the server's checks (ratioParamProblems) land under their fields
    await page.goto(`${app.url}/admin/ratio-params`);
    await row('本溪市').first().getByText('编辑').click();
    await dialog().getByLabel('最低比例', { exact: true }).fill('4');
    await dialog().getByLabel('无拖欠下调幅度').fill('30');
    await dialog().getByRole('button', { name: '保存' }).click();
    await expect.poll(() => fieldError('ratioParams', 'minRatioPercent')).toBe('最低比例不能高于最高比例');
    expect(await fieldError('ratioParams', 'reducePct')).toBe('无拖欠下调幅度应在50%–99%之间');
    expect(await dialog().getByLabel('最低比例', { exact: true }).inputValue()).toBe('4');
    expect(await dialog().getByLabel('无拖欠下调幅度').inputValue()).toBe('30');
    await shot(page, '46-ratio-params-problems');
    await dialog().getByText('编辑比例参数 — 本溪市').scrollIntoViewIfNeeded();
    await shot(page, '47-ratio-params-problems-top');
    await dialog().getByLabel('最低比例', { exact: true }).fill('1');
    await dialog().getByLabel('无拖欠下调幅度').fill('60');
    await dialog().getByLabel('基础比例', { exact: true }).fill('2.5');
    await dialog().getByRole('button', { name: '保存' }).click();
    await toast('本溪市的比例参数已保存，对此后提交的申请生效');
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => row('本溪市').first().innerText()).toMatch(/2\.5%[\s\S]*下调60%/);
    await shot(page, '48-ratio-params-saved');
    await page.close();
  });
});
