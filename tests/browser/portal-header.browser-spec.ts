import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Page as ResultPage, ServiceSummaryResponse } from '@mpp/contracts';
import { readSignInCode } from '../../apps/api/test/support/citizen';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';

// The dictionaries the portal is built from; their one import from @mpp/ui is the Angular-free
// dictionary helper (the rest of @mpp/ui is Angular, which Jest does not load).
jest.mock('@mpp/ui', () => jest.requireActual('../../libs/ui/src/i18n/dictionary'), { virtual: true });
type Dict = Record<'id' | 'en', Record<string, string>>;
const load = (path: string, name: string): Dict => jest.requireActual<Record<string, Dict>>(`../../apps/portal/src/app/${path}`)[name];
const PORTAL = load('portal.dictionary', 'PORTAL_DICTIONARY');
const SERVICE = load('service-detail/service-detail.dictionary', 'SERVICE_DETAIL_DICTIONARY');
/** Dictionaries each registered by a lazy route (provideDictionary in its *.routes.ts). */
const LAZY: Record<string, Dict> = {
  booking: load('booking/booking.dictionary', 'BOOKING_DICTIONARY'),
  bookingPage: load('booking/booking-page.dictionary', 'BOOKING_PAGE_DICTIONARY'),
  ticket: load('ticket/ticket.dictionary', 'TICKET_PAGE_DICTIONARY'),
  ticketNotify: load('ticket/ticket-notify.dictionary', 'TICKET_NOTIFY_DICTIONARY'),
  onlineTicket: load('online-ticket/online-ticket.dictionary', 'ONLINE_TICKET_DICTIONARY'),
  application: load('application/application.dictionary', 'APPLICATION_DICTIONARY'),
  verify: load('verify/verify.dictionary', 'VERIFY_DICTIONARY'),
  survey: load('survey/survey.dictionary', 'SURVEY_DICTIONARY'),
  service: SERVICE,
};

const APPS_DIR = resolve(process.env.APPS_DIR ?? 'dist/apps');
const BROWSER_DIR = join(APPS_DIR, 'portal', 'browser');
const SITE = 'kota-kupang';

/** The scripts index.html loads (the initial bundle), and every other script of the build (the lazy chunks). */
function builtScripts(): { initial: string; lazy: string } {
  const html = readFileSync(join(BROWSER_DIR, 'index.html'), 'utf8');
  const initialFiles = new Set([...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]));
  const all = readdirSync(BROWSER_DIR).filter((f) => f.endsWith('.js') && !f.startsWith('ngsw') && !f.startsWith('safety') && !f.startsWith('worker'));
  const read = (files: string[]) => files.map((f) => readFileSync(join(BROWSER_DIR, f), 'utf8')).join('\n');
  return { initial: read([...initialFiles]), lazy: read(all.filter((f) => !initialFiles.has(f))) };
}

/**
 * Words that identify a dictionary in a script: its longer texts in plain letters (no quote,
 * backslash or non-ASCII, which the bundler may escape), not also in the first-load dictionaries.
 */
function telltales(dict: Dict, firstLoad: Dict[]): string[] {
  const eager = new Set(firstLoad.flatMap((d) => [...Object.values(d.id), ...Object.values(d.en)]));
  return [...Object.values(dict.id), ...Object.values(dict.en)].filter((text) => text.length >= 20 && /^[A-Za-z0-9 ,.:()/-]+$/.test(text) && !eager.has(text));
}

/** The portal's header on a phone (issue 13): the account link, and the words each page brings with its chunk. */
describe('Portal header and lazy dictionaries', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { appsDir: APPS_DIR } });
    ({ browser, base } = await chromiumFor(t));
  }, 120_000);
  afterAll(() => closeAppAndChromium(browser, t));

  const phone = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })).newPage();

  it('should keep each lazy page’s words out of the initial bundle and in its chunk', () => {
    const { initial, lazy } = builtScripts();
    // The reading works: the home's own words are in the initial bundle.
    const home = [PORTAL.id['portal.search.heading'], PORTAL.en['portal.search.heading']];
    expect(home.filter((text) => !initial.includes(text))).toEqual([]);
    for (const [name, dict] of Object.entries(LAZY)) {
      const words = telltales(dict, [PORTAL]);
      expect({ name, some: words.length > 0 }).toEqual({ name, some: true });
      expect({ name, inInitial: words.filter((text) => initial.includes(text)) }).toEqual({ name, inInitial: [] });
      expect({ name, missingFromChunks: words.filter((text) => !lazy.includes(text)) }).toEqual({ name, missingFromChunks: [] });
    }
  });

  it('should show a page’s words, loaded with its chunk, in the chosen language and switch them', async () => {
    const services = (await t.http().get(`/api/v1/services?site=${SITE}&page=1&pageSize=1`).expect(200)).body as ResultPage<ServiceSummaryResponse>;
    const page = await phone();
    await page.goto(`${base}/`);
    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // Opened by its address, in English: the service page's dictionary arrives with its route.
    await page.goto(`${base}/layanan/${services.items[0].id}`);
    const requirements = page.locator('#requirements-heading');
    await page.getByTestId('service-title').waitFor();
    expect((await requirements.textContent())?.trim()).toBe(SERVICE.en['portal.service.requirements']);
    expect((await page.getByTestId('account-link').textContent())?.trim()).toBe(PORTAL.en['portal.account.signIn']);
    await page.getByTestId('lang-id').click();
    await page.waitForFunction(() => document.documentElement.lang === 'id');
    expect((await requirements.textContent())?.trim()).toBe(SERVICE.id['portal.service.requirements']);
    expect((await page.getByTestId('account-link').textContent())?.trim()).toBe(PORTAL.id['portal.account.signIn']);
    await page.context().close();
  });

  it('should offer "Masuk" when signed out, by keyboard, and the masked name with "Riwayat saya" once signed in', async () => {
    const page = await phone();
    const apiReads: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) apiReads.push(path);
    });
    await page.goto(`${base}/`);
    await page.getByTestId('service-result').first().waitFor();
    const link = page.getByTestId('account-link');
    expect((await link.textContent())?.trim()).toBe(PORTAL.id['portal.account.signIn']);
    expect(await link.getAttribute('href')).toBe('/akun/masuk');
    // No request to know who is signed in: the header costs the first load nothing.
    expect(apiReads).toEqual([]);
    await checkScreen(page, 'portal-header-signed-out');

    // Keyboard: the skip link, then the account link; Enter opens the sign-in page.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('account-link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/akun\/masuk$/);

    const typed = '0812-3999-4477';
    await page.getByTestId('sign-in-recipient').fill(typed);
    await page.getByTestId('sign-in-send').click();
    await page.getByTestId('sign-in-sent').waitFor();
    const code = await readSignInCode(t.app, '+6281239994477');
    await page.getByTestId('sign-in-code').fill(code!);
    await page.getByTestId('sign-in-verify').click();
    await page.waitForURL(/\/akun\/riwayat$/);
    const me = (await page.evaluate(async () => (await fetch('/api/v1/citizen/me')).json())) as { identities: { label: string }[] };
    const label = me.identities[0].label;
    expect(label).not.toContain('39994477');

    await page.getByTestId('account-name').waitFor();
    expect((await page.getByTestId('account-name').textContent())?.trim()).toBe(label);
    expect(await link.textContent()).toContain(PORTAL.id['portal.account.history']);
    expect(await link.getAttribute('href')).toBe('/akun/riwayat');

    // A new visit to the home shows it at once, still without asking the API.
    apiReads.length = 0;
    await page.goto(`${base}/`);
    await page.getByTestId('service-result').first().waitFor();
    await page.getByTestId('account-name').waitFor();
    expect((await page.getByTestId('account-name').textContent())?.trim()).toBe(label);
    expect(apiReads).toEqual([]);
    await checkScreen(page, 'portal-header-signed-in');
    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await link.textContent()).toContain(PORTAL.en['portal.account.history']);
    await page.getByTestId('lang-id').click();

    // Signing out turns it back into "Masuk".
    await link.click();
    await page.waitForURL(/\/akun\/riwayat$/);
    await page.getByTestId('history-sign-out').click();
    await page.waitForURL(/\/akun\/masuk$/);
    await page.goto(`${base}/`);
    await page.getByTestId('service-result').first().waitFor();
    expect((await link.textContent())?.trim()).toBe(PORTAL.id['portal.account.signIn']);
    await page.context().close();
  });

  it('should forget a signed-in header the API no longer knows', async () => {
    const page = await phone();
    // A hint left by a session that ended elsewhere (signed out on another tab, expired on the server).
    await page.goto(`${base}/`);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await page.evaluate((hint) => localStorage.setItem('mpp.citizen', hint), JSON.stringify({ label: '+62 812-****-0000', until }));
    await page.reload();
    await page.getByTestId('account-name').waitFor();
    // The history page asks the API, which says nobody is signed in: the header follows.
    await page.getByTestId('account-link').click();
    await page.waitForURL(/\/akun\/masuk$/);
    expect((await page.getByTestId('account-link').textContent())?.trim()).toBe(PORTAL.id['portal.account.signIn']);
    expect(await page.evaluate(() => localStorage.getItem('mpp.citizen'))).toBeNull();
    await page.context().close();
  });
});
