import type { StaffUserResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { SECOND_FACTOR_MESSAGES } from '../../apps/api/src/auth/second-factor.messages';
import { totpCode, totpStep } from '../../apps/api/src/auth/totp';
import { STAFF_PASSWORD } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { readQrDataUrl } from './support/qr';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';
import { COUNTER_TOKEN_KEY } from './support/counter-session';
import { focusedAfterMove } from './support/focus';
import { shownSecret, typePassword } from './support/staff-sign-in';

describe('Administrators sign in with a second factor (counter app, Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: { email: string; id: string };

  beforeAll(async () => {
    t = await createTestApp();
    ({ browser, base } = await chromiumFor(t));
    const email = 'admin.baru@mpp.test';
    const created = await t.http().post('/api/v1/admin/users').auth(await t.adminToken(), { type: 'bearer' }).send({ email, fullName: 'Admin Baru Kupang', password: STAFF_PASSWORD, role: 'site_admin', siteCode: 'kota-kupang' }).expect(201);
    admin = { email, id: (created.body as StaffUserResponse).id };
  });
  afterAll(async () => closeAppAndChromium(browser, t));

  const openSignIn = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/counter/login`);
    await page.getByTestId('login-email').waitFor();
    return page;
  };
  const errorText = async (page: Page) => {
    await page.getByTestId('login-error').waitFor();
    return ((await page.getByTestId('login-error').textContent()) ?? '').trim();
  };
  const meOf = async (page: Page) => {
    const token = await page.evaluate((key) => sessionStorage.getItem(key), COUNTER_TOKEN_KEY);
    return (await t.http().get('/api/v1/auth/me').auth(token!, { type: 'bearer' }).expect(200)).body as StaffUserResponse;
  };

  it('should enrol an administrator at the first sign-in: the QR and the secret in groups, then a code typed by keyboard', async () => {
    const page = await openSignIn();
    expect(await typePassword(page, admin.email, STAFF_PASSWORD)).toBe('enrol');
    expect(await focusedAfterMove(page, 'login-enrol-heading', 'data-testid')).toBe('login-enrol-heading');
    expect((await page.getByTestId('login-enrol-heading').textContent())?.trim()).toBe('Aktifkan verifikasi dua langkah');

    // The secret in groups of four, and the QR carrying the same secret for this account.
    const groups = await page.getByTestId('totp-secret').locator('code').allTextContents();
    const secret = await shownSecret(page);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(groups).toEqual(secret.match(/.{4}/g));
    const qr = page.getByTestId('totp-qr');
    expect(await qr.getAttribute('alt')).toContain(admin.email);
    const uri = new URL(await readQrDataUrl((await qr.getAttribute('src'))!));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(decodeURIComponent(uri.pathname)).toContain(admin.email);
    await checkScreen(page, 'counter-login-enrol');
    t.authenticator.enrol(admin.email, secret);

    // Tab from the heading reaches the code field; a wrong code is refused in the API's words.
    await page.keyboard.press('Tab');
    expect(await focusedAfterMove(page, 'login-code')).toBe('login-code');
    await page.keyboard.type(totpCode(secret, totpStep(Date.now()) + 4));
    await page.keyboard.press('Enter');
    expect(await errorText(page)).toContain(SECOND_FACTOR_MESSAGES.wrongCode.id);
    expect(await focusedAfterMove(page, 'login-code')).toBe('login-code');
    expect(await page.getByTestId('login-code').inputValue()).toBe('');
    await checkScreen(page, 'counter-login-enrol-wrong-code');

    await page.keyboard.type(await t.authenticator.code(admin.email));
    await page.keyboard.press('Enter');
    await page.getByTestId('staff-name').waitFor();
    expect(await meOf(page)).toMatchObject({ email: admin.email, secondFactorEnrolled: true });
    await page.close();
  });

  it('should ask an enrolled administrator for the code, refuse a used one in words, and let the next one in', async () => {
    const page = await openSignIn();
    expect(await typePassword(page, admin.email, STAFF_PASSWORD)).toBe('code');
    expect(await focusedAfterMove(page, 'login-code')).toBe('login-code');
    expect(await page.getByTestId('totp-secret').count()).toBe(0);
    await checkScreen(page, 'counter-login-code');

    // A code just used elsewhere (a sign-in through the API): its step is taken.
    await t.loginAs(admin.email, STAFF_PASSWORD);
    const [row] = await t.app.get(DataSource).query(`SELECT totp_last_step FROM staff_user WHERE id = $1`, [admin.id]);
    await page.keyboard.type(totpCode(t.authenticator.secretOf(admin.email), row.totp_last_step));
    await page.keyboard.press('Enter');
    expect(await errorText(page)).toContain(SECOND_FACTOR_MESSAGES.codeUsed.id);
    expect(await focusedAfterMove(page, 'login-code')).toBe('login-code');

    // Digits only: "123 456" as some apps show it is typed as six digits.
    const code = await t.authenticator.code(admin.email);
    await page.keyboard.type(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(await page.getByTestId('login-code').inputValue()).toBe(code);
    await page.keyboard.press('Enter');
    await page.getByTestId('staff-name').waitFor();
    expect((await meOf(page)).email).toBe(admin.email);
    await page.close();
  });

  it('should speak English on the code step, and go back to the password with the keyboard', async () => {
    const page = await openSignIn();
    await page.getByTestId('lang-en').click();
    expect(await typePassword(page, admin.email, STAFF_PASSWORD)).toBe('code');
    expect((await page.getByTestId('login-code-heading').textContent())?.trim()).toBe('Two-step verification');
    expect((await page.getByTestId('login-code-submit').textContent())?.trim()).toBe('Verify and sign in');
    await checkScreen(page, 'counter-login-code-en');
    await page.getByTestId('login-back').focus();
    await page.keyboard.press('Enter');
    expect(await focusedAfterMove(page, 'login-password')).toBe('login-password');
    expect(await page.getByTestId('login-email').inputValue()).toBe(admin.email);
    await page.getByTestId('lang-id').click();
    await page.close();
  });

  it('should sign an officer in with the password alone', async () => {
    const agencies = (await t.http().get('/api/v1/sites/kota-kupang/agencies').expect(200)).body as Array<{ id: string; code: string }>;
    const email = 'petugas.baru@mpp.test';
    await t.http().post('/api/v1/admin/users').auth(await t.adminToken(), { type: 'bearer' }).send({ email, fullName: 'Petugas Baru', password: STAFF_PASSWORD, role: 'officer', agencyId: agencies.find((a) => a.code === 'dukcapil')!.id }).expect(201);
    const page = await openSignIn();
    expect(await typePassword(page, email, STAFF_PASSWORD)).toBe('signed-in');
    expect((await meOf(page)).role).toBe('officer');
    await page.close();
  });
});
