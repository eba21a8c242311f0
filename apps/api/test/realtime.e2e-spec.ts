import { QUEUE_EVENTS, type CounterSnapshot, type DisplayCall, type DisplaySnapshot, type PublicTicketResponse, type WaitingTicket } from '@mpp/contracts';
import type { Socket } from 'socket.io-client';
import { FixedClock } from '../src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';
import { personalDataKeys } from './support/json-keys';
import { connectQueue, join, nextEvent as next } from './support/sockets';

describe('Live queue events (socket.io)', () => {
  let t: TestApp;
  let h: Hall;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => t?.close());

  const connect = (token?: string): Socket => {
    const socket = connectQueue(base, token);
    sockets.push(socket);
    return socket;
  };
  const nothing = (socket: Socket, event: string, ms = 400) =>
    new Promise<void>((resolve, reject) => {
      const listener = (p: unknown) => reject(new Error(`unexpected ${event}: ${JSON.stringify(p)}`));
      socket.on(event, listener);
      setTimeout(() => {
        socket.off(event, listener);
        resolve();
      }, ms);
    });
  const finishCurrent = async (token: string, counter: { id: string }) => {
    await counterAction(t, token, counter, 'start').expect(200);
    await counterAction(t, token, counter, 'finish').expect(200);
  };

  it('should give a hall display its snapshot, then every call, recall and finish as it happens', async () => {
    const display = connect(h.display);
    const joined = await join<DisplaySnapshot>(display, 'join-display', { siteCode: 'kota-kupang' });
    expect(joined.ok).toBe(true);
    const snapshot = (joined as { data: DisplaySnapshot }).data;
    expect(snapshot.counters.map((c) => c.number)).toContain(h.counters.polresta.number);
    expect(snapshot.localDate).toBe('2026-11-23');

    const ticket = await issue(t, h.kiosk, h.services.skck);
    const counts = await next<DisplaySnapshot['waiting']>(display, QUEUE_EVENTS.waitingCounts, 2000, (w) => w.some((x) => x.serviceId === h.services.skck));
    expect(counts.find((x) => x.serviceId === h.services.skck)!.count).toBeGreaterThan(0);

    const called = next<DisplayCall>(display, QUEUE_EVENTS.call);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    expect(await called).toMatchObject({ ticketNumber: ticket.number, counterNumber: h.counters.polresta.number, recall: false });

    const recalled = next<DisplayCall>(display, QUEUE_EVENTS.call);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'recall').expect(200);
    expect(await recalled).toMatchObject({ ticketNumber: ticket.number, recall: true });

    const freed = next<{ number: number; current: unknown }>(display, QUEUE_EVENTS.counterChanged, 2000, (c) => c.current === null);
    await finishCurrent(h.officers.polresta, h.counters.polresta);
    expect((await freed).number).toBe(h.counters.polresta.number);
  });

  it('should send nothing for a change the database refused', async () => {
    const display = connect(h.display);
    await join(display, 'join-display', { siteCode: 'kota-kupang' });
    await issue(t, h.kiosk, h.services.skck);
    await issue(t, h.kiosk, h.services.skck);
    const first = next<DisplayCall>(display, QUEUE_EVENTS.call);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    await first;
    const silence = nothing(display, QUEUE_EVENTS.call);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(409);
    await silence;
    await finishCurrent(h.officers.polresta, h.counters.polresta);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    await finishCurrent(h.officers.polresta, h.counters.polresta);
  });

  it('should resynchronise a display that reconnects from the snapshot', async () => {
    const first = connect(h.display);
    await join(first, 'join-display', { siteCode: 'kota-kupang' });
    first.disconnect();
    const missed = await issue(t, h.kiosk, h.services.skck);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    const again = connect(h.display);
    const snapshotEvent = next<DisplaySnapshot>(again, QUEUE_EVENTS.displaySnapshot);
    await join(again, 'join-display', { siteCode: 'kota-kupang' });
    const snapshot = await snapshotEvent;
    expect(snapshot.lastCalls[0]).toMatchObject({ ticketNumber: missed.number, counterNumber: h.counters.polresta.number });
    expect(snapshot.counters.find((c) => c.number === h.counters.polresta.number)!.current).toMatchObject({ ticketNumber: missed.number, status: 'called' });
    await finishCurrent(h.officers.polresta, h.counters.polresta);
  });

  it("should keep a counter console's waiting list live", async () => {
    const console = connect(h.officers.dukcapil1);
    const joined = await join<CounterSnapshot>(console, 'join-counter', { counterId: h.counters.dukcapil1.id });
    expect(joined.ok).toBe(true);
    const arrived = next<WaitingTicket>(console, QUEUE_EVENTS.ticketWaiting);
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    expect(await arrived).toMatchObject({ id: ticket.id, number: ticket.number, serviceId: h.services.ktpBaru });
    // Another agency's ticket does not reach this console.
    const silence = nothing(console, QUEUE_EVENTS.ticketWaiting);
    await issue(t, h.kiosk, h.services.skck);
    await silence;
    const left = next<{ id: string }>(console, QUEUE_EVENTS.ticketLeft);
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'call-next').expect(200);
    expect((await left).id).toBe(ticket.id);
    await finishCurrent(h.officers.dukcapil2, h.counters.dukcapil2);
  });

  it("should push a citizen's own ticket page its updates, without signing in", async () => {
    const ticket = await issue(t, h.kiosk, h.services.skck);
    const page = connect();
    const initial = next<PublicTicketResponse>(page, QUEUE_EVENTS.ticketUpdated);
    expect((await join(page, 'join-ticket', { publicCode: ticket.publicCode })).ok).toBe(true);
    expect((await initial).status).toBe('waiting');
    const update = next<PublicTicketResponse>(page, QUEUE_EVENTS.ticketUpdated, 2000, (x) => x.status === 'called');
    // The counter may have earlier SKCK tickets to clear first.
    for (;;) {
      const res = await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
      if (res.body.id === ticket.id) break;
      await finishCurrent(h.officers.polresta, h.counters.polresta);
    }
    const pushed = await update;
    expect(pushed).toMatchObject({ number: ticket.number, status: 'called', counter: { number: h.counters.polresta.number } });
    expect(Object.keys(pushed)).not.toEqual(expect.arrayContaining(['id']));
    expect(Object.keys(pushed)).not.toContain('outcomeNote');
    expect(personalDataKeys(pushed)).toEqual([]);
    await finishCurrent(h.officers.polresta, h.counters.polresta);
  });

  it('should turn away displays without a token or from another site, and anonymous consoles', async () => {
    const anonymous = connect();
    expect(await join(anonymous, 'join-display', { siteCode: 'kota-kupang' })).toMatchObject({ ok: false, error: { statusCode: 401 } });
    expect(await join(anonymous, 'join-counter', { counterId: h.counters.dukcapil1.id })).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } });
    const kupangDisplay = connect(h.display);
    expect(await join(kupangDisplay, 'join-display', { siteCode: 'kota-probolinggo' })).toMatchObject({ ok: false, error: { statusCode: 403 } });
    expect(await join(anonymous, 'join-ticket', { publicCode: 'AAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { statusCode: 404 } });
  });
});
