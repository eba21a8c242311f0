import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** What a browser gives the server of its push subscription (a TestBrowserSubscription fits). */
export interface PushEndpoint {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** What the worker shows of a notification. */
export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
}

/**
 * A phone (390×844) whose notification permission is granted for `origin` and whose PushManager
 * hands out `subscription` (an endpoint of the local push-service stand-in, with the test's keys):
 * headless Chromium has no push service of its own to subscribe to. With `null` the PushManager is
 * Chromium's own (the page cannot subscribe; messages can still be delivered to its worker).
 */
export async function pushPhone(browser: Browser, origin: string, subscription: PushEndpoint | null, options: { acceptDownloads?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: options.acceptDownloads ?? false });
  await context.grantPermissions(['notifications'], { origin });
  await context.addInitScript((sub) => {
    if (!sub || typeof PushManager === 'undefined') return;
    let current: PushSubscription | null = null;
    const made = {
      endpoint: sub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: null },
      getKey: () => null,
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
      unsubscribe: async () => {
        current = null;
        return true;
      },
    } as unknown as PushSubscription;
    PushManager.prototype.subscribe = async () => (current = made);
    PushManager.prototype.getSubscription = async () => current;
    PushManager.prototype.permissionState = async () => 'granted';
  }, subscription ? { endpoint: subscription.endpoint, keys: subscription.keys } : null);
  return context;
}

/** Waits until the portal's service worker (registered once the app is stable) controls the page. */
export async function serviceWorkerControls(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', undefined, { timeout: timeoutMs });
}

/**
 * The page's service worker as the DevTools protocol knows it, to hand it push messages as a push
 * service would (`ServiceWorker.deliverPushMessage`).
 */
export interface WorkerPushChannel {
  deliver(data: string): Promise<void>;
  /**
   * Hands the worker `messages` one after another, as fast as a push service might, and resolves
   * once the page has heard each ({type: 'PUSH'}, which portal-worker.js posts after showing or
   * dropping it): the notifications then on screen are the worker's last word.
   */
  deliverAll(messages: string[], timeoutMs?: number): Promise<void>;
}

export async function workerPushChannel(context: BrowserContext, page: Page, origin: string): Promise<WorkerPushChannel> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
      const mine = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (mine) resolve(mine.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const id = await registrationId;
  const deliver = async (data: string) => {
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: id, data });
  };
  return {
    deliver,
    deliverAll: async (messages, timeoutMs = 20_000) => {
      const heard = await page.evaluate(() => {
        const w = window as unknown as { __pushesHeard?: number };
        if (w.__pushesHeard === undefined) {
          w.__pushesHeard = 0;
          navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
            if (event.data?.type === 'PUSH') w.__pushesHeard! += 1;
          });
        }
        return w.__pushesHeard;
      });
      for (const message of messages) await deliver(message);
      await page.waitForFunction((expected) => ((window as unknown as { __pushesHeard: number }).__pushesHeard ?? 0) >= expected, heard + messages.length, { timeout: timeoutMs });
    },
  };
}

/**
 * The worker's notifications once one titled `title` is among them, or the last list read after
 * `timeoutMs`.
 */
export function notificationsWith(page: Page, title: string, timeoutMs = 15_000): Promise<ShownNotification[]> {
  return notificationsOnceThey(page, (list) => list.some((n) => n.title === title), timeoutMs);
}

/**
 * The worker's notifications once `settled` says so of them. Polled: page.waitForFunction takes an
 * async predicate's promise as a truthy answer at once, so it cannot wait for this list. Returns
 * the last list read, settled or not, after `timeoutMs`.
 */
export async function notificationsOnceThey(page: Page, settled: (list: ShownNotification[]) => boolean, timeoutMs = 15_000): Promise<ShownNotification[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
    );
    if (settled(list) || Date.now() > deadline) return list;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
