import type { ApiError, BookingPolicy, ComplaintSettingsResponse, OnlineTicketPolicy, QueuePolicy } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createStaff, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

describe('The policies administration page (admin/kebijakan) in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;

  const signIn = (token: string) => signInCounterPage(page, base, token);
  const policyOf = async (site: string, token: string) =>
    (await t.http().get(`/api/v1/admin/sites/${site}/online-ticket-policy`).auth(token, { type: 'bearer' }).expect(200)).body as OnlineTicketPolicy;
  const fieldValues = async () => ({
    perServiceDaily: Number(await page.getByTestId('online-per-service').inputValue()),
    perDay: Number(await page.getByTestId('online-per-day').inputValue()),
  });

  const read = async <T>(path: string) =>
    (await t.http().get(`/api/v1/admin/sites/kota-kupang/${path}`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as T;
  const queueFields = async (): Promise<QueuePolicy> => ({
    mode: (await page.getByTestId('queue-mode').inputValue()) as QueuePolicy['mode'],
    interleaveEvery: Number(await page.getByTestId('queue-interleave-every').inputValue()),
    allowPick: await page.getByTestId('queue-allow-pick').isChecked(),
    maxRecalls: Number(await page.getByTestId('queue-max-recalls').inputValue()),
  });
  const bookingFields = async (): Promise<BookingPolicy> => ({
    checkInEarlyMinutes: Number(await page.getByTestId('booking-early').inputValue()),
    checkInLateMinutes: Number(await page.getByTestId('booking-late').inputValue()),
    latePolicy: (await page.getByTestId('booking-late-policy').inputValue()) as BookingPolicy['latePolicy'],
    weeklyLimitPerNik: Number(await page.getByTestId('booking-weekly-limit').inputValue()),
  });

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should show the MPP's daily caps for tickets from home as the API reads them", async () => {
    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/admin/kebijakan`);
    await page.getByTestId('online-policy-form').waitFor();
    expect(await fieldValues()).toEqual(await policyOf('kota-kupang', staff.kupangSiteAdmin));
    await checkScreen(page, 'admin-policies');
  });

  it('should save new caps by keyboard, for this MPP only, and show them after a reload', async () => {
    const before = await policyOf('kota-kupang', staff.kupangSiteAdmin);
    const probolinggoBefore = await policyOf('kota-probolinggo', staff.probolinggoSiteAdmin);
    const wanted = { perServiceDaily: before.perServiceDaily === 2 ? 3 : 2, perDay: before.perDay === 5 ? 6 : 5 };
    await page.getByTestId('online-per-service').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(wanted.perServiceDaily));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(wanted.perDay));
    await page.keyboard.press('Enter');
    await page
      .getByTestId('admin-announcement')
      .filter({ hasText: `Disimpan: ${wanted.perServiceDaily} tiket per layanan, ${wanted.perDay} tiket per hari untuk satu NIK.` })
      .waitFor();
    expect(await policyOf('kota-kupang', staff.kupangSiteAdmin)).toEqual(wanted);
    expect(await policyOf('kota-probolinggo', staff.probolinggoSiteAdmin)).toEqual(probolinggoBefore);

    await page.reload();
    await page.getByTestId('online-policy-form').waitFor();
    expect(await fieldValues()).toEqual(wanted);
  });

  it("should show the API's refusal of a cap out of range in its own words and keep the saved one", async () => {
    const saved = await policyOf('kota-kupang', staff.kupangSiteAdmin);
    const direct = await t
      .http()
      .put('/api/v1/admin/sites/kota-kupang/online-ticket-policy')
      .auth(staff.kupangSiteAdmin, { type: 'bearer' })
      .send({ perServiceDaily: saved.perServiceDaily, perDay: 21 })
      .expect(400);
    await page.getByTestId('online-per-day').fill('21');
    await page.getByTestId('online-policy-save').click();
    const alert = page.getByTestId('online-policy-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain((direct.body as ApiError).message.id);
    for (const field of (direct.body as ApiError).fields ?? []) expect(text).toContain(field.message.id);
    expect(await policyOf('kota-kupang', staff.kupangSiteAdmin)).toEqual(saved);
    await checkScreen(page, 'admin-policies-refused');
  });

  it('should show the calling order and the booking window as the API reads them, and save new ones', async () => {
    await page.goto(`${base}/counter/admin/kebijakan`);
    await page.getByTestId('queue-policy-form').waitFor();
    await page.getByTestId('booking-policy-form').waitFor();
    const queueBefore = await read<QueuePolicy>('queue-policy');
    const bookingBefore = await read<BookingPolicy>('booking-policy');
    expect(await queueFields()).toEqual(queueBefore);
    expect(await bookingFields()).toEqual(bookingBefore);

    // Every field changed from what is saved, so a field the form drops or mixes up shows.
    const queueWanted: QueuePolicy = {
      mode: queueBefore.mode === 'interleave' ? 'priority_first' : 'interleave',
      interleaveEvery: queueBefore.interleaveEvery === 4 ? 5 : 4,
      allowPick: !queueBefore.allowPick,
      maxRecalls: queueBefore.maxRecalls === 3 ? 2 : 3,
    };
    await page.getByTestId('queue-mode').selectOption(queueWanted.mode);
    await page.getByTestId('queue-interleave-every').fill(String(queueWanted.interleaveEvery));
    await page.getByTestId('queue-max-recalls').fill(String(queueWanted.maxRecalls));
    await page.getByTestId('queue-allow-pick').setChecked(queueWanted.allowPick);
    await page.getByTestId('queue-policy-save').click();
    const queueSaved =
      queueWanted.mode === 'interleave'
        ? `Disimpan: satu prioritas setelah ${queueWanted.interleaveEvery} antrean biasa, ${queueWanted.maxRecalls} kali panggilan ulang.`
        : `Disimpan: prioritas selalu lebih dulu, ${queueWanted.maxRecalls} kali panggilan ulang.`;
    await page.getByTestId('admin-announcement').filter({ hasText: queueSaved }).waitFor();
    expect(await read<QueuePolicy>('queue-policy')).toEqual(queueWanted);

    const bookingWanted: BookingPolicy = {
      checkInEarlyMinutes: bookingBefore.checkInEarlyMinutes === 45 ? 50 : 45,
      checkInLateMinutes: bookingBefore.checkInLateMinutes === 20 ? 25 : 20,
      latePolicy: bookingBefore.latePolicy === 'refuse' ? 'walk_in' : 'refuse',
      weeklyLimitPerNik: bookingBefore.weeklyLimitPerNik === 4 ? 5 : 4,
    };
    await page.getByTestId('booking-early').fill(String(bookingWanted.checkInEarlyMinutes));
    await page.getByTestId('booking-late').fill(String(bookingWanted.checkInLateMinutes));
    await page.getByTestId('booking-late-policy').selectOption(bookingWanted.latePolicy);
    await page.getByTestId('booking-weekly-limit').fill(String(bookingWanted.weeklyLimitPerNik));
    await page.getByTestId('booking-policy-save').click();
    await page
      .getByTestId('admin-announcement')
      .filter({ hasText: `${bookingWanted.weeklyLimitPerNik} pemesanan per NIK per minggu` })
      .waitFor();
    expect(await read<BookingPolicy>('booking-policy')).toEqual(bookingWanted);

    await page.reload();
    await page.getByTestId('booking-policy-form').waitFor();
    await page.getByTestId('queue-policy-form').waitFor();
    expect(await queueFields()).toEqual(queueWanted);
    expect(await bookingFields()).toEqual(bookingWanted);
    await checkScreen(page, 'admin-policies-queue-booking');
  });

  it("should show the API's refusal of a booking window out of range and keep the saved one", async () => {
    const saved = await read<BookingPolicy>('booking-policy');
    const direct = await t
      .http()
      .put('/api/v1/admin/sites/kota-kupang/booking-policy')
      .auth(staff.kupangSiteAdmin, { type: 'bearer' })
      .send({ ...saved, checkInLateMinutes: 241 })
      .expect(400);
    await page.getByTestId('booking-late').fill('241');
    await page.getByTestId('booking-policy-save').click();
    const alert = page.getByTestId('booking-policy-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain((direct.body as ApiError).message.id);
    expect(await read<BookingPolicy>('booking-policy')).toEqual(saved);
  });

  it('should show the complaint settings as the API holds them, save working days and the legal default back, and show a refusal in the API\'s words', async () => {
    await page.reload();
    await page.getByTestId('complaint-settings-form').waitFor();
    const fields = async () => ({
      firstResponseDays: await page.getByTestId('complaint-first-response').inputValue(),
      resolutionDays: await page.getByTestId('complaint-resolution').inputValue(),
      untouchedDays: Number(await page.getByTestId('complaint-untouched').inputValue()),
      reopenDays: Number(await page.getByTestId('complaint-reopen').inputValue()),
    });
    const shown = (s: ComplaintSettingsResponse) => ({ firstResponseDays: s.firstResponseDays === null ? '' : String(s.firstResponseDays), resolutionDays: s.resolutionDays === null ? '' : String(s.resolutionDays), untouchedDays: s.untouchedDays, reopenDays: s.reopenDays });
    const before = await read<ComplaintSettingsResponse>('complaint-settings');
    expect(await fields()).toEqual(shown(before));

    await page.getByTestId('complaint-first-response').fill('5');
    await page.getByTestId('complaint-resolution').fill('20');
    await page.getByTestId('complaint-untouched').fill('3');
    await page.getByTestId('complaint-settings-save').click();
    await page.getByTestId('admin-announcement').filter({ hasText: 'tanggapan 5 hari kerja, penyelesaian 20 hari kerja, tanda merah setelah 3 hari' }).waitFor();
    expect(await read<ComplaintSettingsResponse>('complaint-settings')).toMatchObject({ firstResponseDays: 5, resolutionDays: 20, untouchedDays: 3, reopenDays: before.reopenDays });

    // A first response longer than the resolution: the API's refusal, the saved settings kept.
    const saved = await read<ComplaintSettingsResponse>('complaint-settings');
    const direct = await t
      .http()
      .put('/api/v1/admin/sites/kota-kupang/complaint-settings')
      .auth(staff.kupangSiteAdmin, { type: 'bearer' })
      .send({ firstResponseDays: 30, resolutionDays: 20, untouchedDays: 3, reopenDays: saved.reopenDays })
      .expect(422);
    await page.getByTestId('complaint-first-response').fill('30');
    await page.getByTestId('complaint-settings-save').click();
    const alert = page.getByTestId('complaint-settings-error');
    await alert.waitFor();
    expect((await alert.textContent()) ?? '').toContain((direct.body as ApiError).message.id);
    expect(await read<ComplaintSettingsResponse>('complaint-settings')).toEqual(saved);

    // Emptied: the law's times again.
    await page.getByTestId('complaint-first-response').fill('');
    await page.getByTestId('complaint-resolution').fill('');
    await page.getByTestId('complaint-settings-save').click();
    await page.getByTestId('admin-announcement').filter({ hasText: 'menurut UU 25/2009' }).waitFor();
    expect(await read<ComplaintSettingsResponse>('complaint-settings')).toMatchObject({ firstResponseDays: null, resolutionDays: null, untouchedDays: 3 });
    await page.reload();
    await page.getByTestId('complaint-settings-form').waitFor();
    expect(await fields()).toEqual(shown(await read<ComplaintSettingsResponse>('complaint-settings')));
    await checkScreen(page, 'admin-policies-complaints');
  });
});
