import type { TicketResponse } from '@mpp/contracts';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer, Server, Socket as NetSocket, connect } from 'node:net';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import { DRAINING, DATABASE_DOWN } from '../src/health/health.service';
import { Readiness } from '../src/health/readiness';
import { ApiLogger, createRootLogger } from '../src/common/logging/api-logger';
import { gracefulStop, IN_FLIGHT_GRACE_MS } from '../src/graceful-stop';
import { ApiProcess, clusterSecrets, killApiProcesses, startApiProcesses } from './support/api-processes';
import { Hall, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, createTestDatabase, TEST_ADMIN, TestApp, TestDatabase } from './support/test-app';
import { signInStaff, TestAuthenticator } from './support/staff-sign-in';

/** The administrators' phone, shared by every process of this file (they share the database). */
const phone = new TestAuthenticator();

describe('Readiness (GET /api/health/ready)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedCatalogue: false });
  });
  afterAll(async () => t?.close());

  it('should answer 200 while the process takes traffic, and 503 draining once it stops, while liveness stays 200', async () => {
    expect((await t.http().get('/api/health/ready').expect(200)).body).toEqual({ status: 'ready', database: 'up' });

    t.app.get(Readiness).drain();

    expect((await t.http().get('/api/health/ready').expect(503)).body).toEqual({ status: 'draining', database: null, message: DRAINING });
    await t.http().get('/api/health').expect(200);
  });
});

describe('Readiness with the database down', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedCatalogue: false });
  });
  afterAll(async () => t?.close());

  it('should answer 503 unavailable', async () => {
    const admin = new Client({ connectionString: t.db.url.replace(`/${t.db.name}`, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE ${t.db.name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }

    expect((await t.http().get('/api/health/ready').expect(503)).body).toEqual({ status: 'unavailable', database: 'down', message: DATABASE_DOWN });
  });
});

describe('Graceful stop and socket.io clients (in process)', () => {
  let t: TestApp;
  let db: TestDatabase | undefined;

  beforeAll(async () => {
    t = await createTestApp({ seedCatalogue: false });
    db = t.db;
  });
  afterAll(async () => {
    await t?.app.close().catch(() => undefined);
    await db?.drop();
  });

  it('should close WebSocket and long-polling clients so that they reconnect by themselves', async () => {
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const clients = (['websocket', 'polling'] as const).map((transport) =>
      io(`${base}/queue`, { transports: [transport], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 100, timeout: 2000 }),
    );
    try {
      await Promise.all(clients.map((c) => new Promise<void>((resolve, reject) => c.once('connect', resolve).once('connect_error', reject))));
      const reasons = clients.map((c) => new Promise<string>((resolve) => c.once('disconnect', (reason) => resolve(reason))));
      const attempts = clients.map((c) => new Promise<void>((resolve) => c.io.once('reconnect_attempt', () => resolve())));

      const started = Date.now();
      await gracefulStop(t.app, { drainSeconds: 0 }, new ApiLogger(createRootLogger('silent')));
      // A long-polling request held open is answered at once, not left to the in-flight grace.
      expect(Date.now() - started).toBeLessThan(IN_FLIGHT_GRACE_MS / 2);

      // 'transport close' (or 'transport error') is what socket.io-client reconnects after;
      // 'io server disconnect' (a server-side socket.disconnect()) it would not.
      for (const reason of await Promise.all(reasons)) expect(['transport close', 'transport error']).toContain(reason);
      await Promise.all(attempts);
      expect(clients.map((c) => c.active)).toEqual([true, true]);
    } finally {
      clients.forEach((c) => c.disconnect());
    }
  });
});

/** The API over HTTP on a real process, in the shape the hall helpers take. */
function remote(url: string): TestApp {
  const http = () => request(url);
  let admin: string | null = null;
  const loginAs = async (email: string, password: string) =>
    (await signInStaff(async (path, body) => http().post(path).send(body), phone, email, password)).accessToken;
  return {
    http,
    loginAs,
    adminToken: async () => (admin ??= await loginAs(TEST_ADMIN.email, TEST_ADMIN.password)),
  } as unknown as TestApp;
}

/** What one ticket request came to: an answer (status and body) or a connection error before any answer. */
type Outcome = { key: string; status: number; body: TicketResponse } | { key: string; error: string };

/** POST /api/v1/queue/tickets on a connection of its own (no keep-alive), as a kiosk does it. */
function issueOnce(url: string, token: string, serviceId: string, key: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ serviceId });
    const req = httpRequest(`${url}/api/v1/queue/tickets`, {
      method: 'POST',
      agent: false,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': key },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ key, status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as TicketResponse }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ key, error: `answer cut: ${e.code ?? e.message}` }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ key, error: e.code ?? e.message }));
    req.end(body);
  });
}

/**
 * A load balancer in miniature: a TCP proxy that sends each new connection to its current backend
 * (switched by the test once a backend's readiness fails, as a balancer's health check would).
 */
function tcpBalancer(): Promise<{ url: string; server: Server; target: { port: number }; connections: number[] }> {
  const target = { port: 0 };
  const connections: number[] = [];
  const open = new Set<NetSocket>();
  const server = createServer((client) => {
    const port = target.port;
    connections.push(port);
    const backend = connect(port, '127.0.0.1');
    open.add(client).add(backend);
    client.pipe(backend).pipe(client);
    const end = () => {
      client.destroy();
      backend.destroy();
      open.delete(client);
      open.delete(backend);
    };
    client.on('error', end).on('close', end);
    backend.on('error', end).on('close', end);
  });
  server.on('close', () => open.forEach((s) => s.destroy()));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server, target, connections })),
  );
}

describe('Graceful shutdown of one process under load (real processes)', () => {
  let db: TestDatabase;
  let p1: ApiProcess;
  let p2: ApiProcess;
  let h: Hall;
  const sockets: Socket[] = [];
  let balancer: Awaited<ReturnType<typeof tcpBalancer>> | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    [p1, p2] = await startApiProcesses(2, { databaseUrl: db.url, secrets: clusterSecrets(), clock: KUPANG_MONDAY_0900, env: { SHUTDOWN_DRAIN_SECONDS: '1' } });
    h = await setupHall(remote(p1.url));
    await setDailyQuota(remote(p1.url), h.system, h.services.ktpBaru, null);
  }, 120_000);
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    balancer?.server.close();
    await killApiProcesses();
    await db?.drop();
  });

  it('should drain, tell sockets to reconnect elsewhere, finish what it started and lose no ticket', async () => {
    balancer = await tcpBalancer();
    balancer.target.port = p1.port;

    // A hall display connected through the balancer, to process 1.
    const display = io(`${balancer.url}/queue`, { transports: ['websocket'], auth: { token: h.display }, reconnectionDelay: 100, reconnectionDelayMax: 500, forceNew: true });
    sockets.push(display);
    await new Promise<void>((resolve, reject) => display.once('connect', resolve).once('connect_error', reject));
    const disconnected = new Promise<string>((resolve) => display.once('disconnect', (reason) => resolve(reason)));
    const attempted = new Promise<void>((resolve) => display.io.once('reconnect_attempt', () => resolve()));
    const managerReconnected = new Promise<void>((resolve) => display.io.once('reconnect', () => resolve()));
    // The namespace's own connect comes after the manager's reconnect (its CONNECT answered).
    const reconnected = disconnected.then(() => new Promise<void>((resolve) => display.once('connect', () => resolve())));

    // Kiosks issuing tickets on process 1 without a pause, each request with its own key.
    const outcomes: Outcome[] = [];
    let refusedWorkers = 0;
    const WORKERS = 8;
    const workers = Array.from({ length: WORKERS }, async () => {
      for (;;) {
        const outcome = await issueOnce(p1.url, h.kiosk, h.services.ktpBaru, `gs-${randomUUID()}`);
        outcomes.push(outcome);
        if ('error' in outcome) {
          refusedWorkers++;
          return;
        }
      }
    });
    while (outcomes.length < 30) await new Promise((r) => setTimeout(r, 20));

    // SIGTERM (and a second one during the stop, which must not cut it short).
    const exited = p1.stop();
    // Readiness and liveness asked together, until the port closes: readiness fails while the
    // process still answers (so a balancer notices before connections are refused), liveness does not.
    const answers: { ready: number; health: number }[] = [];
    for (;;) {
      const [ready, health] = await Promise.all([fetch(`${p1.url}/api/health/ready`).catch(() => null), fetch(`${p1.url}/api/health`).catch(() => null)]);
      if (ready === null || health === null) break;
      answers.push({ ready: ready.status, health: health.status });
      if (ready.status === 503 && answers.filter((a) => a.ready === 503).length === 1) {
        expect(await ready.json()).toMatchObject({ status: 'draining' });
        balancer.target.port = p2.port; // the balancer's health check takes process 1 out
        process.kill(p1.pid, 'SIGTERM');
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const firstDraining = answers.findIndex((a) => a.ready === 503);
    expect(firstDraining).toBeGreaterThanOrEqual(0);
    expect(answers.slice(firstDraining)).toEqual(answers.slice(firstDraining).map(() => ({ ready: 503, health: 200 })));
    expect(answers.slice(0, firstDraining).every((a) => a.ready === 200 && a.health === 200)).toBe(true);

    expect(await exited).toBe(0);
    await Promise.all(workers);
    expect(refusedWorkers).toBe(WORKERS);

    // The display was told to reconnect (not to stay away), and did, to process 2.
    expect(await disconnected).toBe('transport close');
    await attempted;
    await managerReconnected;
    await reconnected;
    expect(display.connected).toBe(true);
    expect(balancer.connections.at(-1)).toBe(p2.port);
    const joined = (await display.timeout(5000).emitWithAck('join-display', { siteCode: 'kota-kupang' })) as { ok: boolean };
    expect(joined.ok).toBe(true);

    // Every request was answered 201 or refused before it started; none half done, none lost.
    const answered = outcomes.filter((o): o is Extract<Outcome, { status: number }> => 'status' in o);
    const failed = outcomes.filter((o): o is Extract<Outcome, { error: string }> => 'error' in o);
    expect(answered.filter((o) => o.status !== 201).map((o) => `${o.status} ${JSON.stringify(o.body)}`)).toEqual([]);
    // Refused: the port was closed (ECONNREFUSED), or the connection still sat in the kernel's
    // accept queue when it closed and was reset before the process read a byte (ECONNRESET). An
    // answer cut once begun would show as 'answer cut'; that the process did nothing for either is
    // checked below (no ticket under their keys).
    expect(failed.map((o) => o.error).filter((e) => e !== 'ECONNREFUSED' && e !== 'ECONNRESET')).toEqual([]);
    expect(answered.length).toBeGreaterThanOrEqual(30);

    // A kiosk retries what was refused on process 2 with the same key: each gets its first ticket.
    for (const f of failed) {
      const retry = await issueOnce(p2.url, h.kiosk, h.services.ktpBaru, f.key);
      expect('status' in retry && retry.status).toBe(201);
      answered.push(retry as Extract<Outcome, { status: number }>);
    }

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const rows = (
        await pg.query<{ id: string; number: number; key: string | null }>(
          `SELECT t.id, t.number, k.key FROM ticket t LEFT JOIN idempotency_key k ON k.ticket_id = t.id
            WHERE t.service_id = $1 ORDER BY t.number`,
          [h.services.ktpBaru],
        )
      ).rows;
      // Every 201 ticket is in the database under its key; no ticket exists that nobody was answered.
      expect(rows.map((r) => r.key).sort()).toEqual(answered.map((o) => o.key).sort());
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const o of answered) expect(byId.get(o.body.id)).toMatchObject({ key: o.key });
      // Numbers gap-free: 1..N.
      expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => i + 1));
    } finally {
      await pg.end();
    }
    expect(p1.output.filter((line) => /"level":"(error|fatal)"/.test(line))).toEqual([]);
  }, 120_000);
});
