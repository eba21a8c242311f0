import { QUEUE_EVENTS, type PublicTicketResponse, type TicketQueueMovedEvent } from '@mpp/contracts';
import { EventEmitter } from 'node:events';
import type { Namespace } from 'socket.io';
import type { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { LineTicket, QueuePlaceRepository } from './queue-place.repository';
import type { QueuePlaceService, TicketPlace } from './queue-place.service';
import { NEAR_FRONT_PLACES, PLACES_MIN_GAP_MS, quietMs, TicketPagePlaces } from './ticket-page-places';

const SITE = 'site-1';
const DAY = '2026-12-04';

/**
 * Which open pages a pass tells (docs/queue.md, "Open ticket pages"): near the front every move,
 * further back at most every quietMs(place), and a page left out of a pass still gets its last
 * place once it is due when the line stops moving. The places themselves (placesInLine) and the
 * sockets are tested on PostgreSQL and socket.io in ticket-pages.e2e-spec.ts; here a line whose
 * place is its index, so what is told, and when, is all there is to see.
 */
describe(TicketPagePlaces.name, () => {
  let line: LineTicket[];
  let told: TicketQueueMovedEvent[];
  let computed: string[][];
  let pages: TicketPagePlaces;

  const ticket = (n: number): LineTicket => ({ id: `t${n}`, public_code: `CODE${n}`, service_id: 'svc', priority: 'regular', target_counter_id: null, local_date: DAY }) as unknown as LineTicket;
  const settle = async () => {
    for (let i = 0; i < 5; i++) await jest.advanceTimersByTimeAsync(0);
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    told = [];
    computed = [];
    line = Array.from({ length: 100 }, (_, i) => ticket(i + 1));
    const adapter = Object.assign(new EventEmitter(), { rooms: new Map<string, Set<string>>() });
    const server = {
      adapter,
      local: { to: () => ({ emit: (event: string, data: TicketQueueMovedEvent) => event === QUEUE_EVENTS.ticketQueueMoved && told.push(data) }) },
    } as unknown as Namespace;
    const places = {
      placesInLine: (_site: unknown, ofDay: readonly LineTicket[], wanted: (t: LineTicket) => boolean) => {
        const result = new Map<string, TicketPlace>();
        ofDay.forEach((t, i) => wanted(t) && result.set(t.id, { position: i + 1, positionMin: i + 1, estimatedWaitMinutes: null }));
        computed.push([...result.keys()]);
        return Promise.resolve(result);
      },
    } as unknown as QueuePlaceService;
    const repo = { waitingLine: () => Promise.resolve([...line]) } as unknown as QueuePlaceRepository;
    const catalogue = { cachedSite: () => Promise.resolve({ id: SITE }), findSiteByCode: () => Promise.resolve({ id: SITE }) } as unknown as CatalogueRepository;
    pages = new TicketPagePlaces(server, places, repo, catalogue, () => Date.now());
    for (const [i, t] of line.entries()) {
      adapter.rooms.set(`ticket:${t.public_code}`, new Set(['socket']));
      void pages.opened({ publicCode: t.public_code, siteCode: 'kupang', localDate: DAY, status: 'waiting', position: i + 1, positionMin: i + 1, estimatedWaitMinutes: null } as PublicTicketResponse);
    }
  });
  afterEach(() => {
    pages.stop();
    jest.useRealTimers();
  });

  const lastPlaceOf = (code: string) => told.filter((e) => e.publicCode === code).at(-1)?.position;

  it('should tell the pages near the front at once, the others once their quiet time is over, each its place after the last move', async () => {
    await settle();
    expect(pages.openPages).toBe(100);
    // The first ticket is called: every other page moves up one.
    line.shift();
    pages.linesMoved(SITE);
    await settle();
    // At once: only those that were within NEAR_FRONT_PLACES (places 2..10, now 1..9).
    expect(told.map((e) => e.publicCode)).toEqual(line.slice(0, NEAR_FRONT_PLACES - 1).map((t) => t.public_code));
    expect(told.map((e) => e.position)).toEqual(Array.from({ length: NEAR_FRONT_PLACES - 1 }, (_, i) => i + 1));
    // Nor were the far pages' places computed.
    expect(computed.at(-1)).toHaveLength(NEAR_FRONT_PLACES - 1);

    // Two more calls before the far pages are due: the near ones hear each.
    line.shift();
    pages.linesMoved(SITE);
    await jest.advanceTimersByTimeAsync(PLACES_MIN_GAP_MS);
    line.shift();
    pages.linesMoved(SITE);
    await jest.advanceTimersByTimeAsync(PLACES_MIN_GAP_MS);
    expect(lastPlaceOf('CODE4')).toBe(1);
    expect(told.filter((e) => e.publicCode === 'CODE5').map((e) => e.position)).toEqual([4, 3, 2]);
    expect(lastPlaceOf('CODE100')).toBeUndefined();

    // The line stops moving: by the quiet time of the last page, every page has been told its place, once.
    await jest.advanceTimersByTimeAsync(quietMs(100));
    await settle();
    line.forEach((t, i) => expect(lastPlaceOf(t.public_code)).toBe(i + 1));
    expect(told.filter((e) => e.publicCode === 'CODE100')).toHaveLength(1);
    // Nothing left to tell: no pass keeps running.
    const passes = computed.length;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(computed).toHaveLength(passes);
  });

  it('should tell a far page again while the line keeps moving, no more often than its quiet time', async () => {
    await settle();
    // A call every 100 ms for 6 s: 60 moves, passes every PLACES_MIN_GAP_MS.
    for (let i = 0; i < 60; i++) {
      line.shift();
      pages.linesMoved(SITE);
      await jest.advanceTimersByTimeAsync(100);
    }
    await settle();
    const heard = told.filter((e) => e.publicCode === 'CODE100').map((e) => e.position!);
    // Place 100 waits quietMs(100) = 2 s, then 1.6 s at place 80, ...: told several times, but not at every pass.
    expect(heard.length).toBeGreaterThanOrEqual(3);
    expect(heard.length).toBeLessThan(computed.length / 2);
    // Each time it moved on by about a fifth (here, 10 calls a second), never less than its quiet time's worth.
    heard.slice(1).forEach((place, i) => expect(heard[i] - place).toBeGreaterThanOrEqual(Math.floor((quietMs(heard[i]) / 1000) * 10) - 1));
    // A page near the front is told at every pass that changed its place.
    expect(told.filter((e) => e.publicCode === 'CODE65').length).toBeGreaterThan(heard.length);
    // Once the line stops, every page ends at its place.
    await jest.advanceTimersByTimeAsync(quietMs(100));
    await settle();
    line.forEach((t, i) => expect(lastPlaceOf(t.public_code)).toBe(i + 1));
  });
});
