import { QUEUE_EVENTS, type DisplayCall, type PublicTicketResponse, type TicketResponse } from '@mpp/contracts';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { QueueEvents } from '../src/queue/queue-events';
import { QueuePlaceService } from '../src/queue/queue-place.service';
import { CounterService } from '../src/queue/counter.service';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { connectQueue, join, nextEvent } from './support/sockets';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Defects #1: a call that happened is answered 200 with the ticket it called and announced,
 * also when the ticket was issued while the call was under way, and whatever a listener of the
 * queue's events does after the commit.
 */
describe(`${CounterService.name}.callNext racing a new ticket`, () => {
  let t: TestApp;
  let h: Hall;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const sockets: Socket[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await Promise.all(clients.splice(0).map((c) => c.end()));
  });
  afterAll(async () => t?.close());

  const connect = (token?: string): Socket => {
    const socket = connectQueue(base, token);
    sockets.push(socket);
    return socket;
  };
  const newClient = async () => {
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    clients.push(client);
    return client;
  };
  /** Waits until a backend of the test's database waits for a lock (the call-next blocked behind ours). */
  const untilSomeoneWaitsForALock = async (observer: Client) => {
    for (let i = 0; i < 500; i++) {
      const { rows } = await observer.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('call-next never waited for the counter');
  };

  it('should answer 200 with the ticket issued while the call was under way, and announce it to the display and the ticket page', async () => {
    const counter = h.counters.polresta;
    await counterAction(t, h.officers.polresta, counter, 'call-next').expect(404);
    const display = connect(h.display);
    expect((await join(display, 'join-display', { siteCode: 'kota-kupang' })).ok).toBe(true);

    // Call-next takes its statement's snapshot, then waits for the counter's row lock, held here.
    const holder = await newClient();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM counter WHERE id = $1 FOR UPDATE', [counter.id]);
    const call = counterAction(t, h.officers.polresta, counter, 'call-next').then((res) => res);
    await untilSomeoneWaitsForALock(await newClient());

    // Meanwhile the kiosk issues a ticket: it commits after call-next's snapshot was taken.
    const ticket = await issue(t, h.kiosk, h.services.skck);
    const page = connect();
    expect((await join(page, 'join-ticket', { publicCode: ticket.publicCode })).ok).toBe(true);
    const announced = nextEvent<DisplayCall>(display, QUEUE_EVENTS.call, 3000, (c) => c.ticketNumber === ticket.number);
    const pushed = nextEvent<PublicTicketResponse>(page, QUEUE_EVENTS.ticketUpdated, 3000, (p) => p.status === 'called');
    await holder.query('COMMIT');

    const res = await call;
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 200, code: undefined });
    const called = res.body as TicketResponse;
    expect(called).toMatchObject({ id: ticket.id, number: ticket.number, status: 'called', counter: { id: counter.id, number: counter.number }, service: { id: h.services.skck } });
    const [stored] = await t.app.get(DataSource).query(`SELECT status, counter_id FROM ticket WHERE id = $1`, [ticket.id]);
    expect(stored).toEqual({ status: 'called', counter_id: counter.id });
    expect(await announced).toMatchObject({ ticketNumber: ticket.number, counterNumber: counter.number, recall: false });
    expect(await pushed).toMatchObject({ number: ticket.number, status: 'called', counter: { number: counter.number } });

    // A retry names the ticket the counter holds.
    const retry = await counterAction(t, h.officers.polresta, counter, 'call-next').expect(409);
    expect(retry.body.code).toBe('COUNTER_BUSY');
    expect(retry.body.message.en).toContain(ticket.number);
    await counterAction(t, h.officers.polresta, counter, 'start').expect(200);
    await counterAction(t, h.officers.polresta, counter, 'finish').expect(200);
  });

  it('should answer a committed call 200 even when a listener of its event throws, and still announce it', async () => {
    const counter = h.counters.polresta;
    const display = connect(h.display);
    expect((await join(display, 'join-display', { siteCode: 'kota-kupang' })).ok).toBe(true);
    const ticket = await issue(t, h.kiosk, h.services.skck);
    const broken = t.app.get(QueueEvents).onTicket(() => {
      throw new Error('publisher down');
    });
    try {
      const announced = nextEvent<DisplayCall>(display, QUEUE_EVENTS.call, 3000, (c) => c.ticketNumber === ticket.number);
      const called = (await counterAction(t, h.officers.polresta, counter, 'call-next').expect(200)).body as TicketResponse;
      expect(called).toMatchObject({ id: ticket.id, status: 'called' });
      expect(await announced).toMatchObject({ ticketNumber: ticket.number });
      await counterAction(t, h.officers.polresta, counter, 'start').expect(200);
      const done = (await counterAction(t, h.officers.polresta, counter, 'finish').expect(200)).body as TicketResponse;
      expect(done.status).toBe('done');
    } finally {
      broken();
    }
  });
  it('should answer a committed issue 201 with the ticket, its place unknown, when its place cannot be read afterwards', async () => {
    const places = t.app.get(QueuePlaceService);
    const failing = jest.spyOn(places, 'placeOf').mockRejectedValueOnce(new Error('pool exhausted'));
    try {
      const res = await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: h.services.skck });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 201, code: undefined });
      const ticket = res.body as TicketResponse;
      expect(ticket).toMatchObject({ status: 'waiting', position: null, positionMin: null, estimatedWaitMinutes: null });
      expect(failing).toHaveBeenCalled();
      // The ticket was issued once, with its number, and its page shows its place again.
      const [stored] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ticket WHERE public_code = $1`, [ticket.publicCode]);
      expect(stored.n).toBe(1);
      const page = (await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200)).body as PublicTicketResponse;
      expect(page).toMatchObject({ number: ticket.number, status: 'waiting' });
      expect(page.position).toEqual(expect.any(Number));
    } finally {
      failing.mockRestore();
    }
  });
});
