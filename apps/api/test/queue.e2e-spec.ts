import type { CounterSnapshot, DisplaySnapshot, PublicTicketResponse, TicketResponse } from '@mpp/contracts';
import { allowedActions, formatTicketNumber, TICKET_ACTION_LABELS } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';
import { personalDataKeys } from './support/json-keys';

/** Every field of PublicTicketResponse, no more (the compiler refuses a missing or an extra one). */
const PUBLIC_TICKET_KEYS = Object.keys({
  publicCode: true,
  number: true,
  siteCode: true,
  siteName: true,
  timeZone: true,
  service: true,
  agency: true,
  priority: true,
  status: true,
  position: true,
  positionMin: true,
  estimatedWaitMinutes: true,
  counter: true,
  issuedAt: true,
  localDate: true,
  calledAt: true,
  finishedAt: true,
  source: true,
  surveyToken: true,
  surveyAnswered: true,
} satisfies Record<keyof PublicTicketResponse, true>);

describe('Queue: tickets and counters', () => {
  let t: TestApp;
  let h: Hall;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
  });
  afterAll(async () => t?.close());

  const publicView = async (code: string) => (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
  const events = async (ticketId: string) =>
    (await t.app.get(DataSource).query(`SELECT action, from_status, to_status, counter_id, actor_user_id FROM ticket_event WHERE ticket_id = $1 ORDER BY id`, [ticketId])) as {
      action: string;
      from_status: string | null;
      to_status: string;
      counter_id: string | null;
      actor_user_id: string | null;
    }[];

  /** Calls until the counter's queue is empty, finishing each ticket, so each test starts clean. */
  const drain = async (token: string, counter: { id: string }) => {
    for (;;) {
      const res = await counterAction(t, token, counter, 'call-next');
      if (res.status === 404) return;
      await counterAction(t, token, counter, 'start').expect(200);
      await counterAction(t, token, counter, 'finish').expect(200);
    }
  };
  beforeEach(async () => {
    await drain(h.officers.dukcapil1, h.counters.dukcapil1);
    await drain(h.officers.polresta, h.counters.polresta);
  });

  it('should issue a numbered ticket at the kiosk with its place and estimated wait, and no personal data', async () => {
    const before = await issue(t, h.kiosk, h.services.skck);
    const ticket = await issue(t, h.kiosk, h.services.skck);
    expect(ticket.number).toBe(formatTicketNumber(before.number[0], Number(before.number.slice(1)) + 1));
    expect(ticket).toMatchObject({ status: 'waiting', source: 'kiosk', priority: 'regular', siteCode: 'kota-kupang', localDate: '2026-11-23' });
    expect(ticket.position).toBe(before.position! + 1);
    expect(ticket.estimatedWaitMinutes).toBeGreaterThan(before.estimatedWaitMinutes!);
    const pub = await publicView(ticket.publicCode);
    expect(pub).toMatchObject({ number: ticket.number, status: 'waiting', position: ticket.position, estimatedWaitMinutes: ticket.estimatedWaitMinutes, counter: null });
    // Exactly the public contract's fields: no staff field (id, source, outcomeNote, ...) leaks.
    // (surveyToken and surveyAnswered only on a served ticket's page: apps/api/test/survey.e2e-spec.ts)
    expect(Object.keys(pub).sort()).toEqual(PUBLIC_TICKET_KEYS.filter((k) => k !== 'surveyToken' && k !== 'surveyAnswered').sort());
    expect(Object.keys(pub.service).sort()).toEqual(['id', 'name', 'nameEn']);
    expect(Object.keys(pub.agency)).toEqual(['shortName']);
    expect(personalDataKeys(pub)).toEqual([]);
  });

  it('should walk a ticket through call, recall, start and finish, logging every step with actor and counter', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called).toMatchObject({ id: ticket.id, status: 'called', counter: { id: h.counters.dukcapil1.id, number: h.counters.dukcapil1.number } });
    // The call's answer is the ticket as the database now has it.
    const stored = (await t.http().get(`/api/v1/queue/counters/${h.counters.dukcapil1.id}`).auth(h.officers.dukcapil1, { type: 'bearer' }).expect(200)).body as CounterSnapshot;
    expect(called).toEqual(stored.counter.current);
    expect((await publicView(ticket.publicCode)).counter?.number).toBe(h.counters.dukcapil1.number);
    const recalled = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'recall').expect(200)).body as TicketResponse;
    expect(recalled).toMatchObject({ status: 'called', recallCount: 1 });
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    const done = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish', { outcomeNote: 'KTP-el dicetak' }).expect(200)).body as TicketResponse;
    expect(done).toMatchObject({ status: 'done', outcomeNote: 'KTP-el dicetak' });
    expect((await publicView(ticket.publicCode)).status).toBe('done');
    const log = await events(ticket.id);
    expect(log.map((e) => e.action)).toEqual(['issue', 'call', 'recall', 'start', 'finish']);
    expect(log.slice(1).every((e) => e.counter_id === h.counters.dukcapil1.id && e.actor_user_id !== null)).toBe(true);
  });

  it('should answer an invalid transition with 409 saying what is allowed', async () => {
    await issue(t, h.kiosk, h.services.ktpBaru);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    const res = await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    const allowed = allowedActions('called').filter((a) => a !== 'close_day');
    for (const action of allowed) expect(res.body.message.en).toContain(TICKET_ACTION_LABELS[action].en);
  });

  it('should refuse a second call while the counter holds a ticket', async () => {
    await issue(t, h.kiosk, h.services.ktpBaru);
    await issue(t, h.kiosk, h.services.ktpBaru);
    const first = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    const res = await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(409);
    expect(res.body.code).toBe('COUNTER_BUSY');
    expect(res.body.message.id).toContain(first.number);
  });

  it('should call priority groups first by default, then by issue time', async () => {
    const regular1 = await issue(t, h.kiosk, h.services.ktpBaru);
    clock.advance(1000);
    const regular2 = await issue(t, h.kiosk, h.services.kk);
    clock.advance(1000);
    const elderly = await issue(t, h.kiosk, h.services.ktpBaru, { priority: 'elderly' });
    expect(elderly.position).toBe(1);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      order.push(((await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse).id);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    }
    expect(order).toEqual([elderly.id, regular1.id, regular2.id]);
  });

  it('should interleave one priority ticket after every N regular ones when the site says so', async () => {
    await t.http().put('/api/v1/admin/sites/kota-kupang/queue-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ mode: 'interleave', interleaveEvery: 2, allowPick: false, maxRecalls: 3 }).expect(200);
    // One counter calls akta here: with a second one open (its own streak) the places would be ranges.
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'pause').expect(200);
    try {
      await t.app.get(DataSource).query(`UPDATE counter SET regular_streak = 0 WHERE id = $1`, [h.counters.dukcapil1.id]);
      const tickets: TicketResponse[] = [];
      for (const priority of ['regular', 'regular', 'regular', 'pregnant', 'disability']) {
        clock.advance(1000);
        tickets.push(await issue(t, h.kiosk, h.services.akta, { priority }));
      }
      // The places the public page promises are the order the counter then calls.
      const places = await Promise.all(tickets.map(async (x) => (await publicView(x.publicCode)).position));
      expect(places).toEqual([1, 2, 4, 3, 5]);
      const calledNumbers: string[] = [];
      for (let i = 0; i < tickets.length; i++) {
        calledNumbers.push(((await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse).number);
        await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
        await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
      }
      const [r1, r2, r3, p1, p2] = tickets.map((x) => x.number);
      // From a counter with no regular streak: two regular, one priority, and so on.
      expect(calledNumbers).toEqual([r1, r2, p1, r3, p2]);
    } finally {
      await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'open').expect(200);
      await t.http().put('/api/v1/admin/sites/kota-kupang/queue-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ mode: 'priority_first', interleaveEvery: 3, allowPick: false, maxRecalls: 3 }).expect(200);
    }
  });

  it('should pause a counter (no calls until it opens again) and close it only when it holds no ticket', async () => {
    const counter = h.counters.dukcapil2;
    const officer = h.officers.dukcapil2;
    const ticket = await issue(t, h.kiosk, h.services.kk);
    try {
      const paused = (await counterAction(t, officer, counter, 'pause').expect(200)).body as CounterSnapshot['counter'];
      expect(paused).toMatchObject({ state: 'paused', officer: { fullName: 'Petugas Dukcapil Dua' } });
      expect((await counterAction(t, officer, counter, 'call-next').expect(409)).body.code).toBe('COUNTER_NOT_OPEN');
      await counterAction(t, officer, counter, 'open').expect(200);
      const called = (await counterAction(t, officer, counter, 'call-next').expect(200)).body as TicketResponse;
      expect(called.id).toBe(ticket.id);
      expect((await counterAction(t, officer, counter, 'close').expect(409)).body.code).toBe('COUNTER_BUSY');
      await counterAction(t, officer, counter, 'start').expect(200);
      await counterAction(t, officer, counter, 'finish').expect(200);
      const closed = (await counterAction(t, officer, counter, 'close').expect(200)).body as CounterSnapshot['counter'];
      expect(closed).toMatchObject({ state: 'closed', officer: null });
      expect((await counterAction(t, officer, counter, 'call-next').expect(403)).body.code).toBe('NOT_AT_COUNTER');
    } finally {
      await counterAction(t, officer, counter, 'open').expect(200);
    }
  });

  it('should transfer a ticket to another service keeping its number and its place by issue time', async () => {
    const early = await issue(t, h.kiosk, h.services.ktpBaru);
    clock.advance(60_000);
    const skckLater = await issue(t, h.kiosk, h.services.skck);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    const moved = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'transfer', { serviceId: h.services.skck }).expect(200)).body as TicketResponse;
    expect(moved).toMatchObject({ number: early.number, status: 'waiting', service: { id: h.services.skck }, counter: null });
    expect(moved.position).toBeLessThan((await publicView(skckLater.publicCode)).position!);
    const next = (await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200)).body as TicketResponse;
    expect(next.id).toBe(early.id);
  });

  it('should transfer to a specific counter, which calls it before its own queue', async () => {
    await issue(t, h.kiosk, h.services.ktpBaru);
    clock.advance(1000);
    const other = await issue(t, h.kiosk, h.services.ktpBaru);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    const res = await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'transfer', { counterId: h.counters.dukcapil2.id }).expect(200);
    expect(res.body.targetCounterId).toBe(h.counters.dukcapil2.id);
    // Counter 1 may not take it back; counter 2 gets it first.
    const c1 = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(c1.id).toBe(other.id);
    const c2 = (await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'call-next').expect(200)).body as TicketResponse;
    expect(c2.id).toBe(res.body.id);
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'no-show').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'no-show').expect(200);
  });

  it('should return a called ticket to its place in the queue', async () => {
    const first = await issue(t, h.kiosk, h.services.ktpBaru);
    clock.advance(1000);
    const second = await issue(t, h.kiosk, h.services.ktpBaru);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    const back = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'return').expect(200)).body as TicketResponse;
    expect(back).toMatchObject({ id: first.id, status: 'waiting', position: 1 });
    expect((await publicView(second.publicCode)).position).toBe(2);
  });

  it('should make a ticket a no-show after the configured number of recalls', async () => {
    await issue(t, h.kiosk, h.services.skck);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    for (let i = 1; i <= 3; i++) {
      const res = (await counterAction(t, h.officers.polresta, h.counters.polresta, 'recall').expect(200)).body as TicketResponse;
      expect(res).toMatchObject({ status: 'called', recallCount: i });
    }
    const last = (await counterAction(t, h.officers.polresta, h.counters.polresta, 'recall').expect(200)).body as TicketResponse;
    expect(last.status).toBe('no_show');
  });

  it('should let the citizen cancel a waiting ticket from its public page, once', async () => {
    const ticket = await issue(t, h.kiosk, h.services.skck);
    const res = await t.http().post(`/api/v1/tickets/${ticket.publicCode}/cancel`).expect(200);
    expect(res.body.status).toBe('cancelled');
    expect((await t.http().post(`/api/v1/tickets/${ticket.publicCode}/cancel`).expect(409)).body.code).toBe('INVALID_TRANSITION');
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(404);
  });

  it('should let an officer pick a ticket only where the site allows it, and log the pick', async () => {
    await issue(t, h.kiosk, h.services.ktpBaru);
    const wanted = await issue(t, h.kiosk, h.services.ktpBaru);
    const refused = await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call', { ticketId: wanted.id }).expect(403);
    expect(refused.body.code).toBe('PICK_NOT_ALLOWED');
    await t.http().put('/api/v1/admin/sites/kota-kupang/queue-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ mode: 'priority_first', interleaveEvery: 3, allowPick: true, maxRecalls: 3 }).expect(200);
    try {
      const picked = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call', { ticketId: wanted.id }).expect(200)).body as TicketResponse;
      expect(picked.id).toBe(wanted.id);
      const [, call] = await t.app.get(DataSource).query(`SELECT action, details FROM ticket_event WHERE ticket_id = $1 ORDER BY id`, [wanted.id]);
      expect(call).toMatchObject({ action: 'call', details: { picked: true } });
    } finally {
      await t.http().put('/api/v1/admin/sites/kota-kupang/queue-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ mode: 'priority_first', interleaveEvery: 3, allowPick: false, maxRecalls: 3 }).expect(200);
    }
  });

  it("should keep an officer to their own agency's tickets and their own counter", async () => {
    await issue(t, h.kiosk, h.services.skck);
    const snapshot = (await t.http().get(`/api/v1/queue/counters/${h.counters.dukcapil1.id}`).auth(h.officers.dukcapil1, { type: 'bearer' }).expect(200)).body as CounterSnapshot;
    expect(snapshot.waiting.every((w) => w.serviceId !== h.services.skck)).toBe(true);
    const foreign = await counterAction(t, h.officers.polresta, h.counters.dukcapil1, 'call-next').expect(403);
    expect(foreign.body.code).toBe('NOT_AT_COUNTER');
    const taken = await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil1, 'open').expect(409);
    expect(taken.body.code).toBe('COUNTER_TAKEN');
    await counterAction(t, h.kiosk, h.counters.dukcapil1, 'call-next').expect(403);
    await counterAction(t, h.display, h.counters.dukcapil1, 'call-next').expect(403);
  });

  it('should refuse tickets from a display, for another site, for a walk-in-less service and when closed', async () => {
    expect((await t.http().post('/api/v1/queue/tickets').auth(h.display, { type: 'bearer' }).send({ serviceId: h.services.skck }).expect(403)).body.code).toBe('KIOSK_ONLY');
    const probolinggo = (await t.http().get('/api/v1/services').query({ site: 'kota-probolinggo', pageSize: 1 }).expect(200)).body.items[0];
    expect((await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: probolinggo.id }).expect(403)).body.code).toBe('OTHER_SITE');
    await t.http().patch(`/api/v1/admin/services/${h.services.kk}`).auth(h.system, { type: 'bearer' }).send({ queue: { ticketPrefix: 'A', expectedServiceMinutes: 15, walkInEnabled: false, onlineBookingEnabled: true, dailyQuota: 100 } }).expect(200);
    try {
      expect((await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: h.services.kk }).expect(409)).body.code).toBe('WALK_IN_DISABLED');
    } finally {
      await t.http().patch(`/api/v1/admin/services/${h.services.kk}`).auth(h.system, { type: 'bearer' }).send({ queue: { ticketPrefix: 'A', expectedServiceMinutes: 15, walkInEnabled: true, onlineBookingEnabled: true, dailyQuota: 100 } }).expect(200);
    }
    const saved = clock.now();
    clock.set('2026-11-22T02:00:00Z'); // Sunday 10:00 WITA
    try {
      const closed = await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: h.services.skck }).expect(409);
      expect(closed.body.code).toBe('SITE_CLOSED');
      clock.set('2026-12-25T01:00:00Z'); // Christmas, a national holiday
      expect((await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: h.services.skck }).expect(409)).body.message.id).toMatch(/Kelahiran Yesus Kristus/);
    } finally {
      clock.set(saved);
    }
  });

  it('should answer a retry with its first ticket even once the quota is used up or the site has closed, using no number', async () => {
    const send = (key: string, serviceId = h.services.akta) =>
      t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).set('Idempotency-Key', key).send({ serviceId });
    const key = `retry-${Date.now()}`;
    await setDailyQuota(t, h.system, h.services.akta, null);
    const first = (await send(key).expect(201)).body as TicketResponse;
    const saved = clock.now();
    try {
      await setDailyQuota(t, h.system, h.services.akta, 1);
      const afterQuota = await send(key).expect(200);
      expect(afterQuota.body).toMatchObject({ id: first.id, number: first.number });
      expect((await send(`${key}-new`).expect(409)).body.code).toBe('DAILY_QUOTA_REACHED');
      clock.set('2026-11-23T12:00:00Z'); // 20:00 WITA: closed
      expect((await send(key).expect(200)).body.id).toBe(first.id);
      expect((await send(key, h.services.kk).expect(422)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    } finally {
      clock.set(saved);
      await setDailyQuota(t, h.system, h.services.akta, null);
    }
    // The replays took no number: the next ticket follows the first.
    const next = await issue(t, h.kiosk, h.services.akta);
    expect(next.number).toBe(formatTicketNumber(first.number[0], Number(first.number.slice(1)) + 1));
  });

  it('should stop issuing when the daily quota is used up, exactly at the quota', async () => {
    await setDailyQuota(t, h.system, h.services.akta, 1);
    const saved = clock.now();
    clock.set('2026-11-24T01:00:00Z'); // a fresh day for the quota
    try {
      await issue(t, h.kiosk, h.services.akta);
      const res = await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: h.services.akta }).expect(409);
      expect(res.body.code).toBe('DAILY_QUOTA_REACHED');
    } finally {
      clock.set(saved);
      await setDailyQuota(t, h.system, h.services.akta, null);
    }
  });

  it('should validate issue requests and ticket codes', async () => {
    const bad = await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: 'x', priority: 'vip' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['priority', 'serviceId']);
    await t.http().post('/api/v1/queue/tickets').send({ serviceId: h.services.skck }).expect(401);
    await t.http().get('/api/v1/tickets/short').expect(404);
    await t.http().get('/api/v1/tickets/AAAAAAAAAAAAAAAA').expect(404);
    expect((await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).set('Idempotency-Key', 'x').send({ serviceId: h.services.skck }).expect(400)).body.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('should keep the event log append-only', async () => {
    const ticket = await issue(t, h.kiosk, h.services.skck);
    await expect(t.app.get(DataSource).query(`UPDATE ticket_event SET action = 'forged' WHERE ticket_id = $1`, [ticket.id])).rejects.toThrow(/append-only/);
    await expect(t.app.get(DataSource).query(`DELETE FROM ticket_event WHERE ticket_id = $1`, [ticket.id])).rejects.toThrow(/append-only/);
  });

  it('should print the ticket as an 80 mm PDF, an A6 PDF and an HTML page, again and again', async () => {
    const ticket = await issue(t, h.kiosk, h.services.skck, { priority: 'elderly' });
    for (const format of ['80mm', 'a6']) {
      const res = await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print`).query({ format }).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = (res.body as Buffer).toString('latin1');
      expect(pdf.startsWith('%PDF')).toBe(true);
      const width = Number(/\/MediaBox \[0 0 ([\d.]+) /.exec(pdf)![1]);
      expect(width).toBeCloseTo(format === '80mm' ? (80 / 25.4) * 72 : 297.64, 1);
    }
    const html = await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print.html`).expect(200).expect('Content-Type', /html/);
    expect(html.text).toContain(ticket.number);
    expect(html.text).toContain('Lanjut usia');
    expect(html.text).toContain('WITA');
    await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print`).query({ format: 'a4' }).expect(400);
  });

  it("should show the hall the same waiting counts as the tickets themselves, after calls, returns, transfers and cancels", async () => {
    await issue(t, h.kiosk, h.services.ktpBaru);
    await issue(t, h.kiosk, h.services.ktpBaru, { priority: 'elderly' });
    const c = await issue(t, h.kiosk, h.services.kk);
    await issue(t, h.kiosk, h.services.skck);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'return').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'transfer', { serviceId: h.services.skck }).expect(200);
    await t.http().post(`/api/v1/tickets/${c.publicCode}/cancel`).expect(200);

    const shown = (await t.http().get('/api/v1/queue/sites/kota-kupang/display').auth(h.display, { type: 'bearer' }).expect(200)).body as DisplaySnapshot;
    const counted = (await t.app.get(DataSource).query(
      `SELECT t.service_id AS "serviceId", count(*)::int AS count FROM ticket t JOIN site s ON s.id = t.site_id
        WHERE s.code = 'kota-kupang' AND t.status = 'waiting' AND t.local_date = $1 GROUP BY t.service_id`,
      [shown.localDate],
    )) as { serviceId: string; count: number }[];
    const byService = (rows: { serviceId: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.serviceId, r.count]));
    expect(byService(shown.waiting)).toEqual(byService(counted));
    expect(counted.length).toBeGreaterThan(0);
  });
});
