import type { LivePerformanceResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { closeAppAndChromium } from './support/app-in-chromium';
import { checkScreen } from './support/axe';
import { counterPageFor, signInCounterPage } from './support/counter-session';

/** A figure in minutes as the Indonesian page writes it (whole minutes, rounded down; "–" when nobody waits). */
const minutes = (seconds: number | null) => (seconds === null ? '–' : `${Math.floor(seconds / 60)} mnt`);

describe('The live hall figures on pengawas in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  let page: Page;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  const live = async (token: string) =>
    (await t.http().get('/api/v1/admin/sites/kota-kupang/performance/live').auth(token, { type: 'bearer' }).expect(200)).body as LivePerformanceResponse;
  const figure = (key: string) => page.locator(`[data-testid="hall-figures"] [data-figure="${key}"] [data-testid="hall-figure-value"]`);
  const texts = (selector: string) => page.locator(selector).allTextContents().then((all) => all.map((text) => text.trim()));

  /** Every figure and service row on the page equals the API's answer. */
  async function expectFiguresOf(api: LivePerformanceResponse): Promise<void> {
    const expected: Record<string, string> = {
      waiting: String(api.waiting),
      longestWait: minutes(api.longestWaitSeconds),
      open: String(api.counters.open),
      paused: String(api.counters.paused),
      closed: String(api.counters.closed),
      idle: String(api.counters.idle),
      servedToday: String(api.servedToday),
      noShowsToday: String(api.noShowsToday),
    };
    for (const [key, value] of Object.entries(expected)) expect([key, (await figure(key).textContent())?.trim()]).toEqual([key, value]);
    const rows = '[data-testid="hall-figures-services"] tbody tr';
    expect(await page.locator(rows).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-service-id')))).toEqual(api.services.map((s) => s.serviceId));
    expect(await texts(`${rows} td[data-col="waiting"]`)).toEqual(api.services.map((s) => String(s.waiting)));
    expect(await texts(`${rows} td[data-col="longestWait"]`)).toEqual(api.services.map((s) => minutes(s.longestWaitSeconds)));
    expect(await texts(`${rows} td[data-col="servedToday"]`)).toEqual(api.services.map((s) => String(s.servedToday)));
    expect(await texts(`${rows} td[data-col="noShowsToday"]`)).toEqual(api.services.map((s) => String(s.noShowsToday)));
    const idle = api.counterList.filter((c) => c.idle).map((c) => c.name);
    if (idle.length) expect(await page.getByTestId('hall-figures-idle').textContent()).toContain(idle.join(', '));
    else expect(await page.getByTestId('hall-figures-idle').count()).toBe(0);
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    // The morning: four KK and one SKCK ticket; one KK served, one not there when called; the Polresta counter paused.
    for (const serviceId of [h.services.kk, h.services.kk, h.services.kk, h.services.kk, h.services.skck]) await issue(t, h.kiosk, serviceId);
    clock.set(new Date(new Date(KUPANG_MONDAY_0900).getTime() + 7 * 60_000).toISOString());
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'call-next').expect(200);
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'no-show').expect(200);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'pause').expect(200);
    clock.set(new Date(new Date(KUPANG_MONDAY_0900).getTime() + 19 * 60_000).toISOString());
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should show a site admin the hall's figures as the API gives them, and read them again after a live event", async () => {
    await signInCounterPage(page, base, h.kupangSiteAdmin);
    await page.goto(`${base}/counter/pengawas`);
    await figure('waiting').waitFor();
    const api = await live(h.kupangSiteAdmin);
    // The morning as set up: figures that can be wrong.
    expect(api).toMatchObject({ servedToday: 1, noShowsToday: 1, agencyId: null });
    expect(api.counters.paused).toBeGreaterThanOrEqual(1);
    expect(api.longestWaitSeconds).toBe(19 * 60);
    await expectFiguresOf(api);
    await checkScreen(page, 'supervisor-figures');

    // A ticket issued at the kiosk: the page hears the event and reads the figures again.
    await issue(t, h.kiosk, h.services.skck);
    const after = await live(h.kupangSiteAdmin);
    expect(after.waiting).toBe(api.waiting + 1);
    await figure('waiting').filter({ hasText: String(after.waiting) }).waitFor({ timeout: 5000 });
    await expectFiguresOf(after);
  });

  it("should show an agency admin their agency's figures only", async () => {
    await signInCounterPage(page, base, h.dukcapilAdmin);
    await page.goto(`${base}/counter/pengawas`);
    await figure('waiting').waitFor();
    const api = await live(h.dukcapilAdmin);
    expect(api.agencyId).toBe(h.dukcapil.id);
    expect(api.services.map((s) => s.serviceId)).not.toContain(h.services.skck);
    await expectFiguresOf(api);
    expect(await page.getByTestId('hall-figures-at').textContent()).toContain('instansi Anda');
  });

  it('should not show the figures to an officer, whom the API refuses them', async () => {
    await t.http().get('/api/v1/admin/sites/kota-kupang/performance/live').auth(h.officers.dukcapil1, { type: 'bearer' }).expect(403);
    await signInCounterPage(page, base, h.officers.dukcapil1);
    // Heard from here on: the officer's page only (the admin's page before it is gone).
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const me = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/me'));
    await page.goto(`${base}/counter/pengawas`);
    // The page knows who it shows (its own auth/me) and has drawn; a second for any late request.
    await me;
    await page.getByRole('heading', { level: 1, name: 'Pengawasan loket' }).waitFor();
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('hall-figures').count()).toBe(0);
    expect(requests.filter((url) => url.includes('/performance/live'))).toEqual([]);
  });
});
