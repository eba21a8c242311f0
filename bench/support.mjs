// What every bench shares (bench/queue-bench.mjs, bench/portal-load.mjs, bench/applications-bench.mjs):
// a system of the bench's own, started the same way each time: an embedded PostgreSQL (throw-away
// data dir, free port, 127.0.0.1 only) with one database, and processes of the built API on it,
// all with one data dir and one set of secrets (the replicas of one deployment), each waited for
// on /api/health, all stopped and their directories removed by stop().
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, TARGETS } from '../scripts/build-if-stale.mjs';

const require = createRequire(import.meta.url);

/** The built API's entry point (`npm run build:api`). */
export const API_MAIN = join(ROOT, TARGETS.api.output);

/**
 * Settings of the bench's own environment that would change what is measured (another Redis,
 * metrics port, adapter, public address): never passed on to the API unless a bench sets them.
 */
const NOT_INHERITED = ['REDIS_URL', 'METRICS_PORT', 'SOCKET_ADAPTER', 'PUBLIC_URL'];

/** The last lines a process wrote (for the error when it fails to start). */
const OUTPUT_LINES = 40;

/** A free TCP port on 127.0.0.1. */
export function freePort() {
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

/** The postmaster's pid, from its data dir (its children are the server's processes); null when not running. */
export function postmasterPid(dataDir) {
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

/** Stops a child process: `signal`, then SIGKILL if it has not exited within 10 s. */
export async function stopChild(child, exited, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!done) child.kill('SIGKILL');
}

/**
 * One bench's system. `name` names its directories (`mpp-<name>-pg-<pid>`, `mpp-<name>-data-<pid>`
 * under the temp dir); `apiMain` is the API build to run (its embedded PostgreSQL launcher is
 * taken from the same build).
 */
export class BenchSystem {
  constructor(name, { apiMain = API_MAIN } = {}) {
    this.apiMain = apiMain;
    this.pgDataDir = join(tmpdir(), `mpp-${name}-pg-${process.pid}`);
    this.apiDataDir = join(tmpdir(), `mpp-${name}-data-${process.pid}`);
    /** The embedded server's handle (`url` is its postgres database) once started. */
    this.pg = null;
    this.databaseUrl = null;
    /** Every API process started (also one that never answered), in order. */
    this.apis = [];
    /** Shared by every API process of this system. */
    this.secrets = { DATA_KEY: randomBytes(32).toString('base64'), JWT_SECRET: randomBytes(36).toString('base64url') };
  }

  /** Starts PostgreSQL (fresh data dir) and creates `database`; answers that database's URL. */
  async startDatabase(database, { extraFlags = [], log } = {}) {
    const { startEmbeddedPostgres } = require(join(dirname(this.apiMain), 'database/embedded-postgres.js'));
    this.pg = await startEmbeddedPostgres({ dataDir: this.pgDataDir, port: await freePort(), ephemeral: true, fresh: true, extraFlags, ...(log ? { log } : {}) });
    const { Client } = require('pg');
    const pg = new Client({ connectionString: this.pg.url });
    await pg.connect();
    await pg.query(`CREATE DATABASE ${database}`);
    await pg.end();
    this.databaseUrl = this.pg.url.replace(/\/postgres$/, `/${database}`);
    return this.databaseUrl;
  }

  /** The postmaster's pid while the database runs. */
  get postmasterPid() {
    return postmasterPid(this.pgDataDir);
  }

  /**
   * Starts one API process on the database, on a free port (and, with `metrics`, its metrics on
   * another, 127.0.0.1 only), and waits until /api/health answers 200. `env`: the bench's own
   * settings, over the common ones (host, database, data dir, secrets, LOG_LEVEL=warn, no
   * background sweeps); `unset`: more inherited variables to leave out; `nodeArgs`: Node's flags.
   * Answers { index, port, metricsPort, base, pid, child, exited, output }.
   */
  async startApi({ env = {}, unset = [], nodeArgs = [], metrics = false, timeoutMs = 90_000 } = {}) {
    const index = this.apis.length;
    const port = await freePort();
    const metricsPort = metrics ? await freePort() : null;
    const inherited = { ...process.env };
    for (const name of [...NOT_INHERITED, ...unset]) delete inherited[name];
    const child = spawn(process.execPath, [...nodeArgs, this.apiMain], {
      cwd: ROOT,
      env: {
        ...inherited,
        HOST: '127.0.0.1',
        DATABASE_URL: this.databaseUrl,
        DATA_DIR: this.apiDataDir,
        ...this.secrets,
        LOG_LEVEL: 'warn',
        QUEUE_SWEEP_SECONDS: '0',
        ...env,
        PORT: String(port),
        ...(metricsPort ? { METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1' } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = { index, port, metricsPort, base: `http://127.0.0.1:${port}`, pid: child.pid, child, exited: new Promise((done) => child.once('exit', done)), output: [] };
    this.apis.push(api); // stopped by stop() even if it never answers
    const keep = (chunk) => {
      api.output.push(chunk.toString());
      if (api.output.length > OUTPUT_LINES) api.output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const name = `API process ${index + 1}`;
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`${name} exited (code ${child.exitCode}) while starting:\n${api.output.join('')}`);
      try {
        const res = await globalThis.fetch(`${api.base}/api/health`, { signal: globalThis.AbortSignal.timeout(2000) });
        if (res.status === 200) return api;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`${name} did not answer /api/health within ${timeoutMs / 1000} s:\n${api.output.join('')}`);
  }

  /** Stops every API process and PostgreSQL, and removes their directories (also after a failed start). */
  async stop() {
    const { apis, pg } = this;
    this.apis = [];
    this.pg = null;
    await Promise.all(apis.map((api) => stopChild(api.child, api.exited)));
    await pg?.stop().catch(() => undefined);
    // Also when PostgreSQL never started: its data dir may be there already.
    rmSync(this.pgDataDir, { recursive: true, force: true });
    rmSync(this.apiDataDir, { recursive: true, force: true });
  }
}
