import type { ApiError, OnlineTicketPolicy } from '@mpp/contracts';
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
});
