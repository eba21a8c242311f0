import type { BookingCreatedResponse, BookingPublicResponse, BookingResponse, CitizenMeResponse, CounterResponse, ServiceResponse } from '@mpp/contracts';
import { NIK_MESSAGES, PHONE_MESSAGES, normalizeIndonesianMobile, parseNik } from '@mpp/domain';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { PiiCipher } from '../../apps/api/src/common/pii-cipher';
import { NotificationRecipients } from '../../apps/api/src/notifications/notification-recipients';
import { readSignInCode } from '../../apps/api/test/support/citizen';
import { Hall, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { STAFF_PASSWORD } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';
import { signInCitizen } from './support/citizen-sign-in';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `5371010101900${String(serial).padStart(3, '0')}`;

/**
 * Issue 13, journey points 2 and 3, on a phone: from the service page, book a visit (date strip
 * with a closed day and its reason, slots with seats left, the form checked by libs/domain's
 * rules, the requirements as a checklist), the confirmation (QR, PDF, .ics, manage link), then
 * the booking's page: reschedule with the same slot picker, and cancel. A signed-in citizen finds
 * the form filled in from the account, still editable.
 */
describe('Booking a visit from the portal in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  // Monday 23 November 2026, 09:00 WITA in Kupang.
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.akta, null);
    ({ browser, base } = await chromiumFor(t));
  }, 120_000);
  afterAll(() => closeAppAndChromium(browser, t));

  const phone = async (): Promise<Page> => browser.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const publicView = async (code: string) => (await t.http().get(`/api/v1/bookings/${code}`).expect(200)).body as BookingPublicResponse;
  const downloadOf = async (page: Page, testId: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return { name: download.suggestedFilename(), body: await readFile((await download.path())!) };
  };

  it('should book from the service page, confirm with the QR, the PDF and the .ics, then reschedule and cancel on the booking page', async () => {
    const service = (await t.http().get(`/api/v1/services/${h.services.akta}`).expect(200)).body as ServiceResponse;
    const page = await phone();
    await page.goto(`${base}/layanan/${h.services.akta}`);
    await page.getByTestId('service-book').click();
    await page.getByTestId('date-strip').waitFor();
    expect(page.url()).toBe(`${base}/pemesanan/baru/${h.services.akta}`);
    // Signed out: nothing is filled in.
    for (const field of ['nik', 'name', 'phone', 'email']) expect(await page.getByTestId(`booking-${field}`).inputValue()).toBe('');

    // Sunday: closed, and says why.
    await page.getByTestId('day-2026-11-29').click();
    const reason = page.getByTestId('day-closed-reason');
    await reason.waitFor();
    expect((await reason.textContent())?.trim()).toBeTruthy();
    expect(await page.getByTestId('day-2026-11-29').textContent()).toContain('Tutup');
    await checkScreen(page, 'booking-flow-closed-day');

    // Tuesday, 10:00 WITA: the slot shows its seats left.
    await page.getByTestId('day-2026-11-24').click();
    await page.getByTestId('slot-10:00').waitFor();
    expect(await page.getByTestId('slot-10:00').textContent()).toContain(`sisa ${service.booking.slotCapacity} kursi`);
    await page.getByTestId('slot-10:00').click();
    // The summary is rendered after the click's change detection, not during the click.
    await page.getByTestId('slot-summary').filter({ hasText: 'Selasa, 24 November 2026, pukul 10.00 WITA' }).waitFor({ timeout: 10_000 });

    // The browser checks the fields by the same rules and words as the API (libs/domain).
    const badNik = '1234';
    await page.getByTestId('booking-nik').fill(badNik);
    await page.getByTestId('booking-name').focus();
    const nikCheck = parseNik(badNik);
    expect(nikCheck.valid).toBe(false);
    expect((await page.getByTestId('booking-nik-error').textContent())?.trim()).toBe(NIK_MESSAGES[(nikCheck as { reason: keyof typeof NIK_MESSAGES }).reason].id);
    const badPhone = '0211234';
    await page.getByTestId('booking-phone').fill(badPhone);
    await page.getByTestId('booking-email').focus();
    const phoneCheck = normalizeIndonesianMobile(badPhone);
    expect(phoneCheck.valid).toBe(false);
    expect((await page.getByTestId('booking-phone-error').textContent())?.trim()).toBe(PHONE_MESSAGES[(phoneCheck as { reason: keyof typeof PHONE_MESSAGES }).reason].id);
    await checkScreen(page, 'booking-flow-field-errors');

    await page.getByTestId('booking-nik').fill(nikFor(301));
    await page.getByTestId('booking-name').fill('Maria Goreti Lada');
    await page.getByTestId('booking-phone').fill('0812-3456-7890');
    await page.getByTestId('priority-disability').click();
    await page.getByTestId('need-wheelchair').click();
    await page.getByTestId('need-sign_language').click();
    // "Beri tahu saya lewat": SMS by default; email only once an address is filled in.
    expect(await page.getByTestId('notify-sms').locator('input').isChecked()).toBe(true);
    expect(await page.getByTestId('notify-email').locator('input').isDisabled()).toBe(true);
    await page.getByTestId('notify-whatsapp').click();
    expect(await page.getByTestId('booking-nik-error').count()).toBe(0);
    expect(await page.getByTestId('booking-phone-error').count()).toBe(0);
    const bring = page.getByTestId('booking-bring').locator('input[type="checkbox"]');
    expect(await bring.count()).toBe(service.requirements.length);
    await bring.first().check();
    await checkScreen(page, 'booking-flow-form');

    await page.getByTestId('booking-submit').click();
    await page.getByTestId('done-heading').waitFor({ timeout: 10_000 });
    const url = new URL(page.url());
    const code = url.pathname.split('/')[2];
    expect(url.pathname).toBe(`/pemesanan/${code}/berhasil`);
    expect(url.hash).toMatch(/^#k=[A-Za-z0-9_-]{20,}$/);
    expect(await page.getByTestId('done-code').textContent()).toContain(`${code.slice(0, 4)}-${code.slice(4)}`);
    expect(await page.getByTestId('done-time').textContent()).toContain('10.00–10.30 WITA');
    expect(await page.getByTestId('done-needs').textContent()).toContain('Kursi roda');
    expect(await page.getByTestId('done-needs').textContent()).toContain('Juru bahasa isyarat');
    const qr = page.getByTestId('done-qr');
    await qr.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="done-qr"]') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    expect(await qr.isVisible()).toBe(true);
    await checkScreen(page, 'booking-flow-confirmation');
    const stored = await publicView(code);
    expect(stored).toMatchObject({ status: 'active', date: '2026-11-24', start: '10:00' });
    // The choice is kept for the number (by its keyed hash), in the page's language.
    const recipients = t.app.get(NotificationRecipients);
    expect(await recipients.preferenceOf(recipients.hashOf({ kind: 'phone', phone: '081234567890' }))).toMatchObject({ channel: 'whatsapp', language: 'id' });

    const pdf = await downloadOf(page, 'done-pdf');
    expect(pdf.name).toBe(`pemesanan-${code.slice(0, 4)}-${code.slice(4)}.pdf`);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const ics = await downloadOf(page, 'done-ics');
    expect(ics.name).toBe(`pemesanan-${code.slice(0, 4)}-${code.slice(4)}.ics`);
    const calendar = ics.body.toString('utf8');
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar).toContain('DTSTART:20261124T020000Z');
    for (const secret of ['Maria', 'Lada', nikFor(301), '7890', url.hash.slice(3)]) expect(calendar).not.toContain(secret);

    // The manage link: the booking's page, proved by the token of the fragment.
    await page.getByTestId('done-manage').click();
    await page.getByTestId('booking-name').filter({ hasText: 'Maria Goreti Lada' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/pemesanan/${code}`);
    expect(await page.getByTestId('booking-needs').textContent()).toContain('Kursi roda');
    await page.getByTestId('booking-qr').waitFor();

    // Reschedule with the same slot picker.
    await page.getByTestId('booking-reschedule').click();
    await page.getByTestId('booking-reschedule-step').waitFor();
    await page.getByTestId('booking-reschedule-step').getByTestId('date-strip').waitFor();
    await page.getByTestId('day-2026-11-25').click();
    await page.getByTestId('slot-14:00').click();
    await checkScreen(page, 'booking-flow-reschedule');
    await page.getByTestId('booking-reschedule-confirm').click();
    await page.getByTestId('booking-rescheduled').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('booking-date').textContent()).toContain('Rabu, 25 November 2026');
    expect(await page.getByTestId('booking-time').textContent()).toContain('14.00–14.30 WITA');
    expect(await publicView(code)).toMatchObject({ status: 'active', date: '2026-11-25', start: '14:00' });
    await checkScreen(page, 'booking-flow-rescheduled');

    // Cancel, after the second "Ya, batalkan".
    await page.getByTestId('booking-cancel').click();
    await page.getByTestId('booking-cancel-confirm').click();
    await page.getByTestId('booking-status').filter({ hasText: 'Dibatalkan' }).waitFor({ timeout: 5000 });
    expect((await publicView(code)).status).toBe('cancelled');
    await checkScreen(page, 'booking-flow-cancelled');
    await page.close();
  }, 180_000);

  it("should fill in the form from the signed-in citizen's account, still editable, and book with what the citizen leaves there", async () => {
    const page = await phone();
    await page.goto(`${base}/`);
    const me = await signInCitizen(page, 'Maria.Lada@Contoh.id', () => readSignInCode(t.app, 'maria.lada@contoh.id'));
    const prefill: Partial<Record<'nik' | 'fullName' | 'phone' | 'email', string | null>> = me.prefill;
    expect(prefill.email).toBe('maria.lada@contoh.id');
    // The account's "Beri tahu saya lewat", chosen as on the account page: email (its address is verified).
    const saved = await page.evaluate(async () => {
      const res = await fetch('/api/v1/citizen/preferences', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notifyBy: 'email' }) });
      return (await res.json()) as CitizenMeResponse;
    });
    const accountChoice = saved.preferences.notifyBy;
    expect(accountChoice).toBe('email');

    await page.goto(`${base}/pemesanan/baru/${h.services.akta}`);
    await page.getByTestId('booking-prefilled').waitFor({ timeout: 10_000 });
    // The form starts from the account's choice (email: the address was filled in from the account).
    await page.getByTestId(`notify-${accountChoice}`).locator('input:checked').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('notify-sms').locator('input').isChecked()).toBe(false);
    // Still the citizen's to change.
    await page.getByTestId('notify-whatsapp').click();
    expect(await page.getByTestId('notify-whatsapp').locator('input').isChecked()).toBe(true);
    expect(await page.getByTestId(`notify-${accountChoice}`).locator('input').isChecked()).toBe(false);
    const byTestId = { nik: 'booking-nik', fullName: 'booking-name', phone: 'booking-phone', email: 'booking-email' } as const;
    for (const [field, testId] of Object.entries(byTestId) as [keyof typeof byTestId, string][]) {
      expect(await page.getByTestId(testId).inputValue()).toBe(prefill[field] ?? '');
    }
    // A filled-in email address offers the email channel at once.
    expect(await page.getByTestId('notify-email').locator('input').isDisabled()).toBe(false);
    await checkScreen(page, 'booking-flow-prefilled');

    // Still editable: the citizen changes the address, and what was typed is what is sent.
    await page.getByTestId('booking-email').fill('maria.goreti@contoh.id');
    await page.getByTestId('notify-email').click();
    await page.getByTestId('day-2026-11-25').click();
    await page.getByTestId('slot-09:00').click();
    if (!prefill.nik) await page.getByTestId('booking-nik').fill(nikFor(360));
    if (!prefill.fullName) await page.getByTestId('booking-name').fill('Maria Goreti Lada');
    if (!prefill.phone) await page.getByTestId('booking-phone').fill('0812-3999-4410');
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('done-heading').waitFor({ timeout: 10_000 });
    const code = new URL(page.url()).pathname.split('/')[2];
    const token = new URL(page.url()).hash.slice(3);
    const details = (await t.http().post(`/api/v1/bookings/${code}/details`).send({ token }).expect(200)).body as BookingResponse;
    expect(details).toMatchObject({ date: '2026-11-25', start: '09:00', fullName: prefill.fullName ?? 'Maria Goreti Lada' });
    const [row] = (await t.app.get(DataSource).query(`SELECT email_cipher FROM booking WHERE code = $1`, [code])) as { email_cipher: string | null }[];
    expect(row.email_cipher).not.toBeNull();
    expect(t.app.get(PiiCipher).decrypt(row.email_cipher!)).toBe('maria.goreti@contoh.id');
    await page.close();
  }, 120_000);

  it('should show a full slot as full and not let it be chosen', async () => {
    const service = (await t.http().get(`/api/v1/services/${h.services.akta}`).expect(200)).body as ServiceResponse;
    for (let i = 0; i < service.booking.slotCapacity; i++) {
      await t
        .http()
        .post('/api/v1/bookings')
        .send({ serviceId: h.services.akta, date: '2026-11-26', start: '11:00', nik: nikFor(320 + i), fullName: 'Yohanes Bria', phone: '0812-3456-7890' })
        .expect(201);
    }
    const page = await phone();
    await page.goto(`${base}/pemesanan/baru/${h.services.akta}`);
    await page.getByTestId('day-2026-11-26').click();
    const full = page.getByTestId('slot-11:00');
    await full.waitFor();
    expect(await full.textContent()).toContain('Penuh');
    expect(await full.locator('input').isDisabled()).toBe(true);
    // Booking without a slot says so, and nothing is sent.
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('slot-missing').waitFor();
    await page.close();
  }, 60_000);

  it("should show the booking's needs to the officer who calls its ticket, beside the number", async () => {
    const booking = (
      await t
        .http()
        .post('/api/v1/bookings')
        .send({ serviceId: h.services.akta, date: '2026-11-27', start: '10:00', nik: nikFor(340), fullName: 'Agustina Nule', phone: '0812-3456-7890', priorityGroup: 'elderly', needs: ['wheelchair', 'sign_language'] })
        .expect(201)
    ).body as BookingCreatedResponse;
    const officer = { email: `petugas.akta-${randomUUID().slice(0, 6)}@mpp.test`, fullName: 'Petugas Akta' };
    await t.http().post('/api/v1/admin/users').auth(h.system, { type: 'bearer' }).send({ ...officer, password: STAFF_PASSWORD, role: 'officer', agencyId: h.dukcapil.id }).expect(201);
    const counter = (
      await t
        .http()
        .post('/api/v1/admin/sites/kota-kupang/counters')
        .auth(h.kupangSiteAdmin, { type: 'bearer' })
        .send({ number: 41, name: `Loket 41 – ${h.dukcapil.shortName}`, serviceIds: [h.services.akta] })
        .expect(201)
    ).body as CounterResponse;
    clock.set('2026-11-27T01:50:00Z'); // Friday 09:50 WITA: inside the check-in window of 10:00
    try {
      await t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code: booking.code }).expect(200);
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(`${base}/counter/`);
      await page.getByTestId('login-email').fill(officer.email);
      await page.getByTestId('login-password').fill(STAFF_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.locator(`[data-testid="counter-option"][data-counter-id="${counter.id}"]`).click();
      await page.getByTestId('console-counter-name').filter({ hasText: counter.name }).waitFor();
      await page.keyboard.press('n');

      const needs = page.getByTestId('console-current-needs');
      await needs.waitFor({ timeout: 5000 });
      expect(await needs.textContent()).toContain('Kursi roda');
      expect(await needs.textContent()).toContain('Juru bahasa isyarat');
      expect(await page.getByTestId('console-current-priority').textContent()).toContain('Lanjut usia');
      expect(await page.getByTestId('booking-needs').textContent()).toContain('Kursi roda');
      await checkScreen(page, 'booking-flow-counter-needs');
      await page.close();
    } finally {
      clock.set(KUPANG_MONDAY_0900);
    }
  }, 120_000);
});
