import type { BookingCreatedResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { readSignInCode } from '../../apps/api/test/support/citizen';
import { Hall, KUPANG_MONDAY_0900, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';

/**
 * The optional citizen account in the portal, on a phone's screen (390×844): signing in with a
 * code sent by SMS (the test reads it from the outbox, as the phone would receive it), a booking
 * made while signed in shown in "Riwayat saya", signing out.
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
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

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
  });
});
