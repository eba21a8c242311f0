import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_ADMIN } from './test-app';

const ROOT = resolve(__dirname, '../../../..');
const CHILD = join(__dirname, 'api-child.ts');
const START_TIMEOUT_MS = 60_000;

/** A real API process (apps/api/src/server.ts) started by a test. */
export interface ApiProcess {
  name: string;
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  pid: number;
  /** Everything it printed, stdout and stderr, line by line. */
  output: string[];
  /** Resolves with the exit code (null when killed by a signal) once it has ended. */
  exited: Promise<number | null>;
  /** SIGTERM (a graceful stop, as a process manager asks) and wait for the exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies at once, as in a crash. */
  kill(): Promise<void>;
}

/** The secrets every process of one deployment shares (JWT_SECRET, DATA_KEY). */
export function clusterSecrets(): Record<string, string> {
  return { JWT_SECRET: randomBytes(36).toString('base64'), DATA_KEY: randomBytes(32).toString('base64') };
}

export interface ApiProcessOptions {
  name: string;
  databaseUrl: string;
  /** From clusterSecrets(): the same for every process of a deployment. */
  secrets: Record<string, string>;
  /** Extra or overriding variables (REDIS_URL, SOCKET_ADAPTER, QUEUE_SWEEP_SECONDS, ...). */
  env?: Record<string, string>;
  /** The instant the process's clock starts at (then it runs in real time). */
  clock?: string;
  /**
   * Loaded but not started: the child waits before startServer and calls this once with a
   * function that lets it go (startApiProcessesTogether releases several at the same moment).
   */
  onHold?: (release: () => void) => void;
}

const running = new Set<ChildProcess>();

/**
 * Starts `node apps/api/test/support/api-child.ts` (through ts-node, so the sources under test run,
 * not a build), on a free port, against `databaseUrl`, and waits until it listens. It runs
 * migrations and the seeds as main.ts does.
 */
export function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), `mpp-${options.name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SOCKET_ADAPTER', 'METRICS_PORT', 'PORT', 'JWT_SECRET', 'DATA_KEY']) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: dataDir,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    APPS_DIR: join(dataDir, 'no-apps'),
    LOG_LEVEL: 'warn',
    QUEUE_SWEEP_SECONDS: '0',
    OUTBOX_RELAY_SECONDS: '0',
    SHUTDOWN_DRAIN_SECONDS: '0',
    TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
    TS_NODE_TRANSPILE_ONLY: 'true',
    ...(options.clock ? { MPP_CHILD_CLOCK: options.clock } : {}),
    ...(options.onHold ? { MPP_CHILD_HOLD: '1' } : {}),
    ...options.secrets,
    ...options.env,
  });
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', CHILD], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const output: string[] = [];
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      running.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
      done(code);
    }),
  );
  return new Promise<ApiProcess>((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`${options.name} did not start within ${START_TIMEOUT_MS} ms:\n${output.slice(-30).join('\n')}`));
    }, START_TIMEOUT_MS);
    const onLine = (line: string) => {
      output.push(line);
      if (line === 'MPP_CHILD_HOLDING') options.onHold?.(() => child.kill('SIGUSR2'));
      const ready = /^MPP_CHILD_READY (\d+)$/.exec(line);
      if (!ready) return;
      clearTimeout(timer);
      const port = Number(ready[1]);
      resolveStart({
        name: options.name,
        port,
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        output,
        exited,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let rest = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop()!;
        lines.forEach(onLine);
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      rejectStart(new Error(`${options.name} exited (${code}) before it was ready:\n${output.slice(-30).join('\n')}`));
    });
  });
}

/** Starts `count` processes named api-1, api-2, ... on one database, one after the other (each migrates or finds the schema done). */
export async function startApiProcesses(count: number, options: Omit<ApiProcessOptions, 'name'>): Promise<ApiProcess[]> {
  const started: ApiProcess[] = [];
  try {
    for (let i = 1; i <= count; i++) started.push(await startApiProcess({ ...options, name: `api-${i}` }));
  } catch (error) {
    await Promise.all(started.map((p) => p.kill()));
    throw error;
  }
  return started;
}

/**
 * Starts `count` processes named api-1, api-2, ... on one database AT THE SAME MOMENT: each is
 * spawned and loads its code (ts-node), then waits; once all wait they are released together, so
 * their start-ups (migrations, seeds) race as replicas started by one deployment do. Resolves when
 * all listen; if one fails, the others are killed and the first failure is thrown.
 */
export async function startApiProcessesTogether(count: number, options: Omit<ApiProcessOptions, 'name' | 'onHold'>): Promise<ApiProcess[]> {
  const releases: (() => void)[] = [];
  let allHolding!: () => void;
  const holding = new Promise<void>((done) => (allHolding = done));
  const starts = Array.from({ length: count }, (_, i) =>
    startApiProcess({
      ...options,
      name: `api-${i + 1}`,
      onHold: (release) => {
        releases.push(release);
        if (releases.length === count) allHolding();
      },
    }),
  );
  const settled = Promise.allSettled(starts);
  // A child that fails while loading never holds: then nobody waits for the others.
  await Promise.race([holding, settled]);
  releases.forEach((release) => release());
  const results = await settled;
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (failed) {
    await Promise.all(started.map((p) => p.kill()));
    throw failed.reason;
  }
  return started;
}

/** Kills every process the tests of this file started and did not stop (for afterAll). */
export async function killApiProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
}
