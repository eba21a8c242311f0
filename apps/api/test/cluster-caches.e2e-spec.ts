import type { NestExpressApplication } from '@nestjs/platform-express';
import { QUEUE_JOINS } from '@mpp/contracts';
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { CATALOGUE_CACHE_TTL_MS } from '../src/catalogue/catalogue-cache';
import { CLUSTER_BUS_APPLICATION_NAME, ClusterBus, type ClusterMessage } from '../src/common/cluster-bus';
import { ApiProcess, clusterSecrets, killApiProcesses, startApiProcesses } from './support/api-processes';
import { newServiceDto } from './support/factories';
import { Hall, KUPANG_MONDAY_0900, setupHall } from './support/hall';
import { startTestRedis, TestRedis } from './support/redis-server';
import { STAFF_PASSWORD } from './support/staff';
import { createTestDatabase, TEST_ADMIN, TestApp, TestDatabase, testConfig } from './support/test-app';
import { signInStaff, TestAuthenticator } from './support/staff-sign-in';

/** The administrators' phone, shared by every process of this file (they share the database). */
const phone = new TestAuthenticator();

/** Well inside the five seconds a process caches users, devices and catalogue rows. */
const AT_ONCE_MS = 1_000;
const LOGIN_LIMIT = 3;
const START_MS = 150_000;

type Ack = { ok: boolean };
type Answer = { status: number; code?: string };

/** The hall set-up of support/hall.ts, over HTTP against a real process. */
function through(p: ApiProcess): TestApp {
  const http = () => request(p.url);
  let admin: string | null = null;
  const loginAs = async (email: string, password: string): Promise<string> =>
    (await signInStaff(async (path, body) => http().post(path).send(body), phone, email, password)).accessToken;
  return { http, loginAs, adminToken: async () => (admin ??= await loginAs(TEST_ADMIN.email, TEST_ADMIN.password)) } as unknown as TestApp;
}

/** Asks again until the answer holds or `ms` have passed; answers how long it took (ms), or throws with the last answer. */
async function within<T>(ms: number, attempt: () => Promise<T>, holds: (answer: T) => boolean): Promise<number> {
  const start = Date.now();
  let last: T;
  do {
    last = await attempt();
    if (holds(last)) return Date.now() - start;
  } while (Date.now() - start < ms);
  throw new Error(`not within ${ms} ms; last answer: ${JSON.stringify(last)}`);
}

describe('Caches and rate limits across API processes', () => {
  let db: TestDatabase;
  let hall: Hall;
  const secrets = clusterSecrets();
  const sockets: Socket[] = [];
  const env = { LOGIN_RATE_LIMIT: String(LOGIN_LIMIT), LOGIN_RATE_WINDOW_SECONDS: '60' };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => {
    await killApiProcesses();
    await db?.drop();
  });

  const connect = (p: ApiProcess, token: string): Socket => {
    const socket = io(`${p.url}/queue`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  };
  const joinDisplay = (socket: Socket) => socket.timeout(5_000).emitWithAck(QUEUE_JOINS.display, { siteCode: 'kota-kupang' }) as Promise<Ack>;
  const closed = (socket: Socket) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket still open ${AT_ONCE_MS} ms after the session ended`)), AT_ONCE_MS);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
  const login = (p: ApiProcess, email: string) => request(p.url).post('/api/v1/auth/login').send({ email, password: 'bukan-kata-sandinya' });
  const issue = (p: ApiProcess, serviceId: string) => request(p.url).post('/api/v1/queue/tickets').auth(hall.kiosk, { type: 'bearer' }).send({ serviceId });
  const answerOf = async (pending: request.Test): Promise<Answer> => {
    const res = await pending;
    return { status: res.status, code: (res.body as { code?: string }).code };
  };
  const issueAnswer = (p: ApiProcess, serviceId: string): Promise<Answer> => answerOf(issue(p, serviceId));

  describe('on one PostgreSQL, without REDIS_URL', () => {
    let p1: ApiProcess;
    let p2: ApiProcess;

    beforeAll(async () => {
      [p1, p2] = await startApiProcesses(2, { databaseUrl: db.url, secrets, env, clock: KUPANG_MONDAY_0900 });
      hall = await setupHall(through(p1));
    }, START_MS);
    afterAll(async () => {
      await p1?.kill();
      await p2?.kill();
    });

    it('should refuse a device revoked through process 1 in process 2 at once, and close its socket there', async () => {
      const display = (
        await request(p1.url).post('/api/v1/admin/sites/kota-kupang/devices').auth(hall.kupangSiteAdmin, { type: 'bearer' }).send({ name: 'layar lintas proses', kind: 'display' }).expect(201)
      ).body as { id: string; token: string };
      const device = () => request(p2.url).get('/api/v1/auth/device').auth(display.token, { type: 'bearer' });
      // Process 2 has the device cached (five seconds) and holds its socket.
      await device().expect(200);
      const sut = connect(p2, display.token);
      expect((await joinDisplay(sut)).ok).toBe(true);
      const socketClosed = closed(sut);

      await request(p1.url).post(`/api/v1/admin/devices/${display.id}/revoke`).auth(hall.kupangSiteAdmin, { type: 'bearer' }).expect(200);

      // At once: as soon as process 2 has heard the NOTIFY sent at the revocation's commit (milliseconds; a bound for a loaded machine).
      await within(AT_ONCE_MS, () => answerOf(device()), (a) => a.status === 401 && a.code === 'DEVICE_REVOKED');
      expect(await socketClosed).toBe('io server disconnect');
    });

    it('should refuse an officer disabled through process 1 in process 2 at once, and close their socket there', async () => {
      const email = `lintas-${randomUUID().slice(0, 8)}@mpp.test`;
      const created = await request(p1.url)
        .post('/api/v1/admin/users')
        .auth(hall.system, { type: 'bearer' })
        .send({ email, fullName: 'Petugas Lintas Proses', password: STAFF_PASSWORD, role: 'officer', agencyId: hall.dukcapil.id })
        .expect(201);
      const token = await through(p2).loginAs(email, STAFF_PASSWORD);
      const me = () => request(p2.url).get('/api/v1/auth/me').auth(token, { type: 'bearer' });
      await me().expect(200);
      const sut = connect(p2, token);
      expect((await joinDisplay(sut)).ok).toBe(true);
      const socketClosed = closed(sut);

      await request(p1.url).patch(`/api/v1/admin/users/${(created.body as { id: string }).id}`).auth(hall.system, { type: 'bearer' }).send({ active: false }).expect(200);

      await within(AT_ONCE_MS, () => answerOf(me()), (a) => a.status === 401 && a.code === 'ACCOUNT_DISABLED');
      expect(await socketClosed).toBe('io server disconnect');
    });

    it('should stop issuing tickets in process 2 for a service retired through process 1 within a second, long before its cached row expires', async () => {
      const service = (await request(p1.url).post(`/api/v1/admin/agencies/${hall.dukcapil.id}/services`).auth(hall.system, { type: 'bearer' }).send(newServiceDto()).expect(201)).body as {
        id: string;
      };
      // Its first ticket in process 2 reads the new service's row into that process's cache now.
      const loadedAt = Date.now();
      await issue(p2, service.id).expect(201);

      await request(p1.url).post(`/api/v1/admin/services/${service.id}/retire`).auth(hall.system, { type: 'bearer' }).expect(200);

      await within(AT_ONCE_MS, () => issueAnswer(p2, service.id), (a) => a.status === 404 && a.code === 'SERVICE_NOT_FOUND');
      // Not the cache expiring: the row read at loadedAt would have been kept for five seconds.
      expect(Date.now() - loadedAt).toBeLessThan(CATALOGUE_CACHE_TTL_MS - 1_000);
    });

    it('should close and reopen the hall in process 2 at once when a closure for today is added and removed through process 1', async () => {
      await issue(p2, hall.services.skck).expect(201);

      const closure = (
        await request(p1.url)
          .post('/api/v1/admin/sites/kota-kupang/closures')
          .auth(hall.kupangSiteAdmin, { type: 'bearer' })
          .send({ date: '2026-11-23', name: 'Tutup mendadak (uji)' })
          .expect(201)
      ).body as { id: string };
      await within(AT_ONCE_MS, () => issueAnswer(p2, hall.services.skck), (a) => a.status === 409 && a.code === 'SITE_CLOSED');

      await request(p1.url).delete(`/api/v1/admin/sites/kota-kupang/closures/${closure.id}`).auth(hall.kupangSiteAdmin, { type: 'bearer' }).expect(204);
      await within(AT_ONCE_MS, () => issueAnswer(p2, hall.services.skck), (a) => a.status === 201);
    });

    it('should count login attempts in each process separately (the documented limit without REDIS_URL)', async () => {
      const email = `tanpa-redis-${randomUUID().slice(0, 8)}@mpp.test`;
      for (let i = 0; i < LOGIN_LIMIT; i++) await login(p1, email).expect(401);
      await login(p1, email).expect(429);
      // Process 2 has counted none of them: up to twice the limit behind a balancer of two.
      for (let i = 0; i < LOGIN_LIMIT; i++) await login(p2, email).expect(401);
      await login(p2, email).expect(429);
    });
  });

  describe('with REDIS_URL', () => {
    let redis: TestRedis;
    let p1: ApiProcess;
    let p2: ApiProcess;

    beforeAll(async () => {
      redis = await startTestRedis();
      [p1, p2] = await startApiProcesses(2, { databaseUrl: db.url, secrets, env: { ...env, REDIS_URL: redis.url, LOG_LEVEL: 'info', TICKET_PRINT_RATE_LIMIT: '3' }, clock: KUPANG_MONDAY_0900 });
    }, START_MS);
    afterAll(async () => {
      await p1?.kill();
      await p2?.kill();
      await redis?.stop();
    });

    it('should count login attempts of both processes together', async () => {
      const email = `redis-${randomUUID().slice(0, 8)}@mpp.test`;
      for (let i = 0; i < LOGIN_LIMIT; i++) await login(i % 2 === 0 ? p1 : p2, email).expect(401);
      const refused = await login(p2, email).expect(429);
      // @nestjs/throttler names the header after the throttler.
      expect(Number(refused.headers['retry-after-login'])).toBeGreaterThan(0);
      await login(p1, email).expect(429);
    });

    it("should count a public ticket limit of both processes together (the ticket guards' own limits, on the same storage)", async () => {
      const print = (p: ApiProcess) => request(p.url).get('/api/v1/tickets/BBBBBBBBBBBBBBBB/print').query({ format: '80mm' });
      for (let i = 0; i < 3; i++) await print(i % 2 === 0 ? p1 : p2).expect(404);
      const refused = await print(p2).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('should answer without a single 500 while Redis is killed, count per process until it is back, then count together again', async () => {
      const statuses: number[] = [];
      let stop = false;
      // Set by `answered`, read by the traffic loop (a cast: TypeScript would narrow it to null in the loop).
      let reached = null as { count: number; done: () => void } | null;
      const answered = (count: number) => new Promise<void>((done) => (reached = { count, done }));
      // Public ticket look-ups (their own rate limit) on both processes, one after another, all along.
      const traffic = (async () => {
        for (let i = 0; !stop; i++) {
          const res = await request(i % 2 === 0 ? p1.url : p2.url).get('/api/v1/tickets/AAAAAAAAAAAAAAAA');
          statuses.push(res.status);
          if (reached && statuses.length >= reached.count) reached.done();
        }
      })();
      try {
        await answered(10);
        await redis.kill();
        await answered(statuses.length + 40);

        // Down: each process counts on its own, and still refuses past the limit.
        const email = `redis-mati-${randomUUID().slice(0, 8)}@mpp.test`;
        for (let i = 0; i < LOGIN_LIMIT; i++) await login(p1, email).expect(401);
        await login(p1, email).expect(429);
        await login(p2, email).expect(401);
        expect(p1.output.join('\n')).toContain('Redis unreachable: rate limits are counted per API process');

        await redis.start();
        // ioredis reconnects by itself (within a second); a request then finds the shared counts again.
        await within(
          10_000,
          async () => {
            await request(p1.url).get('/api/v1/tickets/AAAAAAAAAAAAAAAA');
            await request(p2.url).get('/api/v1/tickets/AAAAAAAAAAAAAAAA');
            return [p1, p2].every((p) => p.output.some((line) => line.includes('Redis answers again')));
          },
          (back) => back,
        );
      } finally {
        stop = true;
        await traffic;
      }
      expect(statuses.length).toBeGreaterThan(50);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);

      const again = `redis-kembali-${randomUUID().slice(0, 8)}@mpp.test`;
      for (let i = 0; i < LOGIN_LIMIT; i++) await login(i % 2 === 0 ? p2 : p1, again).expect(401);
      await login(p1, again).expect(429);
    });
  });

  describe(ClusterBus.name, () => {
    let app: NestExpressApplication;
    let sut: ClusterBus;
    let data: DataSource;
    const heard: (ClusterMessage & { own: boolean })[] = [];
    let waiting: { n: number; done: () => void } | null = null;
    /** Resolves once message `n` of the topic below has arrived. */
    const arrived = (n: number) =>
      new Promise<void>((done, fail) => {
        if (heard.some((m) => m.n === n)) return done();
        const timer = setTimeout(() => fail(new Error(`message ${n} did not arrive; heard ${JSON.stringify(heard)}`)), 5_000);
        waiting = {
          n,
          done: () => {
            clearTimeout(timer);
            done();
          },
        };
      });

    beforeAll(async () => {
      // The processes above are gone: this one is alone on the database.
      app = await createApp(testConfig(), { url: db.url, embedded: false }, { logger: false });
      await app.init();
      sut = app.get(ClusterBus);
      data = app.get(DataSource);
      sut.on('bus_test', (message, own) => {
        heard.push({ ...message, own });
        if (waiting && message.n === waiting.n) waiting.done();
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('should deliver a message sent inside a transaction at its commit, once, to this process too, and never one rolled back', async () => {
      await data.transaction(async (tx) => {
        await sut.publish('bus_test', { n: 1 }, tx);
        await sut.publish('bus_test', { n: 1 }, tx);
        // Sent outside the transaction after it, and delivered while it is still open.
        await sut.publish('bus_test', { n: 2 });
        await arrived(2);
        expect(heard.map((m) => m.n)).toEqual([2]);
      });
      await arrived(1);

      await data
        .transaction(async (tx) => {
          await sut.publish('bus_test', { n: 3 }, tx);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await sut.publish('bus_test', { n: 4 });
      await arrived(4);
      expect(heard).toEqual([
        { n: 2, own: true },
        { n: 1, own: true },
        { n: 4, own: true },
      ]);
    });

    it('should tell its gap listeners once its listening connection is back after a loss, and deliver again', async () => {
      const gap = new Promise<void>((done) => sut.onGap(done));
      await data.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [CLUSTER_BUS_APPLICATION_NAME]);
      await gap;
      await sut.publish('bus_test', { n: 5 });
      await arrived(5);
    });
  });
});
