// What `npm run backup` and `npm run restore` share: where the embedded PostgreSQL and the keys
// live (DATA_DIR, as the API reads it: apps/api/src/config/app-config.ts), whether a server runs
// on them, the system user "postgres" that runs it when we are root
// (apps/api/src/database/embedded-postgres.ts), and how a failure is told to the operator.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join, parse, resolve } from 'node:path';
import { arch, platform } from 'node:process';
import { parseArgs } from 'node:util';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** The embedded server's superuser, as in embedded-postgres.ts (it listens on 127.0.0.1 only). */
export const PG_USER = 'postgres';
export const PG_PASSWORD = 'postgres';

export const ARCHIVE_FORMAT = 'mpp-digital-backup';
export const ARCHIVE_FORMAT_VERSION = 1;

/** What a backup holds besides the manifest, as named in DATA_DIR and in the archive. */
export const ITEMS = {
  postgres: 'postgres',
  dataKey: 'data-key',
  jwtSecret: 'jwt-secret',
  files: 'files',
  vapidKeys: 'vapid-keys.json',
};

export const DOCS = 'docs/backup.md';

/** A failure the operator can act on: printed as is, without a stack trace, exit code 1. */
export class OperatorError extends Error {}

export function settingsFromEnv(env = process.env, cwd = process.cwd()) {
  const rawDir = env.DATA_DIR?.trim() || './.data';
  const dataDir = isAbsolute(rawDir) ? rawDir : resolve(cwd, rawDir);
  const rawPort = env.EMBEDDED_DB_PORT?.trim() || '54329';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1024 || port > 65535) {
    throw new OperatorError(`EMBEDDED_DB_PORT must be a whole number from 1024 to 65535 (got "${rawPort}").`);
  }
  return {
    dataDir,
    pgDir: join(dataDir, ITEMS.postgres),
    port,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataKeyEnv: env.DATA_KEY?.trim() || null,
  };
}

/** Where the operator typed the command: npm runs scripts from the project root, INIT_CWD is theirs. */
export function userPath(path) {
  return resolve(process.env.INIT_CWD || process.cwd(), path);
}

/** node:util parseArgs, with a mistake in the command line told as what to type instead. */
export function parseCommandLine(args, options, usage) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new OperatorError(`${error.message}\n\n${usage}`);
  }
}

/**
 * The server running on `pgDir`, from its postmaster.pid (pid, data dir, start time, port, ...),
 * or null when none runs (no file, or a stale one whose process is gone).
 */
export function runningServer(pgDir) {
  let lines;
  try {
    lines = readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return null; // EPERM: alive, run by another user
  }
  return { pid, port: Number.isInteger(port) && port > 0 ? port : null };
}

/** A data directory that holds a PostgreSQL cluster (or anything at all: never overwritten). */
export function holdsSomething(path) {
  if (!existsSync(path)) return false;
  try {
    return !statSync(path).isDirectory() || readdirSync(path).length > 0;
  } catch {
    return true;
  }
}

export const isRoot = () => userInfo().uid === 0;

/** uid and gid of the system user "postgres", or null when there is none. */
export function postgresIds() {
  try {
    const uid = Number(execFileSync('id', ['-u', PG_USER], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    const gid = Number(execFileSync('id', ['-g', PG_USER], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** As embedded-postgres.ts does at start: running as root, the server runs as "postgres". */
export function ensurePostgresUser(log) {
  const ids = postgresIds();
  if (ids) return ids;
  log('creating the system user "postgres", which runs the embedded PostgreSQL when started as root');
  try {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'], { stdio: 'ignore' });
  } catch (error) {
    throw new OperatorError(
      `Running as root, the embedded PostgreSQL runs as the system user "postgres", which could not be created (${error.message}). ` +
        'Create it (useradd postgres) and run the restore again, or run it as the user that runs the API.',
    );
  }
  return postgresIds();
}

/** The first directory above `target` the postgres user cannot enter, or null. */
export function closedToPostgres(target, ids) {
  const { root } = parse(target);
  const ancestors = [];
  for (let dir = dirname(target); dir !== root; dir = dirname(dir)) ancestors.unshift(dir);
  for (const dir of ancestors) {
    if (!existsSync(dir)) break;
    const st = statSync(dir);
    const canEnter = (st.uid === ids.uid && st.mode & 0o100) || (st.gid === ids.gid && st.mode & 0o010) || st.mode & 0o001;
    if (!canEnter) return { dir, mode: (st.mode & 0o777).toString(8).padStart(4, '0') };
  }
  return null;
}

/**
 * A short fingerprint of a data key, kept in the manifest: tells at restore whether the DATA_KEY
 * in the environment is the one the backup's personal data was written with. It reveals nothing
 * of the key (a hash of 32 random bytes).
 */
export function keyFingerprint(key) {
  return createHash('sha256').update('mpp-digital/backup-key-check/v1\0').update(key).digest('hex').slice(0, 16);
}

/** The key in a data-key file or a DATA_KEY value (base64, 32 bytes), or null when not a key. */
export function parseKey(text) {
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? key : null;
}

/** The major version of the PostgreSQL programs this install's embedded-postgres runs, or null. */
export function installedPostgresMajor() {
  try {
    const require = createRequire(join(ROOT, 'package.json'));
    const file = require.resolve(`@embedded-postgres/${platform}-${arch}/package.json`);
    const { version } = JSON.parse(readFileSync(file, 'utf8'));
    return Number(String(version).split('.')[0]) || null;
  } catch {
    return null;
  }
}

export function utcStamp(date = new Date()) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
}

export function humanSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/**
 * Runs a script's main: an OperatorError is printed as is; anything else with its stack, as a
 * bug. Either way `cleanup` runs first. Ctrl+C and SIGTERM also clean up before leaving.
 */
export function runMain(main, cleanup = async () => undefined) {
  let cleaning = null;
  const clean = () => (cleaning ??= cleanup().catch((error) => process.stderr.write(`Cleaning up failed: ${error.message}\n`)));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      process.stderr.write(`\nStopped by ${signal}; cleaning up.\n`);
      void clean().then(() => process.exit(130));
    });
  }
  main().then(
    async () => {
      await clean();
      process.exit(0);
    },
    async (error) => {
      await clean();
      if (error instanceof OperatorError) process.stderr.write(`\n${error.message}\n\n`);
      else process.stderr.write(`\nFailed unexpectedly: ${error?.stack ?? error}\n\n`);
      process.exit(1);
    },
  );
}
