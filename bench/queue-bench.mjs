#!/usr/bin/env node
// `npm run bench [-- --json FILE] [-- --cpu-prof DIR] [-- --pg-stats] [-- --pg-log]`: how fast the queue is, measured on the
// real API over HTTP and socket.io, on a throw-away embedded PostgreSQL, on 127.0.0.1 only.
//
// What it does:
//   1. builds the API if its sources changed, starts an embedded PostgreSQL in its own temp data
//      dir on a free port, creates the database `mpp_bench`, and starts the built API
//      (dist/.../main.js) as a child process against it (migrations and seeds run at its start);
//   2. as the system admin, creates a bench site open 00:00–23:59 every day, in WIB (WITA or WIT
//      when WIB is near midnight, so the run never crosses the site's midnight; a national
//      holiday today is deleted from this throw-away calendar), one agency, services A, B and C
//      without a daily quota, 20 kiosks, one display device, and 30 counters each with its own
//      officer, serving all three services;
//   3. measures three things, each with its own target:
//      - issue: 20 kiosk loops POST /queue/tickets (each its own device token and a fresh
//        Idempotency-Key per ticket) for ISSUE_SECONDS; throughput = tickets issued / elapsed,
//        latency = request start to response body received;
//      - call-next, the target: after CALL_WARMUP_ROUNDS unmeasured, CALL_ROUNDS rounds in which all 30 counters call next at the
//        same moment (measured), then each marks its ticket a no-show (not measured) before the
//        next round; on the tickets the issue phase left waiting;
//      - call-next under saturation, for information (no target): 30 officer loops, each
//        call-next (measured) then no-show, without pause, for CALL_SECONDS or CALL_MAX calls:
//        about 500 calls a second, far beyond a real hall, so its latency is mostly queueing for
//        the two CPUs that the bench, the API and PostgreSQL share;
//      - display: 200 socket.io clients joined to the site's hall display; DISPLAY_CALLS calls
//        at a steady pace over the 30 counters; for every (call, client) pair the delay from the
//        start of the call-next request to the 'display.call' event at that client (an upper
//        bound of the delay from commit to arrival), matched by ticket number; deliveries that
//        never arrive are counted as missed.
//   4. prints each figure beside its target with PASS or MISS, writes the same figures as JSON
//      with --json FILE, and stops everything it started. It is a measurement, not a test: the
//      exit code is 0 even when a target is missed, and 1 only when the bench itself failed.
//
// The bench client runs on the same machine as the API and PostgreSQL and takes part of the CPU,
// so the figures are a lower bound of what the API does on its own. For each phase it prints the
// CPU seconds used by the API, PostgreSQL, the bench and everything else (from /proc), per ticket
// or call, and warns when other programs took a noticeable share. --cpu-prof DIR runs the API
// with `node --cpu-prof` and leaves the profile in DIR (open it in Chrome DevTools). --pg-stats
// loads pg_stat_statements and prints, after each phase, the statements that took PostgreSQL's time.
// --pg-log prints what PostgreSQL logs about slow statements, lock waits, connections, checkpoints
// and autovacuum, with the second of the run, to match a stalled request to the database's doing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { buildIfStale, ROOT, TARGETS } from '../scripts/build-if-stale.mjs';

const require = createRequire(import.meta.url);

const KIOSKS = 20;
const COUNTERS = 30;
const DISPLAY_CLIENTS = 200;
const WARMUP_TICKETS = 200;
const ISSUE_SECONDS = 8;
const CALL_ROUNDS = 50;
const CALL_WARMUP_ROUNDS = 3;
const CALL_SECONDS = 6;
const CALL_MAX = 2000;
const DISPLAY_CALLS = 300;
const DISPLAY_CALLS_PER_SECOND = 20;
const DISPLAY_GRACE_MS = 2000;
const REQUEST_TIMEOUT_MS = 20_000;
/** The whole run, set-up included, is cut off after this. */
const DEADLINE_MS = 170_000;

const GOALS = {
  issuePerSecond: { text: '≥ 800/s', pass: (v) => v >= 800 },
  issueP99Ms: { text: '< 50 ms', pass: (v) => v < 50 },
  callNextP99Ms: { text: '< 50 ms', pass: (v) => v < 50 },
  displayDelayP99Ms: { text: '< 100 ms', pass: (v) => v < 100 },
  displayMissed: { text: '0', pass: (v) => v === 0 },
};

// ---- the running pieces, stopped by cleanup() whatever happens ---------------------------

const running = { pg: null, pgDataDir: null, api: null, apiDataDir: null, apiExited: null, sockets: [], agent: null };
const log = (message) => process.stdout.write(`${message}\n`);

async function main() {
  const { values: args } = parseArgs({ options: { json: { type: 'string' }, 'cpu-prof': { type: 'string' }, 'pg-stats': { type: 'boolean' }, 'pg-log': { type: 'boolean' } } });
  const deadline = setTimeout(() => void fail(new Error(`the bench took longer than ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void fail(new Error(`stopped by ${signal}`), 130));
  process.on('uncaughtException', (error) => void fail(error));
  process.on('unhandledRejection', (error) => void fail(error));

  const startedAt = performance.now();
  buildIfStale(['api']);
  const http = await httpClient();
  const api = await startApi(args['cpu-prof'] ? resolve(args['cpu-prof']) : null, args['pg-stats'] ?? false, args['pg-log'] ?? false);
  const pgStats = args['pg-stats'] ? await statementStats() : null;
  const base = `http://127.0.0.1:${api.port}`;
  const client = http(base);
  const setup = await setUpSite(client, api.admin);
  log(`set up in ${seconds(performance.now() - startedAt)}: site ${setup.siteCode} (${setup.timeZone}), ${KIOSKS} kiosks, ${COUNTERS} counters`);

  await issueLoops(client, setup, { count: WARMUP_TICKETS });
  const mark = (phase) => args['pg-log'] && log(`  [pg ${seconds(performance.now() - benchStart)}] --- ${phase}`);
  mark('issue');
  await pgStats?.reset();
  let cpu = cpuSample();
  const issue = await issueLoops(client, setup, { seconds: ISSUE_SECONDS });
  const issueCpu = cpuSince(cpu);
  log(`issue: ${issue.ok} tickets in ${seconds(issue.elapsedMs)}, ${issue.failed} failed; ${describeCpu(issueCpu, issue.ok, 'ticket')}`);

  await pgStats?.print('issue');
  // Not measured: the first calls plan the call function and its statements on each connection.
  mark('call-next warm-up');
  await callRounds(client, setup, { rounds: CALL_WARMUP_ROUNDS, keepWaiting: DISPLAY_CALLS + COUNTERS });
  await pgStats?.reset();
  mark('call-next');
  cpu = cpuSample();
  const call = await callRounds(client, setup, { rounds: CALL_ROUNDS, keepWaiting: DISPLAY_CALLS + COUNTERS });
  const callCpu = cpuSince(cpu);
  log(`call-next: ${call.latencies.length} calls in ${call.rounds} rounds of ${COUNTERS} at once, ${call.failed} failed; ${describeCpu(callCpu, call.latencies.length, 'call + no-show')}`);
  await pgStats?.print('call-next');

  mark('call-next under saturation');
  cpu = cpuSample();
  const saturated = await callLoops(client, setup, { seconds: CALL_SECONDS, max: CALL_MAX, keepWaiting: DISPLAY_CALLS + COUNTERS });
  const saturatedCpu = cpuSince(cpu);
  log(
    `call-next under saturation: ${saturated.latencies.length} calls in ${seconds(saturated.elapsedMs)} (${round(saturated.latencies.length / (saturated.elapsedMs / 1000), 0)}/s), ` +
      `${saturated.failed} failed; ${describeCpu(saturatedCpu, saturated.latencies.length, 'call + no-show')}`,
  );
  await pgStats?.print('call-next under saturation');
  mark('display');
  const display = await displayDelays(client, base, setup);
  log(
    `display: ${display.calls} calls × ${DISPLAY_CLIENTS} clients at ${DISPLAY_CALLS_PER_SECOND}/s, ${display.delays.length} deliveries, ${display.missed} missed; ` +
      `of the delay, call-next itself took p50 ${round(percentile(display.callNextMs, 50))} ms, p99 ${round(percentile(display.callNextMs, 99))} ms; ` +
      describeCpu(display.cpu, display.calls, 'call + no-show'),
  );

  await pgStats?.print('display');
  const figures = toFigures(issue, call, saturated, display, { issue: issueCpu, callNext: callCpu, callNextSaturated: saturatedCpu, display: display.cpu });
  printTable(figures);
  if (args.json) {
    writeFileSync(resolve(args.json), `${JSON.stringify(figures, null, 2)}\n`);
    log(`figures written to ${resolve(args.json)}`);
  }
  clearTimeout(deadline);
  await cleanup();
  log(`done in ${seconds(performance.now() - startedAt)}`);
  process.exit(0);
}

/** The JSON object of --json: the figures with targets first, then what explains them. */
function toFigures(issue, call, saturated, display, cpuSeconds) {
  return {
    issuePerSecond: round(issue.ok / (issue.elapsedMs / 1000), 0),
    issueP50Ms: round(percentile(issue.latencies, 50)),
    issueP99Ms: round(percentile(issue.latencies, 99)),
    callNextP50Ms: round(percentile(call.latencies, 50)),
    callNextP99Ms: round(percentile(call.latencies, 99)),
    callNextSaturatedP50Ms: round(percentile(saturated.latencies, 50)),
    callNextSaturatedP99Ms: round(percentile(saturated.latencies, 99)),
    callNextSaturatedPerSecond: round(saturated.latencies.length / (saturated.elapsedMs / 1000), 0),
    displayDelayP50Ms: round(percentile(display.delays, 50)),
    displayDelayP99Ms: round(percentile(display.delays, 99)),
    displayMissed: display.missed,
    counts: {
      ticketsIssued: issue.ok,
      issueFailed: issue.failed,
      callsMeasured: call.latencies.length,
      callRounds: call.rounds,
      saturatedCallsMeasured: saturated.latencies.length,
      saturatedCallFailed: saturated.failed,
      callFailed: call.failed,
      waitingAfterIssue: issue.waitingAfter,
      displayCalls: display.calls,
      displayDeliveries: display.delays.length,
      displayCallNextP50Ms: round(percentile(display.callNextMs, 50)),
      displayCallNextP99Ms: round(percentile(display.callNextMs, 99)),
    },
    cpuSeconds,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    at: new Date().toISOString(),
  };
}

// ---- starting and stopping the database and the API --------------------------------------

/** --pg-log: what PostgreSQL itself says about slow statements, lock waits, new connections, checkpoints and vacuums. */
const PG_LOG_FLAGS = [
  ...['log_min_duration_statement=30', 'log_lock_waits=on', 'deadlock_timeout=20ms', 'log_connections=on', 'log_disconnections=on'],
  ...['log_checkpoints=on', 'log_autovacuum_min_duration=0', 'log_temp_files=0'],
].flatMap((setting) => ['-c', setting]);
const PG_LOG_WORTH_SHOWING = /duration:|still waiting|connection authenticated|disconnection|checkpoint|automatic (vacuum|analyze)|temporary file/;
const benchStart = performance.now();

/** --pg-stats: what PostgreSQL spent its time on, per statement, since the last reset. */
async function statementStats() {
  const { Client } = require('pg');
  const pg = new Client({ connectionString: running.pg.url.replace(/\/postgres$/, '/mpp_bench') });
  await pg.connect();
  pg.on('error', () => undefined); // the server stops under it at the end
  await pg.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return {
    reset: async () => void (await pg.query('SELECT pg_stat_statements_reset()')),
    print: async (phase) => {
      const { rows } = await pg.query(
        `SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round((total_exec_time / calls)::numeric, 3) AS mean_ms,
                round(max_exec_time::numeric, 1) AS max_ms,
                regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'mpp_bench')
          ORDER BY total_exec_time DESC LIMIT 12`,
      );
      log(`  PostgreSQL statements during ${phase} (pg_stat_statements, by total time):`);
      for (const r of rows) log(`    ${String(r.calls).padStart(6)} × ${String(r.mean_ms).padStart(7)} ms = ${String(r.total_ms).padStart(8)} ms (max ${String(r.max_ms).padStart(6)} ms)  ${r.query}`);
      await pg.query('SELECT pg_stat_statements_reset()');
    },
  };
}

async function startApi(cpuProfDir, pgStats, pgLog) {
  const { startEmbeddedPostgres } = require(join(ROOT, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
  const dataDir = join(tmpdir(), `mpp-bench-pg-${process.pid}`);
  const extraFlags = [
    ...(pgStats ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : []),
    ...(pgLog ? PG_LOG_FLAGS : []),
  ];
  const pgLogLine = pgLog
    ? (text) => {
        for (const line of text.split('\n')) if (PG_LOG_WORTH_SHOWING.test(line)) log(`  [pg ${seconds(performance.now() - benchStart)}] ${line.replace(/^\S+ \S+ UTC /, '')}`);
      }
    : undefined;
  running.pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true, fresh: true, extraFlags, log: pgLogLine });
  running.pgDataDir = dataDir;
  const { Client } = require('pg');
  const pg = new Client({ connectionString: running.pg.url });
  await pg.connect();
  await pg.query('CREATE DATABASE mpp_bench');
  await pg.end();

  const port = await freePort();
  const admin = { email: 'bench@mpp.local', password: randomBytes(18).toString('base64url') };
  running.apiDataDir = join(tmpdir(), `mpp-bench-data-${process.pid}`);
  const env = {
    ...process.env,
    DATABASE_URL: running.pg.url.replace(/\/postgres$/, '/mpp_bench'),
    DATA_DIR: running.apiDataDir,
    DATA_KEY: randomBytes(32).toString('base64'),
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
    SEED: 'true',
    QUEUE_SWEEP_SECONDS: '0',
    LOGIN_RATE_LIMIT: '10000',
  };
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, TARGETS.api.output)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.api = child;
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 40) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  running.apiExited = new Promise((done) => child.once('exit', done));

  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the API exited (code ${child.exitCode}) while starting:\n${output.join('')}`);
    try {
      const res = await globalThis.fetch(`http://127.0.0.1:${port}/api/health`, { signal: globalThis.AbortSignal.timeout(2000) });
      if (res.status === 200) return { port, admin };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the API did not answer /api/health within 60 s:\n${output.join('')}`);
}

async function cleanup() {
  const { pg, api, apiExited, sockets, agent } = running;
  running.pg = running.api = running.agent = null;
  running.sockets = [];
  sockets.forEach((s) => s.disconnect());
  await agent?.close().catch(() => undefined);
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    const exited = await Promise.race([apiExited.then(() => true), sleep(10_000).then(() => false)]);
    if (!exited) api.kill('SIGKILL');
  }
  if (pg) {
    await pg.stop().catch(() => undefined);
    rmSync(running.pgDataDir, { recursive: true, force: true });
  }
  if (running.apiDataDir) rmSync(running.apiDataDir, { recursive: true, force: true });
}

let failing = false;
async function fail(error, code = 1) {
  if (failing) return;
  failing = true;
  process.stderr.write(`\nbench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await cleanup().catch(() => undefined);
  process.exit(code);
}

function freePort() {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });
}

// ---- HTTP: undici with a pool of kept-alive connections when it is installed, else fetch ----

async function httpClient() {
  let undici = null;
  try {
    undici = await import('undici');
  } catch {
    // Node's own fetch keeps connections alive too, with its default pool.
  }
  // A request the API never answers fails the bench with its name instead of waiting for the deadline.
  if (undici) running.agent = new undici.Agent({ connections: 64, pipelining: 1, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
  return (base) =>
    async function send(method, path, { token, body, headers = {} } = {}) {
      const allHeaders = { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) };
      const payload = body ? JSON.stringify(body) : undefined;
      const started = performance.now();
      try {
        const { status, text } = undici ? await viaUndici(base + path, method, allHeaders, payload) : await viaFetch(base + path, method, allHeaders, payload);
        return { status, body: parseJson(text), ms: performance.now() - started, started };
      } catch (error) {
        throw new Error(`${method} ${path} got no answer after ${seconds(performance.now() - started)}: ${error.message}`);
      }
    };

  async function viaUndici(url, method, headers, body) {
    const res = await undici.request(url, { method, headers, body, dispatcher: running.agent });
    return { status: res.statusCode, text: await res.body.text() };
  }

  async function viaFetch(url, method, headers, body) {
    const res = await globalThis.fetch(url, { method, headers, body, signal: globalThis.AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return { status: res.status, text: await res.text() };
  }
}

function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** For set-up calls: anything but the expected status stops the bench with the API's answer. */
async function expect(send, status, method, path, options) {
  const res = await send(method, path, options);
  if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

// ---- the bench site ----------------------------------------------------------------------

async function setUpSite(send, admin) {
  const { accessToken: adminToken } = await expect(send, 200, 'POST', '/api/v1/auth/login', { body: admin });
  const as = { token: adminToken };
  const timeZone = await timeZoneAwayFromMidnight();
  await reopenIfHoliday(send, as, timeZone);

  const siteCode = `mpp-bench-${randomBytes(3).toString('hex')}`;
  await expect(send, 201, 'POST', '/api/v1/admin/sites', {
    ...as,
    body: {
      code: siteCode,
      name: 'MPP Bench',
      city: 'Kota Bench',
      province: 'DKI Jakarta',
      address: 'Jl. Pengukuran No. 1',
      timeZone,
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59', breaks: [] })),
      closesOnCutiBersama: false,
    },
  });
  const agency = await expect(send, 201, 'POST', `/api/v1/admin/sites/${siteCode}/agencies`, {
    ...as,
    body: { code: 'dinas-bench', name: 'Dinas Pengukuran Kota Bench', shortName: 'Dinas Bench' },
  });
  const services = [];
  for (const prefix of ['A', 'B', 'C']) {
    services.push(await expect(send, 201, 'POST', `/api/v1/admin/agencies/${agency.id}/services`, { ...as, body: serviceBody(prefix) }));
  }
  const serviceIds = services.map((s) => s.id);

  const kioskTokens = [];
  for (let i = 1; i <= KIOSKS; i += 1) {
    const device = await expect(send, 201, 'POST', `/api/v1/admin/sites/${siteCode}/devices`, { ...as, body: { name: `Kiosk ${i}`, kind: 'kiosk' } });
    kioskTokens.push(device.token);
  }
  const display = await expect(send, 201, 'POST', `/api/v1/admin/sites/${siteCode}/devices`, { ...as, body: { name: 'Layar aula', kind: 'display' } });

  // Officers: creating and signing in hash passwords (argon2), so two at a time, like the cores.
  const counters = await inBatches(COUNTERS, 2, async (i) => {
    const number = i + 1;
    const counter = await expect(send, 201, 'POST', `/api/v1/admin/sites/${siteCode}/counters`, {
      ...as,
      body: { number, name: `Loket ${number}`, serviceIds },
    });
    const officer = { email: `petugas${number}@bench.mpp.local`, password: randomBytes(12).toString('base64url') };
    await expect(send, 201, 'POST', '/api/v1/admin/users', {
      ...as,
      body: { ...officer, fullName: `Petugas ${number}`, role: 'officer', agencyId: agency.id },
    });
    const { accessToken } = await expect(send, 200, 'POST', '/api/v1/auth/login', { body: officer });
    await expect(send, 200, 'POST', `/api/v1/queue/counters/${counter.id}/open`, { token: accessToken });
    return { id: counter.id, number, token: accessToken };
  });
  return { siteCode, timeZone, serviceIds, kioskTokens, displayToken: display.token, counters };
}

function serviceBody(prefix) {
  return {
    code: `layanan-bench-${prefix.toLowerCase()}`,
    name: `Layanan Bench ${prefix}`,
    nameEn: `Bench service ${prefix}`,
    summary: 'Layanan untuk pengukuran.',
    summaryEn: 'A service for measuring.',
    description: 'Layanan buatan untuk mengukur kecepatan antrean.',
    descriptionEn: 'A made-up service to measure the queue.',
    synonyms: [],
    requirements: [{ name: 'KTP-el', mandatory: true, form: 'original', uploadable: false, fileTypes: [] }],
    procedure: [{ text: 'Ambil nomor antrean.' }],
    completionTime: { value: 10, unit: 'minutes' },
    fee: { free: true, amount: 0, legalBasis: 'Tidak dipungut biaya' },
    product: 'Hasil layanan',
    legalBasis: ['UU 25/2009 tentang Pelayanan Publik'],
    complaintChannel: 'SP4N-LAPOR! (lapor.go.id)',
    queue: { ticketPrefix: prefix, expectedServiceMinutes: 10, walkInEnabled: true, onlineBookingEnabled: false },
  };
}

/**
 * The site closes at 23:59 and numbering starts again at midnight, so the run must not cross
 * midnight where the site is. WIB, WITA and WIT are an hour apart: whichever of them is not
 * within minutes of midnight will do (WIB unless it is 23:50–00:05 there).
 */
async function timeZoneAwayFromMidnight() {
  for (;;) {
    for (const zone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
      const time = localParts(zone).time;
      if (time >= '00:05' && time < '23:50') return zone;
    }
    await sleep(10_000); // unreachable in practice: the three zones are never all near midnight
  }
}

/** National holidays close every site; on one, today is taken out of this throw-away calendar. */
async function reopenIfHoliday(send, as, timeZone) {
  const { date } = localParts(timeZone);
  const calendar = await expect(send, 200, 'GET', `/api/v1/calendar/${date.slice(0, 4)}`, as);
  for (const day of calendar.filter((d) => d.date === date && d.kind === 'national_holiday')) {
    await expect(send, 204, 'DELETE', `/api/v1/admin/calendar/${day.id}`, as);
    log(`today (${date}) is ${day.name}: removed from the bench database's calendar`);
  }
}

function localParts(timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

// ---- phase 1: issuing ----------------------------------------------------------------------

/** KIOSKS loops issue tickets back to back, for a number of seconds or until `count` tickets. */
async function issueLoops(send, setup, { seconds: duration = Infinity, count = Infinity }) {
  const latencies = [];
  let started = 0;
  let failed = 0;
  const errors = new Map();
  const t0 = performance.now();
  const stopAt = t0 + duration * 1000;
  await Promise.all(
    setup.kioskTokens.map(async (token, kiosk) => {
      for (let i = 0; performance.now() < stopAt && started < count; i += 1) {
        started += 1;
        const res = await send('POST', '/api/v1/queue/tickets', {
          token,
          headers: { 'idempotency-key': `bench-${kiosk}-${i}-${randomBytes(6).toString('hex')}` },
          body: { serviceId: setup.serviceIds[(kiosk + i) % setup.serviceIds.length] },
        });
        if (res.status === 201) latencies.push(res.ms);
        else {
          failed += 1;
          errors.set(res.body?.code ?? res.status, (errors.get(res.body?.code ?? res.status) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  if (errors.size) log(`  issue errors: ${[...errors].map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  setup.waiting = (setup.waiting ?? 0) + latencies.length;
  return { ok: latencies.length, failed, elapsedMs, latencies, waitingAfter: setup.waiting };
}

// ---- phase 2: calling ----------------------------------------------------------------------

/** COUNTERS loops: call-next (measured), then no-show; leaves `keepWaiting` tickets for the display phase. */
/**
 * All counters call next at the same moment, each measured; then each marks its ticket a
 * no-show (not measured) and the next round starts once every counter is free again.
 */
async function callRounds(send, setup, { rounds, keepWaiting }) {
  const latencies = [];
  let failed = 0;
  let done = 0;
  const errors = new Map();
  while (done < rounds && setup.waiting - keepWaiting >= setup.counters.length) {
    done += 1;
    const answers = await Promise.all(setup.counters.map((counter) => send('POST', `/api/v1/queue/counters/${counter.id}/call-next`, { token: counter.token })));
    await Promise.all(
      answers.map(async (res, i) => {
        if (res.status !== 200) {
          failed += 1;
          errors.set(res.body?.code ?? res.status, (errors.get(res.body?.code ?? res.status) ?? 0) + 1);
          return;
        }
        latencies.push(res.ms);
        setup.waiting -= 1;
        const counter = setup.counters[i];
        await expect(send, 200, 'POST', `/api/v1/queue/counters/${counter.id}/no-show`, { token: counter.token });
      }),
    );
  }
  if (errors.size) log(`  call-next errors: ${[...errors].map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  return { latencies, failed, rounds: done };
}

async function callLoops(send, setup, { seconds: duration, max, keepWaiting }) {
  const latencies = [];
  let budget = Math.min(max, setup.waiting - keepWaiting);
  let failed = 0;
  const errors = new Map();
  const t0 = performance.now();
  const stopAt = t0 + duration * 1000;
  await Promise.all(
    setup.counters.map(async (counter) => {
      while (performance.now() < stopAt && budget > 0) {
        budget -= 1;
        const res = await send('POST', `/api/v1/queue/counters/${counter.id}/call-next`, { token: counter.token });
        if (res.status === 200) {
          latencies.push(res.ms);
          setup.waiting -= 1;
          await expect(send, 200, 'POST', `/api/v1/queue/counters/${counter.id}/no-show`, { token: counter.token });
        } else {
          failed += 1;
          errors.set(res.body?.code ?? res.status, (errors.get(res.body?.code ?? res.status) ?? 0) + 1);
          if (res.body?.code === 'QUEUE_EMPTY') return;
        }
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  if (errors.size) log(`  call-next errors: ${[...errors].map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  return { latencies, failed, elapsedMs };
}

// ---- phase 3: the hall displays ------------------------------------------------------------

/**
 * DISPLAY_CLIENTS sockets watch the hall; DISPLAY_CALLS calls go out at a steady pace, each from
 * the next free counter. Delay = arrival at a client − start of the call-next request.
 */
async function displayDelays(send, base, setup) {
  const { io } = require('socket.io-client');
  const clients = await inBatches(DISPLAY_CLIENTS, 20, async () => {
    const socket = io(`${base}/queue`, { transports: ['websocket'], auth: { token: setup.displayToken }, forceNew: true, reconnection: false });
    running.sockets.push(socket);
    const arrivals = new Map();
    socket.on('display.call', (call) => {
      if (!arrivals.has(call.ticketNumber)) arrivals.set(call.ticketNumber, performance.now());
    });
    const ack = await socket.timeout(10_000).emitWithAck('join-display', { siteCode: setup.siteCode });
    if (!ack?.ok) throw new Error(`join-display failed: ${JSON.stringify(ack)}`);
    return arrivals;
  });

  const calls = [];
  const free = [...setup.counters];
  const pending = [];
  const gapMs = 1000 / DISPLAY_CALLS_PER_SECOND;
  const cpu = cpuSample();
  const t0 = performance.now();
  for (let i = 0; i < DISPLAY_CALLS; i += 1) {
    await sleep(Math.max(0, t0 + i * gapMs - performance.now()));
    while (free.length === 0) await sleep(1);
    const counter = free.shift();
    pending.push(
      (async () => {
        const res = await send('POST', `/api/v1/queue/counters/${counter.id}/call-next`, { token: counter.token });
        if (res.status === 200) {
          calls.push({ ticketNumber: res.body.number, started: res.started, ms: res.ms });
          await expect(send, 200, 'POST', `/api/v1/queue/counters/${counter.id}/no-show`, { token: counter.token });
        }
        free.push(counter);
      })(),
    );
  }
  await Promise.all(pending);
  await sleep(DISPLAY_GRACE_MS);
  const cpuUsed = cpuSince(cpu);

  const delays = [];
  let missed = 0;
  for (const call of calls) {
    for (const arrivals of clients) {
      const at = arrivals.get(call.ticketNumber);
      if (at === undefined) missed += 1;
      else delays.push(at - call.started);
    }
  }
  running.sockets.forEach((s) => s.disconnect());
  running.sockets = [];
  return { calls: calls.length, delays, missed, cpu: cpuUsed, callNextMs: calls.map((c) => c.ms) };
}

// ---- where the CPU goes (Linux /proc; empty elsewhere) ------------------------------------------

const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux the project runs on

/** CPU seconds used so far by the API, PostgreSQL (postmaster and backends), this bench, and the whole machine. */
function cpuSample() {
  try {
    const pg = postgresPid();
    let pgTicks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = procStat(entry);
      if (stat && (Number(entry) === pg || stat.ppid === pg)) pgTicks += stat.ticks;
    }
    const machine = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = machine[3] + (machine[4] ?? 0);
    const total = machine.slice(0, 8).reduce((a, b) => a + b, 0);
    // Field 8 is time the hypervisor gave this machine's CPUs to someone else while it wanted them.
    const steal = machine[7] ?? 0;
    const bench = process.cpuUsage();
    return {
      api: (procStat(String(running.api?.pid))?.ticks ?? 0) / CLOCK_TICKS,
      postgres: pgTicks / CLOCK_TICKS,
      bench: (bench.user + bench.system) / 1e6,
      machineBusy: (total - idle - steal) / CLOCK_TICKS,
      stolen: steal / CLOCK_TICKS,
      wall: performance.now() / 1000,
    };
  } catch {
    return null;
  }
}

/** CPU seconds used since `before`, by each part and by everything else on the machine. */
function cpuSince(before) {
  const now = cpuSample();
  if (!before || !now) return null;
  const d = Object.fromEntries(Object.keys(now).map((k) => [k, now[k] - before[k]]));
  return {
    wall: round(d.wall, 2),
    api: round(d.api, 2),
    postgres: round(d.postgres, 2),
    bench: round(d.bench, 2),
    other: round(Math.max(0, d.machineBusy - d.api - d.postgres - d.bench), 2),
    stolen: round(d.stolen, 2),
    idle: round(Math.max(0, d.wall * cpus().length - d.machineBusy - d.stolen), 2),
  };
}

function describeCpu(c, n, unit) {
  if (!c) return 'CPU use not available';
  const per = (s) => (n ? `${((s * 1000) / n).toFixed(2)} ms` : 'n/a');
  const disturbed =
    c.other + c.stolen > 0.1 * c.wall * cpus().length ? ' — OTHER LOAD ON THE MACHINE OR ITS HOST: figures disturbed' : '';
  return (
    `CPU s over ${c.wall} s × ${cpus().length}: API ${c.api} (${per(c.api)}/${unit}), PostgreSQL ${c.postgres} (${per(c.postgres)}/${unit}), ` +
    `bench ${c.bench}, other processes ${c.other}, stolen by the host ${c.stolen}, idle ${c.idle}${disturbed}`
  );
}

/** utime + stime + children's, and the parent pid, from /proc/PID/stat. */
function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

function postgresPid() {
  return Number(readFileSync(join(running.pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

// ---- small helpers ---------------------------------------------------------------------------

/** Runs work(0..n-1), at most `width` at a time, and returns the results in order. */
async function inBatches(n, width, work) {
  const results = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next;
        next += 1;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(value, digits = 1) {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function printTable(f) {
  const rows = [
    ['issue throughput (20 kiosks)', `${f.issuePerSecond}/s`, 'issuePerSecond'],
    ['issue latency p50', ms(f.issueP50Ms), null],
    ['issue latency p99', ms(f.issueP99Ms), 'issueP99Ms'],
    ['call-next latency p50 (30 counters at once)', ms(f.callNextP50Ms), null],
    ['call-next latency p99 (30 counters at once)', ms(f.callNextP99Ms), 'callNextP99Ms'],
    [`call-next p50 saturated (${f.callNextSaturatedPerSecond}/s)`, ms(f.callNextSaturatedP50Ms), null],
    [`call-next p99 saturated (${f.callNextSaturatedPerSecond}/s)`, ms(f.callNextSaturatedP99Ms), null],
    ['call → display p50 (200 clients)', ms(f.displayDelayP50Ms), null],
    ['call → display p99 (200 clients)', ms(f.displayDelayP99Ms), 'displayDelayP99Ms'],
    ['display deliveries missed', String(f.displayMissed), 'displayMissed'],
  ].map(([metric, value, key]) => {
    const target = key ? GOALS[key] : null;
    const result = !target ? '' : f[key] !== null && target.pass(f[key]) ? 'PASS' : 'MISS';
    return [metric, value, target?.text ?? '', result];
  });
  const header = ['metric', 'value', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const misses = rows.filter((r) => r[3] === 'MISS').length;
  log('');
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => log(line(r)));
  log('');
  log(misses ? `${misses} target(s) MISSED (a measurement, not a test: exit code 0)` : 'all targets met');
  log(`machine: ${f.machine.cpus} CPUs (${f.machine.cpuModel}), Node ${f.machine.node}; call → display is measured from the call-next request start`);
}

function ms(value) {
  return value === null ? 'n/a' : `${value} ms`;
}

main().catch((error) => fail(error));
