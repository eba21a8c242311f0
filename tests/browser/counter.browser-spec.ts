import type {
  ApiError,
  BookingCreatedResponse,
  CheckInResponse,
  CounterResponse,
  CounterSnapshot,
  Page as ResultPage,
  PublicTicketResponse,
  ServiceResponse,
  ServiceSummaryResponse,
  TicketResponse,
} from '@mpp/contracts';
import { TICKET_STATUS_LABELS, maskNik } from '@mpp/domain';
import { randomUUID } from 'node:crypto';
import type { Browser, Page, Route } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { counterAction, Hall, issue, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { STAFF_PASSWORD } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen as checkPage, seriousAxeViolations } from './support/axe';
import { launchChromium, screenshot } from './support/browser';
import { signInOnPage } from './support/staff-sign-in';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `5371010101900${String(serial).padStart(3, '0')}`;

describe('The counter console and supervisor view in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  let page: Page;
  let counter: CounterResponse;
  let officerToken: string;
  let booking: BookingCreatedResponse;
  const officer = { email: `petugas.loket-${randomUUID().slice(0, 6)}@mpp.test`, fullName: 'Yohanes Tefa' };
  const nik = nikFor(41);
  // Monday 23 November 2026, 08:30 WITA: the booking is made the day before.
  const clock = new FixedClock(new Date('2026-11-23T00:30:00Z'));

  const api = {
    snapshot: async () =>
      (await t.http().get(`/api/v1/queue/counters/${counter.id}`).auth(officerToken, { type: 'bearer' }).expect(200)).body as CounterSnapshot,
    ticket: async (ticket: TicketResponse) => (await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200)).body as PublicTicketResponse,
  };
  const currentNumber = () => page.getByTestId('console-current-number');
  const statusText = async () => (await page.getByTestId('console-current-status').textContent())?.trim();
  const waitForText = (testId: string, text: string) => page.getByTestId(testId).filter({ hasText: text }).first().waitFor({ timeout: 5000 });
  const checkScreen = (name: string) => checkPage(page, name);
  const login = async (target: Page, email: string, password: string) => {
    await target.goto(`${base}/counter/`);
    // Officers with the password; administrators with their code too (the site admin below).
    await signInOnPage(target, t.authenticator, email, password);
  };
  /**
   * The JSON answer of the next POST whose path ends so, taken as it passes through the page's
   * network (reading it after the fact from Chromium's buffer sometimes found it already gone).
   * Await the call before acting: the answer is caught from then on.
   */
  const answerTo = async <T>(suffix: string): Promise<{ result: Promise<{ status: number; body: T }> }> => {
    const matches = (url: URL) => url.pathname.endsWith(suffix);
    let deliver!: (answer: { status: number; body: T }) => void;
    const result = new Promise<{ status: number; body: T }>((resolve) => (deliver = resolve));
    let caught = false;
    const handler = async (route: Route) => {
      if (caught || route.request().method() !== 'POST') return route.fallback();
      caught = true;
      const response = await route.fetch();
      deliver({ status: response.status(), body: (await response.json()) as T });
      await route.fulfill({ response });
      await page.unroute(matches, handler);
    };
    await page.route(matches, handler);
    return { result };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of [h.services.ktpBaru, h.services.kk, h.services.akta]) await setDailyQuota(t, h.system, id, null);
    booking = (
      await t
        .http()
        .post('/api/v1/bookings')
        .send({ serviceId: h.services.ktpBaru, date: '2026-11-24', start: '10:00', nik, fullName: 'Maria Goreti Lada', phone: '0812-3456-7890' })
        .expect(201)
    ).body as BookingCreatedResponse;
    // Tuesday 24 November 2026, 10:01 WITA: inside the booking's check-in window.
    clock.set('2026-11-24T02:01:00Z');
    await t
      .http()
      .post('/api/v1/admin/users')
      .auth(h.system, { type: 'bearer' })
      .send({ ...officer, password: STAFF_PASSWORD, role: 'officer', agencyId: h.dukcapil.id })
      .expect(201);
    officerToken = await t.loginAs(officer.email, STAFF_PASSWORD);
    counter = (
      await t
        .http()
        .post('/api/v1/admin/sites/kota-kupang/counters')
        .auth(h.kupangSiteAdmin, { type: 'bearer' })
        .send({ number: 40, name: `Loket 40 – ${h.dukcapil.shortName}`, serviceIds: [h.services.ktpBaru, h.services.kk, h.services.akta] })
        .expect(201)
    ).body as CounterResponse;
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("should let an officer choose one of their agency's counters and see the line fill live", async () => {
    await login(page, officer.email, STAFF_PASSWORD);
    expect(await page.getByTestId('staff-name').textContent()).toContain(officer.fullName);
    const options = page.getByTestId('counter-option');
    await options.first().waitFor();
    const counters = (await t.http().get('/api/v1/queue/sites/kota-kupang/counters').auth(officerToken, { type: 'bearer' }).expect(200)).body as CounterResponse[];
    const dukcapil = (
      (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: h.dukcapil.code, pageSize: 100 }).expect(200)).body as ResultPage<ServiceSummaryResponse>
    ).items.map((s) => s.id);
    const expected = counters.filter((c) => c.serviceIds.some((id) => dukcapil.includes(id))).map((c) => c.id);
    expect((await options.evaluateAll((els) => els.map((el) => el.getAttribute('data-counter-id')))).sort()).toEqual([...expected].sort());
    await checkScreen('counter-picker');

    await page.locator(`[data-testid="counter-option"][data-counter-id="${counter.id}"]`).click();
    await waitForText('console-counter-name', counter.name);
    expect((await api.snapshot()).counter).toMatchObject({ state: 'open', officer: { fullName: officer.fullName } });
    await page.evaluate('window.sameDocument = true');

    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const item = page.locator(`[data-testid="waiting-item"][data-ticket-id="${ticket.id}"]`);
    await item.waitFor({ timeout: 5000 });
    expect(await item.textContent()).toContain(ticket.number);
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    await checkScreen('counter-console-waiting');
  });

  it('should call by keyboard, recall, and show the service standard as a checklist once serving', async () => {
    const [waiting] = (await api.snapshot()).waiting;
    await page.keyboard.press('n');
    await waitForText('console-current-number', waiting.number);
    const called = (await api.snapshot()).counter.current!;
    expect(called).toMatchObject({ id: waiting.id, status: 'called' });
    expect((await currentNumber().textContent())?.trim()).toBe(called.number);
    expect(await statusText()).toBe(TICKET_STATUS_LABELS.called.id);
    expect(await page.locator(`[data-testid="waiting-item"][data-ticket-id="${waiting.id}"]`).count()).toBe(0);

    await page.keyboard.press('u');
    await page.getByTestId('console-recall-count').waitFor();
    expect((await api.snapshot()).counter.current!.recallCount).toBe(1);

    await page.keyboard.press('m');
    await waitForText('console-current-status', TICKET_STATUS_LABELS.serving.id);
    expect((await api.snapshot()).counter.current!.status).toBe('serving');
    const service = (await t.http().get(`/api/v1/services/${called.service.id}`).expect(200)).body as ServiceResponse;
    expect(service.requirements.length).toBeGreaterThan(0);
    await page.getByTestId('requirement-item').first().waitFor();
    const names = await page.getByTestId('requirement-name').allTextContents();
    expect(names.map((n) => n.trim())).toEqual([...service.requirements].sort((a, b) => a.position - b.position).map((r) => r.name));
    await page.getByTestId('requirement-item').first().locator('input').check();
    expect(await page.getByTestId('action-finish').isEnabled()).toBe(true);
    expect(await page.getByTestId('action-call-next').isDisabled()).toBe(true);
    await checkScreen('counter-console-serving');
  });

  it('should finish with an outcome note that the API keeps', async () => {
    const serving = (await api.snapshot()).counter.current!;
    await page.keyboard.press('s');
    const note = page.getByTestId('finish-note');
    await note.waitFor();
    // Typed letters are shortcuts elsewhere: inside the field they stay text.
    const text = 'KTP-el selesai direkam; warga kembali untuk mengambil cetakan.';
    await note.pressSequentially(text);
    expect(await note.inputValue()).toBe(text);
    expect((await api.snapshot()).counter.current!.status).toBe('serving');
    await checkScreen('counter-console-finish');

    const answer = await answerTo<TicketResponse>('/finish');
    await page.getByTestId('finish-confirm').click();
    expect((await answer.result).body).toMatchObject({ id: serving.id, status: 'done', outcomeNote: text });
    await waitForText('console-current-number', '—');
    const [row] = (await t.app.get(DataSource).query(`SELECT status, outcome_note FROM ticket WHERE id = $1`, [serving.id])) as { status: string; outcome_note: string }[];
    expect(row).toEqual({ status: 'done', outcome_note: text });
    expect((await api.ticket(serving as TicketResponse)).status).toBe('done');
  });

  it("should show the API's refusals in words", async () => {
    expect((await api.snapshot()).waiting).toHaveLength(0);
    let answer = await answerTo<ApiError>('/call-next');
    await page.keyboard.press('n');
    const empty = await answer.result;
    expect(empty.status).toBe(404);
    await waitForText('console-error', empty.body.message.id);

    // Picking a ticket is off by default at this site: the 403 is shown as the API words it.
    const ticket = await issue(t, h.kiosk, h.services.kk);
    const item = page.locator(`[data-testid="waiting-item"][data-ticket-id="${ticket.id}"]`);
    await item.waitFor({ timeout: 5000 });
    answer = await answerTo<ApiError>('/call');
    await item.getByTestId('waiting-pick').click();
    const refused = await answer.result;
    expect(refused.status).toBe(403);
    await waitForText('console-error', refused.body.message.id);
    expect((await api.ticket(ticket)).status).toBe('waiting');
    await checkScreen('counter-console-error');
    // The same refusal in English, when the officer switches language.
    await page.getByTestId('lang-en').click();
    await waitForText('console-error', refused.body.message.en);
    await page.getByTestId('lang-id').click();
    await waitForText('console-error', refused.body.message.id);
  });

  it('should call exactly one ticket on a double click', async () => {
    const [first] = (await api.snapshot()).waiting;
    const second = await issue(t, h.kiosk, h.services.kk);
    await page.locator(`[data-testid="waiting-item"][data-ticket-id="${second.id}"]`).waitFor({ timeout: 5000 });
    // The page counts its own call-next requests as it makes them (the app fetches), so nothing
    // is left to the timing of network events: when the number is shown and no call-next is in
    // flight, every request the two clicks made has been made and answered.
    await page.evaluate(() => {
      const w = window as unknown as { __callNext: { started: number; inFlight: number; fetch: typeof fetch } };
      const tally = (w.__callNext = { started: 0, inFlight: 0, fetch: window.fetch });
      window.fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.endsWith('/call-next')) return tally.fetch.call(window, input, init);
        tally.started++;
        tally.inFlight++;
        return tally.fetch.call(window, input, init).finally(() => tally.inFlight--);
      };
    });
    await page.getByTestId('action-call-next').dblclick();
    await waitForText('console-current-number', first.number);
    await page.waitForFunction(() => (window as unknown as { __callNext: { inFlight: number } }).__callNext.inFlight === 0, undefined, { timeout: 5000 });
    const calls = await page.evaluate(() => {
      const { started, fetch } = (window as unknown as { __callNext: { started: number; fetch: typeof window.fetch } }).__callNext;
      window.fetch = fetch;
      return started;
    });

    expect(calls).toBe(1);
    const snapshot = await api.snapshot();
    expect(snapshot.counter.current!.id).toBe(first.id);
    expect(snapshot.waiting.map((w) => w.id)).toEqual([second.id]);
    expect((await api.ticket(second)).status).toBe('waiting');
    expect(await page.getByTestId('console-error').count()).toBe(0);
  });

  it('should transfer the called ticket to another service, keeping its number', async () => {
    const current = (await api.snapshot()).counter.current!;
    const target = current.service.id === h.services.kk ? h.services.akta : h.services.kk;
    await page.keyboard.press('a');
    await page.getByTestId('transfer-service').waitFor();
    await page.getByTestId('transfer-service').selectOption(target);
    await checkScreen('counter-console-transfer');
    const answer = await answerTo<TicketResponse>('/transfer');
    await page.getByTestId('transfer-confirm').click();
    expect((await answer.result).body).toMatchObject({ id: current.id, number: current.number, status: 'waiting', service: { id: target } });
    await waitForText('console-current-number', '—');
    const moved = await api.ticket(current);
    expect(moved).toMatchObject({ status: 'waiting', number: current.number, service: { id: target } });
    // The counter serves the target service too: the ticket is back in its line.
    await page.locator(`[data-testid="waiting-item"][data-ticket-id="${current.id}"]`).waitFor({ timeout: 5000 });
  });

  it('should show a booked ticket with its booking and the NIK masked only', async () => {
    const checkIn = (await t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code: booking.code }).expect(200)).body as CheckInResponse;
    expect(checkIn.ticket.source).toBe('booking');
    await page.locator(`[data-testid="waiting-item"][data-ticket-id="${checkIn.ticket.id}"]`).waitFor({ timeout: 5000 });
    // Its place is its slot (10:00), ahead of the walk-ins issued at 10:01.
    await page.keyboard.press('n');
    await waitForText('console-current-number', checkIn.ticket.number);
    await page.getByTestId('booking-details').waitFor();
    expect((await page.getByTestId('booking-nik').textContent())?.trim()).toBe(maskNik(nik));
    expect(await page.getByTestId('booking-details').textContent()).toContain(booking.fullName);
    expect(await page.content()).not.toContain(nik);
    await checkScreen('counter-console-booking');
  });

  it('should pause, close and open the counter again, with the buttons the state allows', async () => {
    await page.keyboard.press('t');
    await waitForText('console-current-number', '—');
    await page.keyboard.press('j');
    await waitForText('console-counter-state', 'Jeda');
    expect((await api.snapshot()).counter.state).toBe('paused');
    expect(await page.getByTestId('action-call-next').isDisabled()).toBe(true);
    expect(await page.getByTestId('action-open').isEnabled()).toBe(true);

    await page.getByTestId('action-close').click();
    await waitForText('console-counter-state', 'Tutup');
    expect((await api.snapshot()).counter).toMatchObject({ state: 'closed', officer: null });
    expect(await page.getByTestId('action-close').isDisabled()).toBe(true);

    await page.keyboard.press('b');
    await waitForText('console-counter-state', 'Buka');
    expect((await api.snapshot()).counter).toMatchObject({ state: 'open', officer: { fullName: officer.fullName } });
    expect(await page.getByTestId('action-call-next').isEnabled()).toBe(true);

    await page.keyboard.press('?');
    await page.getByTestId('shortcut-list').waitFor();
    await checkScreen('counter-console-help');
  });

  it('should show a supervisor every counter of the site, updated live when an officer calls', async () => {
    const supervisor = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await login(supervisor, 'admin.kupang@mpp.test', STAFF_PASSWORD);
    await supervisor.waitForURL(/\/counter\/pengawas/);
    const rows = supervisor.getByTestId('supervisor-counter');
    await rows.first().waitFor();
    const counters = (await t.http().get('/api/v1/queue/sites/kota-kupang/counters').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as CounterResponse[];
    expect((await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-counter-id')))).sort()).toEqual(counters.map((c) => c.id).sort());
    for (const c of counters) {
      const row = supervisor.locator(`[data-testid="supervisor-counter"][data-counter-id="${c.id}"]`);
      expect(await row.getByTestId('supervisor-counter-name').textContent()).toContain(c.name);
      expect((await row.getByTestId('supervisor-counter-officer').textContent())?.trim()).toBe(c.officer?.fullName ?? '—');
      expect((await row.getByTestId('supervisor-counter-ticket').textContent())?.trim()).toBe(c.current?.number ?? '—');
    }
    await supervisor.evaluate('window.sameDocument = true');

    const hallCounter = h.counters.dukcapil1;
    const row = supervisor.locator(`[data-testid="supervisor-counter"][data-counter-id="${hallCounter.id}"]`);
    const called = (await counterAction(t, h.officers.dukcapil1, hallCounter, 'call-next').expect(200)).body as TicketResponse;
    await row.getByTestId('supervisor-counter-ticket').filter({ hasText: called.number }).waitFor({ timeout: 5000 });
    expect(await row.getByTestId('supervisor-counter-ticket-status').textContent()).toContain(TICKET_STATUS_LABELS.called.id);
    expect(await supervisor.evaluate('window.sameDocument')).toBe(true);
    await screenshot(supervisor, 'counter-supervisor');
    expect(await seriousAxeViolations(supervisor)).toEqual([]);
    await supervisor.close();
  });
});
