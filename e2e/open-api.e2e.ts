/**
 * 开放接口 (SPEC §13), as the operator and a bank's system meet it: the operator registers a bank's
 * public key in the browser and reads the generated appId; the bank's system (the independent client
 * of tools/open-client, over a real socket) calls the events feed and verifies the platform's
 * signature; the operator disables the client and the next call is refused; the audit log shows both.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { journey } from './journey';
import { DEMO_ADMIN, DEMO_PASSWORD, launchBrowser, ROOT, shot, startApp, type RunningApp } from './support';
import { generateKeyPair, signRequest, verifyResponse } from '../tools/open-client/signer';

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

async function signedEvents(appId: string, privateKey: string) {
  const path = '/api/open/v1/events?after=0';
  const res = await fetch(`${app.url}${path}`, { headers: signRequest({ method: 'GET', path, appId, privateKey }) });
  const body = Buffer.from(await res.arrayBuffer());
  const { publicKey } = (await (await fetch(`${app.url}/api/open/v1/platform-key`)).json()) as { publicKey: string };
  const verified = verifyResponse({ status: res.status, timestamp: res.headers.get('x-bx-timestamp') ?? undefined, signature: res.headers.get('x-bx-signature') ?? undefined, body, platformPublicKey: publicKey });
  return { status: res.status, json: JSON.parse(body.toString('utf8')), verified };
}

describe('开放接口', () => {
  it('npm run open-client signs as the demo bank (demo keys of the seed) and verifies the answer', () => {
    const run = (args: string[]) => spawnSync('npm', ['run', '-s', 'open-client', '--', ...args, '--base', app.url], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const ok = run(['GET', '/api/open/v1/events?after=0', '--app-id', 'bx_demobank000000000000', '--key', 'tools/open-client/demo-keys/bank.private.hex']);
    expect(ok.stdout, ok.stderr).toContain('HTTP 200');
    expect(ok.stdout).toContain('响应签名: 验证通过');
    expect(ok.status).toBe(0);
    // the insurer's key under the bank's appId: refused, and the refusal is signed too
    const wrong = run(['GET', '/api/open/v1/events', '--app-id', 'bx_demobank000000000000', '--key', 'tools/open-client/demo-keys/insurer.private.hex']);
    expect(wrong.stdout).toContain('HTTP 401');
    expect(wrong.stdout).toContain('OPEN_SIGNATURE');
    expect(wrong.stdout).toContain('响应签名: 验证通过');
    expect(wrong.status).toBe(1);
    const keygen = spawnSync('npm', ['run', '-s', 'open-client', '--', 'keygen'], { cwd: ROOT, encoding: 'utf8' });
    expect(keygen.stdout).toMatch(/私钥[\s\S]*[0-9a-f]{64}[\s\S]*公钥[\s\S]*04[0-9a-f]{128}/);
  });

  it('the operator registers a bank’s key, the bank’s system calls with the appId, the operator disables it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    onTestFailed(() => shot(page, 'FAILED-open-api'));
    const { login, choose } = journey(app);
    await login(page, DEMO_ADMIN, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: /开放接口/ }).click();
    await page.waitForURL(/\/admin\/open-api$/);
    // the demo bank's and insurer's clients of the seed
    const table = page.locator('.ant-table-tbody');
    await expect.poll(() => table.innerText()).toContain('bx_demobank000000000000');
    for (const header of ['appId', '机构', '公钥', '状态', '创建时间']) expect(await page.locator('.ant-table-thead').innerText()).toContain(header);
    expect(await table.innerText()).toContain('中国建设银行股份有限公司本溪分行');
    await shot(page, 'open-api-list');

    const keys = generateKeyPair();
    await page.getByRole('button', { name: /注册客户端/ }).click();
    const dialog = page.getByRole('dialog', { name: '注册开放接口客户端' });
    // a key that is not on the curve is refused by the server, under its field
    await choose(page, '机构', '中国工商银行股份有限公司本溪分行');
    await dialog.getByLabel('SM2 公钥').fill(`04${'1'.repeat(128)}`);
    await dialog.getByRole('button', { name: /注\s*册/ }).click();
    await expect.poll(() => dialog.innerText()).toContain('不是 SM2 曲线上的点');
    await dialog.getByLabel('SM2 公钥').fill(keys.publicKey);
    await shot(page, 'open-api-register');
    await dialog.getByRole('button', { name: /注\s*册/ }).click();
    const appIdEl = page.getByTestId('registered-app-id');
    await expect.poll(async () => (await appIdEl.count()) > 0).toBe(true);
    const appId = (await appIdEl.innerText()).trim();
    expect(appId).toMatch(/^bx_[a-z2-7]{20}$/);
    await shot(page, 'open-api-registered');
    await page.getByRole('button', { name: /知道了/ }).click();

    // the bank's system, over a real socket, with its own signing code
    const ok = await signedEvents(appId, keys.privateKey);
    expect(ok).toEqual({ status: 200, json: { events: [], next: '0' }, verified: true });

    const row = page.locator('.ant-table-tbody tr', { hasText: appId });
    await expect.poll(() => row.innerText()).toContain('启用');
    await row.getByText('停用', { exact: true }).click();
    await expect.poll(() => page.locator('.ant-popconfirm:visible').innerText()).toContain('立即被拒绝');
    await shot(page, 'open-api-disable-confirm');
    await page.getByRole('button', { name: /确认停用/ }).click();
    await expect.poll(() => row.innerText()).toContain('已停用');

    const refused = await signedEvents(appId, keys.privateKey);
    expect([refused.status, refused.json.code, refused.verified]).toEqual([401, 'OPEN_CLIENT_UNKNOWN', true]);

    await page.getByRole('menuitem', { name: /审计日志/ }).click();
    await page.waitForURL(/\/admin\/audit$/);
    await expect.poll(() => page.locator('.ant-table-tbody').innerText()).toContain('停用开放接口客户端');
    expect(await page.locator('.ant-table-tbody').innerText()).toContain('注册开放接口客户端');
    await shot(page, 'open-api-audit');
  });
});
