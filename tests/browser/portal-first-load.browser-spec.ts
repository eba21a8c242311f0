import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Page as ResultPage, ServiceSummaryResponse } from '@mpp/contracts';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';

/**
 * The portal's first load, as a phone on a slow network gets it (issue 13): what it downloads, and
 * the first services in the HTML itself. Sizes, not timings: the timings on Slow 3G / Slow 4G are
 * measured by `npm run bench` (bench/portal-load.mjs), where the machine's load is reported too.
 */
const FIRST_LOAD_BUDGET_BYTES = 130_000;
const SITE = 'kota-kupang';

interface Transfer {
  url: string;
  type: string;
  initiator: string;
  bytes: number;
  encoding: string | undefined;
  /** The body's length as sent (Content-Length), without the headers. */
  bodyBytes: number | undefined;
}

/** Every request of the page as the DevTools protocol sees it: bytes on the wire, headers included. */
async function recordTransfers(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; transfers: Map<string, Transfer> }> {
  const cdp = await context.newCDPSession(page);
  const transfers = new Map<string, Transfer>();
  cdp.on('Network.requestWillBeSent', (e) => transfers.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', initiator: e.initiator.type, bytes: 0, encoding: undefined, bodyBytes: undefined }));
  cdp.on('Network.responseReceived', (e) => {
    const t = transfers.get(e.requestId);
    if (!t) return;
    t.type = e.type;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    t.encoding = headers['content-encoding'];
    t.bodyBytes = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = transfers.get(e.requestId);
    if (t) t.bytes = e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { cdp, transfers };
}

/** The names of the services the page shows, in order, from the rendered copy or the app. */
async function shownNames(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allTextContents()).map((t) => t.trim());
}

describe('Portal first load', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let firstPage: ResultPage<ServiceSummaryResponse>;

  beforeAll(async () => {
    t = await createTestApp({ config: { appsDir: process.env.APPS_DIR ?? 'dist/apps' } });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
    firstPage = (await t.http().get(`/api/v1/services?site=${SITE}&page=1&pageSize=20`).expect(200)).body as ResultPage<ServiceSummaryResponse>;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should download at most 130 kB compressed for the first page, and ask the API nothing to show it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const { transfers } = await recordTransfers(context, page);
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.getByTestId('service-result').first().waitFor();
    await page.waitForFunction(() => document.getElementById('portal-prerender') === null);
    await page.waitForLoadState('networkidle');

    const all = [...transfers.values()];
    // The document, fonts, and what the HTML refers to (scripts, module preloads, stylesheets, icon), by
    // URL: a chunk may be fetched by the main script's import before its preload asks for it.
    const referenced = new Set(await page.evaluate(() => [...document.querySelectorAll('script[src], link[href]')].map((e) => (e as HTMLScriptElement).src || (e as HTMLLinkElement).href)));
    const firstLoad = all.filter((r) => r.type === 'Document' || r.type === 'Font' || referenced.has(r.url));
    const total = firstLoad.reduce((sum, r) => sum + r.bytes, 0);
    const summary = firstLoad.map((r) => `${new URL(r.url).pathname} ${r.bytes} B ${r.encoding ?? 'identity'}`);
    // What was downloaded is shown when the budget is exceeded.
    expect({ withinBudget: total <= FIRST_LOAD_BUDGET_BYTES, total, summary }).toEqual({ withinBudget: true, total, summary });
    // Compressed as served: the document and every script and stylesheet of some size (a file under
    // 1 kB, which scripts/compress-apps.mjs leaves as it is, may still take 2 kB with its headers).
    for (const r of firstLoad.filter((x) => x.bytes > 2000 && !(x.bodyBytes !== undefined && x.bodyBytes < 1024))) expect({ url: r.url, encoding: r.encoding }).toEqual({ url: r.url, encoding: 'br' });
    // Every initial chunk counted: at least the main script and the preloaded chunks.
    expect(firstLoad.filter((r) => r.type === 'Script').length).toBe([...referenced].filter((u) => u.endsWith('.js')).length);
    // The app started from the inlined answers: no catalogue read to show the home.
    const apiReads = all.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/api/'));
    expect(apiReads).toEqual([]);
    expect(await shownNames(page, '[data-testid="service-result"] h3')).toEqual(firstPage.items.map((s) => s.name));
    await context.close();
  });

  it('should have the first services in the served HTML as real links, with the same facts the app then shows', async () => {
    // The HTML as served, before any script runs.
    const html = (await t.http().get('/').set('Accept', 'text/html').expect(200)).text;
    const links = [...html.matchAll(/<h3[^>]*><a href="\/layanan\/([0-9a-f-]+)">([^<]+)<\/a><\/h3>/g)].map((m) => ({ id: m[1], name: m[2] }));
    expect(firstPage.items.length).toBeGreaterThan(0);
    expect(links).toEqual(firstPage.items.map((s) => ({ id: s.id, name: s.name.replace(/&/g, '&amp;') })));

    // The app, once it has taken over, shows the same cards with the same facts (fee, time, agency).
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const noScript = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const staticPage = await noScript.newPage();
    await staticPage.goto(`${base}/`);
    const served = await cardFacts(staticPage, '#portal-prerender li article');
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.getElementById('portal-prerender') === null && document.querySelector('[data-testid="service-result"]') !== null);
    const app = await cardFacts(page, '[data-testid="service-result"] article');
    expect(served.length).toBe(firstPage.items.length);
    expect(served).toEqual(app);
    // And where: the app appears where the served page was (a header or control added to one and not
    // the other moves every service when the app takes over).
    const servedTop = (await staticPage.locator('#portal-prerender li h3').first().boundingBox())?.y;
    const appTop = (await page.locator('[data-testid="service-result"] h3').first().boundingBox())?.y;
    expect(servedTop).toBeGreaterThan(0);
    expect(appTop).toBe(servedTop);
    await context.close();
    await noScript.close();
  });

  it('should work without the app: the services are links and the search is a form', async () => {
    // The app's scripts never arrive (as on a connection that drops them, or a browser without JavaScript).
    // Not javaScriptEnabled: false, so that axe can still be run in the page.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    await context.route(/\.js$/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await shownNames(page, '#portal-prerender li h3')).toEqual(firstPage.items.map((s) => s.name));
    await checkScreen(page, 'portal-first-load-without-app');

    await page.getByRole('searchbox', { name: 'Cari layanan' }).fill('paspor');
    await Promise.all([page.waitForURL(/q=paspor/), page.getByRole('button', { name: 'Cari' }).click()]);
    const expected = (await t.http().get(`/api/v1/services?site=${SITE}&q=paspor&page=1&pageSize=20`).expect(200)).body as ResultPage<ServiceSummaryResponse>;
    expect(expected.items.length).toBeGreaterThan(0);
    expect(await shownNames(page, '#portal-prerender li h3')).toEqual(expected.items.map((s) => s.name));

    const first = page.locator('#portal-prerender li h3 a').first();
    await Promise.all([page.waitForURL(/\/layanan\//), first.click()]);
    expect(new URL(page.url()).pathname).toBe(`/layanan/${expected.items[0].id}`);
    await context.close();
  });

  it('should inline the MPP the citizen chose last, which the portal remembers in a cookie', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByTestId('service-result').first().waitFor();
    const other = (await t.http().get('/api/v1/sites').expect(200)).body.map((s: { code: string }) => s.code).find((code: string) => code !== SITE) as string;
    await page.getByTestId('site-select').selectOption(other);
    await page.waitForURL(new RegExp(`site=${other}`));
    // The page remembers the site once the new URL's search has run (an effect), not with the URL itself.
    await page.waitForFunction((code) => document.cookie.split('; ').includes(`mpp_site=${code}`), other, { timeout: 10_000 });
    expect((await context.cookies()).find((c) => c.name === 'mpp_site')?.value).toBe(other);

    const expected = (await t.http().get(`/api/v1/services?site=${other}&page=1&pageSize=20`).expect(200)).body as ResultPage<ServiceSummaryResponse>;
    const html = (await t.http().get('/').set('Accept', 'text/html').set('Cookie', `mpp_site=${other}`).expect(200)).text;
    expect(html).toContain(`<option value="${other}" selected>`);
    expect(html).toContain(`>${expected.items[0].name.replace(/&/g, '&amp;')}</a>`);
    await context.close();
  });
});

/**
 * Each card's texts (name, agency, summary, fee and time with their labels), by textContent: cards
 * below the first screen of the served page are not laid out (content-visibility), so innerText is empty.
 */
function cardFacts(page: Page, selector: string): Promise<string[][]> {
  return page.locator(selector).evaluateAll((cards) =>
    cards.map((card) => [...card.querySelectorAll('h3, p, dt, dd')].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );
}
