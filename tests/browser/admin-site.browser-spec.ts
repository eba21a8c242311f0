import { SITE_FACILITIES, type ApiError, type OpeningHours, type SiteResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createStaff, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

describe('The site administration page (admin/situs) in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  let closureDate: string;

  const signIn = (token: string) => signInCounterPage(page, base, token);
  const siteOf = async (code: string) => (await t.http().get(`/api/v1/sites/${code}`).expect(200)).body as SiteResponse;
  const shownDates = () => page.getByTestId('closure-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-date')));
  const announced = (text: string) => page.getByTestId('admin-announcement').filter({ hasText: text }).waitFor();

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    const kupang = await siteOf('kota-kupang');
    // Ten days from now at the MPP, a day no seeded closure uses.
    let day = Date.now() + 10 * 86_400_000;
    const local = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: kupang.timeZone }).format(new Date(ms));
    while (kupang.upcomingClosures.some((c) => c.date === local(day))) day += 86_400_000;
    closureDate = local(day);
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should show the MPP's name, address, cuti bersama choice and upcoming closures as the API reads them", async () => {
    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/admin/situs`);
    await page.getByTestId('site-form').waitFor();
    const site = await siteOf('kota-kupang');
    expect(await page.getByTestId('site-name').inputValue()).toBe(site.name);
    expect(await page.getByTestId('site-address').inputValue()).toBe(site.address);
    expect(await page.getByTestId('site-cuti-bersama').isChecked()).toBe(site.closesOnCutiBersama);
    expect(await page.getByTestId('site-zone').inputValue()).toBe(site.timeZone);
    expect(await shownDates()).toEqual(site.upcomingClosures.map((c) => c.date));
    await checkScreen(page, 'admin-site');
  });

  it('should save a new address and the cuti bersama choice by keyboard, for this MPP only', async () => {
    const before = await siteOf('kota-kupang');
    const probolinggo = await siteOf('kota-probolinggo');
    const address = `${before.address} (pintu timur)`;
    await page.getByTestId('site-address').fill(address);
    await page.getByTestId('site-cuti-bersama').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('site-save').focus();
    await page.keyboard.press('Enter');
    await announced(`Data ${before.name} disimpan.`);
    const after = await siteOf('kota-kupang');
    expect(after.address).toBe(address);
    expect(after.closesOnCutiBersama).toBe(!before.closesOnCutiBersama);
    expect(after.name).toBe(before.name);
    expect((await siteOf('kota-probolinggo')).address).toBe(probolinggo.address);
  });

  it('should add a local closure day and remove it again', async () => {
    await page.getByTestId('closure-date').fill(closureDate);
    await page.getByTestId('closure-name').fill('Rapat kerja tahunan');
    await page.getByTestId('closure-add').click();
    const row = page.locator(`[data-testid="closure-row"][data-date="${closureDate}"]`);
    await row.waitFor();
    const added = (await siteOf('kota-kupang')).upcomingClosures.find((c) => c.date === closureDate)!;
    expect(added).toMatchObject({ name: 'Rapat kerja tahunan', kind: 'local_closure' });
    expect(await shownDates()).toEqual((await siteOf('kota-kupang')).upcomingClosures.map((c) => c.date));
    await page.getByTestId('admin-announcement').filter({ hasText: 'Rapat kerja tahunan' }).waitFor();
    await checkScreen(page, 'admin-site-closure');

    await row.getByTestId('closure-remove').click();
    await row.waitFor({ state: 'detached' });
    expect((await siteOf('kota-kupang')).upcomingClosures.some((c) => c.date === closureDate)).toBe(false);
  });

  it("should show the API's refusal of a closure in its own words", async () => {
    const body = { date: closureDate, name: 'ab' };
    const direct = (await t.http().post('/api/v1/admin/sites/kota-kupang/closures').auth(staff.kupangSiteAdmin, { type: 'bearer' }).send(body).expect(400)).body as ApiError;
    await page.getByTestId('closure-date').fill(body.date);
    await page.getByTestId('closure-name').fill(body.name);
    await page.getByTestId('closure-add').click();
    const alert = page.getByTestId('closure-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain(direct.message.id);
    for (const field of direct.fields ?? []) expect(text).toContain(field.message.id);
    expect((await siteOf('kota-kupang')).upcomingClosures.some((c) => c.date === closureDate)).toBe(false);
  });

  /** The week as the form shows it, in the API's shape (closed days left out). */
  const shownWeek = async (): Promise<OpeningHours[]> => {
    const week: OpeningHours[] = [];
    for (const day of await page.getByTestId('hours-day').all()) {
      if (!(await day.getByTestId('hours-open').isChecked())) continue;
      const breaks = [];
      for (const pause of await day.getByTestId('hours-break').all()) {
        breaks.push({ start: await pause.getByTestId('hours-break-start').inputValue(), end: await pause.getByTestId('hours-break-end').inputValue() });
      }
      week.push({
        weekday: Number(await day.getAttribute('data-weekday')) as OpeningHours['weekday'],
        open: await day.getByTestId('hours-opens').inputValue(),
        close: await day.getByTestId('hours-closes').inputValue(),
        breaks,
      });
    }
    return week;
  };
  const byWeekday = (hours: OpeningHours[]) => [...hours].sort((a, b) => a.weekday - b.weekday);
  const shownFacilities = () =>
    page.locator('[data-testid="facility"]:checked').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-facility')));
  const plusMinutes = (time: string, minutes: number) => {
    const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + minutes;
    return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  };

  it('should show the weekly hours with breaks and the facilities as the API reads them, and save changes', async () => {
    await page.goto(`${base}/counter/admin/situs`);
    await page.getByTestId('hours-form').waitFor();
    const before = await siteOf('kota-kupang');
    expect(await shownWeek()).toEqual(byWeekday(before.openingHours));
    expect(await shownFacilities()).toEqual(SITE_FACILITIES.filter((f) => before.facilities.includes(f)));

    // Monday gets a short break half an hour after opening; Sunday flips open or closed; one facility flips.
    const monday = before.openingHours.find((h) => h.weekday === 1)!;
    const added = { start: plusMinutes(monday.open, 30), end: plusMinutes(monday.open, 45) };
    const mondayBox = page.locator('[data-testid="hours-day"][data-weekday="1"]');
    await mondayBox.getByTestId('hours-break-add').click();
    await mondayBox.getByTestId('hours-break-start').last().fill(added.start);
    await mondayBox.getByTestId('hours-break-end').last().fill(added.end);
    const sundayOpen = before.openingHours.some((h) => h.weekday === 7);
    const sundayBox = page.locator('[data-testid="hours-day"][data-weekday="7"]');
    await sundayBox.getByTestId('hours-open').setChecked(!sundayOpen);
    if (!sundayOpen) {
      await sundayBox.getByTestId('hours-opens').fill('08:00');
      await sundayBox.getByTestId('hours-closes').fill('12:00');
    }
    const flipped = SITE_FACILITIES[0];
    await page.locator(`[data-testid="facility"][data-facility="${flipped}"]`).setChecked(!before.facilities.includes(flipped));
    await page.getByTestId('hours-save').click();

    const wantedWeek = byWeekday([
      ...before.openingHours.filter((h) => h.weekday !== 1 && h.weekday !== 7),
      { ...monday, breaks: [...monday.breaks, added] },
      ...(sundayOpen ? [] : [{ weekday: 7 as const, open: '08:00', close: '12:00', breaks: [] }]),
    ]);
    const wantedFacilities = SITE_FACILITIES.filter((f) => (f === flipped ? !before.facilities.includes(f) : before.facilities.includes(f)));
    await announced(`Tersimpan: buka ${wantedWeek.length} hari dalam seminggu, ${wantedFacilities.length} fasilitas.`);
    const after = await siteOf('kota-kupang');
    expect(byWeekday(after.openingHours)).toEqual(wantedWeek);
    expect(after.facilities).toEqual(wantedFacilities);
    expect(after.name).toBe(before.name);
    await checkScreen(page, 'admin-site-hours');

    await page.reload();
    await page.getByTestId('hours-form').waitFor();
    expect(await shownWeek()).toEqual(wantedWeek);
    expect(await shownFacilities()).toEqual(wantedFacilities);
  });

  it("should show the API's refusal of a break outside the opening hours and keep the saved week", async () => {
    const saved = await siteOf('kota-kupang');
    const monday = saved.openingHours.find((h) => h.weekday === 1)!;
    const late = { start: plusMinutes(monday.close, 30), end: plusMinutes(monday.close, 60) };
    const body = { openingHours: saved.openingHours.map((h) => (h.weekday === 1 ? { ...h, breaks: [...h.breaks, late] } : h)) };
    const direct = (await t.http().patch('/api/v1/admin/sites/kota-kupang').auth(staff.kupangSiteAdmin, { type: 'bearer' }).send(body).expect(422)).body as ApiError;
    const mondayBox = page.locator('[data-testid="hours-day"][data-weekday="1"]');
    await mondayBox.getByTestId('hours-break-add').click();
    await mondayBox.getByTestId('hours-break-start').last().fill(late.start);
    await mondayBox.getByTestId('hours-break-end').last().fill(late.end);
    await page.getByTestId('hours-save').click();
    const alert = page.getByTestId('hours-error');
    await alert.waitFor();
    expect((await alert.textContent()) ?? '').toContain(direct.message.id);
    expect((await siteOf('kota-kupang')).openingHours).toEqual(saved.openingHours);
  });

  it("should show a new name in the pages' scope line at once, without a reload", async () => {
    await page.reload();
    await page.getByTestId('site-form').waitFor();
    const before = await siteOf('kota-kupang');
    const name = `${before.name} Baru`;
    await page.getByTestId('site-name').fill(name);
    await page.getByTestId('site-save').click();
    await announced(`Data ${name} disimpan.`);
    expect((await siteOf('kota-kupang')).name).toBe(name);
    await page.getByTestId('admin-scope').filter({ hasText: `Anda mengelola ${name}.` }).waitFor();
    // Another section of the same visit keeps the new name too.
    await page.getByTestId('admin-nav-kebijakan').click();
    await page.getByTestId('queue-policy-form').waitFor();
    expect((await page.getByTestId('admin-scope').textContent())?.trim()).toBe(`Anda mengelola ${name}.`);
  });

  it('should change the time zone and back, as the API reads it', async () => {
    await page.goto(`${base}/counter/admin/situs`);
    await page.getByTestId('site-form').waitFor();
    const before = await siteOf('kota-kupang');
    const other = before.timeZone === 'Asia/Jayapura' ? 'Asia/Makassar' : 'Asia/Jayapura';
    const saved = () => page.waitForResponse((r) => r.url().endsWith('/admin/sites/kota-kupang') && r.request().method() === 'PATCH');
    for (const zone of [other, before.timeZone]) {
      await page.getByTestId('site-zone').selectOption(zone);
      const response = saved();
      await page.getByTestId('site-save').click();
      expect((await response).status()).toBe(200);
      expect((await siteOf('kota-kupang')).timeZone).toBe(zone);
      expect(await page.getByTestId('site-zone').inputValue()).toBe(zone);
    }
  });
});
