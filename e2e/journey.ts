import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { outbox, waitForSms, type RunningApp } from './support';

/** What a person does on every journey: ask for a code, read it in 开发短信, log in, pick from selects. */
export function journey(app: RunningApp) {
  /** Clicks 获取验证码 and reads the new code from the 开发短信 panel (the outbox API only says when it arrived). */
  async function requestCode(page: Page, phone: string, purpose: string): Promise<string> {
    const since = (await outbox(app, phone))[0]?.sentAt ?? '';
    // past the (shortened, 1 s) resend cooldown of the last code to this phone, if there was one
    const wait = since ? new Date(since).getTime() + 1_100 - Date.now() : 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await page.getByRole('button', { name: /获取验证码/ }).click();
    const sent = await waitForSms(app, phone, purpose, since);
    await page.getByTestId('dev-sms-button').click();
    const el = page.locator(`[data-testid="sms-code"][data-phone="${phone}"][data-purpose="${purpose}"]`).first();
    await expect.poll(async () => (await el.textContent())?.trim()).toBe(sent.code);
    const code = (await el.textContent())!.trim();
    await page.getByTestId('dev-sms-button').click();
    return code;
  }

  async function login(page: Page, phone: string, password: string) {
    await page.context().clearCookies();
    await page.goto(`${app.url}/login`);
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('短信验证码').fill(await requestCode(page, phone, 'login'));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  /**
   * An antd Select: open it by its label, click the option. On a loaded machine the dropdown can close
   * between the two clicks (or a click is lost): then it is opened again, until the field shows the option.
   * `within`: the dialog (a list page's filters have the same labels).
   */
  async function choose(page: Page, label: string, option: string | RegExp, within: Page | Locator = page) {
    const item = within.locator('.ant-form-item', { has: within.getByLabel(label, { exact: true }) });
    const shown = item.locator('.ant-select-selection-item');
    const holds = async () => {
      if ((await shown.count()) === 0) return false;
      const text = await shown.first().innerText();
      return typeof option === 'string' ? text.includes(option) : option.test(text);
    };
    for (let attempt = 0; attempt < 4; attempt++) {
      await within.getByLabel(label, { exact: true }).click();
      try {
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 5_000 });
      } catch {
        // the dropdown closed under the click: look, and open it again
      }
      // a select outside a form item (a filter bar) is checked by the test's next step, as before
      // (a multiple select is never clicked twice: that would take the option out again)
      if ((await item.count()) !== 1 || (await item.locator('.ant-select-multiple').count()) > 0 || (await holds())) return;
      await page.waitForTimeout(300);
    }
    throw new Error(`「${label}」没有选上「${String(option)}」`);
  }

  /** An antd DatePicker: type the date and confirm with Enter. */
  async function date(page: Page, label: string, value: string) {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(value);
    await input.press('Enter');
    // the calendar pop-up must be gone before the next click (it can cover the dialog's buttons)
    await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
  }

  return { requestCode, login, choose, date };
}
