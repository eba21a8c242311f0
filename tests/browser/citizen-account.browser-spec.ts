import type { BookingCreatedResponse, CitizenMeResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { readSignInCode, signInByCode } from '../../apps/api/test/support/citizen';
import { Hall, KUPANG_MONDAY_0900, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';

// The account's words as the portal is built from them; the dictionary's one import from @mpp/ui
// is the Angular-free helper (the rest of @mpp/ui is Angular, which Jest does not load).
jest.mock('@mpp/ui', () => jest.requireActual('../../libs/ui/src/i18n/dictionary'), { virtual: true });
type Words = Record<'id' | 'en', Record<string, string>>;
const words = jest.requireActual<{ ACCOUNT_DICTIONARY: Words }>('../../apps/portal/src/app/account/account.dictionary').ACCOUNT_DICTIONARY;

/**
 * The optional citizen account in the portal, on a phone's screen (390×844): signing in with a
 * code sent by SMS (the test reads it from the outbox, as the phone would receive it), a booking
 * made while signed in shown in "Riwayat saya", signing out; choosing how to be told, and adding
 * the email the same person signed in with elsewhere (the two accounts become one).
 */
describe('Citizen account in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000, appsDir: process.env.APPS_DIR ?? 'dist/apps' } });
    h = await setupHall(t);
    ({ browser, base } = await chromiumFor(t));
  }, 120_000);
  afterAll(() => closeAppAndChromium(browser, t));

  const phone = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();

  it('should sign in with a code sent to a mobile number, show the booking made while signed in in Riwayat saya, and sign out', async () => {
    const page = await phone();
    await page.goto(`${base}/akun/riwayat`);
    // Signed out, Riwayat saya sends the citizen to sign in.
    await page.waitForURL(/\/akun\/masuk$/);
    await page.getByTestId('sign-in-recipient').waitFor();
    await checkScreen(page, 'citizen-sign-in');

    await page.getByTestId('sign-in-recipient').fill('0812-3999-4410');
    await page.getByTestId('sign-in-send').click();
    await page.getByTestId('sign-in-sent').waitFor();
    expect(await page.getByTestId('sign-in-sent').textContent()).toContain('+62 812');
    await checkScreen(page, 'citizen-sign-in-code');
    const code = await readSignInCode(t.app, '+6281239994410');
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('sign-in-code').fill(code!);
    await page.getByTestId('sign-in-verify').click();

    await page.waitForURL(/\/akun\/riwayat$/);
    await page.getByTestId('history-empty').waitFor();
    expect(await page.getByTestId('history-who').textContent()).toContain('+62 812');
    // The session cookie is httpOnly: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('mpp_citizen');

    // A booking made from this browser (as the booking form sends it) is kept in the account.
    const booked = await page.evaluate(async (serviceId) => {
      const res = await fetch('/api/v1/bookings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId, date: '2026-11-24', start: '10:00', nik: '5371010101900401', fullName: 'Maria Goreti Lada', phone: '0812-3999-4410' }),
      });
      return (await res.json()) as BookingCreatedResponse;
    }, h.services.akta);
    await page.reload();
    await page.getByTestId('history-item').first().waitFor();
    const items = page.getByTestId('history-item');
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain(`${booked.code.slice(0, 4)}-${booked.code.slice(4)}`);
    expect(await items.first().textContent()).toContain('Aktif');
    await checkScreen(page, 'citizen-history');

    await page.getByTestId('history-booking-link').click();
    await page.waitForURL(new RegExp(`/pemesanan/${booked.code}$`));
    await page.goBack();
    await page.getByTestId('history-sign-out').click();
    await page.waitForURL(/\/akun\/masuk$/);
    await page.goto(`${base}/akun/riwayat`);
    await page.waitForURL(/\/akun\/masuk$/);
  }, 180_000);

  it('should keep the notifyBy chosen on Riwayat saya, and join the account of an email signed in elsewhere when its code is entered, in Indonesian and English', async () => {
    const db = t.app.get(DataSource);
    // The same person signed in with an email on another device and booked from there.
    const emailCookie = await signInByCode(t, 'Maria.Lada@Example.go.id', 'maria.lada@example.go.id', '10.7.0.1');
    const elsewhere = (
      await t
        .http()
        .post('/api/v1/bookings')
        .set('Cookie', emailCookie)
        .send({ serviceId: h.services.akta, date: '2026-11-24', start: '11:00', nik: '5371010101900402', fullName: 'Maria Goreti Lada', phone: '0812-3999-4420' })
        .expect(201)
    ).body as BookingCreatedResponse;

    const page = await phone();
    await page.goto(`${base}/akun/masuk`);
    await page.getByTestId('sign-in-recipient').fill('0812-3999-4420');
    await page.getByTestId('sign-in-send').click();
    await page.getByTestId('sign-in-sent').waitFor();
    await page.getByTestId('sign-in-code').fill((await readSignInCode(t.app, '+6281239994420'))!);
    await page.getByTestId('sign-in-verify').click();
    await page.waitForURL(/\/akun\/riwayat$/);
    await page.getByTestId('history-empty').waitFor();

    // Email cannot be chosen before an address is proved; WhatsApp is kept.
    expect(await page.getByTestId('settings-notify-email').locator('input').isDisabled()).toBe(true);
    await page.getByTestId('settings-notify-whatsapp').locator('input').check();
    await page.getByTestId('settings-save').click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="settings-saved"]')?.textContent?.trim() === text, words.id['account.settings.saved']);
    await checkScreen(page, 'citizen-settings');
    const me = async () => (await page.evaluate(async () => (await (await fetch('/api/v1/citizen/me')).json()) as unknown)) as CitizenMeResponse;
    expect((await me()).preferences).toEqual({ notifyBy: 'whatsapp', language: 'id' });

    // The other contact, proved by the code sent to it: the email's account joins this one. (Its
    // sign-in code was asked a moment ago: moved back past the one-a-minute limit.)
    await db.query(`UPDATE citizen_otp SET created_at = created_at - interval '2 minutes'`);
    await page.getByTestId('contact-recipient').fill('maria.lada@example.go.id');
    await page.getByTestId('contact-send').click();
    await page.getByTestId('contact-sent').waitFor();
    await page.getByTestId('contact-code').fill((await readSignInCode(t.app, 'maria.lada@example.go.id'))!);
    await page.getByTestId('contact-verify').click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="contact-added"]')?.textContent?.trim() === text, words.id['account.contact.merged']);
    await page.getByTestId('history-item').first().waitFor();
    expect(await page.getByTestId('history-item').first().textContent()).toContain(`${elsewhere.code.slice(0, 4)}-${elsewhere.code.slice(4)}`);
    expect(await page.getByTestId('history-who').textContent()).toContain('m***@example.go.id');
    expect(await page.getByTestId('settings-notify-email').locator('input').isDisabled()).toBe(false);
    await checkScreen(page, 'citizen-contact-merged');
    // The other device's session now opens the joined account; the email's own citizen is gone.
    const pageCookie = (await page.context().cookies()).find((c) => c.name === 'mpp_citizen')!;
    const sessions: { citizen_id: string }[] = await db.query(
      `SELECT DISTINCT citizen_id FROM citizen_session WHERE token_hash IN (encode(sha256($1::bytea), 'hex'), encode(sha256($2::bytea), 'hex'))`,
      [pageCookie.value, emailCookie.split('=')[1]],
    );
    expect(sessions).toHaveLength(1);
    const left = await t.http().get('/api/v1/citizen/me').set('Cookie', emailCookie).expect(200);
    expect((left.body as CitizenMeResponse).identities.map((i) => i.kind).sort()).toEqual(['email', 'phone']);

    // In English: the same section in English words, and the choice saved with the page's language.
    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect((await page.locator('#settings-notify-heading').textContent())?.trim()).toBe(words.en['account.settings.notifyHeading']);
    await page.getByTestId('settings-notify-email').locator('input').check();
    await page.getByTestId('settings-save').click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="settings-saved"]')?.textContent?.trim() === text, words.en['account.settings.saved']);
    expect((await me()).preferences).toEqual({ notifyBy: 'email', language: 'en' });
    await checkScreen(page, 'citizen-settings-en');
  }, 240_000);
});
