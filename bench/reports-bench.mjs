#!/usr/bin/env node
// `node bench/reports-bench.mjs [--tickets N] [--requests N] [--json FILE]`: the hall reports
// (issue 15, docs/reports.md "Speed") on a year of a busy MPP, over HTTP on the real API.
//
// It builds the API if its sources changed (BENCH_API_MAIN=path/to/main.js runs another build
// instead), starts an embedded PostgreSQL of its own (bench/support.mjs BenchSystem: throw-away data dir, free port, 127.0.0.1
// only) and the built API on it as production starts it, with the seed catalogue (MPP Kota Kupang's
// agencies, services and counters). As the system admin (signed in with the TOTP enrolment,
// bench/staff-sign-in.mjs) it creates 8 officers, then seeds by SQL
// (generate_series, a few seconds) into Kota Kupang over the 365 local days before today:
//   TICKETS (500,000) tickets, ~1,370 a day, 08:00-15:00 WITA, over every service and counter:
//     85% served (wait 0-60 min, service 5-25 min), 7% no-shows, 5% not served, 3% cancelled;
//     sources 60% kiosk, 15% booking, 10% online, 15% staff; one closing event (finish or
//     no_show, by one of the officers) per served or no-show ticket, as the report reads them;
//   200 bookings a day (73,000) on the services that take bookings, 10% cancelled;
//   30 applications a day (10,950), 80% decided (approved or rejected) within 0-20 days, due 14
//     days after submission;
// then ANALYZE, and waits for the rollup job (reports.rollup, run every second here) to build every
// seeded day (docs/reports.md, "The rollup"); the jobs are on (QUEUE_SWEEP_SECONDS=3600: the other
// sweeps run once at start, before the seed, and not again during the bench). Each report kind (period day, week, month, year × groupBy site, agency, service,
// counter, officer, hour; plus the month by service as CSV and as XLSX, and the live figures) is
// requested WARMUP (3) times unmeasured, then REQUESTS (20) times one at a time as the site admin;
// printed: rows, p50 and p99 (nearest rank) per kind, against the target p99 < 500 ms.
//
// It is a measurement, not a test: exit code 0 when a target is missed, 1 when the bench failed.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildIfStale, ROOT, TARGETS } from '../scripts/build-if-stale.mjs';
import { BenchSystem } from './support.mjs';
import { signInStaff } from './staff-sign-in.mjs';

const require = createRequire(import.meta.url);

const TICKETS = 500_000;
const DAYS = 365;
const BOOKINGS_A_DAY = 200;
const APPLICATIONS_A_DAY = 30;
const OFFICERS = 8;
const REQUESTS = 20;
const WARMUP = 3;
const TARGET_P99_MS = 500;
const SITE = 'kota-kupang';
const ZONE = 'Asia/Makassar';
const DEADLINE_MS = 1_800_000;
/** How long the bench waits for the rollup job to build the seeded year. */
const ROLLUP_WAIT_MS = 900_000;
const GROUPS = ['site', 'agency', 'service', 'counter', 'officer', 'hour'];

const log = (message) => process.stdout.write(`${message}\n`);
const running = { system: null };

function whole(value, fallback, min, max, name) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${value})`);
  return n;
}

function readArgs(argv) {
  const { values: a } = parseArgs({ args: argv, options: { tickets: { type: 'string' }, requests: { type: 'string' }, json: { type: 'string' } } });
  return {
    tickets: whole(a.tickets, TICKETS, DAYS, 5_000_000, 'tickets'),
    requests: whole(a.requests, REQUESTS, 5, 1_000, 'requests'),
    json: a.json ?? null,
  };
}

/** The whole bench as a command; returns its exit code. `argv` as process.argv.slice(2). */
export async function main(argv = []) {
  let args;
  try {
    args = readArgs(argv);
  } catch (error) {
    process.stderr.write(`reports bench: ${error.message}\n`);
    return 1;
  }
  const started = performance.now();
  const deadline = setTimeout(() => {
    process.stderr.write(`\nreports bench failed: it took longer than ${DEADLINE_MS / 1000} s\n`);
    void stopSystem().finally(() => process.exit(1));
  }, DEADLINE_MS);
  const stopOnSignal = () => void stopSystem().finally(() => process.exit(130));
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, stopOnSignal);
  try {
    const apiMain = process.env.BENCH_API_MAIN ? resolve(process.env.BENCH_API_MAIN) : (buildIfStale(['api']), join(ROOT, TARGETS.api.output));
    const system = await startSystem(apiMain);
    log(`\nreports bench: API on ${system.base} (pid ${system.pid}), ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const token = await setUp(system);
    const today = await seed(system, args);
    await waitForRollup(system, today);
    const figures = { tickets: args.tickets, days: DAYS, requestsPerKind: args.requests, today, kinds: [], machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version } };
    // Periods ending yesterday, the last seeded day (today stays for the live figures).
    const last = addDays(today, -1);
    const periods = [
      ['day', last, last],
      ['week', addDays(last, -6), last],
      ['month', addDays(last, -29), last],
      ['year', addDays(last, -(DAYS - 1)), last],
    ];
    const cases = [];
    for (const [period, from, to] of periods) for (const groupBy of GROUPS) cases.push({ name: `${period} by ${groupBy}`, path: `/api/v1/admin/reports/hall?site=${SITE}&from=${from}&to=${to}&groupBy=${groupBy}` });
    const month = periods[2];
    for (const format of ['csv', 'xlsx']) cases.push({ name: `month by service (${format})`, path: `/api/v1/admin/reports/hall?site=${SITE}&from=${month[1]}&to=${month[2]}&groupBy=service&format=${format}` });
    cases.push({ name: 'live', path: `/api/v1/admin/sites/${SITE}/performance/live` });
    for (const c of cases) {
      const times = [];
      let detail = '';
      for (let i = 0; i < WARMUP + args.requests; i += 1) {
        const res = await send(system.base, c.path, token);
        if (res.status !== 200) throw new Error(`GET ${c.path} answered ${res.status}: ${res.text.slice(0, 300)}`);
        if (i >= WARMUP) times.push(res.ms);
        if (i === 0) detail = describe(res);
      }
      const figure = { name: c.name, requests: times.length, detail, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), maxMs: round(Math.max(...times)) };
      figure.pass = figure.p99Ms < TARGET_P99_MS;
      figures.kinds.push(figure);
      log(`  ${c.name.padEnd(26)} ${detail.padEnd(34)} p50 ${String(figure.p50Ms).padStart(6)} ms  p99 ${String(figure.p99Ms).padStart(6)} ms  ${figure.pass ? 'ok' : `MISS (target p99 < ${TARGET_P99_MS} ms)`}`);
    }
    const missed = figures.kinds.filter((k) => !k.pass);
    log(`\nreports bench: ${figures.kinds.length} kinds, ${missed.length ? `${missed.length} MISS the target p99 < ${TARGET_P99_MS} ms: ${missed.map((k) => k.name).join(', ')}` : `every p99 < ${TARGET_P99_MS} ms`}`);
    figures.at = new Date().toISOString();
    if (args.json) {
      writeFileSync(resolve(args.json), `${JSON.stringify(figures, null, 2)}\n`);
      log(`figures written to ${resolve(args.json)}`);
    }
    log(`reports bench done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    process.stderr.write(`\nreports bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  } finally {
    clearTimeout(deadline);
    for (const signal of ['SIGINT', 'SIGTERM']) process.removeListener(signal, stopOnSignal);
    await stopSystem();
  }
}

function describe(res) {
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('application/json')) {
    const body = JSON.parse(res.text);
    if (Array.isArray(body.rows)) return `${body.rows.length} rows, ${body.total.volumes.tickets} tickets`;
    return `${body.waiting} waiting`;
  }
  return `${type.split(';')[0]}, ${res.bytes} bytes`;
}

// ---- set-up and seed -------------------------------------------------------------------------

async function setUp(system) {
  // The password, then the TOTP enrolment (bench/staff-sign-in.mjs), as the counter app does.
  const { accessToken: token } = await signInStaff((method, path, { body } = {}) => request(system.base, method, path, null, body), system.admin);
  const agencies = await (await globalThis.fetch(`${system.base}/api/v1/sites/${SITE}/agencies`)).json();
  for (let i = 0; i < OFFICERS; i += 1) {
    const agency = agencies[i % agencies.length];
    await post(system.base, '/api/v1/admin/users', token, {
      email: `petugas${i}@bench.mpp`,
      fullName: `Petugas Bench ${i}`,
      password: randomBytes(12).toString('base64url'),
      role: 'officer',
      agencyId: agency.id,
    });
  }
  return token;
}

async function seed(system, args) {
  const { Client } = require('pg');
  const pg = new Client({ connectionString: system.databaseUrl });
  await pg.connect();
  const t0 = performance.now();
  try {
    const [{ id: siteId, today }] = (await pg.query(`SELECT id, to_char((now() AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS today FROM site WHERE code = $1`, [SITE, ZONE])).rows;
    const services = (await pg.query(`SELECT id FROM service WHERE site_id = $1 AND retired_at IS NULL ORDER BY code`, [siteId])).rows.map((r) => r.id);
    const counters = (await pg.query(`SELECT id FROM counter WHERE site_id = $1 AND retired_at IS NULL ORDER BY number`, [siteId])).rows.map((r) => r.id);
    const officers = (await pg.query(`SELECT id FROM staff_user WHERE role = 'officer' ORDER BY email`)).rows.map((r) => r.id);
    if (services.length === 0 || counters.length === 0 || officers.length === 0) throw new Error(`the seed has ${services.length} services and ${counters.length} counters at ${SITE}, ${officers.length} officers`);
    const bookable = (await pg.query(`SELECT id FROM service WHERE site_id = $1 AND online_booking_enabled AND retired_at IS NULL`, [siteId])).rows.map((r) => r.id);
    if (bookable.length) {
      await pg.query(
        `INSERT INTO booking (code, site_id, service_id, slot_date, slot_start, slot_end, starts_at, status, nik_hash, nik_cipher, name_cipher, phone_cipher)
         SELECT 'B' || lpad(g::text, 7, '0'), $1::uuid, ($3::uuid[])[1 + g % cardinality($3::uuid[])], d, time '09:00', time '09:30',
                (d + time '09:00') AT TIME ZONE $4::text, CASE WHEN g % 10 = 0 THEN 'cancelled' ELSE 'checked_in' END, lpad(g::text, 64, '0'), 'x', 'x', 'x'
           FROM (SELECT g, $2::date - 1 - (g % $5::int) AS d FROM generate_series(0, $5::int * $6::int - 1) g) x`,
        [siteId, today, bookable, ZONE, DAYS, BOOKINGS_A_DAY],
      );
    }
    await pg.query(
      `WITH a AS (
         INSERT INTO application (code, service_id, site_id, agency_id, requirements_version, state, owner_secret_hash, nik_hash, nik_cipher, name_cipher, phone_cipher,
                                  submitted_at, due_at, created_at, updated_at)
         SELECT 'R' || lpad(g::text, 7, '0'), s.id, s.site_id, s.agency_id, 1, CASE WHEN g % 5 = 0 THEN 'in_process' WHEN g % 2 = 0 THEN 'done' ELSE 'rejected' END,
                '\\x00', repeat('0', 64), 'x', 'x', 'x', sub, sub + interval '14 days', sub, sub
           FROM (SELECT g, ((($2::date - 1 - (g % $4::int)) + time '10:00') AT TIME ZONE $3) AS sub, ($5::uuid[])[1 + g % cardinality($5::uuid[])] AS svc
                   FROM generate_series(0, $4::int * $6::int - 1) g) x
           JOIN service s ON s.id = x.svc AND s.site_id = $1::uuid
         RETURNING id, state, submitted_at
       )
       INSERT INTO application_event (application_id, action, from_state, to_state, actor_kind, actor_id, at, details)
       SELECT id, CASE state WHEN 'rejected' THEN 'reject' ELSE 'approve' END, 'in_process', CASE state WHEN 'rejected' THEN 'rejected' ELSE 'approved' END,
              'officer', ($7::uuid[])[1 + abs(hashtext(id::text)) % cardinality($7::uuid[])], submitted_at + make_interval(days => abs(hashtext(id::text)) % 21), '{}'
         FROM a WHERE state <> 'in_process'`,
      [siteId, today, ZONE, DAYS, services, APPLICATIONS_A_DAY, officers],
    );
    // The 365 local days before today (today itself stays for the live figures).
    await pg.query(
      `INSERT INTO ticket (site_id, service_id, prefix, number, local_date, public_code, priority, source, status, queue_at, counter_id,
                           issued_at, first_called_at, called_at, started_at, finished_at)
       SELECT $1::uuid, svc, 'Z', n, d, 'BENCH' || g, 'regular', src, st, iss, CASE WHEN st IN ('done', 'no_show') THEN ctr END,
              iss, called, called, CASE WHEN st = 'done' THEN called + interval '1 minute' END,
              CASE WHEN st = 'done' THEN called + interval '1 minute' + make_interval(secs => 300 + r3 * 1200)
                   WHEN st IN ('no_show', 'not_served', 'cancelled') THEN coalesce(called, iss) + interval '5 minutes' END
         FROM (
           SELECT g, (g / $6::int) + 1 AS n, ($2::date - 1 - (g % $6::int)) AS d,
                  ($3::uuid[])[(1 + (g::bigint * 7919) % cardinality($3::uuid[]))::int] AS svc,
                  ($4::uuid[])[(1 + (g::bigint * 104729) % cardinality($4::uuid[]))::int] AS ctr,
                  CASE WHEN r1 < 0.60 THEN 'kiosk' WHEN r1 < 0.75 THEN 'booking' WHEN r1 < 0.85 THEN 'online' ELSE 'staff' END AS src,
                  CASE WHEN r2 < 0.85 THEN 'done' WHEN r2 < 0.92 THEN 'no_show' WHEN r2 < 0.97 THEN 'not_served' ELSE 'cancelled' END AS st,
                  ((($2::date - 1 - (g % $6::int)) + time '08:00' + make_interval(mins => (g * 31) % 420)) AT TIME ZONE $5) AS iss,
                  r3, r4
             FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4 FROM generate_series(0, $7::int - 1) g) x
         ) y,
         LATERAL (SELECT CASE WHEN st IN ('done', 'no_show') THEN iss + make_interval(secs => r4 * 3600) END AS called) c`,
      [siteId, today, services, counters, ZONE, DAYS, args.tickets],
    );
    await pg.query(
      `INSERT INTO ticket_event (ticket_id, site_id, action, from_status, to_status, counter_id, actor_user_id, at)
       SELECT id, site_id, CASE status WHEN 'done' THEN 'finish' ELSE 'no_show' END, CASE status WHEN 'done' THEN 'serving' ELSE 'called' END,
              status, counter_id, ($2::uuid[])[1 + abs(hashtext(id::text)) % cardinality($2::uuid[])], finished_at
         FROM ticket WHERE site_id = $1 AND status IN ('done', 'no_show') AND public_code LIKE 'BENCH%'`,
      [siteId, officers],
    );
    await pg.query('ANALYZE');
    const [{ tickets, events }] = (await pg.query(`SELECT (SELECT count(*) FROM ticket)::int AS tickets, (SELECT count(*) FROM ticket_event)::int AS events`)).rows;
    log(`seeded ${tickets.toLocaleString('en')} tickets (${events.toLocaleString('en')} events), ${(DAYS * BOOKINGS_A_DAY).toLocaleString('en')} bookings, ${(DAYS * APPLICATIONS_A_DAY).toLocaleString('en')} applications over ${DAYS} days before ${today} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return today;
  } finally {
    await pg.end();
  }
}

/**
 * The seed wrote the tickets behind the API's back: the rollup job (`reports.rollup`, every
 * second here, ROLLUP_DAYS_PER_RUN days a run) builds the seeded days; wait until every one is
 * built, as an hourly job would have over the year, then ANALYZE its tables.
 */
async function waitForRollup(system, today) {
  const { Client } = require('pg');
  const pg = new Client({ connectionString: system.databaseUrl });
  await pg.connect();
  const t0 = performance.now();
  try {
    for (;;) {
      const [{ built, days }] = (
        await pg.query(
          `SELECT (SELECT count(*) FROM hall_day_built b JOIN site s ON s.id = b.site_id WHERE s.code = $1)::int AS built,
                  ($2::date - (SELECT min(local_date) FROM ticket t JOIN site s ON s.id = t.site_id WHERE s.code = $1))::int AS days`,
          [SITE, today],
        )
      ).rows;
      if (built >= days) break;
      if (performance.now() - t0 > ROLLUP_WAIT_MS) throw new Error(`the rollup built ${built} of ${days} days in ${ROLLUP_WAIT_MS / 1000} s`);
      await new Promise((done) => setTimeout(done, 1000));
    }
    await pg.query('ANALYZE hall_day_figures, hall_day_histogram, hall_month_histogram, hall_day_built');
    const [counts] = (
      await pg.query(
        `SELECT (SELECT count(*) FROM hall_day_figures)::int AS figures, (SELECT count(*) FROM hall_day_histogram)::int AS day_buckets,
                (SELECT count(*) FROM hall_month_histogram)::int AS month_buckets, (SELECT count(*) FROM hall_day_built)::int AS days`,
      )
    ).rows;
    log(
      `rollup built ${counts.days} days (${counts.figures.toLocaleString('en')} figure rows, ${counts.day_buckets.toLocaleString('en')} day and ${counts.month_buckets.toLocaleString('en')} month histogram buckets) in ${((performance.now() - t0) / 1000).toFixed(1)} s, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    );
  } finally {
    await pg.end();
  }
}

// ---- a system of its own: embedded PostgreSQL and the built API (bench/support.mjs) ------------

async function startSystem(apiMain) {
  const system = new BenchSystem('reports-bench', { apiMain });
  running.system = system;
  const databaseUrl = await system.startDatabase('mpp_reports_bench');
  const admin = { email: 'bench@mpp.local', password: randomBytes(18).toString('base64url') };
  const api = await system.startApi({
    nodeArgs: ['--enable-source-maps'],
    unset: ['S3_URL'],
    env: { NODE_ENV: 'production', MALLOC_ARENA_MAX: '2', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SEED: 'true', OUTBOX_RELAY_SECONDS: '0', QUEUE_SWEEP_SECONDS: '3600', REPORTS_ROLLUP_SECONDS: '1' },
    timeoutMs: 120_000,
  });
  return { base: api.base, pid: api.pid, admin, databaseUrl };
}

async function stopSystem() {
  const { system } = running;
  running.system = null;
  await system?.stop();
}

// ---- HTTP ------------------------------------------------------------------------------------

/** GET as the admin; ms: request start to the whole answer received. */
async function send(base, path, token) {
  const started = performance.now();
  const res = await globalThis.fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text: buf.toString('utf8'), bytes: buf.length, ms: performance.now() - started };
}

/** `method` with a JSON body; answers { status, body } (body parsed when JSON). */
async function request(base, method, path, token, body) {
  const res = await globalThis.fetch(base + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body: parsed };
}

async function post(base, path, token, body) {
  const res = await request(base, 'POST', path, token, body);
  if (res.status !== 200 && res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

// ---- small helpers ---------------------------------------------------------------------------

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(value, digits = 1) {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) process.exit(await main(process.argv.slice(2)));
