#!/usr/bin/env node
// `npm run bench [-- --nodes N] [-- --adapter memory|postgres|redis] [-- --redis] [-- --compare]
//   [-- --pages N | --no-pages] [-- --no-uploads] [-- --no-inbox] [-- --json FILE] [-- --cpu-prof DIR] [-- --pg-stats] [-- --pg-log]`: how fast the queue is, measured on the
// real API over HTTP and socket.io, on a throw-away embedded PostgreSQL, on 127.0.0.1 only.
//
// Several processes (`--nodes N`, default 1): N API processes on the same PostgreSQL, each on its own
// port with the same JWT_SECRET and DATA_KEY, started one after another (the first migrates and
// seeds). Kiosks, counters and the 200 displays are spread round-robin over them (kiosk k, counter c
// and display d talk to process k, c and d modulo N), so a call made on one process is heard by
// displays on the others only through the socket.io adapter: `--adapter` sets SOCKET_ADAPTER
// (default: memory with one process, postgres with several; `--redis` starts a redis-server of the
// bench's own on a free port, passes REDIS_URL and defaults to redis). The display figures are also
// given for the (call, display) pairs on different processes. `--adapter memory` with N > 1 shows
// what the bench sees when events do not cross processes: every such delivery missed.
// `--compare` runs the whole bench twice, with one process and then with N (2 unless --nodes says),
// each in a child process of its own, and prints the figures side by side.
//
// PostgreSQL's raw commit rate: at the end of the run, with the APIs idle, `pgbench` (from
// postgresql-client; skipped with a note when it is not installed) runs against the bench's
// PostgreSQL, in a database of its own, for PGBENCH_SECONDS each: single-row transactions
// (an INSERT and an UPDATE of one of 10,000 rows: no two clients wait for each other) and
// the same with the UPDATE on one of 3 rows (like the per-service tally rows every issue and call
// updates), PGBENCH_CLIENTS clients (the API's pool size). That is how many commits a second this
// machine's PostgreSQL can do at all, the ceiling under any number of API processes.
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
//        never arrive are counted as missed;
//      - open ticket pages (`--pages N`, default 5,000; `--no-pages` or `--pages 0` skips it):
//        N more tickets are issued, and each gets a page that behaves as the portal's
//        (apps/portal/src/app/ticket/ticket-live.service.ts): a GET of the ticket, a socket.io
//        connection that joins the ticket's room, the ticket taken from every `ticket.updated`,
//        the place taken from every `ticket.queue-moved` that carries it, and a GET 500 ms after
//        one that does not. All pages are on API process 1. Then PAGE_CALLS calls at
//        PAGE_CALLS_PER_SECOND from the front of the line (each followed by a no-show): call → page
//        is the delay from the call-next request's start to the called ticket's page hearing
//        `ticket.updated` with status `called` (target p99 < 200 ms); also call-next's own
//        latency during it (target p99 < 50 ms), the reads the pages made, how long the other
//        pages waited for their new place, and the API's memory (RSS from /proc, V8 heap from its
//        metrics) before and after the pages opened, divided by the pages.
//      Before each phase after the first, the bench waits until the API processes and PostgreSQL
//      are idle (a backlog of events or an autovacuum left by the phase before) and prints how
//      long that took, so one phase's tail is not measured as the next phase's delay.
//   4. prints each figure beside its target with PASS or MISS, writes the same figures as JSON
//      with --json FILE, and stops everything it started. It is a measurement, not a test: the
//      exit code is 0 even when a target is missed, and 1 only when the bench itself failed.
//
// The bench client runs on the same machine as the API and PostgreSQL and takes part of the CPU,
// so the figures are a lower bound of what the API does on its own. For each phase it prints the
// CPU seconds used by the API, PostgreSQL, the bench and everything else (from /proc), per ticket
// or call, and warns when other programs took a noticeable share. --cpu-prof DIR runs the API
// with `node --cpu-prof` and leaves the profile in DIR (open it in Chrome DevTools). --pg-stats
// loads pg_stat_statements and prints, after each phase, the statements that took PostgreSQL's time
// and the statements the API sent (top-level, BEGIN and COMMIT included), in all and per ticket or call.
// --pg-log prints what PostgreSQL logs about slow statements, lock waits, connections, checkpoints
// and autovacuum, with the second of the run, to match a stalled request to the database's doing.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildIfStale, ROOT } from '../scripts/build-if-stale.mjs';
import { main as applicationsBench } from './applications-bench.mjs';
import { main as reportsBench } from './reports-bench.mjs';
import { main as portalLoad } from './portal-load.mjs';
import { BenchSystem, freePort, stopChild } from './support.mjs';
import { signInStaff } from './staff-sign-in.mjs';

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
/** The whole run, set-up included, is cut off after this (one process; each further one adds 20 s). */
const DEADLINE_MS = 200_000;
/** Added to the deadline when the ticket pages phase runs (issuing and opening 5,000 pages takes minutes on a loaded machine). */
const PAGES_DEADLINE_MS = 900_000;
const TICKET_PAGES = 5000;
const PAGE_CALLS = 150;
const PAGE_CALLS_PER_SECOND = 10;
/** apps/api/src/queue/ticket-page-places.ts: NEAR_FRONT_PLACES (pages this near the front are told every move). */
const NEAR_FRONT_PLACES = 10;
/** apps/portal/src/app/ticket/ticket-live.service.ts: QUEUE_MOVED_REFETCH_MS. */
const PAGE_REFETCH_MS = 500;
const PAGES_OPENING_AT_ONCE = 50;
/** Below this share of the phase's calls going to a ticket with an open page, its figures measure nothing: MEASUREMENT INVALID. */
const PAGE_CALLS_WITH_PAGE_MIN = 0.9;
const PGBENCH_SECONDS = 8;
const PGBENCH_CLIENTS = 8;

const GOALS = {
  issuePerSecond: { text: '≥ 800/s', pass: (v) => v >= 800 },
  issueP99Ms: { text: '< 50 ms', pass: (v) => v < 50 },
  callNextP99Ms: { text: '< 50 ms', pass: (v) => v < 50 },
  displayDelayP99Ms: { text: '< 100 ms', pass: (v) => v < 100 },
  displayMissed: { text: '0', pass: (v) => v === 0 },
  crossDisplayDelayP99Ms: { text: '< 100 ms', pass: (v) => v < 100 },
  crossDisplayMissed: { text: '0', pass: (v) => v === 0 },
  pageDelayP99Ms: { text: '< 200 ms', pass: (v) => v < 200 },
  pageMissed: { text: '0', pass: (v) => v === 0 },
  pageCallNextP99Ms: { text: '< 50 ms', pass: (v) => v < 50 },
};

// ---- the running pieces, stopped by cleanup() whatever happens ---------------------------

const running = { system: null, redis: null, sockets: [], agent: null, children: [], listeners: [] };
const log = (message) => process.stdout.write(`${message}\n`);

const OPTIONS = {
  nodes: { type: 'string' },
  adapter: { type: 'string' },
  redis: { type: 'boolean' },
  compare: { type: 'boolean' },
  json: { type: 'string' },
  'cpu-prof': { type: 'string' },
  'pg-stats': { type: 'boolean' },
  'pg-log': { type: 'boolean' },
  pages: { type: 'string' },
  'no-pages': { type: 'boolean' },
  'no-uploads': { type: 'boolean' },
  'no-inbox': { type: 'boolean' },
};

function readArgs() {
  const { values: args } = parseArgs({ options: OPTIONS });
  const nodes = args.nodes === undefined ? (args.compare ? 2 : 1) : Number(args.nodes);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 8) throw new Error(`--nodes must be a whole number from 1 to 8 (got ${args.nodes})`);
  const adapter = args.adapter ?? (args.redis ? 'redis' : nodes > 1 ? 'postgres' : 'memory');
  if (!['memory', 'postgres', 'redis'].includes(adapter)) throw new Error(`--adapter must be memory, postgres or redis (got ${args.adapter})`);
  if (adapter === 'redis' && !args.redis) throw new Error('--adapter redis needs --redis (the bench starts its own redis-server)');
  const pages = args['no-pages'] ? 0 : args.pages === undefined ? TICKET_PAGES : Number(args.pages);
  if (!Number.isInteger(pages) || pages < 0 || pages > 20_000) throw new Error(`--pages must be a whole number from 0 to 20000 (got ${args.pages})`);
  return { ...args, nodes, adapter, pages, adapterNamed: args.adapter !== undefined || args.redis === true };
}

async function main() {
  const args = readArgs();
  if (args.compare) return compare(args);
  const deadlineMs = DEADLINE_MS + (args.nodes - 1) * 20_000 + (args.pages > 0 ? PAGES_DEADLINE_MS * Math.max(1, args.pages / TICKET_PAGES) : 0);
  const deadline = setTimeout(() => void fail(new Error(`the bench took longer than ${deadlineMs / 1000} s`)), deadlineMs);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void fail(new Error(`stopped by ${signal}`), 130));
  process.on('uncaughtException', (error) => void fail(error));
  process.on('unhandledRejection', (error) => void fail(error));

  const startedAt = performance.now();
  buildIfStale(['api']);
  const http = await httpClient();
  await startDatabase(args['pg-stats'] ?? false, args['pg-log'] ?? false);
  if (args.redis) running.redis = await startRedis();
  const admin = await startApis(args.nodes, args.adapter, args['cpu-prof'] ? resolve(args['cpu-prof']) : null);
  const pgStats = args['pg-stats'] ? await statementStats() : null;
  const messages = args.adapter === 'postgres' ? await adapterMessages() : null;
  /** What the adapter carried during each phase (heard during it: a backlog shows as fewer than sent). */
  const adapterSent = {};
  const bases = running.system.apis.map((api) => `http://127.0.0.1:${api.port}`);
  /** nodes[i]: the HTTP client of API process i. */
  const nodes = bases.map((base) => http(base));
  const setup = await setUpSite(nodes[0], admin);
  log(
    `set up in ${seconds(performance.now() - startedAt)}: site ${setup.siteCode} (${setup.timeZone}), ${KIOSKS} kiosks, ${COUNTERS} counters; ` +
      `${args.nodes} API process${args.nodes > 1 ? 'es' : ''} (ports ${running.system.apis.map((a) => a.port).join(', ')}), socket.io adapter ${args.adapter}` +
      (running.redis ? ` (redis-server on port ${running.redis.port})` : ''),
  );

  await issueLoops(nodes, setup, { count: WARMUP_TICKETS });
  const mark = (phase) => args['pg-log'] && log(`  [pg ${seconds(performance.now() - benchStart)}] --- ${phase}`);
  mark('issue');
  await pgStats?.reset();
  messages?.take();
  let commits = await commitCount();
  let cpu = cpuSample();
  const issue = await issueLoops(nodes, setup, { seconds: ISSUE_SECONDS });
  const issueCpu = cpuSince(cpu);
  const issueCommits = await commitsSince(commits, issueCpu, issue.ok);
  log(`issue: ${issue.ok} tickets in ${seconds(issue.elapsedMs)}, ${issue.failed} failed; ${describeCpu(issueCpu, issue.ok, 'ticket')}; ${describeCommits(issueCommits, 'ticket')}${describeMessages((adapterSent.issue = messages?.take()), issue.ok, 'ticket')}`);

  await pgStats?.print('issue', issue.ok, 'ticket');
  // Not measured: the first calls plan the call function and its statements on each connection.
  await settle('call-next');
  mark('call-next warm-up');
  await callRounds(nodes, setup, { rounds: CALL_WARMUP_ROUNDS, keepWaiting: DISPLAY_CALLS + COUNTERS });
  await pgStats?.reset();
  mark('call-next');
  messages?.take();
  commits = await commitCount();
  cpu = cpuSample();
  const call = await callRounds(nodes, setup, { rounds: CALL_ROUNDS, keepWaiting: DISPLAY_CALLS + COUNTERS });
  const callCpu = cpuSince(cpu);
  const callCommits = await commitsSince(commits, callCpu, call.latencies.length);
  log(
    `call-next: ${call.latencies.length} calls in ${call.rounds} rounds of ${COUNTERS} at once, ${call.failed} failed; ${describeCpu(callCpu, call.latencies.length, 'call + no-show')}; ` +
      describeCommits(callCommits, 'call + no-show') +
      describeMessages((adapterSent.callNext = messages?.take()), call.latencies.length, 'call + no-show'),
  );
  await pgStats?.print('call-next', call.latencies.length, 'call + no-show');

  await settle('call-next under saturation');
  mark('call-next under saturation');
  messages?.take();
  commits = await commitCount();
  cpu = cpuSample();
  const saturated = await callLoops(nodes, setup, { seconds: CALL_SECONDS, max: CALL_MAX, keepWaiting: DISPLAY_CALLS + COUNTERS });
  const saturatedCpu = cpuSince(cpu);
  const saturatedCommits = await commitsSince(commits, saturatedCpu, saturated.latencies.length);
  log(
    `call-next under saturation: ${saturated.latencies.length} calls in ${seconds(saturated.elapsedMs)} (${round(saturated.latencies.length / (saturated.elapsedMs / 1000), 0)}/s), ` +
      `${saturated.failed} failed; ${describeCpu(saturatedCpu, saturated.latencies.length, 'call + no-show')}; ${describeCommits(saturatedCommits, 'call + no-show')}${describeMessages((adapterSent.callNextSaturated = messages?.take()), saturated.latencies.length, 'call + no-show')}`,
  );
  await pgStats?.print('call-next under saturation', saturated.latencies.length, 'call + no-show');
  await settle('display');
  mark('display');
  messages?.take();
  commits = await commitCount();
  const display = await displayDelays(nodes, bases, setup);
  const displayCommits = await commitsSince(commits, display.cpu, display.calls);
  const sameDelays = display.sameDelays;
  log(
    `display: ${display.calls} calls × ${DISPLAY_CLIENTS} clients at ${DISPLAY_CALLS_PER_SECOND}/s, ${display.delays.length} deliveries, ${display.missed} missed` +
      (args.nodes > 1
        ? ` (across processes: ${display.crossDelays.length} deliveries, ${display.crossMissed} missed, p50 ${round(percentile(display.crossDelays, 50))} ms, p99 ${round(percentile(display.crossDelays, 99))} ms;` +
          ` on the caller's process: p50 ${round(percentile(sameDelays, 50))} ms, p99 ${round(percentile(sameDelays, 99))} ms)`
        : '') +
      `; p50 of the first tenth of the calls ${display.trend.firstTenthP50Ms} ms, of the last tenth ${display.trend.lastTenthP50Ms} ms` +
      `; of the delay, call-next itself took p50 ${round(percentile(display.callNextMs, 50))} ms, p99 ${round(percentile(display.callNextMs, 99))} ms; ` +
      `${describeCpu(display.cpu, display.calls, 'call + no-show')}; ${describeCommits(displayCommits, 'call + no-show')}` +
      describeMessages((adapterSent.display = messages?.take()), display.calls, 'call + no-show'),
  );
  await pgStats?.print('display', display.calls, 'call + no-show');

  let pages = null;
  if (args.pages > 0) {
    await settle('ticket pages');
    mark('ticket pages');
    pages = await ticketPages(nodes, bases, setup, args.pages, () => messages?.take());
    const pagesCommits = pages.commits;
    log(
      `ticket pages: ${pages.pages} pages open on process 1 (opened in ${seconds(pages.openMs)}), ${pages.calls} calls at ${PAGE_CALLS_PER_SECOND}/s, ${pages.calledWithPage} of them to a ticket with a page, ${pages.missed} never heard; ` +
        `call → page p50 ${round(percentile(pages.delays, 50))} ms, p99 ${round(percentile(pages.delays, 99))} ms (first tenth of the calls p50 ${pages.trend.firstTenthP50Ms} ms, last tenth ${pages.trend.lastTenthP50Ms} ms); ` +
        `call-next p50 ${round(percentile(pages.callNextMs, 50))} ms, p99 ${round(percentile(pages.callNextMs, 99))} ms; ` +
        `pages' reads during the calls ${pages.readsDuringCalls} (${round(pages.readsDuringCalls / Math.max(1, pages.calls), 2)} per call), places pushed ${pages.placesHeard} (${round(pages.placesHeard / Math.max(1, pages.calls), 0)} per call), ` +
        `call → next place at a waiting page p50 ${round(percentile(pages.placeDelays, 50))} ms, p99 ${round(percentile(pages.placeDelays, 99))} ms ` +
        `(among the first ${NEAR_FRONT_PLACES} at the call: p50 ${round(percentile(pages.nearPlaceDelays, 50))} ms, p99 ${round(percentile(pages.nearPlaceDelays, 99))} ms, ${pages.nearPlaceDelays.length} of them); ` +
        `API memory ${describeMemory(pages.memory)}; ${describeCpu(pages.cpu, pages.calls, 'call + no-show')}; ${describeCommits(pagesCommits, 'call + no-show')}` +
        describeMessages((adapterSent.ticketPages = messages?.take()), pages.calls, 'call + no-show'),
    );
    await pgStats?.print('ticket pages', pages.calls, 'call + no-show');
    if (!pages.valid) {
      log(
        `\nMEASUREMENT INVALID (ticket pages): only ${pages.calledWithPage} of the ${pages.calls} calls went to a ticket with a page ` +
          `(at least ${Math.ceil(PAGE_CALLS_WITH_PAGE_MIN * pages.calls)} needed): the call → page figures measure nothing. The bench exits 1.\n`,
      );
    }
  }

  mark('pgbench');
  const pgbench = await pgbenchCommitRate();
  const figures = toFigures(args, issue, call, saturated, display, pages, pgbench, {
    cpuSeconds: { issue: issueCpu, callNext: callCpu, callNextSaturated: saturatedCpu, display: display.cpu, ticketPages: pages?.cpu ?? null },
    commits: { issue: issueCommits, callNext: callCommits, callNextSaturated: saturatedCommits, display: displayCommits },
    adapterMessages: messages ? adapterSent : null,
  });
  printTable(figures);
  if (args.json) {
    writeFileSync(resolve(args.json), `${JSON.stringify(figures, null, 2)}\n`);
    log(`figures written to ${resolve(args.json)}`);
  }
  clearTimeout(deadline);
  await cleanup();
  log(`done in ${seconds(performance.now() - startedAt)}`);
  if (pages && !pages.valid) {
    process.stderr.write('\nbench failed: MEASUREMENT INVALID, the ticket pages phase called too few tickets with a page (see above)\n');
    process.exit(1);
  }
  // Then the portal's first load on Slow 3G and Slow 4G, on a system of its own (bench/portal-load.mjs); BENCH_PORTAL=0 skips it.
  if (process.env.BENCH_PORTAL !== '0') await portalLoad(args.json ? ['--json', args.json.replace(/(\.json)?$/, '.portal.json')] : []);
  // Then digital applications, uploads and the agency inbox, on a system of its own (bench/applications-bench.mjs); BENCH_APPLICATIONS=0 skips it.
  if (process.env.BENCH_APPLICATIONS !== '0') {
    await applicationsBench([
      ...(args['no-uploads'] ? ['--no-uploads'] : []),
      ...(args['no-inbox'] ? ['--no-inbox'] : []),
      ...(args.json ? ['--json', args.json.replace(/(\.json)?$/, '.applications.json')] : []),
    ]);
  }
  // Then the manager's hall reports on a year of data (500,000 tickets), on a system of its own (bench/reports-bench.mjs); BENCH_REPORTS=0 skips it.
  if (process.env.BENCH_REPORTS !== '0') {
    await reportsBench(args.json ? ['--json', args.json.replace(/(\.json)?$/, '.reports.json')] : []);
  }
  process.exit(0);
}

/** The JSON object of --json: the figures with targets first, then what explains them. */
function toFigures(args, issue, call, saturated, display, pages, pgbench, { cpuSeconds, commits, adapterMessages }) {
  return {
    nodes: args.nodes,
    socketAdapter: args.adapter,
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
    // Only the (call, display) pairs on different processes; null with one process.
    crossDisplayDelayP50Ms: args.nodes > 1 ? round(percentile(display.crossDelays, 50)) : null,
    crossDisplayDelayP99Ms: args.nodes > 1 ? round(percentile(display.crossDelays, 99)) : null,
    crossDisplayMissed: args.nodes > 1 ? display.crossMissed : null,
    // The open ticket pages phase; null when skipped (--no-pages).
    ticketPages: pages ? pages.pages : null,
    // false: too few of the phase's calls went to a ticket with a page; its figures are then no measurement.
    pageMeasurementValid: pages ? pages.valid : null,
    pageDelayP50Ms: pages ? round(percentile(pages.delays, 50)) : null,
    pageDelayP99Ms: pages ? round(percentile(pages.delays, 99)) : null,
    pageMissed: pages ? pages.missed : null,
    pageCallNextP50Ms: pages ? round(percentile(pages.callNextMs, 50)) : null,
    pageCallNextP99Ms: pages ? round(percentile(pages.callNextMs, 99)) : null,
    pagePlaceDelayP50Ms: pages ? round(percentile(pages.placeDelays, 50)) : null,
    pagePlaceDelayP99Ms: pages ? round(percentile(pages.placeDelays, 99)) : null,
    // Pages among the first NEAR_FRONT_PLACES when the call started (told every move; those further back at most every 20 ms per place).
    pageNearPlaceDelayP50Ms: pages ? round(percentile(pages.nearPlaceDelays, 50)) : null,
    pageNearPlaceDelayP99Ms: pages ? round(percentile(pages.nearPlaceDelays, 99)) : null,
    pageReadsPerCall: pages ? round(pages.readsDuringCalls / Math.max(1, pages.calls), 2) : null,
    pageMemory: pages ? pages.memory : null,
    pgbench,
    counts: {
      ticketsIssued: issue.ok,
      issueFailed: issue.failed,
      ticketsIssuedPerNode: issue.perNode,
      callsMeasured: call.latencies.length,
      callRounds: call.rounds,
      saturatedCallsMeasured: saturated.latencies.length,
      saturatedCallFailed: saturated.failed,
      callFailed: call.failed,
      waitingAfterIssue: issue.waitingAfter,
      displayCalls: display.calls,
      displayDeliveries: display.delays.length,
      crossDisplayDeliveries: display.crossDelays.length,
      displayCallNextP50Ms: round(percentile(display.callNextMs, 50)),
      displayCallNextP99Ms: round(percentile(display.callNextMs, 99)),
      displayDelayTrend: display.trend,
      pageCalls: pages?.calls ?? null,
      pageCallsWithPage: pages?.calledWithPage ?? null,
      pageDelayTrend: pages?.trend ?? null,
      pageOpenMs: pages ? round(pages.openMs, 0) : null,
      pagePlacesHeard: pages?.placesHeard ?? null,
    },
    cpuSeconds,
    commits,
    adapterMessages,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg().map((l) => round(l, 2)) },
    at: new Date().toISOString(),
  };
}

// ---- --compare: one process, then N, each a whole run of its own -----------------------------

async function compare(args) {
  const dir = mkdtempSync(join(tmpdir(), 'mpp-bench-compare-'));
  const pass = [...(args['pg-stats'] ? ['--pg-stats'] : []), ...(args['pg-log'] ? ['--pg-log'] : []), '--pages', String(args.pages)];
  // One process runs with the in-memory adapter, as a single deployment does, unless an adapter was named.
  const runs = [
    { nodes: 1, adapter: args.adapterNamed ? args.adapter : 'memory', file: join(dir, 'one.json') },
    { nodes: args.nodes, adapter: args.adapter, file: join(dir, 'many.json') },
  ];
  const results = [];
  try {
    for (const run of runs) {
      log(`\n=== ${run.nodes} API process${run.nodes > 1 ? 'es' : ''}, socket.io adapter ${run.adapter} ===`);
      const redis = run.adapter === 'redis' ? ['--redis'] : [];
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--nodes', String(run.nodes), '--adapter', run.adapter, ...redis, '--json', run.file, ...pass], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      running.children.push(child);
      for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => child.kill(signal));
      const code = await new Promise((done) => child.once('exit', (c) => done(c)));
      if (code !== 0) throw new Error(`the run with ${run.nodes} process(es) failed (exit ${code})`);
      results.push(JSON.parse(readFileSync(run.file, 'utf8')));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printComparison(results);
  if (args.json) {
    writeFileSync(resolve(args.json), `${JSON.stringify(results, null, 2)}\n`);
    log(`figures written to ${resolve(args.json)}`);
  }
  process.exit(0);
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
  const pg = new Client({ connectionString: running.system.pg.url.replace(/\/postgres$/, '/mpp_bench') });
  await pg.connect();
  pg.on('error', () => undefined); // the server stops under it at the end
  await pg.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return {
    reset: async () => void (await pg.query('SELECT pg_stat_statements_reset()')),
    /** `count` `unit`s were done in the phase (tickets, calls): the API's statements are also given per unit. */
    print: async (phase, count = 0, unit = '') => {
      const { rows } = await pg.query(
        `SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round((total_exec_time / calls)::numeric, 3) AS mean_ms,
                round(max_exec_time::numeric, 1) AS max_ms,
                regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'mpp_bench')
          ORDER BY total_exec_time DESC LIMIT 12`,
      );
      log(`  PostgreSQL statements during ${phase} (pg_stat_statements, by total time):`);
      for (const r of rows) log(`    ${String(r.calls).padStart(6)} × ${String(r.mean_ms).padStart(7)} ms = ${String(r.total_ms).padStart(8)} ms (max ${String(r.max_ms).padStart(6)} ms)  ${r.query}`);
      // The PostgreSQL socket.io adapter's messages: one NOTIFY per broadcast, each its own transaction.
      const notify = await pg.query(
        `SELECT coalesce(sum(calls), 0)::int AS calls, round(coalesce(sum(total_exec_time), 0)::numeric, 1) AS total_ms
           FROM pg_stat_statements WHERE query ILIKE '%pg_notify%' AND dbid = (SELECT oid FROM pg_database WHERE datname = 'mpp_bench')`,
      );
      log(`    NOTIFY (socket.io adapter): ${notify.rows[0].calls} sent, ${notify.rows[0].total_ms} ms`);
      // What the API sent (top-level statements, BEGIN and COMMIT included; not those run inside a
      // function or by a foreign key check), by how often: each is a round trip the API pays for.
      const sent = await pg.query(
        `SELECT calls, regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query, sum(calls) OVER ()::int AS all_calls
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'mpp_bench') AND toplevel
            AND query NOT ILIKE '%pg\\_stat%' AND query NOT ILIKE '%pg_notify%'
          ORDER BY calls DESC LIMIT 10`,
      );
      const all = sent.rows[0]?.all_calls ?? 0;
      log(`    statements the API sent (top-level, by calls): ${all}${count ? `, ${round(all / count, 2)} per ${unit}` : ''}`);
      for (const r of sent.rows) log(`    ${String(r.calls).padStart(6)} calls${count ? ` (${String(round(r.calls / count, 2)).padStart(5)} per ${unit})` : ''}  ${r.query}`);
      // What commits: the statements that wrote to the WAL (or took an id for NOTIFY), by how often.
      const writers = await pg.query(
        `SELECT calls, wal_records, regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'mpp_bench') AND (wal_records > 0 OR query ILIKE '%pg_notify%')
          ORDER BY calls DESC LIMIT 8`,
      );
      log('    statements that wrote (by calls):');
      for (const r of writers.rows) log(`    ${String(r.calls).padStart(6)} calls, ${String(r.wal_records).padStart(7)} WAL records  ${r.query}`);
      await pg.query('SELECT pg_stat_statements_reset()');
    },
  };
}

async function startDatabase(pgStats, pgLog) {
  const extraFlags = [
    ...(pgStats ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : []),
    ...(pgLog ? PG_LOG_FLAGS : []),
  ];
  const pgLogLine = pgLog
    ? (text) => {
        for (const line of text.split('\n')) if (PG_LOG_WORTH_SHOWING.test(line)) log(`  [pg ${seconds(performance.now() - benchStart)}] ${line.replace(/^\S+ \S+ UTC /, '')}`);
      }
    : undefined;
  // The embedded PostgreSQL and the API processes: bench/support.mjs, as the other benches start them.
  running.system = new BenchSystem('bench');
  await running.system.startDatabase('mpp_bench', { extraFlags, log: pgLogLine });
}

/**
 * Starts `count` API processes on the bench's database, one after another (the first runs the
 * migrations and seeds the admin; the others find them done), each on its own port with its
 * metrics on another (the V8 heap for the ticket pages phase's memory figure), all with the same
 * secrets and data dir, as the replicas of one deployment.
 */
async function startApis(count, adapter, cpuProfDir) {
  const admin = { email: 'bench@mpp.local', password: randomBytes(18).toString('base64url') };
  const env = {
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SEED: 'true',
    LOGIN_RATE_LIMIT: '10000',
    SOCKET_ADAPTER: adapter,
    ...(running.redis ? { REDIS_URL: running.redis.url } : {}),
  };
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  for (let i = 0; i < count; i += 1) await running.system.startApi({ env, nodeArgs, metrics: true, timeoutMs: 60_000 });
  return admin;
}

/** --redis: a redis-server of the bench's own on a free port, nothing kept on disk. */
async function startRedis() {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error("--redis needs redis-server, which is not installed (Debian: apt-get install redis-server)");
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mpp-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const redis = { port, dir, child, url: `redis://127.0.0.1:${port}`, exited: new Promise((done) => child.once('exit', done)) };
  running.redis = redis;
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    if (await redisAnswers(port)) return redis;
    await sleep(50);
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

function redisAnswers(port) {
  return new Promise((done) => {
    const socket = new Socket();
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => {
        socket.destroy();
        done(data.toString().startsWith('+PONG'));
      });
    });
  });
}

async function cleanup() {
  const { system, redis, sockets, agent, children, listeners } = running;
  running.system = running.agent = running.redis = null;
  running.listeners = [];
  await Promise.all(listeners.map((l) => l.end().catch(() => undefined)));
  running.sockets = [];
  running.children = [];
  children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
  sockets.forEach((s) => s.disconnect());
  await agent?.close().catch(() => undefined);
  // The API processes, PostgreSQL and their directories (also when PostgreSQL never started).
  await system?.stop();
  if (redis) {
    await stopChild(redis.child, redis.exited);
    rmSync(redis.dir, { recursive: true, force: true });
  }
}

let failing = false;
async function fail(error, code = 1) {
  if (failing) return;
  failing = true;
  process.stderr.write(`\nbench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await cleanup().catch(() => undefined);
  process.exit(code);
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
  const { accessToken: adminToken } = await signInStaff(send, admin);
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
    const { accessToken } = await signInStaff(send, officer);
    await expect(send, 200, 'POST', `/api/v1/queue/counters/${counter.id}/open`, { token: accessToken });
    return { id: counter.id, number, token: accessToken, node: i };
  });
  return { siteCode, timeZone, agencyId: agency.id, admin, serviceIds, kioskTokens, displayToken: display.token, counters };
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

/** KIOSKS loops issue tickets back to back, for a number of seconds or until `count` tickets; kiosk k talks to process k mod N. */
async function issueLoops(nodes, setup, { seconds: duration = Infinity, count = Infinity, codes = null, serviceIds = setup.serviceIds }) {
  const latencies = [];
  const perNode = nodes.map(() => 0);
  let started = 0;
  let failed = 0;
  const errors = new Map();
  const t0 = performance.now();
  const stopAt = t0 + duration * 1000;
  await Promise.all(
    setup.kioskTokens.map(async (token, kiosk) => {
      const node = kiosk % nodes.length;
      const send = nodes[node];
      for (let i = 0; performance.now() < stopAt && started < count; i += 1) {
        started += 1;
        const res = await send('POST', '/api/v1/queue/tickets', {
          token,
          headers: { 'idempotency-key': `bench-${kiosk}-${i}-${randomBytes(6).toString('hex')}` },
          body: { serviceId: serviceIds[(kiosk + i) % serviceIds.length] },
        });
        if (res.status === 201) {
          latencies.push(res.ms);
          perNode[node] += 1;
          codes?.push(res.body.publicCode);
        } else {
          failed += 1;
          errors.set(res.body?.code ?? res.status, (errors.get(res.body?.code ?? res.status) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  if (errors.size) log(`  issue errors: ${[...errors].map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  setup.waiting = (setup.waiting ?? 0) + latencies.length;
  return { ok: latencies.length, failed, elapsedMs, latencies, waitingAfter: setup.waiting, perNode };
}

// ---- phase 2: calling ----------------------------------------------------------------------

/**
 * All counters call next at the same moment, each measured; then each marks its ticket a
 * no-show (not measured) and the next round starts once every counter is free again. Counter c
 * talks to process c mod N (setUpSite's counter.node). Leaves `keepWaiting` tickets for the display phase.
 */
async function callRounds(nodes, setup, { rounds, keepWaiting }) {
  const latencies = [];
  let failed = 0;
  let done = 0;
  const errors = new Map();
  while (done < rounds && setup.waiting - keepWaiting >= setup.counters.length) {
    done += 1;
    const answers = await Promise.all(setup.counters.map((counter) => nodes[counter.node % nodes.length]('POST', `/api/v1/queue/counters/${counter.id}/call-next`, { token: counter.token })));
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
        await expect(nodes[counter.node % nodes.length], 200, 'POST', `/api/v1/queue/counters/${counter.id}/no-show`, { token: counter.token });
      }),
    );
  }
  if (errors.size) log(`  call-next errors: ${[...errors].map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  return { latencies, failed, rounds: done };
}

/** COUNTERS loops without pause: call-next (measured), then no-show; counter c on process c mod N. */
async function callLoops(nodes, setup, { seconds: duration, max, keepWaiting }) {
  const latencies = [];
  let budget = Math.min(max, setup.waiting - keepWaiting);
  let failed = 0;
  const errors = new Map();
  const t0 = performance.now();
  const stopAt = t0 + duration * 1000;
  await Promise.all(
    setup.counters.map(async (counter) => {
      const send = nodes[counter.node % nodes.length];
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
 * DISPLAY_CLIENTS sockets watch the hall, display d connected to process d mod N; DISPLAY_CALLS
 * calls go out at a steady pace, each from the next free counter (counter c calls on process c
 * mod N). Delay = arrival at a client − start of the call-next request. With several processes,
 * the (call, display) pairs on different processes are also counted apart: those deliveries
 * crossed the socket.io adapter.
 */
async function displayDelays(nodes, bases, setup) {
  const { io } = require('socket.io-client');
  const clients = await inBatches(DISPLAY_CLIENTS, 20, async (d) => {
    const node = d % bases.length;
    const socket = io(`${bases[node]}/queue`, { transports: ['websocket'], auth: { token: setup.displayToken }, forceNew: true, reconnection: false });
    running.sockets.push(socket);
    const arrivals = new Map();
    socket.on('display.call', (call) => {
      if (!arrivals.has(call.ticketNumber)) arrivals.set(call.ticketNumber, performance.now());
    });
    const ack = await socket.timeout(10_000).emitWithAck('join-display', { siteCode: setup.siteCode });
    if (!ack?.ok) throw new Error(`join-display failed on process ${node + 1}: ${JSON.stringify(ack)}`);
    return { node, arrivals };
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
    const node = counter.node % nodes.length;
    const send = nodes[node];
    pending.push(
      (async () => {
        const res = await send('POST', `/api/v1/queue/counters/${counter.id}/call-next`, { token: counter.token });
        if (res.status === 200) {
          calls.push({ ticketNumber: res.body.number, started: res.started, ms: res.ms, node });
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
  const crossDelays = [];
  const sameDelays = [];
  let missed = 0;
  let crossMissed = 0;
  for (const call of calls) {
    for (const { node, arrivals } of clients) {
      const at = arrivals.get(call.ticketNumber);
      const cross = node !== call.node;
      if (at === undefined) {
        missed += 1;
        if (cross) crossMissed += 1;
      } else {
        delays.push(at - call.started);
        (cross ? crossDelays : sameDelays).push(at - call.started);
      }
    }
  }
  // A backlog shows as delays growing from the first calls to the last ones.
  const tenth = Math.max(1, Math.floor(calls.length / 10));
  const delaysOf = (some) => some.flatMap((call) => clients.map((c) => c.arrivals.get(call.ticketNumber)).filter((at) => at !== undefined).map((at) => at - call.started));
  const trend = { firstTenthP50Ms: round(percentile(delaysOf(calls.slice(0, tenth)), 50)), lastTenthP50Ms: round(percentile(delaysOf(calls.slice(-tenth)), 50)) };
  running.sockets.forEach((s) => s.disconnect());
  running.sockets = [];
  return { calls: calls.length, trend, delays, missed, crossDelays, sameDelays, crossMissed, cpu: cpuUsed, callNextMs: calls.map((c) => c.ms) };
}

// ---- phase 4: open ticket pages ----------------------------------------------------------------

/**
 * `count` more tickets, each with a page on API process 1 that behaves as the portal's
 * (ticket-live.service.ts), then PAGE_CALLS calls at a steady pace from the front of the line.
 *
 * The phase has a service of its own (D), which only it issues to, and the 30 counters serve
 * only D during it: whatever the phases before left waiting (a faster issue phase leaves more),
 * its calls go to its own tickets, each with a page. Fewer than PAGE_CALLS_WITH_PAGE_MIN of the
 * calls to a ticket with a page makes the phase's figures invalid (the bench says so and exits 1).
 */
async function ticketPages(nodes, bases, setup, count, forgetMessages) {
  const { io } = require('socket.io-client');
  const pageService = await pagesOwnService(nodes[0], setup);
  const codes = [];
  const issued = await issueLoops(nodes, setup, { count, codes, serviceIds: [pageService] });
  if (issued.failed) log(`  ticket pages: ${issued.failed} of the tickets could not be issued`);
  await settle('opening the ticket pages');
  const memoryBefore = await apiMemory(running.system.apis[0]);
  const send = nodes[0];
  let reads = 0;
  const openedAt = performance.now();
  const pages = await inBatches(codes.length, PAGES_OPENING_AT_ONCE, (i) => openTicketPage(io, bases[0], send, codes[i], () => (reads += 1)));
  const openMs = performance.now() - openedAt;
  const byCode = new Map(pages.map((p) => [p.code, p]));
  await settle('the ticket pages calls');
  const memoryAfter = await apiMemory(running.system.apis[0]);
  const readsBefore = reads;

  const calls = [];
  const free = [...setup.counters];
  const pending = [];
  const gapMs = 1000 / PAGE_CALLS_PER_SECOND;
  // CPU, commits and adapter messages of the calls only (not of issuing and opening the pages).
  forgetMessages();
  const commitsBefore = await commitCount();
  const cpu = cpuSample();
  const t0 = performance.now();
  for (let i = 0; i < PAGE_CALLS; i += 1) {
    await sleep(Math.max(0, t0 + i * gapMs - performance.now()));
    while (free.length === 0) await sleep(1);
    const counter = free.shift();
    const node = counter.node % nodes.length;
    pending.push(
      (async () => {
        const res = await nodes[node]('POST', `/api/v1/queue/counters/${counter.id}/call-next`, { token: counter.token });
        if (res.status === 200) {
          setup.waiting -= 1;
          calls.push({ code: res.body.publicCode, started: res.started, ms: res.ms });
          await expect(nodes[node], 200, 'POST', `/api/v1/queue/counters/${counter.id}/no-show`, { token: counter.token });
        }
        free.push(counter);
      })(),
    );
  }
  await Promise.all(pending);
  await sleep(DISPLAY_GRACE_MS);
  const cpuUsed = cpuSince(cpu);
  const commits = await commitsSince(commitsBefore, cpuUsed, calls.length);
  const readsDuringCalls = reads - readsBefore;

  const delays = [];
  let missed = 0;
  let calledWithPage = 0;
  for (const call of calls) {
    const page = byCode.get(call.code);
    if (!page) continue;
    calledWithPage += 1;
    if (page.calledAt === null) missed += 1;
    else delays.push(page.calledAt - call.started);
  }
  // How long a page still waiting waited for its place after a call: the first place it heard after the call's start.
  // Also apart, for the pages that were among the first NEAR_FRONT_PLACES at the call (the API tells those every move, the others less often).
  const placeDelays = [];
  const nearPlaceDelays = [];
  const starts = calls.map((c) => c.started).sort((a, b) => a - b);
  for (const page of pages) {
    if (page.placesAt.length === 0) continue;
    let k = 0;
    let known = 0;
    for (const start of starts) {
      while (k < page.placesAt.length && page.placesAt[k] < start) k += 1;
      if (k === page.placesAt.length) break;
      while (known + 1 < page.placesKnown.length && page.placesKnown[known + 1].at <= start) known += 1;
      if (page.calledAt === null || page.calledAt > start) {
        placeDelays.push(page.placesAt[k] - start);
        if ((page.placesKnown[known]?.place ?? Infinity) <= NEAR_FRONT_PLACES) nearPlaceDelays.push(page.placesAt[k] - start);
      }
    }
  }
  // A backlog shows as delays growing from the first calls (to a ticket with a page) to the last ones.
  const heard = calls.filter((c) => byCode.get(c.code)?.calledAt != null).map((c) => byCode.get(c.code).calledAt - c.started);
  const tenth = Math.max(1, Math.floor(heard.length / 10));
  const trend = { firstTenthP50Ms: round(percentile(heard.slice(0, tenth), 50)), lastTenthP50Ms: round(percentile(heard.slice(-tenth), 50)) };
  const placesHeard = pages.reduce((sum, p) => sum + p.placesAt.length, 0);
  pages.forEach((p) => p.close());
  running.sockets = [];
  const memory = {
    rssBeforeMb: round(memoryBefore.rss / 2 ** 20),
    rssAfterMb: round(memoryAfter.rss / 2 ** 20),
    heapBeforeMb: memoryBefore.heap === null ? null : round(memoryBefore.heap / 2 ** 20),
    heapAfterMb: memoryAfter.heap === null ? null : round(memoryAfter.heap / 2 ** 20),
    rssPerPageKb: round((memoryAfter.rss - memoryBefore.rss) / 1024 / pages.length),
    heapPerPageKb: memoryBefore.heap === null || memoryAfter.heap === null ? null : round((memoryAfter.heap - memoryBefore.heap) / 1024 / pages.length),
  };
  const valid = calls.length > 0 && calledWithPage >= PAGE_CALLS_WITH_PAGE_MIN * calls.length;
  return { commits, valid, pages: pages.length, openMs, calls: calls.length, calledWithPage, missed, delays, trend, callNextMs: calls.map((c) => c.ms), readsDuringCalls, placesHeard, placeDelays, nearPlaceDelays, memory, cpu: cpuUsed };
}

/** The ticket pages phase's own service, and the 30 counters set to serve only it (the tickets left of A, B and C stay waiting, uncalled). */
async function pagesOwnService(send, setup) {
  const { accessToken } = await signInStaff(send, setup.admin);
  const as = { token: accessToken };
  const service = await expect(send, 201, 'POST', `/api/v1/admin/agencies/${setup.agencyId}/services`, { ...as, body: serviceBody('D') });
  await inBatches(setup.counters.length, 5, (i) => expect(send, 200, 'PATCH', `/api/v1/admin/counters/${setup.counters[i].id}`, { ...as, body: { serviceIds: [service.id] } }));
  return service.id;
}

/**
 * One ticket page as apps/portal/src/app/ticket/ticket-live.service.ts runs it: a GET of the
 * ticket at once; a socket.io connection to /queue that joins the ticket's room (the answer is
 * the ticket); every `ticket.updated` taken; a `ticket.queue-moved` to a waiting ticket taken as
 * its new place when it carries one for this ticket, else a GET once the moves settle (500 ms).
 */
async function openTicketPage(io, base, send, code, counted) {
  const page = { code, ticket: null, calledAt: null, placesAt: [], placesKnown: [], refetch: null, closed: false, socket: null };
  const take = (ticket) => {
    if (ticket?.publicCode !== code) return;
    page.ticket = ticket;
    if (ticket.status === 'waiting') page.placesKnown.push({ at: performance.now(), place: ticket.positionMin ?? ticket.position });
    if (ticket.status === 'called' && page.calledAt === null) page.calledAt = performance.now();
  };
  const read = async () => {
    counted();
    const res = await send('GET', `/api/v1/tickets/${encodeURIComponent(code)}`);
    if (res.status === 200 && !page.closed) take(res.body);
  };
  const first = read();
  const socket = io(`${base}/queue`, { transports: ['websocket', 'polling'], forceNew: true, reconnection: false });
  page.socket = socket;
  running.sockets.push(socket);
  socket.on('ticket.updated', take);
  socket.on('ticket.queue-moved', (moved) => {
    if (page.ticket?.status !== 'waiting') return;
    if (moved?.publicCode === code && moved.position !== undefined) {
      page.placesAt.push(performance.now());
      take({ ...page.ticket, position: moved.position, positionMin: moved.positionMin ?? moved.position, estimatedWaitMinutes: moved.estimatedWaitMinutes ?? null });
    } else {
      clearTimeout(page.refetch);
      page.refetch = setTimeout(() => void read(), PAGE_REFETCH_MS);
    }
  });
  await new Promise((done, reject) => {
    socket.once('connect', done);
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(20_000).emitWithAck('join-ticket', { publicCode: code });
  if (!ack?.ok) throw new Error(`join-ticket ${code} failed: ${JSON.stringify(ack)}`);
  take(ack.data);
  await first;
  page.close = () => {
    page.closed = true;
    clearTimeout(page.refetch);
    socket.disconnect();
  };
  return page;
}

/** The API process's resident memory (/proc) and V8 heap in use (its metrics), each the least of a few samples (the heap between collections). */
async function apiMemory(api) {
  const samples = [];
  for (let i = 0; i < 5; i += 1) {
    if (i > 0) await sleep(400);
    const status = readFileSync(`/proc/${api.child.pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
    let heap = null;
    try {
      const res = await globalThis.fetch(`http://127.0.0.1:${api.metricsPort}/metrics`, { signal: globalThis.AbortSignal.timeout(5000) });
      heap = Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(await res.text())?.[1] ?? NaN);
      if (!Number.isFinite(heap)) heap = null;
    } catch {
      heap = null;
    }
    samples.push({ rss, heap });
  }
  const least = (key) => (samples.some((s) => s[key] === null) ? null : Math.min(...samples.map((s) => s[key])));
  return { rss: least('rss'), heap: least('heap') };
}

function describeMemory(m) {
  return `RSS ${m.rssBeforeMb} → ${m.rssAfterMb} MB (${m.rssPerPageKb} kB per page), heap ${m.heapBeforeMb ?? 'n/a'} → ${m.heapAfterMb ?? 'n/a'} MB (${m.heapPerPageKb ?? 'n/a'} kB per page)`;
}

// ---- PostgreSQL's raw commit rate (pgbench) -----------------------------------------------------

/** The two pgbench scripts: one transaction each, an INSERT and a single-row UPDATE. */
const PGBENCH_SCRIPTS = {
  spread: ['\\set id random(1, 10000)', 'BEGIN;', 'INSERT INTO bench_log (row_id, at) VALUES (:id, now());', 'UPDATE bench_row SET n = n + 1 WHERE id = :id;', 'END;'],
  hot: ['\\set id random(1, 3)', 'BEGIN;', 'INSERT INTO bench_log (row_id, at) VALUES (:id, now());', 'UPDATE bench_row SET n = n + 1 WHERE id = :id;', 'END;'],
};

/**
 * pgbench against the bench's PostgreSQL (the APIs are idle by then), in a database of its own:
 * transactions a second and their mean latency for each script, or { skipped } when pgbench is
 * not installed.
 */
async function pgbenchCommitRate() {
  const which = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) {
    log("pgbench: not installed, PostgreSQL's raw commit rate skipped (Debian: apt-get install postgresql-client)");
    return { skipped: 'pgbench not installed (apt-get install postgresql-client)' };
  }
  const url = new URL(running.system.pg.url);
  const { Client } = require('pg');
  const admin = new Client({ connectionString: running.system.pg.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench_commits');
  await admin.end();
  const db = new Client({ connectionString: running.system.pg.url.replace(/\/postgres$/, '/bench_commits') });
  await db.connect();
  await db.query('CREATE TABLE bench_row (id int PRIMARY KEY, n bigint NOT NULL DEFAULT 0)');
  await db.query('CREATE TABLE bench_log (id bigserial PRIMARY KEY, row_id int NOT NULL, at timestamptz NOT NULL)');
  await db.query('INSERT INTO bench_row (id) SELECT generate_series(1, 10000)');
  const { rows } = await db.query("SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sync, current_setting('fsync') AS fsync");
  await db.end();
  const dir = mkdtempSync(join(tmpdir(), 'mpp-bench-pgbench-'));
  const result = { pgbench: which.stdout.trim(), server: rows[0].version, synchronousCommit: rows[0].sync, fsync: rows[0].fsync, clients: PGBENCH_CLIENTS, seconds: PGBENCH_SECONDS };
  try {
    for (const [name, lines] of Object.entries(PGBENCH_SCRIPTS)) {
      const file = join(dir, `${name}.sql`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const cpu = cpuSample();
      const out = await runPgbench(
        ['-n', '-c', String(PGBENCH_CLIENTS), '-j', '2', '-T', String(PGBENCH_SECONDS), '-f', file, '-h', url.hostname, '-p', url.port, '-U', decodeURIComponent(url.username), 'bench_commits'],
        { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
      );
      const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
      const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
      if (!Number.isFinite(tps)) throw new Error(`pgbench answered no tps:\n${out}`);
      result[name] = { transactionsPerSecond: round(tps, 0), latencyMeanMs: round(latency, 2), cpu: cpuSince(cpu) };
      log(
        `pgbench ${name} (${name === 'hot' ? 'UPDATE one of 3 rows' : 'UPDATE one of 10,000 rows'} + INSERT, one transaction; ${PGBENCH_CLIENTS} clients, ${PGBENCH_SECONDS} s): ` +
          `${round(tps, 0)} commits/s, mean latency ${round(latency, 2)} ms; ${describeCpu(result[name].cpu, tps * PGBENCH_SECONDS, 'commit')}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

function runPgbench(args, env) {
  return new Promise((done, reject) => {
    const child = spawn('pgbench', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.children.push(child);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? done(out) : reject(new Error(`pgbench exited with ${code}:\n${out}`))));
  });
}

// ---- the PostgreSQL adapter's messages, as another process hears them ------------------------

const ADAPTER_MESSAGE_TYPES = { 1: 'initial heartbeat', 2: 'heartbeat', 3: 'broadcast', 4: 'sockets join', 5: 'sockets leave', 6: 'disconnect sockets', 7: 'fetch sockets', 8: 'fetch sockets response', 9: 'server-side emit', 10: 'server-side emit response', 11: 'broadcast client count', 12: 'broadcast ack', 13: 'adapter close' };

/**
 * With the PostgreSQL adapter: LISTENs on the /queue namespace's channel (socket.io#/queue) as
 * one more process would, and counts what the API processes send, by message type and, for
 * broadcasts, by event name. take() answers the counts since the last take().
 */
async function adapterMessages() {
  const { Client } = require('pg');
  const pg = new Client({ connectionString: running.system.pg.url.replace(/\/postgres$/, '/mpp_bench') });
  await pg.connect();
  pg.on('error', () => undefined); // the server stops under it at the end
  running.listeners.push(pg);
  let counts = new Map();
  pg.on('notification', (message) => {
    let key = 'unreadable';
    try {
      const m = JSON.parse(message.payload);
      const event = m.type === 3 ? m.data?.packet?.data?.[0] : undefined;
      key = m.attachmentId ? `${ADAPTER_MESSAGE_TYPES[m.type] ?? m.type} (attachment)` : event ? `broadcast ${event}` : (ADAPTER_MESSAGE_TYPES[m.type] ?? String(m.type));
    } catch {
      // counted as unreadable
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  await pg.query('LISTEN "socket.io#/queue"');
  return {
    take() {
      const taken = counts;
      counts = new Map();
      const total = [...taken.values()].reduce((a, b) => a + b, 0);
      return { total, byKind: Object.fromEntries([...taken].sort((a, b) => b[1] - a[1])) };
    },
  };
}

/** Heard during the phase: when the adapter falls behind, part of a phase's messages is heard in the next. */
function describeMessages(m, units, unit) {
  if (!m) return '';
  const per = (n) => (units ? round(n / units, 2) : 'n/a');
  return `; adapter messages ${m.total} (${per(m.total)} per ${unit}: ${Object.entries(m.byKind).map(([k, n]) => `${k} ${per(n)}`).join(', ')})`;
}

// ---- PostgreSQL's write transactions during a phase ------------------------------------------

/**
 * Transaction ids PostgreSQL has handed out so far: one per transaction that wrote (the API's
 * issues, calls and no-shows, and with the PostgreSQL adapter each NOTIFY, which takes an id to
 * queue its message), each a commit flushed to the WAL, what pgbench's figure measures. Read-only
 * statements take none. Exact, with no statistics lag.
 */
async function commitCount() {
  const { Client } = require('pg');
  const pg = new Client({ connectionString: running.system.pg.url });
  await pg.connect();
  try {
    const { rows } = await pg.query('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next');
    return { next: Number(rows[0].next), at: performance.now() };
  } finally {
    await pg.end();
  }
}

async function commitsSince(before, cpu, units) {
  const now = await commitCount();
  const commits = now.next - before.next;
  const wall = cpu?.wall ?? (now.at - before.at) / 1000;
  return { commits, perSecond: round(commits / wall, 0), perUnit: units ? round(commits / units, 2) : null };
}

function describeCommits(c, unit) {
  return `PostgreSQL write transactions ${c.commits} (${c.perSecond}/s, ${c.perUnit ?? 'n/a'} per ${unit})`;
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
      api: running.system.apis.reduce((sum, api) => sum + (procStat(String(api.child.pid))?.ticks ?? 0), 0) / CLOCK_TICKS,
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

/**
 * Waits until the API processes and PostgreSQL are idle (under a tenth of a core over half a
 * second), so that one phase's backlog (events still fanning out, autovacuum after a burst of
 * updates) is not measured as the next phase's delay. Prints how long that took: a long drain
 * is a figure of its own.
 */
async function settle(phase) {
  const started = performance.now();
  for (;;) {
    const before = cpuSample();
    await sleep(500);
    const used = cpuSince(before);
    const waited = performance.now() - started;
    if (!used || used.api + used.postgres < 0.05) {
      if (waited > 1000) log(`  before ${phase}: API processes and PostgreSQL busy for ${seconds(waited - 500)} after the last phase`);
      return;
    }
    if (waited > 60_000) {
      log(`  before ${phase}: API processes and PostgreSQL still busy after 60 s (${used.api} + ${used.postgres} CPU s in the last 0.5 s); measuring anyway`);
      return;
    }
  }
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
  return running.system.postmasterPid;
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

/** [metric, value, goal key or null] for one run's figures. */
function tableRows(f) {
  const many = f.nodes > 1;
  const pg = f.pgbench ?? {};
  return [
    ['issue throughput (20 kiosks)', `${f.issuePerSecond}/s`, 'issuePerSecond'],
    ['issue latency p50', ms(f.issueP50Ms), null],
    ['issue latency p99', ms(f.issueP99Ms), 'issueP99Ms'],
    ['call-next latency p50 (30 counters at once)', ms(f.callNextP50Ms), null],
    ['call-next latency p99 (30 counters at once)', ms(f.callNextP99Ms), 'callNextP99Ms'],
    ['call-next throughput saturated (30 loops)', `${f.callNextSaturatedPerSecond}/s`, null],
    ['call-next p50 saturated', ms(f.callNextSaturatedP50Ms), null],
    ['call-next p99 saturated', ms(f.callNextSaturatedP99Ms), null],
    ['call → display p50 (200 clients)', ms(f.displayDelayP50Ms), null],
    ['call → display p99 (200 clients)', ms(f.displayDelayP99Ms), 'displayDelayP99Ms'],
    ['display deliveries missed', String(f.displayMissed), 'displayMissed'],
    ...(many
      ? [
          ['call → display p99 across processes', ms(f.crossDisplayDelayP99Ms), 'crossDisplayDelayP99Ms'],
          ['deliveries across processes missed', `${f.crossDisplayMissed} of ${f.counts.crossDisplayDeliveries + f.crossDisplayMissed}`, 'crossDisplayMissed'],
        ]
      : []),
    ...(f.ticketPages
      ? [
          [`call → ticket page p99 (${f.ticketPages} pages, 1 process)`, ms(f.pageDelayP99Ms), 'pageDelayP99Ms'],
          ['ticket pages that never heard their call', String(f.pageMissed), 'pageMissed'],
          ['call-next p99 with the pages open', ms(f.pageCallNextP99Ms), 'pageCallNextP99Ms'],
          ['call → next place at a waiting page p99', ms(f.pagePlaceDelayP99Ms), null],
          [`call → next place, pages among the first ${NEAR_FRONT_PLACES}, p99`, ms(f.pageNearPlaceDelayP99Ms), null],
          ["pages' reads per call", String(f.pageReadsPerCall), null],
          ['API memory per open page (RSS / heap)', `${f.pageMemory.rssPerPageKb} kB / ${f.pageMemory.heapPerPageKb ?? 'n/a'} kB`, null],
        ]
      : []),
    ...(pg.skipped
      ? [['PostgreSQL raw commits (pgbench)', 'skipped: apt-get install postgresql-client', null]]
      : [
          ['PostgreSQL commits/s, pgbench, 10,000 rows', `${pg.spread?.transactionsPerSecond}/s`, null],
          ['PostgreSQL commits/s, pgbench, 3 hot rows', `${pg.hot?.transactionsPerSecond}/s`, null],
        ]),
  ];
}

function printTable(f) {
  const rows = tableRows(f).map(([metric, value, key]) => {
    const target = key ? GOALS[key] : null;
    const result = !target ? '' : invalidFigure(f, key) ? 'INVALID' : f[key] !== null && target.pass(f[key]) ? 'PASS' : 'MISS';
    return [metric, value, target?.text ?? '', result];
  });
  const misses = rows.filter((r) => r[3] === 'MISS').length;
  const invalid = rows.filter((r) => r[3] === 'INVALID').length;
  log('');
  log(`${f.nodes} API process${f.nodes > 1 ? 'es' : ''}, socket.io adapter ${f.socketAdapter}`);
  printColumns(['metric', 'value', 'target', 'result'], rows);
  log('');
  if (invalid) log(`${invalid} figure(s) INVALID: MEASUREMENT INVALID, the ticket pages phase called too few tickets with a page (exit code 1)`);
  log(misses ? `${misses} target(s) MISSED (a measurement, not a test: exit code 0)` : invalid ? 'the other targets met' : 'all targets met');
  log(`machine: ${f.machine.cpus} CPUs (${f.machine.cpuModel}), Node ${f.machine.node}, load average ${f.machine.loadAverage.join(' ')}; call → display is measured from the call-next request start`);
}

/** --compare: the two runs side by side. */
function printComparison([one, many]) {
  const manyRows = new Map(tableRows(many).map(([metric, value, key]) => [metric, { value, key }]));
  const oneRows = new Map(tableRows(one).map(([metric, value, key]) => [metric, { value, key }]));
  const metrics = [...new Set([...manyRows.keys(), ...oneRows.keys()])]; // the run with several processes has every row
  const verdict = (f, key) => (!key ? '' : invalidFigure(f, key) ? ' INVALID' : f[key] !== null && GOALS[key].pass(f[key]) ? ' PASS' : ' MISS');
  const rows = metrics.map((metric) => {
    const a = oneRows.get(metric);
    const b = manyRows.get(metric);
    const key = a?.key ?? b?.key;
    return [metric, a ? `${a.value}${verdict(one, a.key)}` : '—', b ? `${b.value}${verdict(many, b.key)}` : '—', key ? GOALS[key].text : ''];
  });
  log('');
  log('=== comparison ===');
  printColumns(['metric', `1 process (${one.socketAdapter})`, `${many.nodes} processes (${many.socketAdapter})`, 'target'], rows);
  log('');
  log(`machine: ${many.machine.cpus} CPUs (${many.machine.cpuModel}), Node ${many.machine.node}; runs at ${one.at} and ${many.at}`);
}

/** The ticket pages figures of a run whose calls went to too few tickets with a page. */
function invalidFigure(f, key) {
  return f.pageMeasurementValid === false && key.startsWith('page');
}

function printColumns(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => log(line(r)));
}

function ms(value) {
  return value === null ? 'n/a' : `${value} ms`;
}

main().catch((error) => fail(error));
