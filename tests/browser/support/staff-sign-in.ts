import type { Page } from 'playwright-core';

/** What these helpers use of the test app's authenticator (apps/api/test/support/staff-sign-in TestAuthenticator). */
export interface Authenticator {
  enrol(email: string, secret: string): void;
  code(email: string): Promise<string>;
}

/** Which step the counter app's sign-in shows after the password. */
export type AfterPassword = 'signed-in' | 'code' | 'enrol';

/** Types the email and password on the counter app's sign-in page and says which step came next. */
export async function typePassword(page: Page, email: string, password: string): Promise<AfterPassword> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForFunction(
    () => !!document.querySelector('[data-testid="staff-name"], [data-testid="login-code-heading"], [data-testid="totp-secret"], [data-testid="login-error"]'),
    undefined,
    { timeout: 15_000 },
  );
  if (await page.getByTestId('login-code-heading').count()) return 'code';
  if (await page.getByTestId('totp-secret').count()) return 'enrol';
  if (await page.getByTestId('login-error').count()) throw new Error(`sign-in as ${email} refused: ${await page.getByTestId('login-error').textContent()}`);
  return 'signed-in';
}

/** The secret the enrolment step shows, as one string (it is shown in groups of four). */
export async function shownSecret(page: Page): Promise<string> {
  return ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
}

/**
 * Signs a staff member in on the counter app's page (already open on it) as a person would: the
 * password, then for an administrator the enrolment (the shown secret goes into `phone`) or the
 * code from `phone`, typed by keyboard; resolves once the app shows who is signed in.
 */
export async function signInOnPage(page: Page, phone: Authenticator, email: string, password: string): Promise<void> {
  const next = await typePassword(page, email, password);
  if (next === 'enrol') phone.enrol(email, await shownSecret(page));
  if (next !== 'signed-in') {
    await page.getByTestId('login-code').fill(await phone.code(email));
    await page.keyboard.press('Enter');
  }
  await page.getByTestId('staff-name').waitFor();
}
