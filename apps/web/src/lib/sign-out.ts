/**
 * Remembers that the user ended the session on purpose (退出登录, 修改密码), so the guard sends
 * them to a plain /login (no ?redirect=) and the login page can say why they are there.
 */
let intentional = false;
let notice: string | null = null;

export function markSignedOut(message: string | null = null): void {
  intentional = true;
  notice = message;
}

export function wasSignedOutOnPurpose(): boolean {
  return intentional;
}

/** The login page has been shown: later visits to protected pages are ordinary again. */
export function acknowledgeSignOut(): void {
  intentional = false;
}

/** The message for the login page (e.g. 密码已修改，请重新登录); stays until the next login. */
export function signOutNotice(): string | null {
  return notice;
}

export function clearSignOut(): void {
  intentional = false;
  notice = null;
}
