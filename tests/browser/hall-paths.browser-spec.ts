import type { BookingCreatedResponse, CounterResponse, PublicTicketResponse } from '@mpp/contracts';
import { callAnnouncement, maskNik, TICKET_STATUS_LABELS } from '@mpp/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { Hall, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { STAFF_PASSWORD } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';
import { spokenIn, stubSpeech } from './support/speech';

/**
 * The two paths of the hall, across the three apps in one Chromium: the kiosk, the counter
 * console and the hall display each in its own window, the citizen's phone in a fourth.
 */
describe('A visit to the hall, kiosk to counter to display, in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  let counter: CounterResponse;
  let kiosk: Page;
  let console: Page;
  let display: Page;
  let displayContext: BrowserContext;
  // Monday 23 November 2026, 09:00 WITA.
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const officer = { email: 'petugas.akta@mpp.test', fullName: 'Yosefina Nenobais' };

  const publicTicket = async (code: string) => (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
  const codeFromQr = async () => new URL((await kiosk.getByTestId('kiosk-ticket-qr').getAttribute('data-url'))!).pathname.split('/').pop()!;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.akta, null);
    await t.http().post('/api/v1/admin/users').auth(h.system, { type: 'bearer' }).send({ ...officer, password: STAFF_PASSWORD, role: 'officer', agencyId: h.dukcapil.id }).expect(201);
    // This officer's own loket, the only one serving birth certificates (akta kelahiran).
    counter = (
      await t
        .http()
        .post('/api/v1/admin/sites/kota-kupang/counters')
        .auth(h.kupangSiteAdmin, { type: 'bearer' })
        .send({ number: 41, name: `Loket 41 – ${h.dukcapil.shortName}`, serviceIds: [h.services.akta] })
        .expect(201)
    ).body as CounterResponse;
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();

    kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.addInitScript('window.print = () => undefined');
    await kiosk.goto(`${base}/kiosk/perangkat`);
    await kiosk.getByTestId('device-token').fill(h.kiosk);
    await kiosk.getByTestId('device-submit').click();
    await kiosk.getByTestId('agency-tile').first().waitFor();

    displayContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await displayContext.addInitScript(stubSpeech);
    display = await displayContext.newPage();
    await display.goto(`${base}/kiosk/perangkat`);
    await display.getByTestId('device-token').fill(h.display);
    await display.getByTestId('device-submit').click();
    await display.locator('[data-testid="display-connection"][data-state="live"]').waitFor();
    // A display's account opening the ticket machine is sent back to the display.
    await display.goto(`${base}/kiosk/`);
    await display.waitForURL(/\/kiosk\/display$/);
    await display.locator('[data-testid="display-connection"][data-state="live"]').waitFor();
    const enableSound = display.getByTestId('display-enable-sound');
    if (await enableSound.isVisible()) await enableSound.click();

    console = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await console.goto(`${base}/counter/`);
    await console.getByTestId('login-email').fill(officer.email);
    await console.getByTestId('login-password').fill(STAFF_PASSWORD);
    await console.getByTestId('login-submit').click();
    await console.locator(`[data-testid="counter-option"][data-counter-id="${counter.id}"]`).click();
    await console.getByTestId('console-counter-name').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should take a walk-in ticket, call it, announce it, finish it and show it done to the citizen', async () => {
    // 1. The kiosk: Dukcapil → Akta Kelahiran → regular.
    await kiosk.getByTestId('agency-tile').filter({ hasText: h.dukcapil.shortName }).first().click();
    const akta = (await t.http().get(`/api/v1/services/${h.services.akta}`).expect(200)).body as { name: string };
    await kiosk.getByTestId('service-tile').filter({ has: kiosk.getByRole('heading', { name: akta.name, exact: true }) }).getByTestId('take-ticket').click();
    await kiosk.locator('[data-testid="priority-option"][data-priority="regular"]').click();
    await kiosk.getByTestId('kiosk-ticket-qr').waitFor();
    const ticket = await publicTicket(await codeFromQr());
    expect((await kiosk.getByTestId('kiosk-ticket-number').textContent())?.trim()).toBe(ticket.number);
    expect(ticket).toMatchObject({ status: 'waiting', service: { id: h.services.akta } });
    await checkScreen(kiosk, 'path-walk-in-1-kiosk-ticket');

    // 2. The counter calls next: the ticket appears in its waiting list, then is called.
    await console.getByTestId('waiting-item').filter({ hasText: ticket.number }).waitFor({ timeout: 5000 });
    const spokenBefore = (await spokenIn(display)).length;
    const calledAt = Date.now();
    await console.getByTestId('action-call-next').click();
    await console.getByTestId('console-current-number').filter({ hasText: ticket.number }).waitFor();

    // 3. Within a second the display shows the call and speaks the Indonesian sentence. (The
    // console's screenshot and axe check come after: they took part of that second.)
    await display.getByTestId('display-latest-number').filter({ hasText: ticket.number }).waitFor({ timeout: Math.max(1, 1000 - (Date.now() - calledAt)) });
    await display.waitForFunction((n) => (window as unknown as { __spoken: unknown[] }).__spoken.length > n, spokenBefore, { timeout: Math.max(1, 1000 - (Date.now() - calledAt)) });
    const said = (await spokenIn(display)).slice(spokenBefore);
    expect(said).toEqual([{ text: callAnnouncement(ticket.number, counter.number), lang: 'id-ID' }]);
    expect(said[0].text).toMatch(/^Nomor antrean .+, silakan ke loket empat puluh satu$/);
    expect(await display.getByTestId('display-latest-counter').textContent()).toContain(`${counter.number}`);
    await checkScreen(console, 'path-walk-in-2-counter-called');
    await checkScreen(display, 'path-walk-in-3-display-call');

    // 4. The counter starts and finishes.
    await console.getByTestId('action-start').click();
    await console.getByTestId('requirement-item').first().waitFor({ timeout: 5000 });
    await console.getByTestId('action-finish').click();
    await console.getByTestId('finish-note').fill('Akta diterbitkan.');
    await console.getByTestId('finish-confirm').click();
    await console.getByTestId('console-current-number').filter({ hasText: '—' }).waitFor({ timeout: 5000 });
    expect(await publicTicket(ticket.publicCode)).toMatchObject({ status: 'done' });
    await checkScreen(console, 'path-walk-in-4-counter-finished');

    // 5. The citizen's phone, from the ticket's QR: done.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(new URL(new URL((await kiosk.getByTestId('kiosk-ticket-qr').getAttribute('data-url'))!).pathname, base).toString());
    await phone.getByTestId('ticket-status').filter({ hasText: TICKET_STATUS_LABELS.done.id }).waitFor({ timeout: 5000 });
    expect(await phone.getByTestId('ticket-number').textContent()).toContain(ticket.number);
    await checkScreen(phone, 'path-walk-in-5-phone-done');
    await phone.close();
    await kiosk.getByTestId('kiosk-done').click({ timeout: 5000 });
    await kiosk.getByTestId('agency-tile').first().waitFor({ timeout: 5000 });
  });

  it('should check a booking in at the kiosk by its code and get it called at the counter, NIK masked', async () => {
    const nik = '5371014506900021';
    const fullName = 'Maria Goreti Lada';
    // Booked on Monday at 09:00 for Tuesday 10:00 WITA, through the API as the portal would.
    const booking = (
      await t.http().post('/api/v1/bookings').send({ serviceId: h.services.akta, date: '2026-11-24', start: '10:00', nik, fullName, phone: '0812-3456-7890' }).expect(201)
    ).body as BookingCreatedResponse;
    clock.set('2026-11-24T01:45:00Z'); // Tuesday 09:45 WITA: the check-in window is open.

    await kiosk.getByTestId('checkin-open').click();
    await kiosk.getByTestId('checkin-code').fill(booking.code);
    await kiosk.getByTestId('checkin-submit').click();
    await kiosk.getByTestId('kiosk-ticket-qr').waitFor();
    const ticket = await publicTicket(await codeFromQr());
    expect((await kiosk.getByTestId('kiosk-ticket-number').textContent())?.trim()).toBe(ticket.number);
    const booked = (await t.http().get(`/api/v1/bookings/${booking.code}`).expect(200)).body as { status: string; ticket: { number: string } };
    expect(booked).toMatchObject({ status: 'checked_in', ticket: { number: ticket.number } });
    await checkScreen(kiosk, 'path-booking-1-kiosk-check-in');

    await console.getByTestId('waiting-item').filter({ hasText: ticket.number }).waitFor({ timeout: 5000 });
    const spokenBefore = (await spokenIn(display)).length;
    await console.keyboard.press('n');
    await console.getByTestId('console-current-number').filter({ hasText: ticket.number }).waitFor();
    const details = console.getByTestId('booking-details');
    await details.waitFor();
    expect(await console.getByTestId('booking-nik').textContent()).toContain(maskNik(nik));
    expect(await details.textContent()).toContain(fullName);
    expect(await console.content()).not.toContain(nik);
    await checkScreen(console, 'path-booking-2-counter-booking');

    await display.getByTestId('display-latest-number').filter({ hasText: ticket.number }).waitFor({ timeout: 1000 });
    await display.waitForFunction((n) => (window as unknown as { __spoken: unknown[] }).__spoken.length > n, spokenBefore, { timeout: 1000 });
    expect((await spokenIn(display)).slice(spokenBefore)).toEqual([{ text: callAnnouncement(ticket.number, counter.number), lang: 'id-ID' }]);
    // The hall never sees who booked.
    const hallText = await display.content();
    expect(hallText).not.toContain(fullName);
    expect(hallText).not.toContain(nik);
    expect(hallText).not.toContain(maskNik(nik));
    await checkScreen(display, 'path-booking-3-display-call');
  });
});
