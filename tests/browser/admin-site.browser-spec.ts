import type { ApiError, SiteResponse } from '@mpp/contracts';
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
});
