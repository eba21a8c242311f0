import { QUEUE_EVENTS, QUEUE_JOINS, type DisplayCall, type DisplaySnapshot, type PublicTicketResponse, type TicketQueueMovedEvent, type TicketResponse, type WaitingTicket } from '@mpp/contracts';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { SOCKET_ADAPTER_APPLICATION_NAME } from '../src/common/http/socket-adapter';
import { ApiProcess, clusterSecrets, killApiProcesses, startApiProcesses } from './support/api-processes';
import { ApiClient, counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { startTestRedis, TestRedis } from './support/redis-server';
import { connectQueue, disconnected, joined, record, Recorded } from './support/sockets';
import { createTestApp, createTestDatabase, TEST_ADMIN, TestApp, TestDatabase } from './support/test-app';
import { signInStaff, TestAuthenticator } from './support/staff-sign-in';

/** The administrators' phone, shared by every process of this file (they share the database). */
const phone = new TestAuthenticator();

/**
 * Live events across API processes (docs/architecture.md, "Live events across processes"): two
 * real API processes on one database, a hall display on one of them, calls made on the other.
 * The processes stand at Monday 09:00 in Kupang, inside the seed site's opening hours.
 */

/** Generous: an event crosses processes in milliseconds; a Redis reconnection takes up to a second. */
const ARRIVAL_MS = 20_000;
/**
 * How long Redis stays away: longer than an event waits for it in ioredis's queue (three failed
 * reconnection attempts, ~0.6 s), so the events of the calls made meanwhile fail for good.
 */
const REDIS_OUTAGE_MS = 2_000;

type CounterKey = keyof Hall['counters'];

/** An API process's HTTP as the hall helpers use it. */
function overHttp(process: ApiProcess): ApiClient {
  const http = () => request(process.url);
  const loginAs = async (email: string, password: string): Promise<string> =>
    (await signInStaff(async (path, body) => http().post(path).send(body), phone, email, password)).accessToken;
  let admin: Promise<string> | null = null;
  return { http, loginAs, adminToken: () => (admin ??= loginAs(TEST_ADMIN.email, TEST_ADMIN.password)) };
}

interface Cluster {
  db: TestDatabase;
  processes: ApiProcess[];
  apis: ApiClient[];
  hall: Hall;
}

/** Two processes on a database of their own, and Kupang's hall set up through the first. */
async function startCluster(env: Record<string, string> = {}): Promise<Cluster> {
  const db = await createTestDatabase();
  try {
    const processes = await startApiProcesses(2, { databaseUrl: db.url, secrets: clusterSecrets(), env, clock: KUPANG_MONDAY_0900 });
    const apis = processes.map(overHttp);
    const hall = await setupHall(apis[0]);
    for (const id of Object.values(hall.services)) await setDailyQuota(apis[0], hall.system, id, null);
    return { db, processes, apis, hall };
  } catch (error) {
    await killApiProcesses();
    await db.drop();
    throw error;
  }
}

async function stopCluster(cluster: Cluster | undefined): Promise<void> {
  await killApiProcesses();
  await cluster?.db.drop();
}

/**
 * The officers of a hall at their counters, calling through one API: each call-next first
 * serves the ticket called before (start, finish), so a counter always holds its last call.
 * Remembers, per counter, the ticket numbers its calls answered, in order.
 */
class Officers {
  readonly calls: Record<CounterKey, string[]> = { dukcapil1: [], dukcapil2: [], polresta: [] };
  private readonly holding = new Set<CounterKey>();

  constructor(private readonly hall: Hall) {}

  async callNext(api: ApiClient, key: CounterKey): Promise<string> {
    const token = this.hall.officers[key];
    const counter = this.hall.counters[key];
    if (this.holding.has(key)) {
      await counterAction(api, token, counter, 'start').expect(200);
      await counterAction(api, token, counter, 'finish').expect(200);
    }
    const res = await counterAction(api, token, counter, 'call-next');
    if (res.status !== 200) throw new Error(`call-next at ${key}: ${res.status} ${JSON.stringify(res.body)}`);
    this.holding.add(key);
    const number = (res.body as TicketResponse).number;
    this.calls[key].push(number);
    return number;
  }

  /** `rounds[key]` calls at each counter, the counters side by side. */
  async callRounds(api: ApiClient, rounds: Partial<Record<CounterKey, number>>, after?: (key: CounterKey, n: number) => Promise<void>): Promise<void> {
    await Promise.all(
      (Object.entries(rounds) as [CounterKey, number][]).map(async ([key, n]) => {
        for (let i = 1; i <= n; i++) {
          await this.callNext(api, key);
          await after?.(key, i);
        }
      }),
    );
  }

  counterNumber(key: CounterKey): number {
    return this.hall.counters[key].number;
  }

  /** The calls made, as a display shows them per counter number. */
  byCounterNumber(only?: (key: CounterKey, index: number) => boolean): Map<number, string[]> {
    return new Map(
      (Object.keys(this.calls) as CounterKey[]).map((key) => [this.counterNumber(key), this.calls[key].filter((_, i) => only?.(key, i) ?? true)]),
    );
  }

  total(): number {
    return Object.values(this.calls).reduce((n, list) => n + list.length, 0);
  }
}

/** The calls a display heard, per counter number, in the order they arrived. */
function heardByCounter(calls: DisplayCall[], counterNumbers: number[]): Map<number, string[]> {
  expect(calls.every((c) => !c.recall)).toBe(true);
  return new Map(counterNumbers.map((n) => [n, calls.filter((c) => c.counterNumber === n).map((c) => c.ticketNumber)]));
}

/** Polls `check` (a query) every 100 ms until it holds, or fails after `ms`. */
async function eventually(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The adapter's connections to the test app's database, by what they last ran. */
async function adapterConnections(t: TestApp): Promise<string[]> {
  const admin = new Client({ connectionString: t.db.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ query: string }>('SELECT query FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [
      SOCKET_ADAPTER_APPLICATION_NAME,
    ]);
    return rows.map((r) => r.query);
  } finally {
    await admin.end();
  }
}

async function issueTickets(api: ApiClient, hall: Hall, counts: { ktpBaru: number; skck: number }): Promise<void> {
  for (let i = 0; i < counts.ktpBaru; i++) await issue(api, hall.kiosk, hall.services.ktpBaru);
  for (let i = 0; i < counts.skck; i++) await issue(api, hall.kiosk, hall.services.skck);
}

describe('Live events across API processes', () => {
  const sockets: Socket[] = [];
  const display = async (process: ApiProcess, hall: Hall): Promise<{ socket: Socket; snapshot: DisplaySnapshot; calls: Recorded<DisplayCall> }> => {
    const socket = connectQueue(process.url, hall.display);
    sockets.push(socket);
    const calls = record<DisplayCall>(socket, QUEUE_EVENTS.call);
    const snapshot = await joined<DisplaySnapshot>(socket, QUEUE_JOINS.display, { siteCode: 'kota-kupang' });
    return { socket, snapshot, calls };
  };
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => killApiProcesses());

  describe('through PostgreSQL (SOCKET_ADAPTER=auto with an external database)', () => {
    let cluster: Cluster | undefined;
    let officers: Officers;

    beforeAll(async () => {
      cluster = await startCluster();
      officers = new Officers(cluster.hall);
    }, 180_000);
    afterAll(() => stopCluster(cluster), 60_000);

    it('should let a display on process 2 hear every call made on process 1, in order per counter', async () => {
      const { processes, apis, hall } = cluster!;
      const sut = await display(processes[1], hall);
      await issueTickets(apis[0], hall, { ktpBaru: 14, skck: 6 });

      await officers.callRounds(apis[0], { dukcapil1: 7, dukcapil2: 7, polresta: 6 });

      expect(officers.total()).toBe(20);
      const heard = await sut.calls.until((calls) => calls.length >= officers.total(), ARRIVAL_MS);
      const made = officers.byCounterNumber();
      expect(heardByCounter(heard, [...made.keys()])).toEqual(made);
      expect(heard).toHaveLength(20);
    }, 120_000);

    it('should tell a counter console and a ticket page on process 2 of a ticket issued and called on process 1', async () => {
      const { processes, apis, hall } = cluster!;
      const counterConsole = connectQueue(processes[1].url, hall.officers.polresta);
      const page = connectQueue(processes[1].url);
      sockets.push(counterConsole, page);
      const waiting = record<WaitingTicket>(counterConsole, QUEUE_EVENTS.ticketWaiting);
      const left = record<{ id: string }>(counterConsole, QUEUE_EVENTS.ticketLeft);
      const updates = record<PublicTicketResponse>(page, QUEUE_EVENTS.ticketUpdated);
      await joined(counterConsole, QUEUE_JOINS.counter, { counterId: hall.counters.polresta.id });

      const ticket = await issue(apis[0], hall.kiosk, hall.services.skck);
      const behind = await issue(apis[0], hall.kiosk, hall.services.skck);
      await waiting.until((events) => events.some((w) => w.id === ticket.id && w.number === ticket.number), ARRIVAL_MS);
      await joined(page, QUEUE_JOINS.ticket, { publicCode: ticket.publicCode });
      // The page of the ticket behind it, on process 2 too: told its new place, computed there.
      const behindPage = connectQueue(processes[1].url);
      sockets.push(behindPage);
      const moves = record<TicketQueueMovedEvent>(behindPage, QUEUE_EVENTS.ticketQueueMoved);
      const before = await joined<PublicTicketResponse>(behindPage, QUEUE_JOINS.ticket, { publicCode: behind.publicCode });
      expect(await officers.callNext(apis[0], 'polresta')).toBe(ticket.number);

      await left.until((events) => events.some((e) => e.id === ticket.id), ARRIVAL_MS);
      const called = await updates.until((events) => events.some((u) => u.status === 'called'), ARRIVAL_MS);
      expect(called.at(-1)).toMatchObject({ publicCode: ticket.publicCode, number: ticket.number, status: 'called' });
      await moves.until((events) => events.some((m) => m.publicCode === behind.publicCode && m.position === before.position! - 1), ARRIVAL_MS);
      expect(await officers.callNext(apis[0], 'polresta')).toBe(behind.number);
    }, 60_000);

    it('should carry calls again once the adapter has reopened connections PostgreSQL closed, answering the calls made meanwhile', async () => {
      const { db, processes, apis, hall } = cluster!;
      const sut = await display(processes[1], hall);
      await issueTickets(apis[0], hall, { ktpBaru: 6, skck: 0 });
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      try {
        const cut = (await admin.query<{ now: Date }>('SELECT now()')).rows[0].now;
        const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [
          SOCKET_ADAPTER_APPLICATION_NAME,
        ]);
        // Per process: its LISTEN connection and the one its NOTIFYs go through.
        expect(rowCount).toBe(4);
        // Answered as usual while the adapter has no connection (their events may be missed).
        await officers.callRounds(apis[0], { dukcapil1: 1, dukcapil2: 1 });

        // Each process LISTENs again (the adapter tries every ~2 s).
        await eventually(
          'both processes listen again',
          async () =>
            (
              await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND backend_start > $2 AND query LIKE 'LISTEN %'`, [
                SOCKET_ADAPTER_APPLICATION_NAME,
                cut,
              ])
            ).rowCount === 2,
          ARRIVAL_MS,
        );
      } finally {
        await admin.end();
      }
      const calledBefore = new Set([...officers.byCounterNumber().values()].flat());
      const madeBefore = { dukcapil1: officers.calls.dukcapil1.length, dukcapil2: officers.calls.dukcapil2.length, polresta: officers.calls.polresta.length };
      await officers.callRounds(apis[0], { dukcapil1: 2, dukcapil2: 2 });

      const after = officers.byCounterNumber((key, i) => i >= madeBefore[key]);
      const expected = [...after.values()].flat();
      const heard = await sut.calls.until((calls) => expected.every((n) => calls.some((c) => c.ticketNumber === n)), ARRIVAL_MS);
      const heardAfter = heardByCounter(
        heard.filter((c) => !calledBefore.has(c.ticketNumber)),
        [...after.keys()],
      );
      expect(heardAfter).toEqual(after);
      expect(processes.every((p) => p.output.some((line) => line.includes('PostgreSQL listening connection for live events lost')))).toBe(true);
    }, 60_000);
  });

  describe('through Redis (REDIS_URL set)', () => {
    let cluster: Cluster | undefined;
    let redis: TestRedis | undefined;

    beforeAll(async () => {
      redis = await startTestRedis();
      cluster = await startCluster({ REDIS_URL: redis.url });
    }, 180_000);
    afterAll(async () => {
      await stopCluster(cluster);
      await redis?.stop();
    }, 60_000);

    it('should let a display on process 2 hear every call made on process 1, also the calls made after Redis was killed and started again', async () => {
      const { processes, apis, hall } = cluster!;
      const sut = await display(processes[1], hall);
      await issueTickets(apis[0], hall, { ktpBaru: 16, skck: 8 });
      const officers = new Officers(hall);
      await officers.callRounds(apis[0], { dukcapil1: 4, dukcapil2: 3, polresta: 3 });
      await sut.calls.until((calls) => calls.length >= 10, ARRIVAL_MS);

      await redis!.kill();
      const outage = new Promise((resolve) => setTimeout(resolve, REDIS_OUTAGE_MS));
      // A call while Redis is away is committed and answered as one (its event may be missed),
      // and the process lives on when sending its events to the others fails.
      await officers.callRounds(apis[0], { dukcapil1: 1, dukcapil2: 1, polresta: 1 });
      const duringOutage = { dukcapil1: 4, dukcapil2: 3, polresta: 3 };
      await outage;
      await redis!.start();
      await officers.callRounds(apis[0], { dukcapil1: 4, dukcapil2: 3, polresta: 3 });

      // Every call but the three made while Redis was away must arrive.
      const required = officers.byCounterNumber((key, i) => i !== duringOutage[key]);
      const isRequired = (c: DisplayCall) => required.get(c.counterNumber)!.includes(c.ticketNumber);
      const heard = await sut.calls.until((calls) => calls.filter(isRequired).length >= 20, ARRIVAL_MS);
      const made = officers.byCounterNumber();
      const heardPerCounter = heardByCounter(heard, [...made.keys()]);
      for (const [counter, calls] of made) {
        // In order, nothing that was not called, nothing required missing.
        const got = heardPerCounter.get(counter)!;
        expect(got).toEqual(calls.filter((n) => got.includes(n)));
        expect(got).toEqual(expect.arrayContaining(required.get(counter)!));
      }
    }, 120_000);
  });

  describe('at shutdown', () => {
    it('should close the PostgreSQL adapter\'s connections with the app', async () => {
      const t = await createTestApp({ seedCatalogue: false });
      try {
        await eventually('the adapter listens', async () => (await adapterConnections(t)).some((q) => q.startsWith('LISTEN ')), ARRIVAL_MS);

        await t.app.close();

        await eventually('no adapter connection is left', async () => (await adapterConnections(t)).length === 0, 5_000);
      } finally {
        await t.app.close().catch(() => undefined);
        await t.db.drop();
      }
    }, 60_000);

    it('should close the Redis adapter\'s connections with the app', async () => {
      // A Redis of its own: the cluster's processes are connected to the other.
      const own = await startTestRedis();
      const probe = new Redis(own.url);
      const ours = async () => ((await probe.client('LIST')) as string).split('\n').filter((line) => line.includes(` name=${SOCKET_ADAPTER_APPLICATION_NAME} `));
      let t: TestApp | undefined;
      try {
        t = await createTestApp({ seedCatalogue: false, config: { redisUrl: own.url } });
        await eventually('the app has its writer, reader and subscriber', async () => (await ours()).length === 3, ARRIVAL_MS);

        await t.app.close();

        await eventually('its connections are closed', async () => (await ours()).length === 0, 5_000);
      } finally {
        probe.disconnect();
        await t?.app.close().catch(() => undefined);
        await t?.db.drop();
        await own.stop();
      }
    }, 60_000);
  });

  describe('when a process is killed', () => {
    let cluster: Cluster | undefined;

    beforeAll(async () => {
      cluster = await startCluster();
    }, 180_000);
    afterAll(() => stopCluster(cluster), 60_000);

    it('should keep the display on process 2 correct through a kill -9 of process 1, and resynchronise a display that moves from 1 to 2', async () => {
      const { processes, apis, hall } = cluster!;
      const [first, second] = processes;
      await issueTickets(apis[1], hall, { ktpBaru: 10, skck: 5 });
      const onFirst = await display(first, hall);
      const sut = await display(second, hall);
      const officers = new Officers(hall);
      await officers.callRounds(apis[1], { dukcapil1: 1, dukcapil2: 1, polresta: 1 });
      // Both displays are live before the kill: the one on process 1 hears process 2's calls.
      await onFirst.calls.until((calls) => calls.length >= 3, ARRIVAL_MS);
      const firstGone = disconnected(onFirst.socket, ARRIVAL_MS);

      // Process 1 dies (SIGKILL) after the second round's first call at the Polresta counter.
      let killed: Promise<void> | undefined;
      await officers.callRounds(apis[1], { dukcapil1: 4, dukcapil2: 4, polresta: 4 }, async (key, n) => {
        if (key === 'polresta' && n === 1) killed = first.kill();
      });
      await killed;
      expect(await firstGone).toBe('transport close');

      const heard = await sut.calls.until((calls) => calls.length >= officers.total(), ARRIVAL_MS);
      const made = officers.byCounterNumber();
      expect(heardByCounter(heard, [...made.keys()])).toEqual(made);
      expect(heard).toHaveLength(15);

      // The display of process 1 reconnects to process 2 and gets the hall as it is now.
      const moved = await display(second, hall);
      for (const key of ['dukcapil1', 'dukcapil2', 'polresta'] as const) {
        const lastCall = officers.calls[key].at(-1)!;
        expect(moved.snapshot.counters.find((c) => c.number === officers.counterNumber(key))?.current).toMatchObject({ ticketNumber: lastCall, status: 'called' });
        expect(moved.snapshot.lastCalls).toContainEqual(expect.objectContaining({ ticketNumber: lastCall, counterNumber: officers.counterNumber(key) }));
        // What the display on process 2 heard last at each counter is what the snapshot shows there.
        expect(heardByCounter(heard, [officers.counterNumber(key)]).get(officers.counterNumber(key))!.at(-1)).toBe(lastCall);
      }
      // Only calls that were made, newest first, the last ten of them.
      const allMade = [...made.values()].flat();
      expect(moved.snapshot.lastCalls).toHaveLength(10);
      expect(moved.snapshot.lastCalls.every((c) => allMade.includes(c.ticketNumber))).toBe(true);
    }, 120_000);
  });
});
