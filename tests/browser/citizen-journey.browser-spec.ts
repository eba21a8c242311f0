import type { BookingPublicResponse, PublicTicketResponse, ServiceResponse, SitePageResponse, SlotsResponse, TicketResponse } from '@mpp/contracts';
import { departureAdvice, TICKET_STATUS_LABELS } from '@mpp/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateVAPIDKeys } from 'web-push';
import { FixedClock } from '../../apps/api/src/common/clock';
import type { PushPayload } from '../../apps/api/src/push/push-messages';
import { PushSender } from '../../apps/api/src/push/push-sender';
import { PushService } from '../../apps/api/src/push/push.service';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { TestPushService, type TestBrowserSubscription } from '../../apps/api/test/support/push-service';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { SITE_PAGE_TEXTS } from '../../apps/portal/src/app/site/site-texts';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';
import { downloadByClick } from './support/download';
import { notificationsOnceThey, notificationsWith, pushPhone, serviceWorkerControls, workerPushChannel, type ShownNotification } from './support/push-phone';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `537101010190${String(serial).padStart(4, '0')}`;
const TIME_ZONE = 'Asia/Makassar';

/**
 * Issue 13: the citizen's whole journey on one phone (390×844), in Chromium with the built portal
 * and the real API: the site page, a service, booking a visit, the confirmation (QR, PDF, .ics),
 * the booking's page (reschedule, cancel), then a ticket from home, its departure advice, push
 * notifications enabled and the call arriving both on the page and through the service worker.
 * Each step is one `it`, in order, on the same phone; each screen is checked with axe and
 * photographed (test-results/screenshots/journey-*.png).
 */
describe('The citizen journey in Chromium, on a phone', () => {
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:operator@mpp.test' };
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900)); // Monday 23 November 2026, 09:00 WITA
  const citizen = { nik: nikFor(411), name: 'Maria Goreti Lada', phone: '0812-3456-7890' };
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let peer: TestPushService;
  let base: string;
  let subscription: TestBrowserSubscription;
  let phone: BrowserContext;
  let page: Page;
  /** Carried from one step to the next. */
  const journey: { bookingCode?: string; ticketCode?: string } = {};

  beforeAll(async () => {
    peer = await new TestPushService().start();
    t = await createTestApp({ clock, config: { vapid, bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.akta, null);
    t.app.get(PushSender).agent = peer.agent;
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
    subscription = peer.subscription('/s/citizen-phone');
    phone = await pushPhone(browser, base, subscription, { acceptDownloads: true });
    page = await phone.newPage();
  }, 300_000);
  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await t?.close();
    await peer?.stop();
  });

  const text = async (testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const booking = async (code: string) => (await t.http().get(`/api/v1/bookings/${code}`).expect(200)).body as BookingPublicResponse;
  /** Seats left in a slot, as the API counts them. */
  const seatsLeft = async (date: string, start: string) => {
    const day = (await t.http().get(`/api/v1/services/${h.services.akta}/slots`).query({ date }).expect(200)).body as SlotsResponse;
    const slot = day.slots.find((s) => s.start === start);
    if (!slot) throw new Error(`no slot ${date} ${start}`);
    return slot.remaining;
  };

  it('should open the MPP page, find a service and book a visit: date strip, slot, form, requirements', async () => {
    const site = (await t.http().get('/api/v1/sites/kota-kupang/page').expect(200)).body as SitePageResponse;
    const akta = (await t.http().get(`/api/v1/services/${h.services.akta}`).expect(200)).body as ServiceResponse;
    expect(site.now.state).toBe('open'); // a Monday at 09:00
    expect(site.facilities.length).toBeGreaterThan(0);

    await page.goto(`${base}/mpp/kota-kupang`);
    await page.getByTestId('site-name').filter({ hasText: site.name }).waitFor();
    expect(await page.getByTestId('site-now').getAttribute('data-state')).toBe(site.now.state);
    expect(await text('site-now')).toContain(SITE_PAGE_TEXTS['now.open'].id);
    expect(await page.getByTestId('site-facilities').locator('[data-facility]').evaluateAll((items) => items.map((i) => i.getAttribute('data-facility')))).toEqual(site.facilities);
    await checkScreen(page, 'journey-01-site-page');

    // The agency's services at this MPP, then the service by its name.
    await page.getByTestId('site-agencies').getByRole('link', { name: /Dukcapil/ }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('agency') === 'dukcapil');
    await page.getByTestId('search-input').fill(akta.name);
    await page.getByTestId('search-input').press('Enter');
    const result = page.getByTestId('service-result').getByRole('link', { name: akta.name, exact: true });
    await result.waitFor({ timeout: 15_000 });
    await checkScreen(page, 'journey-02-services');
    await result.click();
    await page.waitForURL(`${base}/layanan/${h.services.akta}`);
    await page.getByTestId('service-book').waitFor();
    await checkScreen(page, 'journey-03-service');

    // Book: Tuesday 24 November, 10:00.
    const before = await seatsLeft('2026-11-24', '10:00');
    await page.getByTestId('service-book').click();
    await page.getByTestId('date-strip').waitFor();
    await page.getByTestId('day-2026-11-24').click();
    await page.getByTestId('slot-10:00').waitFor();
    expect(await text('slot-10:00')).toContain(`sisa ${before} kursi`);
    await page.getByTestId('slot-10:00').click();
    await page.getByTestId('slot-summary').filter({ hasText: 'Selasa, 24 November 2026, pukul 10.00 WITA' }).waitFor();
    await page.getByTestId('booking-nik').fill(citizen.nik);
    await page.getByTestId('booking-name').fill(citizen.name);
    await page.getByTestId('booking-phone').fill(citizen.phone);
    await page.getByTestId('priority-disability').click();
    await page.getByTestId('need-wheelchair').click();
    const bring = page.getByTestId('booking-bring').locator('input[type="checkbox"]');
    expect(await bring.count()).toBe(akta.requirements.length);
    for (const item of await bring.all()) await item.check();
    await checkScreen(page, 'journey-04-booking-form');

    await page.getByTestId('booking-submit').click();
    await page.getByTestId('done-heading').waitFor({ timeout: 20_000 });
    const code = new URL(page.url()).pathname.split('/')[2];
    journey.bookingCode = code;
    expect(await booking(code)).toMatchObject({ status: 'active', date: '2026-11-24', start: '10:00' });
    expect(await seatsLeft('2026-11-24', '10:00')).toBe(before - 1);
  }, 240_000);

  it('should confirm with the QR, download the PDF and a calendar file without personal data, and follow the manage link', async () => {
    const code = journey.bookingCode!;
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/pemesanan/${code}/berhasil`);
    const token = /^#k=([A-Za-z0-9_-]{20,})$/.exec(url.hash)?.[1];
    expect(token).toBeDefined();
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="done-qr"]') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    expect(await page.getByTestId('done-qr').isVisible()).toBe(true);
    expect(await text('done-needs')).toContain('Kursi roda');
    await checkScreen(page, 'journey-05-confirmation');

    const shownCode = `${code.slice(0, 4)}-${code.slice(4)}`;
    const [pdfResponse, pdf] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/bookings/${code}/confirmation.pdf`)), downloadByClick(page, 'done-pdf')]);
    expect(pdfResponse.headers()['content-type']).toBe('application/pdf');
    expect(pdf.name).toBe(`pemesanan-${shownCode}.pdf`);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const ics = await downloadByClick(page, 'done-ics');
    expect(ics.name).toBe(`pemesanan-${shownCode}.ics`);
    const calendar = ics.body.toString('utf8');
    expect(calendar.startsWith('BEGIN:VCALENDAR')).toBe(true);
    // 10:00 WITA is 02:00 UTC.
    expect(calendar).toContain('DTSTART:20261124T020000Z');
    const phoneDigits = citizen.phone.replace(/\D/g, '');
    for (const personal of [...citizen.name.split(' '), citizen.nik, citizen.nik.slice(-4), phoneDigits, phoneDigits.slice(-4), token!]) {
      expect(calendar).not.toContain(personal);
    }
    const icsHref = await page.getByTestId('done-ics').getAttribute('href');
    const icsResponse = await fetch(new URL(icsHref!, page.url()));
    expect(icsResponse.headers.get('content-type')).toMatch(/^text\/calendar/);

    await page.getByTestId('done-manage').click();
    await page.getByTestId('booking-name').filter({ hasText: citizen.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/pemesanan/${code}`);
  }, 120_000);

  it('should show the booking on its page, move it to another slot (the seats move too), then cancel it', async () => {
    const code = journey.bookingCode!;
    expect(await text('booking-needs')).toContain('Kursi roda');
    await page.getByTestId('booking-qr').waitFor();
    await checkScreen(page, 'journey-06-manage');

    const from = await seatsLeft('2026-11-24', '10:00');
    const to = await seatsLeft('2026-11-25', '14:00');
    await page.getByTestId('booking-reschedule').click();
    await page.getByTestId('booking-reschedule-step').getByTestId('date-strip').waitFor();
    await page.getByTestId('day-2026-11-25').click();
    await page.getByTestId('slot-14:00').click();
    await checkScreen(page, 'journey-07-reschedule');
    await page.getByTestId('booking-reschedule-confirm').click();
    await page.getByTestId('booking-rescheduled').waitFor({ timeout: 20_000 });
    expect(await text('booking-date')).toContain('Rabu, 25 November 2026');
    expect(await text('booking-time')).toContain('14.00–14.30 WITA');
    expect(await booking(code)).toMatchObject({ status: 'active', date: '2026-11-25', start: '14:00' });
    expect(await seatsLeft('2026-11-24', '10:00')).toBe(from + 1);
    expect(await seatsLeft('2026-11-25', '14:00')).toBe(to - 1);
    await checkScreen(page, 'journey-08-rescheduled');

    await page.getByTestId('booking-cancel').click();
    await page.getByTestId('booking-cancel-confirm').click();
    await page.getByTestId('booking-status').filter({ hasText: 'Dibatalkan' }).waitFor({ timeout: 20_000 });
    expect((await booking(code)).status).toBe('cancelled');
    expect(await seatsLeft('2026-11-25', '14:00')).toBe(to);
    await checkScreen(page, 'journey-09-cancelled');
  }, 180_000);

  it('should take a ticket from home, say when to set off, and ring when an officer calls it: on the page and through the service worker', async () => {
    // The site admin lets the KTP service take tickets from home.
    const ktp = (await t.http().get(`/api/v1/services/${h.services.ktpBaru}`).expect(200)).body as ServiceResponse;
    await t
      .http()
      .patch(`/api/v1/admin/services/${h.services.ktpBaru}`)
      .auth(h.kupangSiteAdmin, { type: 'bearer' })
      .send({ queue: { ...ktp.queue, dailyQuota: null, onlineTicketEnabled: true } })
      .expect(200);
    // Four people already in the hall.
    const hall: TicketResponse[] = [];
    for (let i = 0; i < 4; i++) hall.push(await issue(t, h.kiosk, h.services.ktpBaru));

    await page.goto(`${base}/layanan/${h.services.ktpBaru}`);
    await page.getByTestId('online-ticket-link').click();
    await page.waitForURL(`**/antrean-daring/${h.services.ktpBaru}`);
    await page.getByTestId('online-available').waitFor();
    await page.getByTestId('online-nik').fill(nikFor(412));
    await page.getByTestId('online-name').fill('Yohanes Benyamin Nalle');
    await page.getByTestId('online-phone').fill('0813-3901-2277');
    await checkScreen(page, 'journey-10-online-ticket-form');
    await page.getByTestId('online-submit').click();
    await page.waitForURL(/\/tiket\/[A-Za-z0-9_-]+$/, { timeout: 20_000 });
    const code = decodeURIComponent(page.url().split('/tiket/')[1]);
    journey.ticketCode = code;
    const ticket = (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
    expect(ticket).toMatchObject({ source: 'online', status: 'waiting', position: hall.length + 1 });
    await page.getByTestId('ticket-number').filter({ hasText: ticket.number }).waitFor();

    // When to set off: the advice agrees with the call time the page shows (libs/domain's rule,
    // the default 30 minutes of travel).
    await page.getByTestId('departure-advice').waitFor();
    const callShown = /(\d{2})\.(\d{2}) WITA/.exec(await text('departure-call'));
    expect(callShown).not.toBeNull();
    const callAt = new Date(`2026-11-23T${callShown![1]}:${callShown![2]}:00+08:00`);
    expect(callAt.getTime()).toBeGreaterThan(clock.now().getTime());
    const advice = departureAdvice({ now: clock.now(), estimatedCallAt: callAt, travelMinutes: 30, timeZone: TIME_ZONE });
    expect(await text('departure-advice')).toBe(advice.leaveNow ? 'Berangkat sekarang' : `Berangkat pukul ${advice.leaveAt.replace(':', '.')} WITA`);
    await checkScreen(page, 'journey-11-ticket-departure');

    // Notifications: the browser's permission is granted; the button subscribes.
    await serviceWorkerControls(page);
    await page.getByTestId('notify-enable').click();
    await page.getByTestId('notify-on').waitFor({ timeout: 20_000 });
    await checkScreen(page, 'journey-12-notify-on');
    const worker = await workerPushChannel(phone, page, base);

    // The officer serves the four ahead, then calls this ticket.
    for (const ahead of hall) {
      const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
      expect(called.id).toBe(ahead.id);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    }
    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.publicCode).toBe(code);

    // The page hears it live: called, and which counter.
    const counter = page.getByTestId('ticket-counter');
    await counter.waitFor({ timeout: 20_000 });
    expect(await text('ticket-counter')).toContain(`Silakan menuju Loket ${h.counters.dukcapil1.number}`);
    expect(await text('ticket-status')).toBe(TICKET_STATUS_LABELS.called.id);

    // What the API sent the push service, in order, handed to the worker as the push service would.
    await t.app.get(PushService).idle();
    const sent = peer.to('/s/citizen-phone').map((r) => subscription.decrypt(r.body));
    const kinds = sent.map((m) => (JSON.parse(m) as PushPayload).notification.data.kind);
    expect(kinds[kinds.length - 1]).toBe('called');
    expect(kinds.filter((k) => k === 'called')).toHaveLength(1);
    const title = `Dipanggil: menuju loket ${h.counters.dukcapil1.number}`;
    const call = { title, body: `Nomor ${ticket.number} · ${h.counters.dukcapil1.name}`, tag: `ticket-${code}` };
    await worker.deliverAll(sent);
    expect(await notificationsWith(page, title)).toContainEqual(call);
    // A push service does not promise order: the same messages again, the call first. The older
    // "N orang lagi" ones arrive after it and must not replace it (portal-worker.js). (Headless
    // Chromium may list a replaced notification for a moment: first the call alone.)
    const ticketsOwn = (list: ShownNotification[]) => list.filter((n) => n.tag === call.tag);
    expect(ticketsOwn(await notificationsOnceThey(page, (list) => ticketsOwn(list).length === 1))).toEqual([call]);
    expect(sent.length).toBeGreaterThan(1);
    await worker.deliverAll([...sent].reverse());
    expect(ticketsOwn(await notificationsOnceThey(page, () => true))).toEqual([call]);
    await page.waitForFunction((expected) => document.title.includes(expected), title, { timeout: 20_000 });
    await checkScreen(page, 'journey-13-ticket-called');
  }, 240_000);
});
