import type { PublicTicketResponse, TicketResponse } from '@mpp/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { generateVAPIDKeys } from 'web-push';
import { FixedClock } from '../../apps/api/src/common/clock';
import { PushSender } from '../../apps/api/src/push/push-sender';
import { PushService } from '../../apps/api/src/push/push.service';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { TestPushService, type TestBrowserSubscription } from '../../apps/api/test/support/push-service';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';
import { notificationsWith, pushPhone, serviceWorkerControls, workerPushChannel } from './support/push-phone';

/**
 * The receiving side of Web Push and the portal offline, in Chromium with the built portal and its
 * service worker (ngsw-worker.js). Headless Chromium has no push service to subscribe to, so the
 * page's PushManager hands out a subscription whose endpoint is a local stand-in (the keys are the
 * test's, so it can read what the API sent); the message the API sent there is then delivered to
 * the service worker through the DevTools protocol (ServiceWorker.deliverPushMessage), as a push
 * service would. Offline is the DevTools protocol's network emulation (page and worker).
 */
describe('Web Push and offline in the portal (Chromium)', () => {
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:operator@mpp.test' };
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  let peer: TestPushService;

  beforeAll(async () => {
    peer = await new TestPushService().start();
    t = await createTestApp({ clock: new FixedClock(new Date(KUPANG_MONDAY_0900)), config: { vapid } });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.akta, null);
    t.app.get(PushSender).agent = peer.agent;
    ({ browser, base } = await chromiumFor(t));
  }, 120_000);
  afterAll(async () => {
    await closeAppAndChromium(browser, t);
    await peer?.stop();
  });

  /** A phone (support/push-phone) whose vibrations are recorded in `window.__vibrations`. */
  const phone = async (subscription: TestBrowserSubscription | null): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await pushPhone(browser, base, subscription);
    await context.addInitScript(() => {
      const w = window as unknown as { __vibrations: unknown[] };
      w.__vibrations = [];
      Object.defineProperty(navigator, 'vibrate', {
        configurable: true,
        value: (pattern: unknown) => {
          w.__vibrations.push(pattern);
          return true;
        },
      });
    });
    const page = await context.newPage();
    return { context, page };
  };

  it('should serve the service worker files unhashed and never cached, and keep the API and the other apps out of its navigations', async () => {
    for (const file of ['/portal-worker.js', '/ngsw-worker.js', '/ngsw.json']) {
      const res = await fetch(`${base}${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const manifest = (await (await fetch(`${base}/ngsw.json`)).json()) as { navigationUrls: { positive: boolean; regex: string }[] };
    const navigates = (path: string) => {
      const rules = manifest.navigationUrls.map((u) => ({ ...u, re: new RegExp(u.regex) }));
      return rules.filter((r) => r.positive).some((r) => r.re.test(path)) && !rules.filter((r) => !r.positive).some((r) => r.re.test(path));
    };
    expect(navigates('/tiket/abc')).toBe(true);
    expect(navigates('/counter/antrean')).toBe(false);
    expect(navigates('/kiosk/display')).toBe(false);
    expect(navigates('/api/v1/tickets/abc/print.html')).toBe(false);
  });

  it('should subscribe from the button, and show the API\'s push when called, with vibration and the title', async () => {
    const subscription = peer.subscription('/s/phone');
    const { context, page } = await phone(subscription);
    const ticket = await issue(t, h.kiosk, h.services.akta);
    await page.goto(`${base}/tiket/${ticket.publicCode}`);
    await page.getByTestId('ticket-number').waitFor();
    await serviceWorkerControls(page);
    // Permission is asked only on the button, never on load.
    expect(await page.evaluate(() => Notification.permission)).toBe('granted');
    expect(await page.getByTestId('notify-on').count()).toBe(0);
    await checkScreen(page, 'push-ticket-notify-off');

    await page.getByTestId('notify-enable').click();
    await page.getByTestId('notify-on').waitFor();
    const rows = (await t.app.get(DataSource).query(`SELECT s.id FROM push_subscription s JOIN ticket t ON t.id = s.ticket_id WHERE t.public_code = $1`, [ticket.publicCode])) as unknown[];
    expect(rows).toHaveLength(1);
    await checkScreen(page, 'push-ticket-notify-on');

    // First in line: "Anda berikutnya" is sent at once (the site's N is 3).
    const [ahead] = await peer.waitFor('/s/phone', 1);
    const worker = await workerPushChannel(context, page, base);
    // The push service hands the decrypted message to the browser's worker.
    await worker.deliver(subscription.decrypt(ahead.body));
    const aheadTitle = `${ticket.number}: Anda berikutnya`;
    await notificationsWith(page, aheadTitle);

    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    const [, call] = await peer.waitFor('/s/phone', 2);
    await t.app.get(PushService).idle();
    await worker.deliver(subscription.decrypt(call.body));

    // One notification per ticket (one tag): the call replaces "Anda berikutnya" and rings again.
    // (Headless Chromium's getNotifications() may still list the replaced one for a moment.)
    const title = `Dipanggil: menuju loket ${h.counters.dukcapil1.number}`;
    // Polled from here: page.waitForFunction takes an async predicate's promise as a truthy answer
    // at once, so it cannot wait for the worker's list.
    const shown = await notificationsWith(page, title);
    expect(shown).toContainEqual({ title, body: `Nomor ${ticket.number} · ${h.counters.dukcapil1.name}`, tag: `ticket-${ticket.publicCode}` });
    expect(new Set(shown.map((n) => n.tag))).toEqual(new Set([`ticket-${ticket.publicCode}`]));
    await page.waitForFunction((expected) => document.title.includes(expected), title);
    // Heard twice (the live update and the push): vibrated once.
    expect(await page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations)).toEqual([[400, 150, 400, 150, 800]]);
    await checkScreen(page, 'push-ticket-called');
    await context.close();
  }, 90_000);

  it('should react to a push while the page is open even before its live update (SwPush.messages)', async () => {
    const { context, page } = await phone(null);
    const ticket = await issue(t, h.kiosk, h.services.akta);
    await page.goto(`${base}/tiket/${ticket.publicCode}`);
    await page.getByTestId('ticket-number').waitFor();
    await serviceWorkerControls(page);
    const worker = await workerPushChannel(context, page, base);
    const message = { notification: { title: 'Dipanggil: menuju loket 9', body: 'x', data: { kind: 'called', ticket: ticket.publicCode, number: ticket.number, counter: 9 } } };

    await worker.deliver(JSON.stringify(message));

    await page.waitForFunction(() => document.title.includes('Dipanggil: menuju loket 9'), undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations)).toHaveLength(1);
    // The ticket itself is still waiting: the page trusts the queue for its status.
    expect(((await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200)).body as PublicTicketResponse).status).toBe('waiting');
    await context.close();
  }, 90_000);

  it('should keep the app shell, the open ticket and the last search offline, and show the offline page for anything else', async () => {
    const { context, page } = await phone(null);
    const ticket = await issue(t, h.kiosk, h.services.akta);
    await page.goto(`${base}/tiket/${ticket.publicCode}`);
    await page.getByTestId('ticket-number').waitFor();
    await serviceWorkerControls(page);
    // Read once more now that the worker controls the page, so its answer is cached.
    await page.reload();
    await page.getByTestId('ticket-number').waitFor();
    await page.goto(`${base}/?site=kota-kupang&q=akta`);
    await page.getByTestId('search-input').waitFor();
    await page.getByTestId('search-input').fill('paspor');
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/services?') && r.url().includes('q=paspor'));
    await page.getByTestId('search-input').press('Enter');
    await searched;
    await page.waitForURL(/q=paspor/);

    const cdp = await context.newCDPSession(page);
    await context.setOffline(true);
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await page.goto(`${base}/layanan/${h.services.skck}`);
    await page.getByTestId('offline-page').waitFor({ timeout: 10_000 });
    expect(await page.locator('h1').first().textContent()).toContain('Anda sedang offline');
    expect(await page.getByTestId('offline-ticket').first().textContent()).toContain(ticket.number);
    await checkScreen(page, 'portal-offline-page');

    await page.getByTestId('offline-ticket').first().click();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toContain(ticket.number);
    expect(await page.getByTestId('offline-banner').textContent()).toContain('Anda offline');
    expect(await page.getByTestId('offline-page').count()).toBe(0);
    await checkScreen(page, 'portal-offline-ticket');

    await page.goto(`${base}/?site=kota-kupang&q=paspor`);
    await page.getByTestId('search-input').waitFor();
    expect(await page.getByTestId('offline-page').count()).toBe(0);
    expect(await page.getByTestId('offline-banner').isVisible()).toBe(true);

    await context.setOffline(false);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await context.close();
  }, 90_000);
});
