import type {
  AgencyResponse,
  BookingCreatedResponse,
  CheckInResponse,
  DeviceResponse,
  DisplaySnapshot,
  PublicTicketResponse,
  ServiceResponse,
  TicketResponse,
} from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { Hall, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { seriousAxeViolations } from './support/axe';
import { launchChromium, screenshot } from './support/browser';

/** Counts the kiosk's calls to window.print() (kiosks print silently with --kiosk-printing). */
const STUB_PRINT = `
  window.__printCalls = 0;
  window.print = () => { window.__printCalls += 1; };
`;

describe('The kiosk ticket machine in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const newKioskPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.addInitScript(STUB_PRINT);
    return page;
  };
  /** Signs the kiosk in with a setup link (`?token=`), which lands on the start screen. */
  const openKiosk = async (page: Page): Promise<void> => {
    await page.goto(`${base}/kiosk/perangkat?token=${h.kiosk}`);
    await page.getByTestId('agency-tile').first().waitFor();
  };
  const printCalls = (page: Page) => page.evaluate<number>('window.__printCalls');
  const printed = (page: Page) => page.waitForFunction('window.__printCalls > 0');
  const serviceOf = async (id: string) => (await t.http().get(`/api/v1/services/${id}`).expect(200)).body as ServiceResponse;
  const waitingFor = async (serviceId: string) => {
    const snapshot = (await t.http().get('/api/v1/queue/sites/kota-kupang/display').auth(h.display, { type: 'bearer' }).expect(200)).body as DisplaySnapshot;
    return snapshot.waiting.find((w) => w.serviceId === serviceId)?.count ?? 0;
  };
  /** The ticket the page shows, read back from the API through the code in its QR. */
  const ticketBehindQr = async (page: Page) => {
    const url = await page.getByTestId('kiosk-ticket-qr').getAttribute('data-url');
    expect(url).toMatch(new RegExp(`^${base}/tiket/`));
    const code = decodeURIComponent(url!.split('/tiket/')[1]);
    return (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
  };
  /** Start screen → agency → the service's tile → "Ambil nomor antrean" → the priority choice. */
  const goToPriorities = async (page: Page, service: ServiceResponse) => {
    await page.getByTestId('agency-tile').filter({ hasText: service.agency.shortName }).first().click();
    const tile = page.getByTestId('service-tile').filter({ has: page.getByRole('heading', { name: service.name, exact: true }) });
    await tile.getByTestId('take-ticket').click();
    await page.getByTestId('priority-option').first().waitFor();
  };

  it('should refuse a wrong device token in words and bind the site with the right one', async () => {
    const device = (await t.http().get('/api/v1/auth/device').auth(h.kiosk, { type: 'bearer' }).expect(200)).body as DeviceResponse;
    const agencies = (await t.http().get(`/api/v1/sites/${device.siteCode}/agencies`).expect(200)).body as AgencyResponse[];
    const site = (await t.http().get(`/api/v1/sites/${device.siteCode}`).expect(200)).body as { name: string };
    const page = await newKioskPage();

    // Without a device, every kiosk screen leads to the setup screen.
    await page.goto(`${base}/kiosk/`);
    await page.getByTestId('device-token').waitFor();
    expect(page.url()).toBe(`${base}/kiosk/perangkat`);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByTestId('device-token').fill('mppd_bukan-token-yang-benar');
    await page.getByTestId('device-submit').click();
    await page.getByTestId('device-error').waitFor();
    expect(await page.getByTestId('device-error').textContent()).toMatch(/tidak dikenal atau sudah dicabut/);
    expect(await page.evaluate("localStorage.getItem('mpp.kiosk.deviceToken')")).toBeNull();
    await screenshot(page, 'kiosk-device-refused');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByTestId('device-token').fill(h.kiosk);
    await page.getByTestId('device-submit').click();
    const tiles = page.getByTestId('agency-tile');
    await tiles.first().waitFor();
    expect(page.url()).toBe(`${base}/kiosk/`);
    expect(await tiles.count()).toBe(agencies.length);
    expect(await page.locator('.ui-shell__subtitle').textContent()).toContain(site.name);
    expect(await page.evaluate("localStorage.getItem('mpp.kiosk.deviceToken')")).toBe(h.kiosk);
    const box = await tiles.first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await screenshot(page, 'kiosk-start');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A reload keeps the device; the display is open to it as well.
    await page.reload();
    await tiles.first().waitFor();
    await page.close();
  });

  it('should send a kiosk whose token was revoked back to the setup screen with a message', async () => {
    const registered = (
      await t.http().post('/api/v1/admin/sites/kota-kupang/devices').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ name: 'kios dicabut', kind: 'kiosk' }).expect(201)
    ).body as DeviceResponse & { token: string };
    const page = await newKioskPage();
    await page.goto(`${base}/kiosk/perangkat?token=${registered.token}`);
    await page.getByTestId('agency-tile').first().waitFor();
    // The token is used once and removed from the address.
    expect(page.url()).not.toContain('token=');

    await t.http().post(`/api/v1/admin/devices/${registered.id}/revoke`).auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200);
    await page.reload();
    await page.getByTestId('device-error').waitFor();
    expect(page.url()).toBe(`${base}/kiosk/perangkat`);
    expect(await page.getByTestId('device-error').textContent()).toMatch(/tidak berlaku lagi/);
    expect(await page.evaluate("localStorage.getItem('mpp.kiosk.deviceToken')")).toBeNull();
    await screenshot(page, 'kiosk-device-revoked');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('should take a number for the elderly, show it with its QR and print it once', async () => {
    const service = await serviceOf(h.services.kk);
    const before = await waitingFor(service.id);
    const page = await newKioskPage();
    await openKiosk(page);

    await goToPriorities(page, service);
    const options = page.getByTestId('priority-option');
    expect(await options.evaluateAll((els) => els.map((el) => el.getAttribute('data-priority')))).toEqual([
      'regular',
      'disability',
      'elderly',
      'pregnant',
      'child',
      'disaster_victim',
    ]);
    // Each option is named in words next to its (decorative) icon.
    expect(await options.locator('svg[aria-hidden="true"]').count()).toBe(6);
    expect(await page.locator('[data-priority="elderly"]').textContent()).toContain('Lanjut usia');
    await screenshot(page, 'kiosk-priorities');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.locator('[data-testid="priority-option"][data-priority="elderly"]').click();
    await page.getByTestId('kiosk-ticket-number').waitFor();
    await page.getByTestId('kiosk-ticket-qr').waitFor();
    const ticket = await ticketBehindQr(page);
    expect((await page.getByTestId('kiosk-ticket-number').textContent())?.trim()).toBe(ticket.number);
    expect(ticket.priority).toBe('elderly');
    expect(ticket.service.id).toBe(service.id);
    expect(await page.getByTestId('kiosk-ticket-service').textContent()).toContain(service.name);
    expect(await page.getByTestId('kiosk-ticket-ahead').getAttribute('data-ahead')).toBe(String(ticket.position! - 1));
    expect(await page.getByTestId('kiosk-ticket-wait').getAttribute('data-minutes')).toBe(String(ticket.estimatedWaitMinutes));
    expect(await page.getByTestId('kiosk-ticket-issued').textContent()).toContain('09.00 WITA');
    expect(await page.getByTestId('kiosk-ticket-priority').textContent()).toContain('Lanjut usia');
    expect(await waitingFor(service.id)).toBe(before + 1);
    await printed(page);
    expect(await printCalls(page)).toBe(1);
    await screenshot(page, 'kiosk-ticket');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Only the ticket is printed, on 80 mm paper.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-ticket').isVisible()).toBe(true);
    expect(await page.locator('.ui-shell__header').isVisible()).toBe(false);
    expect(await page.getByTestId('kiosk-ticket-number').isVisible()).toBe(false);
    expect(await page.locator('.print-ticket__number').textContent()).toBe(ticket.number);
    await page.emulateMedia({ media: 'screen' });

    await page.getByTestId('kiosk-print').click();
    expect(await printCalls(page)).toBe(2);
    expect(await waitingFor(service.id)).toBe(before + 1);

    await page.getByTestId('kiosk-done').click();
    await page.getByTestId('agency-tile').first().waitFor();
    await page.close();
  });

  it('should retry a ticket request lost on the way back with the same key: one ticket, one print', async () => {
    const service = await serviceOf(h.services.ktpBaru);
    const before = await waitingFor(service.id);
    const page = await newKioskPage();
    await openKiosk(page);
    const keys: string[] = [];
    const answers: TicketResponse[] = [];
    await page.route('**/api/v1/queue/tickets', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        // The server issues the ticket, but the answer never reaches the kiosk.
        const response = await route.fetch();
        answers.push((await response.json()) as TicketResponse);
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });

    await goToPriorities(page, service);
    await page.locator('[data-testid="priority-option"][data-priority="regular"]').click();
    await page.getByTestId('kiosk-ticket-qr').waitFor();

    expect(keys.length).toBe(2);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_.:-]{8,200}$/);
    expect(keys[1]).toBe(keys[0]);
    expect((await page.getByTestId('kiosk-ticket-number').textContent())?.trim()).toBe(answers[0].number);
    expect((await ticketBehindQr(page)).number).toBe(answers[0].number);
    expect(await waitingFor(service.id)).toBe(before + 1);
    await printed(page);
    expect(await printCalls(page)).toBe(1);
    await screenshot(page, 'kiosk-ticket-after-retry');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The next ticket is a new request: a new key.
    await page.getByTestId('kiosk-done').click();
    await goToPriorities(page, service);
    await page.locator('[data-testid="priority-option"][data-priority="regular"]').click();
    await page.getByTestId('kiosk-ticket-qr').waitFor();
    expect(keys.length).toBe(3);
    expect(keys[2]).not.toBe(keys[0]);
    expect(await waitingFor(service.id)).toBe(before + 2);
    await page.close();
  });

  it('should offer "Coba lagi" when the server stays away, and reuse the key when asked', async () => {
    const service = await serviceOf(h.services.akta);
    const before = await waitingFor(service.id);
    const page = await newKioskPage();
    await openKiosk(page);
    const keys: string[] = [];
    let offline = true;
    await page.route('**/api/v1/queue/tickets', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (offline) {
        await route.abort('internetdisconnected');
        return;
      }
      await route.continue();
    });

    await goToPriorities(page, service);
    await page.locator('[data-testid="priority-option"][data-priority="pregnant"]').click();
    const error = page.getByTestId('kiosk-error');
    await error.waitFor({ timeout: 15_000 });
    // One request and two automatic retries, all with the same key.
    expect(keys.length).toBe(3);
    expect(new Set(keys).size).toBe(1);
    expect(await error.textContent()).toContain('Tidak dapat terhubung ke server');
    await screenshot(page, 'kiosk-issue-error');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await waitingFor(service.id)).toBe(before);

    offline = false;
    await error.getByRole('button', { name: 'Coba lagi' }).click();
    await page.getByTestId('kiosk-ticket-qr').waitFor();
    expect(keys.length).toBe(4);
    expect(keys[3]).toBe(keys[0]);
    const ticket = await ticketBehindQr(page);
    expect(ticket.priority).toBe('pregnant');
    expect((await page.getByTestId('kiosk-ticket-number').textContent())?.trim()).toBe(ticket.number);
    expect(await waitingFor(service.id)).toBe(before + 1);
    await page.close();
  });

  it('should check in an online booking by its typed code, after telling an early guest when to come back', async () => {
    // Booked on Monday for Tuesday 10:00 WITA; the kiosk is used on Tuesday.
    const nik = '5371010101900042';
    const booking = (
      await t.http().post('/api/v1/bookings').send({ serviceId: h.services.akta, date: '2026-11-24', start: '10:00', nik, fullName: 'Yohanes Bria Seran', phone: '0812-3456-7890' }).expect(201)
    ).body as BookingCreatedResponse;
    // As Indonesian writes a time: "09.30".
    const opensAt = new Intl.DateTimeFormat('id-ID', { timeZone: booking.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(booking.checkIn.opensAt));
    const page = await newKioskPage();
    try {
      clock.set(new Date(new Date(booking.checkIn.opensAt).getTime() - 30 * 60_000).toISOString());
      await openKiosk(page);
      await page.getByTestId('checkin-open').click();
      await page.getByTestId('checkin-code').waitFor();
      // Headless Chromium has no camera: the kiosk says so and keeps the typed field.
      await page.locator('[data-testid="checkin-camera"][data-state="unavailable"]').waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.getByTestId('checkin-code').fill(booking.code.toLowerCase());
      await page.getByTestId('checkin-submit').click();
      const message = page.getByTestId('checkin-message');
      await message.waitFor();
      expect(await message.textContent()).toContain(`kembali pukul ${opensAt} WITA`);
      await screenshot(page, 'kiosk-checkin-too-early');
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.getByTestId('checkin-code').fill('ZZZZ-ZZZZ');
      await page.getByTestId('checkin-submit').click();
      await message.filter({ hasText: 'tidak ditemukan' }).waitFor();

      clock.set(booking.startsAt);
      await page.getByTestId('checkin-code').fill(`${booking.code.slice(0, 4)}-${booking.code.slice(4)}`);
      await page.getByTestId('checkin-submit').click();
      await page.getByTestId('kiosk-ticket-qr').waitFor();
      const ticket = await ticketBehindQr(page);
      expect((await page.getByTestId('kiosk-ticket-number').textContent())?.trim()).toBe(ticket.number);
      const again = (await t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code: booking.code }).expect(200)).body as CheckInResponse;
      expect(again.outcome).toBe('already_checked_in');
      expect(again.ticket.publicCode).toBe(ticket.publicCode);
      expect(await page.getByTestId('checkin-message').textContent()).toContain('Check-in berhasil');
      await printed(page);
      expect(await printCalls(page)).toBe(1);
      await screenshot(page, 'kiosk-checkin-ticket');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Scanning or typing it again shows the same ticket.
      await page.getByTestId('kiosk-done').click();
      await page.getByTestId('checkin-open').click();
      await page.getByTestId('checkin-code').fill(booking.code);
      await page.getByTestId('checkin-submit').click();
      await page.getByTestId('checkin-message').filter({ hasText: 'sudah check-in' }).waitFor();
      expect((await page.getByTestId('kiosk-ticket-number').textContent())?.trim()).toBe(ticket.number);
    } finally {
      clock.set(KUPANG_MONDAY_0900);
      await page.close();
    }
  });

  it('should return to the start screen after inactivity, sooner from the ticket screen', async () => {
    const service = await serviceOf(h.services.skck);
    const page = await newKioskPage();
    await page.clock.install();
    await openKiosk(page);

    // Switched to English on a services screen, then left alone for a minute.
    await page.getByTestId('agency-tile').filter({ hasText: service.agency.shortName }).first().click();
    await page.getByTestId('service-tile').first().waitFor();
    await page.getByTestId('lang-en').click();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.clock.fastForward(30_000);
    expect(await page.getByTestId('service-tile').count()).toBeGreaterThan(0);
    await page.clock.fastForward(31_000);
    await page.getByTestId('agency-tile').first().waitFor();
    expect(page.url()).toBe(`${base}/kiosk/`);
    expect(await page.evaluate('document.documentElement.lang')).toBe('id');

    // The ticket screen goes back after about 25 seconds.
    await goToPriorities(page, service);
    await page.locator('[data-testid="priority-option"][data-priority="regular"]').click();
    await page.getByTestId('kiosk-ticket-qr').waitFor();
    await page.clock.fastForward(26_000);
    await page.getByTestId('agency-tile').first().waitFor();
    expect(await page.getByTestId('kiosk-ticket-number').count()).toBe(0);
    await screenshot(page, 'kiosk-after-idle');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });
});
