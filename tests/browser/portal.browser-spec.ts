import type { Browser } from 'playwright-core';
import type { ServiceResponse } from '@mpp/contracts';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';

// The portal's texts, from the dictionary the app is built from; its one import from @mpp/ui is the
// Angular-free dictionary helper (the rest of @mpp/ui is Angular, which Jest does not load).
jest.mock('@mpp/ui', () => jest.requireActual('../../libs/ui/src/i18n/dictionary'), { virtual: true });
const { PORTAL_DICTIONARY } = jest.requireActual<{ PORTAL_DICTIONARY: Record<'id' | 'en', Record<string, string>> }>('../../apps/portal/src/app/portal.dictionary');

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
    const input = page.getByTestId('search-input');
    const texts = async () => ({ label: await input.getAttribute('aria-label'), placeholder: await input.getAttribute('placeholder') });
    const before = await texts();
    await page.getByTestId('lang-en').click();
    await page.waitForFunction('document.documentElement.lang === "en"');
    const after = await texts();
    expect(before).toEqual({ label: PORTAL_DICTIONARY.id['portal.search.label'], placeholder: PORTAL_DICTIONARY.id['portal.search.placeholder'] });
    expect(after).toEqual({ label: PORTAL_DICTIONARY.en['portal.search.label'], placeholder: PORTAL_DICTIONARY.en['portal.search.placeholder'] });
    await page.close();
  });
});
