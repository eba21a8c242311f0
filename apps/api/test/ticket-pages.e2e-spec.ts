import { QUEUE_EVENTS, QUEUE_JOINS, type PublicTicketResponse, type TicketQueueMovedEvent, type TicketResponse } from '@mpp/contracts';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Namespace } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { FixedClock } from '../src/common/clock';
import { QueueEvents } from '../src/queue/queue-events';
import { QueueGateway } from '../src/queue/queue.gateway';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { connectQueue, joined, nextEvent, record } from './support/sockets';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Open ticket pages (docs/queue.md, "Open ticket pages"): a page is told its new place in the
 * event, so it reads nothing when the line moves, and nothing is pushed inside the request that
 * made the change.
 */
describe('Open ticket pages', () => {
  let t: TestApp;
  let h: Hall;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.skck, null);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  }, 120_000);
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => t?.close());

  const openPage = async (code: string): Promise<{ socket: Socket; ticket: PublicTicketResponse }> => {
    const socket = connectQueue(base);
    sockets.push(socket);
    return { socket, ticket: await joined<PublicTicketResponse>(socket, QUEUE_JOINS.ticket, { publicCode: code }) };
  };
  const publicView = async (code: string) => (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
  /** Calls the polresta counter's next ticket and marks it absent: the SKCK line moves by one. */
  const callAndClear = async (): Promise<TicketResponse> => {
    const res = await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'no-show').expect(200);
    return res.body as TicketResponse;
  };
  const clearLine = async () => {
    for (;;) {
      const res = await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next');
      if (res.status !== 200) return;
      await counterAction(t, h.officers.polresta, h.counters.polresta, 'no-show').expect(200);
    }
  };

  it('should send each open page its new place in ticket.queue-moved, the place a read would answer', async () => {
    await clearLine();
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await issue(t, h.kiosk, h.services.skck));
    const second = await openPage(tickets[1].publicCode);
    const third = await openPage(tickets[2].publicCode);
    expect(second.ticket).toMatchObject({ position: 2 });
    expect(third.ticket).toMatchObject({ position: 3 });
    const secondMoved = nextEvent<TicketQueueMovedEvent>(second.socket, QUEUE_EVENTS.ticketQueueMoved, 3000);
    const thirdMoved = nextEvent<TicketQueueMovedEvent>(third.socket, QUEUE_EVENTS.ticketQueueMoved, 3000);

    expect((await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200)).body.id).toBe(tickets[0].id);
    const [s, th] = await Promise.all([secondMoved, thirdMoved]);
    expect(s).toMatchObject({ publicCode: tickets[1].publicCode, serviceId: h.services.skck, position: 1, positionMin: 1 });
    expect(th).toMatchObject({ publicCode: tickets[2].publicCode, position: 2, positionMin: 2 });
    // What the page shows from the event is what reading the ticket answers.
    const read = await publicView(tickets[2].publicCode);
    expect({ position: th.position, positionMin: th.positionMin, estimatedWaitMinutes: th.estimatedWaitMinutes }).toEqual({
      position: read.position,
      positionMin: read.positionMin,
      estimatedWaitMinutes: read.estimatedWaitMinutes,
    });
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'no-show').expect(200);
    await clearLine();
  });

  it("should answer call-next before anything is pushed to the many pages, displays and consoles, and then tell every page", async () => {
    await clearLine();
    const pageCount = 150;
    const tickets: TicketResponse[] = [];
    for (let i = 0; i < pageCount; i++) tickets.push(await issue(t, h.kiosk, h.services.skck));
    const pages = [];
    for (const ticket of tickets) pages.push(await openPage(ticket.publicCode));
    const moved = pages.slice(1).map((p) => record<TicketQueueMovedEvent>(p.socket, QUEUE_EVENTS.ticketQueueMoved));
    const called = nextEvent<PublicTicketResponse>(pages[0].socket, QUEUE_EVENTS.ticketUpdated, 5000, (x) => x.status === 'called');

    // Every push of the gateway goes through its namespace's adapter: note each, and whether it
    // happened while the change was being published (inside call-next's request).
    const server = (t.app.get(QueueGateway) as unknown as { server: Namespace }).server;
    const adapter = server.adapter as unknown as { broadcast: (...args: unknown[]) => void };
    const broadcast = adapter.broadcast.bind(adapter);
    const events = t.app.get(QueueEvents);
    const ticketChanged = events.ticketChanged.bind(events);
    const order: string[] = [];
    let publishing = false;
    let calling = false;
    adapter.broadcast = (...args: unknown[]) => {
      if (calling) order.push(publishing ? 'push while publishing' : 'push');
      broadcast(...args);
    };
    events.ticketChanged = (...args: Parameters<QueueEvents['ticketChanged']>) => {
      publishing = true;
      try {
        ticketChanged(...args);
      } finally {
        publishing = false;
      }
    };
    // The moment the answer to call-next is handed to the connection.
    const http = t.app.getHttpServer() as Server;
    const answered = (req: IncomingMessage, res: ServerResponse) => {
      if (!req.url?.endsWith('/call-next')) return;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
        order.push('call-next answered');
        return end(...args);
      };
    };
    http.prependListener('request', answered);
    try {
      calling = true;
      const res = await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
      expect(res.body.id).toBe(tickets[0].id);
      expect((await called).counter).toMatchObject({ number: h.counters.polresta.number });
      await Promise.all(moved.map((m) => m.until((e) => e.length > 0, 10_000)));
    } finally {
      calling = false;
      http.off('request', answered);
      adapter.broadcast = broadcast;
      events.ticketChanged = ticketChanged;
    }
    expect(order).not.toContain('push while publishing');
    expect(order[0]).toBe('call-next answered');
    // Each page was told its own place, one event each (the display's call, its counter, the
    // consoles, the called ticket's page and the 149 places: all after the answer).
    expect(order.filter((o) => o === 'push').length).toBeGreaterThanOrEqual(pageCount);
    moved.forEach((m, i) => expect(m.events).toEqual([expect.objectContaining({ publicCode: tickets[i + 1].publicCode, position: i + 1 })]));
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'no-show').expect(200);
    await clearLine();
  }, 120_000);

  it('should tell a page nothing when its place did not change', async () => {
    await clearLine();
    const [first, second] = [await issue(t, h.kiosk, h.services.skck), await issue(t, h.kiosk, h.services.skck)];
    const page = await openPage(second.publicCode);
    const moves = record<TicketQueueMovedEvent>(page.socket, QUEUE_EVENTS.ticketQueueMoved);
    // Another line of the site moves (akta, at other counters): this page's place stays, so nothing is sent.
    const akta = await issue(t, h.kiosk, h.services.akta);
    expect(akta.status).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(moves.events).toEqual([]);
    expect((await callAndClear()).id).toBe(first.id);
    await moves.until((e) => e.some((x) => x.position === 1), 3000);
    await clearLine();
  });
});
