import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { journey } from './journey';
import { DEMO_PASSWORD, launchBrowser, shot, startApp, type RunningApp } from './support';

/**
 * 备案 and 注销 (issue 13, manual 2.3–2.4) on the demo enterprise's 已缴纳 project 本溪市平山区滨河北路道路改造工程
 * (paid by an offline guarantee of 中国建设银行本溪分行, from the demo seed).
 */
let app: RunningApp;
let browser: Browser;
const ENTERPRISE = '13800000006';
const HRSS = '13800000002';
const BANK = '13800000004';
const PROJECT = '本溪市平山区滨河北路道路改造工程';
let projectId = '';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const beijing = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startApp({ SMS_COOLDOWN_SECONDS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openProject(page: Page) {
  if (!projectId) {
    const list = await (await page.request.get(`${app.url}/api/projects?name=${encodeURIComponent(PROJECT)}&page=1&pageSize=10`)).json();
    projectId = list.items.find((p: { name: string }) => p.name === PROJECT).id;
  }
  await page.goto(`${app.url}/projects/${projectId}`);
  await expect.poll(() => page.getByTestId('deposit-card').count()).toBe(1);
}

describe('filing and cancellation journeys', () => {
  it('备案: 发起备案 on the card, hrss 驳回 with a reason, the enterprise files again, hrss 通过: 已备案; the 备案申请 list as the manual', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-filing'));
    const { login } = journey(app);
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page);
    const card = page.getByTestId('deposit-card');
    await expect.poll(() => card.getByText('未备案').count()).toBe(1);
    await card.getByRole('button', { name: '发起备案' }).click();
    await page.getByRole('button', { name: '确 定' }).or(page.getByRole('button', { name: '确定' })).first().click();
    await expect.poll(() => card.getByText('备案中').count()).toBeGreaterThan(0);
    await expect.poll(() => card.getByRole('button', { name: '发起备案' }).count()).toBe(0);
    await shot(page, '90-filing-submitted');

    // hrss: 备案审核 queue with the deadline → 驳回
    await login(page, HRSS, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '备案审核' }).click();
    await page.waitForURL(/\/filings\/review$/);
    const row = page.getByRole('row', { name: new RegExp(PROJECT) });
    await expect.poll(() => row.count()).toBe(1);
    await shot(page, '91-filing-review-queue');
    await row.getByRole('button', { name: '驳回' }).click();
    await page.getByLabel('驳回原因').fill('缴纳凭证与保函金额不一致，请核对后重新备案');
    await page.getByRole('button', { name: '确认驳回' }).click();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(PROJECT) }).count()).toBe(0);

    // the enterprise reads the reason and files again
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page);
    await expect.poll(() => page.getByTestId('filing-reject-reason').count()).toBe(1);
    await shot(page, '92-filing-rejected');
    await page.getByRole('button', { name: '重新发起备案' }).click();
    await page.getByRole('button', { name: '确 定' }).or(page.getByRole('button', { name: '确定' })).first().click();
    await expect.poll(() => page.getByTestId('deposit-card').getByText('备案中').count()).toBeGreaterThan(0);

    // hrss: 详情 → 通过 (confirmed)
    await login(page, HRSS, DEMO_PASSWORD);
    await page.goto(`${app.url}/filings/review`);
    const again = page.getByRole('row', { name: new RegExp(PROJECT) });
    await expect.poll(() => again.count()).toBe(1);
    await again.getByText('详情').click();
    const detail = page.getByRole('dialog', { name: '备案申请详情' });
    await expect.poll(() => detail.getByText('定额保证金备案').count()).toBe(1);
    await shot(page, '93-filing-detail-hrss');
    await detail.getByRole('button', { name: '通过' }).click();
    await page.getByRole('button', { name: '确认通过' }).click();
    await expect.poll(() => page.getByText('已审核通过').count()).toBeGreaterThan(0);

    // the enterprise: 已备案 on the card; 申请管理 › 备案申请 with the manual's columns, filters and paging
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page);
    await expect.poll(() => page.getByTestId('deposit-card').getByText('已备案').count()).toBeGreaterThan(0);
    await page.goto(`${app.url}/filings`);
    for (const h of ['工程名称', '工程编号', '备案类型', '申请状态', '行业主管单位名称', '操作']) await expect.poll(() => page.getByRole('columnheader', { name: h }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(`${PROJECT}.*定额保证金备案.*已完成`) }).count()).toBe(1);
    await expect.poll(() => page.getByText(/第 1-2 条\/总共 2 条|总共 2 条/).count()).toBeGreaterThan(0);
    await shot(page, '94-filing-list');
    await page.close();
  }, 240_000);

  it('注销: 工程进度 → 竣工, 保证金注销申请 (too early first), hrss 通过: 已注销, the 确认书 PDF, the bank confirms the return', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    onTestFailed(() => shot(page, 'FAILED-cancellation'));
    const { login, date } = journey(app);
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await openProject(page);
    expect(await page.getByRole('button', { name: '保证金注销申请' }).count()).toBe(0);

    // 工程进度 编辑 → 竣工
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const progress = page.getByRole('dialog', { name: '编辑工程进度' });
    await date(page, '实际开工日期', beijing(-55));
    const expected = progress.getByLabel('预计竣工日期');
    if (!(await expected.inputValue())) {
      await expected.click();
      await expected.fill(beijing(-40));
      await expected.press('Enter');
    }
    await date(page, '实际竣工日期', beijing(-40));
    await progress.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
    // the platform asks before a project becomes 竣工
    await page.getByRole('button', { name: '确认竣工' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '编辑工程进度' }).count()).toBe(0);
    await expect.poll(() => page.getByText('竣工').count()).toBeGreaterThan(0);

    // 保证金注销申请: the publicity not yet run refuses, then the dialog goes through
    await page.getByRole('button', { name: '保证金注销申请' }).click();
    const dialog = page.getByRole('dialog', { name: '保证金注销申请' });
    await expect.poll(() => dialog.getByText('申请资料').count()).toBe(1);
    await date(page, '公示起始日期', beijing(-10));
    await expect.poll(() => dialog.getByTestId('publicity-hint').textContent()).toContain(`自 ${beijing(20)} 起可申请注销`);
    await dialog.getByLabel('经办人', { exact: true }).fill('李明');
    await dialog.getByLabel('经办人电话').fill('13800000006');
    await dialog.getByLabel('申请说明').fill('工程已竣工验收，公示期满，无拖欠农民工工资。');
    const inputs = dialog.locator('input[type=file]');
    await inputs.nth(0).setInputFiles({ name: '竣工验收报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await inputs.nth(1).setInputFiles({ name: '注销申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await inputs.nth(2).setInputFiles({ name: '无拖欠农民工工资书面承诺.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => dialog.locator('.ant-upload-list-item-done').count()).toBe(3);
    // the template 注销申请表 downloads as a PDF
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('download-template').click()]);
    expect(download.suggestedFilename()).toMatch(/注销申请表.*\.pdf$/);
    await shot(page, '95-cancellation-dialog');
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => dialog.getByText(/公示期未满30天/).count()).toBeGreaterThan(0);
    await shot(page, '96-cancellation-too-early');
    await date(page, '公示起始日期', beijing(-35));
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '保证金注销申请' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('cancellation-card').getByText('申请中').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('注销中').count()).toBeGreaterThan(0);

    // hrss: 注销审核 → 审核 → 通过 (confirmed: irreversible)
    await login(page, HRSS, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '注销审核' }).click();
    const row = page.getByRole('row', { name: new RegExp(PROJECT) });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByText('审核').click();
    const review = page.getByRole('dialog', { name: '保证金注销申请' });
    await expect.poll(() => review.getByText('竣工验收报告.pdf').count()).toBeGreaterThan(0);
    await shot(page, '97-cancellation-review');
    await review.getByRole('button', { name: '通过' }).click();
    await expect.poll(() => page.getByText('此操作不可撤销').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '确认通过' }).click();
    await expect.poll(() => review.getByText(/本人社返〔\d{4}〕第 \d{6} 号/).count()).toBeGreaterThan(0);
    await shot(page, '98-cancellation-approved-hrss');

    // the enterprise: 已注销 and the numbered 确认书 as a PDF
    await login(page, ENTERPRISE, DEMO_PASSWORD);
    await page.goto(`${app.url}/projects/${projectId}`);
    const panel = page.getByTestId('cancellation-card');
    await expect.poll(() => panel.getByText(/保证金已注销，确认书编号：本人社返/).count()).toBe(1);
    const [pdf] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('download-confirmation').click()]);
    expect(pdf.suggestedFilename()).toMatch(/^工资保证金返还（销户）确认书.*\.pdf$/);
    await shot(page, '99-project-cancelled');

    // the bank: 返还确认 of the guarantee's original
    await login(page, BANK, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '返还确认' }).click();
    const ret = page.getByRole('row', { name: new RegExp(PROJECT) });
    await expect.poll(() => ret.count()).toBe(1);
    await shot(page, '100-bank-returns');
    await ret.getByRole('button', { name: '返还确认' }).click();
    const confirm = page.getByRole('dialog', { name: '返还确认' });
    await confirm.getByLabel('已退还保函原件').check();
    await confirm.getByRole('button', { name: '确认返还' }).click();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(`${PROJECT}.*已返还`) }).count()).toBe(1);
    await shot(page, '101-bank-returned');
    await page.close();
  }, 240_000);
});
