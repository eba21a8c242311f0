import type { BookingCreatedResponse, BookingPublicResponse } from '@mpp/contracts';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { Hall, KUPANG_MONDAY_0900, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `5371010101900${String(serial).padStart(3, '0')}`;

describe("The booking's page in Chromium", () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    ({ browser, base } = await chromiumFor(t));
  }, 120_000);
  afterAll(() => closeAppAndChromium(browser, t));

  const newBooking = async (serial: number, fullName: string, start: string): Promise<BookingCreatedResponse> =>
    (await t.http().post('/api/v1/bookings').send({ serviceId: h.services.akta, date: '2026-11-24', start, nik: nikFor(serial), fullName, phone: '0812-3456-7890' }).expect(201))
      .body as BookingCreatedResponse;
  const publicView = async (code: string) => (await t.http().get(`/api/v1/bookings/${code}`).expect(200)).body as BookingPublicResponse;
  const phone = async (): Promise<Page> => browser.newPage({ viewport: { width: 390, height: 844 } });
  /** The link as sent, on this test's server (the path and the fragment are what matter). */
  const onThisServer = (link: string) => {
    const url = new URL(link);
    return `${base}${url.pathname}${url.hash}`;
  };

  it("should open the link of a real booking, show it with the citizen's name and cancel it after confirming", async () => {
    const booking = await newBooking(201, 'Maria Goreti Lada', '10:00');
    expect(booking.manageUrl).toContain(`/pemesanan/${booking.code}#k=`);
    const page = await phone();
    await page.goto(onThisServer(booking.manageUrl));

    await page.getByTestId('booking-name').filter({ hasText: 'Maria Goreti Lada' }).waitFor();
    expect(await page.getByTestId('booking-code').textContent()).toContain(`${booking.code.slice(0, 4)}-${booking.code.slice(4)}`);
    expect(await page.getByTestId('booking-status').textContent()).toContain('Aktif');
    expect(await page.getByTestId('booking-date').textContent()).toContain('Selasa, 24 November 2026');
    expect(await page.getByTestId('booking-time').textContent()).toContain('10.00–10.30 WITA');
    expect(await page.getByTestId('booking-nik').textContent()).toContain('5371********0201');
    await checkScreen(page, 'booking-page-owner');
    // The PDF needs the token too: the page fetches it with the proof and hands it to the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('booking-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`pemesanan-${booking.code.slice(0, 4)}-${booking.code.slice(4)}.pdf`);
    expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByTestId('booking-cancel').click();
    await page.getByTestId('booking-cancel-confirm-step').waitFor();
    // Asking is not cancelling.
    expect((await publicView(booking.code)).status).toBe('active');
    await checkScreen(page, 'booking-page-cancel-confirm');
    await page.getByTestId('booking-cancel-confirm').click();
    await page.getByTestId('booking-status').filter({ hasText: 'Dibatalkan' }).waitFor({ timeout: 3000 });
    expect((await publicView(booking.code)).status).toBe('cancelled');
    expect(await page.getByTestId('booking-cancel').count()).toBe(0);
    await checkScreen(page, 'booking-page-cancelled');
    await page.close();
  });

  it('should show only where and when for the code without the token, and offer no cancelling', async () => {
    const booking = await newBooking(202, 'Yohanes Bria Seran', '10:30');
    const page = await phone();
    await page.goto(`${base}/pemesanan/${booking.code}`);
    await page.getByTestId('booking-needs-link').waitFor();
    expect(await page.getByTestId('booking-service').isVisible()).toBe(true);
    const text = (await page.locator('body').textContent()) ?? '';
    for (const part of ['Yohanes', 'Bria', 'Seran', '0202', '7890']) expect(text).not.toContain(part);
    expect(await page.getByTestId('booking-cancel').count()).toBe(0);
    await checkScreen(page, 'booking-page-public');
    // In English, every word and the time as English writes it.
    await page.getByTestId('lang-en').click();
    await page.getByTestId('booking-status').filter({ hasText: 'Active' }).waitFor();
    expect(await page.getByTestId('booking-date').textContent()).toContain('Tuesday, 24 November 2026');
    expect(await page.getByTestId('booking-time').textContent()).toContain('10:30–11:00 WITA');
    expect(await page.getByTestId('booking-needs-link').textContent()).toContain('open the link in the confirmation SMS or email');
    await page.close();
  });

  it('should ask for the full NIK for a booking made before manage tokens, then let the citizen cancel', async () => {
    const booking = await newBooking(203, 'Agustina Nule', '11:00');
    await t.app.get(DataSource).query(`UPDATE booking SET manage_token_hash = NULL WHERE code = $1`, [booking.code]);
    const page = await phone();
    await page.goto(`${base}/pemesanan/${booking.code}`);
    await page.getByTestId('booking-nik-form').waitFor();
    await checkScreen(page, 'booking-page-nik');

    await page.getByTestId('booking-nik-input').fill('5371010101900999');
    await page.getByTestId('booking-nik-submit').click();
    await page.getByTestId('booking-proof-error').waitFor();
    expect(await page.getByTestId('booking-name').count()).toBe(0);

    await page.getByTestId('booking-nik-input').fill(`${nikFor(203).slice(0, 4)} ${nikFor(203).slice(4)}`);
    await page.getByTestId('booking-nik-submit').click();
    await page.getByTestId('booking-name').filter({ hasText: 'Agustina Nule' }).waitFor();
    await page.getByTestId('booking-cancel').click();
    await page.getByTestId('booking-cancel-confirm').click();
    await page.getByTestId('booking-status').filter({ hasText: 'Dibatalkan' }).waitFor({ timeout: 3000 });
    expect((await publicView(booking.code)).status).toBe('cancelled');
    await page.close();
  });

  it('should say so in words when the code is not a booking', async () => {
    const page = await phone();
    await page.goto(`${base}/pemesanan/ZZZZZZZZ`);
    await page.getByTestId('booking-not-found').waitFor();
    expect(await page.getByTestId('booking-not-found').textContent()).toContain('Pemesanan tidak ditemukan');
    await page.close();
  });
});
