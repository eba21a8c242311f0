import type { AgencyResponse } from '@mpp/contracts';
import type { Browser } from 'playwright-core';
import { createTestApp, TEST_ADMIN, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';
import { signInOnPage } from './support/staff-sign-in';

describe('Counter login and kiosk tiles in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should refuse a wrong password in words and let the right one in', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/counter/`);
    await page.getByTestId('login-email').fill(TEST_ADMIN.email);
    await page.getByTestId('login-password').fill('bukan-kata-sandinya');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toMatch(/salah/i);
    await checkScreen(page, 'counter-login-error');

    // The administrator's second step (enrolment at this first sign-in): support/staff-sign-in.
    await signInOnPage(page, t.authenticator, TEST_ADMIN.email, TEST_ADMIN.password);
    const me = (await t.http().get('/api/v1/auth/me').auth(await t.adminToken(), { type: 'bearer' }).expect(200)).body as { fullName: string };
    expect(await page.getByTestId('staff-name').textContent()).toContain(me.fullName);
    await checkScreen(page, 'counter-home');

    // A system administrator lands on the supervisor view and chooses the MPP to watch.
    await page.getByTestId('supervisor-site-select').selectOption('kota-kupang');
    const rows = page.getByTestId('supervisor-counter');
    await rows.first().waitFor();
    const counters = (await t.http().get('/api/v1/queue/sites/kota-kupang/counters').auth(await t.adminToken(), { type: 'bearer' }).expect(200)).body as unknown[];
    expect(await rows.count()).toBe(counters.length);
    await checkScreen(page, 'counter-supervisor-system-admin');
    await page.close();
  });

  it("should show the site's agencies as tiles and an agency's services with what to bring", async () => {
    const agencies = (await t.http().get('/api/v1/sites/kota-kupang/agencies').expect(200)).body as AgencyResponse[];
    // The kiosk works for the MPP of its device account, set up once with the device's token.
    const device = (
      await t.http().post('/api/v1/admin/sites/kota-kupang/devices').auth(await t.adminToken(), { type: 'bearer' }).send({ name: 'kios uji', kind: 'kiosk' }).expect(201)
    ).body as { token: string };
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${base}/kiosk/perangkat`);
    await page.getByTestId('device-token').fill(device.token);
    await page.getByTestId('device-submit').click();
    const tiles = page.getByTestId('agency-tile');
    await tiles.first().waitFor();
    expect(await tiles.count()).toBe(agencies.length);
    const box = await tiles.first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await checkScreen(page, 'kiosk-agencies');

    const dukcapil = agencies.find((a) => a.code === 'dukcapil')!;
    await tiles.filter({ hasText: dukcapil.shortName }).first().click();
    const services = page.getByTestId('service-tile');
    await services.first().waitFor();
    expect(await services.count()).toBe(dukcapil.serviceCount);
    await page.getByTestId('service-requirements').first().waitFor();
    await checkScreen(page, 'kiosk-dukcapil-services');
    await page.close();
  });
});
