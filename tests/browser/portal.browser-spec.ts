import type { Browser } from 'playwright-core';
import type { ServiceResponse } from '@mpp/contracts';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';

describe('Portal in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should find SKCK by search and open its service standard', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/?site=kota-kupang`);
    await page.getByTestId('search-input').fill('skck');
    const first = page.getByTestId('service-result').first();
    await first.waitFor();
    await checkScreen(page, 'portal-search-skck');
    await first.getByRole('link').first().click();

    const title = page.getByTestId('service-title');
    await title.waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const expected = (await t.http().get(`/api/v1/services/${id}`).expect(200)).body as ServiceResponse;
    expect(expected.code).toBe('polresta-skck-baru');
    expect(await title.textContent()).toContain(expected.name);
    const requirements = page.getByTestId('requirements');
    for (const r of expected.requirements) {
      expect(await requirements.textContent()).toContain(r.name);
    }
    await checkScreen(page, 'portal-service-skck');
    await page.close();
  });

  it('should switch the page to English', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/?site=kota-kupang&q=paspor`);
    await page.getByTestId('service-result').first().waitFor();
    const before = await page.getByTestId('search-input').getAttribute('aria-label');
    await page.getByTestId('lang-en').click();
    await page.waitForFunction('document.documentElement.lang === "en"');
    const after = await page.getByTestId('search-input').getAttribute('aria-label');
    expect(before).toBe('Cari layanan');
    expect(after).not.toBe(before);
    await page.close();
  });
});
