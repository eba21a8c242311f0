import type { BookingCreatedResponse, BookingResponse, SlotsResponse, TicketResponse } from '@mpp/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { FixedClock } from '../src/common/clock';
import { PiiCipher } from '../src/common/pii-cipher';
import { Seeder } from '../src/database/seeds/seeder';
import { Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { TEST_ADMIN, TestApp, testConfig } from './support/test-app';
import { signInStaff, TestAuthenticator } from './support/staff-sign-in';

/** The administrators' phone: the restored database keeps the secret enrolled before the backup. */
const phone = new TestAuthenticator();
import { freePort } from './support/free-port';

/**
 * `npm run backup` and `npm run restore` (scripts/backup.mjs, restore.mjs; docs/backup.md) as an
 * operator runs them, as child processes: the backup of the embedded PostgreSQL taken while the API
 * writes to it, restored into a fresh DATA_DIR, holds every ticket and booking committed before it
 * ended, and the restored data key reads the bookings' NIKs.
 */
const ROOT = resolve(__dirname, '../../..');
const STEP_MS = 120_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run <script> -- args` with DATA_DIR and no DATABASE_URL/DATA_KEY unless given; in its own process group. */
function npmRun(script: 'backup' | 'restore', args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<Run>; output: () => string } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.DATABASE_URL;
  delete childEnv.DATA_KEY;
  const child = spawn('npm', ['run', '-s', script, '--', ...args], { cwd: ROOT, env: { ...childEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolveRun, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run ${script} did not finish in ${STEP_MS} ms:\n${stdout}\n${stderr}`)), STEP_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolveRun({ code, stdout, stderr });
    });
  });
  return { child, done, output: () => stdout };
}

const children = new Set<ChildProcess>();

function waitForOutput(run: { child: ChildProcess; output: () => string }, text: string): Promise<void> {
  return new Promise((resolveWait, reject) => {
    const check = () => {
      if (!run.output().includes(text)) return;
      run.child.stdout!.off('data', check);
      resolveWait();
    };
    run.child.stdout!.on('data', check);
    run.child.once('close', () => reject(new Error(`exited before printing "${text}":\n${run.output()}`)));
    check();
  });
}

interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The embedded PostgreSQL of DATA_DIR, started by the API's own launcher in a child process (its
 * ESM import cannot run inside a Jest worker). The child stops the server on SIGTERM, and also when
 * its stdin closes: a worker that dies without its afterAll leaves no server behind.
 */
const SERVER_CHILD = `
const { startEmbeddedPostgres } = require(process.argv[1]);
startEmbeddedPostgres({ dataDir: process.argv[2], port: Number(process.argv[3]) }).then(
  (server) => {
    const stop = () => server.stop().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.stdin.once('end', stop).resume();
    process.stdout.write('READY\\n');
  },
  (error) => {
    process.stderr.write(String(error && error.message));
    process.exit(1);
  },
);`;

async function startEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
  const port = await freePort();
  const launcher = join(ROOT, 'apps/api/src/database/embedded-postgres.ts');
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', SERVER_CHILD, launcher, join(dataDir, 'postgres'), String(port)], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((ready, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) ready();
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`the embedded PostgreSQL of ${dataDir} did not start (exit ${code}): ${out}`)));
  });
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); // the launcher stops PostgreSQL cleanly
      await exited;
    },
  };
}

/** The API as main.ts runs it on the embedded server, wrapped for the hall helpers. */
async function startApi(server: EmbeddedServer, dataDir: string, clock: FixedClock): Promise<TestApp> {
  const config = testConfig({
    dataDir,
    embeddedDbPort: server.port,
    bookingRateLimit: 100_000,
    dataKey: Buffer.from(readFileSync(join(dataDir, 'data-key'), 'utf8').trim(), 'base64'),
    jwtSecret: readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim(),
  });
  const app: NestExpressApplication = await createApp(config, { url: server.url, embedded: true }, { logger: process.env.MPP_TEST_LOGS ? undefined : false, clock });
  const firstAdmin = await app.get(Seeder).run({ catalogue: true });
  await app.listen(0, '127.0.0.1');
  const http = () => request(app.getHttpServer());
  const loginAs = async (email: string, password: string) =>
    (await signInStaff(async (path, body) => http().post(path).send(body), phone, email, password)).accessToken;
  let adminToken: string | null = null;
  return {
    app,
    db: { url: server.url, name: 'postgres', drop: async () => undefined },
    firstAdmin,
    http,
    authenticator: phone,
    loginAs,
    adminToken: async () => (adminToken ??= await loginAs(TEST_ADMIN.email, TEST_ADMIN.password)),
    close: () => app.close(),
  };
}

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `5371010101${'90'}${String(serial).padStart(4, '0')}`;

describe('Backup and restore of the embedded PostgreSQL (npm run backup / restore)', () => {
  const base = mkdtempSync(join(tmpdir(), 'mpp-backup-test-'));
  chmodSync(base, 0o755); // the postgres user, which runs the server when we are root, must enter it
  const source = join(base, 'source');
  const restored = join(base, 'restored');
  const archive = join(base, 'backups', 'mpp.tar.gz');
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const servers: EmbeddedServer[] = [];
  const apps: TestApp[] = [];
  const sqlClients: Client[] = [];

  const startServer = async (dataDir: string) => {
    const server = await startEmbeddedServer(dataDir);
    servers.push(server);
    return server;
  };
  const stopServer = async (server: EmbeddedServer) => {
    await server.stop();
    servers.splice(servers.indexOf(server), 1);
  };
  const sql = async (server: EmbeddedServer) => {
    const client = new Client({ connectionString: server.url });
    sqlClients.push(client);
    client.on('error', () => undefined); // a server stopped under it; the queries say so
    await client.connect();
    return client;
  };

  // What the source API wrote, by when.
  const before = { tickets: [] as TicketResponse[], bookings: [] as { created: BookingCreatedResponse; nik: string }[] };
  const duringPause: TicketResponse[] = [];
  let duringBooking: { created: BookingCreatedResponse; nik: string };
  const loop: TicketResponse[] = [];
  const after: TicketResponse[] = [];
  let h: Hall;
  let restoredServer: EmbeddedServer;

  afterAll(async () => {
    for (const child of children) if (child.pid) process.kill(-child.pid, 'SIGKILL');
    for (const client of sqlClients) await client.end().catch(() => undefined);
    for (const t of apps) await t.close().catch(() => undefined);
    for (const server of servers) await server.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  }, STEP_MS);

  it(
    'should back up while the API writes, and restore every ticket and booking committed before the backup ended',
    async () => {
      // The source DATA_DIR as the API leaves it: keys (0600), a file store, the database.
      mkdirSync(join(source, 'files', 'documents'), { recursive: true });
      writeFileSync(join(source, 'data-key'), randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
      writeFileSync(join(source, 'jwt-secret'), randomBytes(48).toString('base64url') + '\n', { mode: 0o600 });
      writeFileSync(join(source, 'files', 'documents', 'surat.txt'), 'Surat pengantar RT/RW\n');
      writeFileSync(join(source, 'vapid-keys.json'), JSON.stringify({ publicKey: randomBytes(65).toString('base64url'), privateKey: randomBytes(32).toString('base64url') }) + '\n', { mode: 0o600 });
      const sourceServer = await startServer(source);
      const t = await startApi(sourceServer, source, clock);
      apps.push(t);
      h = await setupHall(t);
      for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);

      const freeSlots = ((await t.http().get(`/api/v1/services/${h.services.ktpBaru}/slots`).query({ date: '2026-11-24' }).expect(200)).body as SlotsResponse).slots.filter(
        (s) => s.bookable && s.remaining > 0,
      );
      const names = ['Maria Goreti Lada', 'Yohanes Bosco Tefa', 'Siti Aminah', 'Agustinus Nenobais'];
      let serial = 100;
      const book = async () => {
        const nik = nikFor(serial++);
        const slot = freeSlots.shift()!;
        const res = await t
          .http()
          .post('/api/v1/bookings')
          .send({ serviceId: h.services.ktpBaru, date: '2026-11-24', start: slot.start, nik, fullName: names[serial % names.length], phone: '0812-3456-7890' });
        if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
        return { created: res.body as BookingCreatedResponse, nik };
      };
      for (let i = 0; i < 12; i++) before.tickets.push(await issue(t, h.kiosk, i % 2 ? h.services.ktpBaru : h.services.skck));
      for (let i = 0; i < 3; i++) before.bookings.push(await book());

      // The backup, while a kiosk keeps issuing tickets one after another.
      let backupRunning = true;
      const writer = (async () => {
        while (backupRunning) loop.push(await issue(t, h.kiosk, h.services.kk));
      })();
      // Hold the backup (its whole process group) inside backup mode, and write meanwhile: these
      // rows reach the copy only through the WAL the backup carries. The hold lands after the
      // backup has printed that it started; should the copy have ended by then (a tiny database on
      // a fast disk), that backup is discarded and taken again.
      let result: Run | null = null;
      let loopBeforeResume = 0;
      for (let attempt = 1; result === null; attempt++) {
        const backup = npmRun('backup', ['--out', archive], { DATA_DIR: source, EMBEDDED_DB_PORT: String(sourceServer.port) });
        await waitForOutput(backup, 'Backup mode started');
        process.kill(-backup.child.pid!, 'SIGSTOP');
        const probe = await sql(sourceServer);
        const session = (await probe.query<{ query: string }>(`SELECT query FROM pg_stat_activity WHERE application_name = 'mpp-backup'`)).rows;
        await probe.end();
        expect(session).toHaveLength(1);
        if (!session[0].query.includes('pg_backup_start')) {
          process.kill(-backup.child.pid!, 'SIGCONT');
          expect((await backup.done).code).toBe(0);
          rmSync(archive);
          expect(attempt).toBeLessThan(3); // held too late three times: the hold is not what this test believes
          continue;
        }
        for (let i = 0; i < 5; i++) duringPause.push(await issue(t, h.kiosk, h.services.akta));
        duringBooking = await book();
        loopBeforeResume = loop.length; // answered, so committed, while the backup was held
        process.kill(-backup.child.pid!, 'SIGCONT');
        result = await backup.done;
      }
      backupRunning = false;
      await writer;
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`Backup written: ${archive}`);
      expect(statSync(archive).mode & 0o777).toBe(0o600); // it holds the data key
      for (let i = 0; i < 3; i++) after.push(await issue(t, h.kiosk, h.services.akta));
      expect(loopBeforeResume).toBeGreaterThan(0);

      await t.close();
      apps.splice(apps.indexOf(t), 1);
      await stopServer(sourceServer);

      // Restore into a fresh DATA_DIR, as an operator would.
      const restore = await npmRun('restore', [archive], { DATA_DIR: restored }).done;
      expect(restore).toMatchObject({ code: 0, stderr: '' });
      expect(restore.stdout).toContain(`Restored into ${restored}: postgres, data-key, jwt-secret, files, vapid-keys.json`);
      expect(statSync(join(restored, 'postgres')).mode & 0o777).toBe(0o700);
      expect(statSync(join(restored, 'data-key')).mode & 0o777).toBe(0o600);
      expect(statSync(join(restored, 'jwt-secret')).mode & 0o777).toBe(0o600);
      expect(statSync(join(restored, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
      if (userInfo().uid === 0) expect(statSync(join(restored, 'postgres', 'PG_VERSION')).uid).toBe(statSync(join(source, 'postgres', 'PG_VERSION')).uid); // postgres's
      for (const file of ['data-key', 'jwt-secret', 'files/documents/surat.txt', 'vapid-keys.json']) {
        expect(readFileSync(join(restored, file), 'utf8')).toBe(readFileSync(join(source, file), 'utf8'));
      }

      // The embedded server's start on it recovers from the backup_label.
      restoredServer = await startServer(restored);
      const db = await sql(restoredServer);
      const ticketIds = new Set((await db.query<{ id: string }>('SELECT id FROM ticket')).rows.map((r) => r.id));
      for (const ticket of [...before.tickets, ...duringPause]) expect(ticketIds.has(ticket.id)).toBe(true);
      for (const ticket of after) expect(ticketIds.has(ticket.id)).toBe(false); // the copy is of the backup's time, not of the live files
      // The kiosk's loop issued one ticket after another: the copy holds a prefix of them (never one
      // without its predecessor), at least those answered before the backup went on.
      const kept = loop.map((ticket) => ticketIds.has(ticket.id));
      const prefix = kept.includes(false) ? kept.indexOf(false) : kept.length;
      expect(kept.slice(prefix).every((k) => !k)).toBe(true);
      expect(prefix).toBeGreaterThanOrEqual(loopBeforeResume);

      const cipher = new PiiCipher(Buffer.from(readFileSync(join(restored, 'data-key'), 'utf8').trim(), 'base64'));
      const bookings = new Map((await db.query<{ code: string; nik_cipher: string }>('SELECT code, nik_cipher FROM booking')).rows.map((r) => [r.code.trim(), r.nik_cipher]));
      for (const { created, nik } of [...before.bookings, duringBooking]) {
        expect(bookings.has(created.code)).toBe(true);
        expect(cipher.decrypt(bookings.get(created.code)!)).toBe(nik);
      }

      // The API on the restored DATA_DIR: the restored JWT secret accepts a session from before, the restored key reads the booking.
      const restoredApi = await startApi(restoredServer, restored, clock);
      apps.push(restoredApi);
      expect((await restoredApi.http().get('/api/v1/auth/me').auth(h.system, { type: 'bearer' }).expect(200)).body.email).toBe(TEST_ADMIN.email);
      expect((await restoredApi.http().get(`/api/v1/tickets/${duringPause[0].publicCode}`).expect(200)).body.number).toBe(duringPause[0].number);
      const details = (await restoredApi.http().post(`/api/v1/bookings/${before.bookings[0].created.code}/details`).send({ token: before.bookings[0].created.manageToken }).expect(200))
        .body as BookingResponse;
      expect(details.fullName).toBe(before.bookings[0].created.fullName);
    },
    STEP_MS * 3,
  );

  it(
    'should refuse to restore over a DATA_DIR that holds a database, and with --force move it aside',
    async () => {
      const whileRunning = await npmRun('restore', [archive, '--force'], { DATA_DIR: restored }).done;
      expect(whileRunning.code).toBe(1);
      expect(whileRunning.stderr).toMatch(/A PostgreSQL \(pid \d+\) is running on .*restored\/postgres\. Stop the API/);
      for (const t of apps.splice(0)) await t.close();
      await stopServer(restoredServer);

      const refused = await npmRun('restore', [archive], { DATA_DIR: restored }).done;
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${restored} already holds postgres, data-key, jwt-secret, files, vapid-keys.json: a restore never overwrites them.`);
      expect(refused.stderr).toContain('--force');
      expect(existsSync(join(restored, 'postgres', 'PG_VERSION'))).toBe(true);

      const forced = await npmRun('restore', [archive, '--force'], { DATA_DIR: restored }).done;
      expect(forced).toMatchObject({ code: 0, stderr: '' });
      const aside = /Moved the current postgres aside to (\S+)/.exec(forced.stdout)![1];
      expect(existsSync(join(aside, 'PG_VERSION'))).toBe(true); // kept, not deleted
      expect(existsSync(join(restored, 'postgres', 'backup_label'))).toBe(true);
    },
    STEP_MS * 2,
  );

  it(
    'should back up a stopped embedded database by starting it for the backup, and stop it again',
    async () => {
      const out = join(base, 'backups', 'stopped.tar.gz');
      const result = await npmRun('backup', ['--out', out], { DATA_DIR: restored, EMBEDDED_DB_PORT: String(await freePort()) }).done;
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('The embedded PostgreSQL is not running: starting it for the backup');
      expect(existsSync(join(restored, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(statSync(out).size).toBeGreaterThan(0);
    },
    STEP_MS * 2,
  );

  it(
    'should say, at backup and at restore, when the data key comes from DATA_KEY and is not in the archive',
    async () => {
      const envKey = randomBytes(32).toString('base64');
      const out = join(base, 'backups', 'env-key.tar.gz');
      const result = await npmRun('backup', ['--out', out], { DATA_DIR: restored, EMBEDDED_DB_PORT: String(await freePort()), DATA_KEY: envKey }).done;
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/DATA_KEY comes from the environment and is NOT in the archive \(fingerprint [0-9a-f]{16}\)/);

      const without = await npmRun('restore', [out], { DATA_DIR: join(base, 'env-key-without') }).done;
      expect(without.code).toBe(0);
      expect(without.stdout).toContain('This backup was made with DATA_KEY from the environment');
      expect(without.stdout).toContain('Start the API with that same DATA_KEY');
      const other = await npmRun('restore', [out], { DATA_DIR: join(base, 'env-key-other'), DATA_KEY: randomBytes(32).toString('base64') }).done;
      expect(other.stdout).toContain('The DATA_KEY set now is another key');
      const same = await npmRun('restore', [out], { DATA_DIR: join(base, 'env-key-same'), DATA_KEY: envKey }).done;
      expect(same.code).toBe(0);
      expect(same.stdout).not.toContain('DATA_KEY');
    },
    STEP_MS * 2,
  );

  it('should refuse to back up with DATABASE_URL set, pointing to pg_dump', async () => {
    const result = await npmRun('backup', [], { DATA_DIR: restored, DATABASE_URL: 'postgres://mpp:secret@db.example:5432/mpp' }).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL is set');
    expect(result.stderr).toContain('pg_dump -Fc');
    expect(result.stderr).toContain('docs/backup.md');
    expect(result.stderr).not.toContain('secret');
  });
});
