/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { QUEUE_EVENTS, QUEUE_JOINS } from '@mpp/contracts';
import type { BookingCreatedResponse, CheckInResponse, CounterResponse, DisplayCall, DisplaySnapshot, Page as ResultPage, ServiceSummaryResponse, TicketResponse } from '@mpp/contracts';
import { callAnnouncement } from '@mpp/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Namespace } from 'socket.io';
import { io } from 'socket.io-client';
import { FixedClock } from '../../apps/api/src/common/clock';
import { QueueGateway } from '../../apps/api/src/queue/queue.gateway';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { seriousAxeViolations } from './support/axe';
import { launchChromium, screenshot } from './support/browser';
import { type Spoken, stubSpeech } from './support/speech';

/** A hall as big as Kupang's real one: the seed has one loket per agency, the test adds the rest. */
const KUPANG_COUNTERS = 36;

describe('The hall display in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  const snapshot = async () =>
    (await t.http().get('/api/v1/queue/sites/kota-kupang/display').auth(h.display, { type: 'bearer' }).expect(200)).body as DisplaySnapshot;
  const spoken = async () => page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
  const waitForSpoken = async (n: number) =>
    page.waitForFunction((count) => (window as unknown as { __spoken: Spoken[] }).__spoken.length >= count, n, { timeout: 5000 });
  const text = async (testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();
  const counterCell = (number: number) => page.locator(`[data-testid="display-counter"][data-counter-number="${number}"]`);
  const expectNoAxeViolations = async () => expect(await seriousAxeViolations(page)).toEqual([]);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    const existing = (await t.http().get('/api/v1/queue/sites/kota-kupang/counters').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as CounterResponse[];
    for (let n = Math.max(...existing.map((c) => c.number)) + 1; n <= KUPANG_COUNTERS; n++) {
      await t
        .http()
        .post('/api/v1/admin/sites/kota-kupang/counters')
        .auth(h.kupangSiteAdmin, { type: 'bearer' })
        .send({ number: n, name: `Loket ${n} – Dukcapil`, serviceIds: [h.services.ktpBaru] })
        .expect(201);
    }
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(stubSpeech);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should sign in as the display device and show the hall from the snapshot, without announcing it', async () => {
    // A call made before the display opens: on screen from the snapshot, never spoken.
    await issue(t, h.kiosk, h.services.ktpBaru);
    const earlier = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;

    await page.goto(`${base}/kiosk/perangkat`);
    await page.getByTestId('device-token').fill(h.display);
    await page.getByTestId('device-submit').click();
    await page.waitForURL(/\/kiosk\/display$/);
    await page.locator('[data-testid="display-connection"][data-state="live"]').waitFor();

    const hall = await snapshot();
    expect(hall.counters).toHaveLength(KUPANG_COUNTERS);
    expect(await text('display-latest-number')).toBe(earlier.number);
    expect(await text('display-latest-counter')).toContain(`Loket ${h.counters.dukcapil1.number}`);
    expect(await page.getByTestId('display-counter').count()).toBe(hall.counters.length);
    expect((await counterCell(h.counters.dukcapil1.number).getByTestId('display-counter-current').textContent())?.trim()).toBe(earlier.number);
    expect(await page.getByTestId('display-last-call').first().textContent()).toContain(earlier.number);
    expect(await text('display-site')).toBe(hall.siteName);
    expect(await text('display-clock')).toContain('WITA');

    // Readable from 10 m and all on one 1920×1080 screen.
    const sizes = await page.evaluate(() => ({
      latest: parseFloat(getComputedStyle(document.querySelector('[data-testid="display-latest-number"]')!).fontSize),
      latestFits: ((el) => el.scrollWidth <= el.clientWidth)(document.querySelector<HTMLElement>('[data-testid="display-latest-number"]')!),
      counter: parseFloat(getComputedStyle(document.querySelector('[data-testid="display-counter-current"]')!).fontSize),
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
    }));
    expect(sizes.latest).toBeGreaterThanOrEqual(160);
    expect(sizes.latestFits).toBe(true);
    expect(sizes.counter).toBeGreaterThanOrEqual(64);
    expect(sizes.scrollHeight).toBeLessThanOrEqual(1080);
    expect(sizes.scrollWidth).toBeLessThanOrEqual(1920);
    const lastCell = await page.getByTestId('display-counter').last().boundingBox();
    expect(lastCell!.y + lastCell!.height).toBeLessThanOrEqual(1080);

    // Sound needs one press by the hall staff, remembered on the device.
    await page.getByTestId('display-enable-sound').waitFor();
    await expectNoAxeViolations();
    await screenshot(page, 'display-snapshot-sound-off');
    await page.getByTestId('display-enable-sound').click();
    await page.getByTestId('display-enable-sound').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => localStorage.getItem('mpp.display.sound'))).toBe('on');
    expect(await spoken()).toEqual([]);

    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    // Finished: the counter is free again and shows no number.
    await page.waitForFunction(
      (n) => document.querySelector(`[data-testid="display-counter"][data-counter-number="${n}"] [data-testid="display-counter-current"]`)?.textContent?.trim() === '',
      h.counters.dukcapil1.number,
      { timeout: 2000 },
    );
  });

  it('should show a call within a second and announce it in Indonesian, and a recall again', async () => {
    const ticket = await issue(t, h.kiosk, h.services.kk);
    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    const counterNumber = called.counter!.number;
    await page.getByTestId('display-latest-number').filter({ hasText: called.number }).waitFor({ timeout: 1000 });
    expect(await text('display-latest-counter')).toContain(`Loket ${counterNumber}`);
    await counterCell(counterNumber).getByTestId('display-counter-current').filter({ hasText: called.number }).waitFor({ timeout: 1000 });
    expect(await counterCell(counterNumber).getAttribute('class')).toContain('is-fresh');

    const sentence = callAnnouncement(called.number, counterNumber);
    await waitForSpoken(1);
    // Only the live call: the snapshot's call before it was not announced.
    expect(await spoken()).toEqual([{ text: sentence, lang: 'id-ID' }]);
    await expectNoAxeViolations();
    await screenshot(page, 'display-call');

    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'recall').expect(200);
    await waitForSpoken(2);
    expect(await spoken()).toEqual([
      { text: sentence, lang: 'id-ID' },
      { text: sentence, lang: 'id-ID' },
    ]);
    expect(await page.getByTestId('display-last-call').first().textContent()).toContain(called.number);
    expect(await page.getByTestId('display-last-call').count()).toBeGreaterThanOrEqual(2);
    await expectNoAxeViolations();
    await screenshot(page, 'display-recall');
  });

  it('should update the waiting count of a service when a ticket is issued', async () => {
    const waitingCell = page.locator(`[data-testid="display-waiting"][data-service-id="${h.services.skck}"]`);
    const before = (await snapshot()).waiting.find((w) => w.serviceId === h.services.skck)?.count ?? 0;
    expect(await waitingCell.count()).toBe(before > 0 ? 1 : 0);

    await issue(t, h.kiosk, h.services.skck);
    await issue(t, h.kiosk, h.services.skck);
    const after = (await snapshot()).waiting.find((w) => w.serviceId === h.services.skck)!;
    expect(after.count).toBe(before + 2);
    await waitingCell.filter({ hasText: String(after.count) }).waitFor({ timeout: 2000 });
    expect(await waitingCell.textContent()).toContain(after.serviceName);
    await expectNoAxeViolations();
    await screenshot(page, 'display-waiting');
  });

  it('should keep a busy hall on one screen: many services waiting are summed up, never scrolled', async () => {
    const catalogue = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', pageSize: 100 }).expect(200)).body as ResultPage<ServiceSummaryResponse>;
    // Other agencies than Dukcapil and Polresta, so the calls of the later tests stay as they are.
    const others = catalogue.items.filter((s) => s.walkInEnabled && !['dukcapil', 'polresta'].includes(s.agency.code)).slice(0, 16);
    for (const service of others) await issue(t, h.kiosk, service.id);
    const waiting = (await snapshot()).waiting;
    expect(waiting.length).toBeGreaterThan(12);
    await page.getByText(`+${waiting.length - 11} layanan lain`).waitFor({ timeout: 2000 });
    expect(await page.getByTestId('display-waiting').count()).toBe(11);
    const first = waiting[0];
    expect(await page.locator(`[data-testid="display-waiting"][data-service-id="${first.serviceId}"]`).textContent()).toContain(String(first.count));
    const layout = await page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      lastWaitingBottom: [...document.querySelectorAll('[data-testid="display-waiting"]')].at(-1)!.getBoundingClientRect().bottom,
      counterHeights: [...document.querySelectorAll('[data-testid="display-counter"]')].map((el) => el.getBoundingClientRect().height),
    }));
    expect(layout.scrollHeight).toBeLessThanOrEqual(1080);
    expect(layout.lastWaitingBottom).toBeLessThanOrEqual(1080);
    // A counter cell still holds its label and a 64px number.
    expect(Math.min(...layout.counterHeights)).toBeGreaterThanOrEqual(64 + 20);
    await expectNoAxeViolations();
    await screenshot(page, 'display-busy-hall');
  });

  it('should resynchronise after losing the connection: a call made meanwhile appears, unannounced', async () => {
    const spokenBefore = await spoken();
    await context.setOffline(true);
    // Offline emulation stops new connections; the server dropping the socket ends the old one.
    (t.app.get(QueueGateway) as unknown as { server: Namespace }).server.disconnectSockets(true);
    await page.locator('[data-testid="display-connection"][data-state="reconnecting"]').waitFor({ timeout: 3000 });
    await screenshot(page, 'display-reconnecting');

    // A display that stayed connected hears the call: once it has, the event has gone out to the
    // display room, and the one offline has not had it.
    const online = io(`${base}/queue`, { transports: ['websocket'], auth: { token: h.display }, reconnection: false, forceNew: true });
    let missed: TicketResponse;
    try {
      expect((await online.timeout(5000).emitWithAck(QUEUE_JOINS.display, { siteCode: 'kota-kupang' })) as { ok: boolean }).toMatchObject({ ok: true });
      const heard = new Promise<DisplayCall>((resolve) => online.on(QUEUE_EVENTS.call, resolve));
      missed = (await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200)).body as TicketResponse;
      expect((await heard).ticketNumber).toBe(missed.number);
      expect(await text('display-latest-number')).not.toBe(missed.number);
      expect(await page.getByTestId('display-connection').getAttribute('data-state')).toBe('reconnecting');
    } finally {
      online.disconnect();
    }

    await context.setOffline(false);
    await page.locator('[data-testid="display-connection"][data-state="live"]').waitFor({ timeout: 15000 });
    await page.getByTestId('display-latest-number').filter({ hasText: missed.number }).waitFor({ timeout: 2000 });
    expect(await text('display-latest-counter')).toContain(`Loket ${h.counters.polresta.number}`);
    expect((await counterCell(h.counters.polresta.number).getByTestId('display-counter-current').textContent())?.trim()).toBe(missed.number);
    const skckWaiting = (await snapshot()).waiting.find((w) => w.serviceId === h.services.skck)?.count ?? 0;
    expect(await page.locator(`[data-testid="display-waiting"][data-service-id="${h.services.skck}"]`).textContent()).toContain(String(skckWaiting));
    await expectNoAxeViolations();
    await screenshot(page, 'display-resynchronised');

    // The next live call is announced; the one caught up on before it never was.
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'start').expect(200);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'finish').expect(200);
    await issue(t, h.kiosk, h.services.skck);
    const live = (await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200)).body as TicketResponse;
    await waitForSpoken(spokenBefore.length + 1);
    expect(await spoken()).toEqual([...spokenBefore, { text: callAnnouncement(live.number, live.counter!.number), lang: 'id-ID' }]);
  });

  it("should never show a booked citizen's name, NIK or phone", async () => {
    const person = { nik: '5371014101900042', fullName: 'Yohana Feoh Manafe', phone: '0813-3977-4521' };
    const booking = (
      await t
        .http()
        .post('/api/v1/bookings')
        .send({ serviceId: h.services.akta, date: '2026-11-23', start: '11:00', ...person })
        .expect(201)
    ).body as BookingCreatedResponse;
    clock.set('2026-11-23T02:45:00Z'); // 10:45 WITA: inside the check-in window of the 11:00 slot
    const checkIn = (await t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code: booking.code }).expect(200)).body as CheckInResponse;
    const called = (await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(checkIn.ticket.id);
    await page.getByTestId('display-latest-number').filter({ hasText: called.number }).waitFor({ timeout: 1000 });
    await waitForSpoken((await spoken()).length + 1);

    // Every counter's number fits its cell, whole.
    const numbers = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="display-counter-current"]')]
        .filter((el) => el.textContent?.trim())
        .map((el) => ({ text: el.textContent?.trim(), fits: el.scrollWidth <= el.clientWidth, size: parseFloat(getComputedStyle(el).fontSize) })),
    );
    expect(numbers.map((n) => n.text)).toContain(called.number);
    for (const n of numbers) expect(n).toEqual({ text: n.text, fits: true, size: expect.any(Number) as number });
    expect(Math.min(...numbers.map((n) => n.size))).toBeGreaterThanOrEqual(64);

    const shown = await page.evaluate(() => `${document.documentElement.outerHTML}\n${document.body.innerText}`);
    const digits = person.phone.replace(/\D/g, '');
    const forbidden = [person.fullName, ...person.fullName.split(' '), person.nik, person.nik.slice(-8), digits.slice(1)];
    for (const value of forbidden) expect(shown).not.toContain(value);
    expect(JSON.stringify(await snapshot())).not.toContain(person.fullName);
    await expectNoAxeViolations();
    await screenshot(page, 'display-booked-call');
  });
});
