#!/usr/bin/env node
// `npm run backup [-- --out FILE]`: one archive (tar.gz) of everything the API keeps in DATA_DIR
// with the embedded PostgreSQL: a consistent copy of the database, the data key, the JWT secret
// and the file store. Works while the API runs (it connects to the running server) and when
// nothing runs (it starts the embedded server itself and stops it afterwards). See docs/backup.md.
//
// The database copy is PostgreSQL's low-level online backup: pg_backup_start, a copy of the data
// directory (the files may change while they are copied), pg_backup_stop, whose label file goes
// into the copy as backup_label, and the WAL written from the backup's start to its stop. At the
// next start on the restored copy PostgreSQL sees backup_label and replays that WAL, which makes
// the torn copy consistent as of the moment the backup stopped. A temporary replication slot,
// made before the start, keeps the server from recycling that WAL while the files are copied.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, promises as fs, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { create as createTar } from 'tar';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  DOCS,
  humanSize,
  ITEMS,
  keyFingerprint,
  OperatorError,
  parseCommandLine,
  parseKey,
  PG_PASSWORD,
  PG_USER,
  ROOT,
  runMain,
  runningServer,
  settingsFromEnv,
  userPath,
  utcStamp,
} from './lib/embedded-data.mjs';

const require = createRequire(import.meta.url);

const USAGE = `Usage: npm run backup [-- --out FILE]

Backs up the embedded PostgreSQL of DATA_DIR (default ./.data), with the data key, the JWT
secret and the file store, into one tar.gz archive (default: mpp-backup-<UTC time>.tar.gz in the
current directory). The API may keep running; when it does not, the embedded server is started
for the backup and stopped afterwards.

  --out, -o FILE   where to write the archive (must not exist yet)
  --help, -h       this text

Environment: DATA_DIR, EMBEDDED_DB_PORT (as for the API). With DATABASE_URL set the database is
not the embedded one: back it up with pg_dump (${DOCS}).
Restore with: npm run restore -- FILE   (the archive holds the data key: keep it safe)`;

/** Not copied from the data directory (PostgreSQL's docs, "Making a Base Backup Using the Low Level API", and pg_basebackup's list). */
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'backup_manifest', 'current_logfiles', 'postgresql.auto.conf.tmp', 'backup_label.old']);
/** Directories copied empty: their contents are rebuilt at start (pg_wal is copied after the stop). */
const EMPTIED_DIRS = new Set(['pg_wal', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans', 'pg_replslot']);

const state = { staging: null, partial: null, launched: null, client: null };

async function main() {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length > 1 || (positionals.length === 1 && values.out)) throw new OperatorError(`Name one archive to write, with --out FILE.\n\n${USAGE}`);
  const settings = settingsFromEnv();
  if (settings.databaseUrl) {
    throw new OperatorError(
      'DATABASE_URL is set, so the API does not use the embedded PostgreSQL and there is nothing here to back up.\n' +
        `Back up your PostgreSQL with pg_dump (pg_dump -Fc "$DATABASE_URL" -f mpp.dump) and keep DATA_KEY with the dump: see ${DOCS}.\n` +
        'To back up the embedded database of DATA_DIR instead, run without DATABASE_URL.',
    );
  }
  if (settings.dataKeyEnv && !parseKey(settings.dataKeyEnv)) {
    throw new OperatorError('DATA_KEY is set but is not 32 bytes in base64, so the API would not start with it. Fix DATA_KEY (as the API uses it) and back up again.');
  }
  const { dataDir, pgDir } = settings;
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    throw new OperatorError(
      `There is no embedded database in ${pgDir}: nothing to back up.\n` +
        'Set DATA_DIR to the directory the API uses (default ./.data in the project directory), as when starting it.',
    );
  }

  const out = userPath(values.out ?? positionals[0] ?? `mpp-backup-${utcStamp()}.tar.gz`);
  if (existsSync(out)) throw new OperatorError(`${out} already exists. Choose another name with --out FILE (a backup never overwrites a file).`);
  if (out.startsWith(`${dataDir}/`)) throw new OperatorError(`Write the backup outside DATA_DIR (${dataDir}), ideally to another disk: --out FILE.`);
  try {
    await fs.mkdir(dirname(out), { recursive: true });
    state.staging = await fs.mkdtemp(join(dirname(out), '.mpp-backup-'));
  } catch (error) {
    throw new OperatorError(`Cannot write the backup in ${dirname(out)} (${error.code ?? error.message}). Choose a writable directory with free space: --out FILE.`);
  }
  await fs.chmod(state.staging, 0o700); // it holds the keys
  const staged = (name) => join(state.staging, name);

  log(`Backing up ${dataDir}`);
  const postgres = await copyDatabase(settings, staged(ITEMS.postgres));

  // After the database: a file named by a row in the copy was written before that row, so it is
  // here too (the store only adds files). Each is optional: an API that never started has none.
  const contents = [ITEMS.postgres];
  for (const item of [ITEMS.dataKey, ITEMS.jwtSecret, ITEMS.files, ITEMS.vapidKeys]) {
    const source = join(dataDir, item);
    if (!existsSync(source)) continue;
    await fs.cp(source, staged(item), { recursive: true, preserveTimestamps: true, errorOnExist: true }).catch((error) => {
      throw explainIoError(error, staged(item));
    });
    contents.push(item);
  }

  const dataKey = describeDataKey(settings, existsSync(staged(ITEMS.dataKey)) ? await fs.readFile(staged(ITEMS.dataKey), 'utf8') : null);
  const manifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    dataDir,
    contents,
    postgres,
    dataKey,
  };
  await fs.writeFile(staged('manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });

  log('Writing the archive');
  state.partial = `${out}.partial-${process.pid}`;
  await fs.writeFile(state.partial, '', { mode: 0o600 }); // readable by no one else from the first byte
  await createTar({ gzip: true, file: state.partial, cwd: state.staging, portable: true }, ['manifest.json', ...contents]).catch((error) => {
    throw explainIoError(error, state.partial);
  });
  await fs.rename(state.partial, out);
  state.partial = null;

  const size = statSync(out).size;
  log('');
  log(`Backup written: ${out} (${humanSize(size)})`);
  log(`  PostgreSQL ${postgres.version}, consistent as of ${postgres.stoppedAt}; also: ${contents.filter((c) => c !== ITEMS.postgres).join(', ') || 'nothing else'}`);
  log(`  Restore into an empty DATA_DIR with: npm run restore -- ${out}`);
  if (dataKey.source === 'environment') {
    log('');
    log(`  DATA_KEY comes from the environment and is NOT in the archive (fingerprint ${dataKey.fingerprint}).`);
    log('  Keep it with this backup: without it the citizens\' NIKs in it cannot be read.');
  } else if (dataKey.source === 'file') {
    log('  The archive holds the data key: store it where only operators can read it (encrypted, off this machine).');
  }
}

/** The low-level online backup of the embedded server into `target`; returns the manifest's postgres part. */
async function copyDatabase(settings, target) {
  const { pgDir } = settings;
  const running = runningServer(pgDir);
  let port;
  if (running) {
    port = running.port ?? settings.port;
    log(`The embedded PostgreSQL is running (pid ${running.pid}, port ${port}): backing up online`);
  } else {
    log('The embedded PostgreSQL is not running: starting it for the backup');
    const { startEmbeddedPostgres } = await loadLauncher();
    state.launched = await startEmbeddedPostgres({ dataDir: pgDir, port: settings.port }).catch((error) => {
      throw new OperatorError(`${error.message}\nIf the API is starting right now, wait until it runs and back up again.`);
    });
    port = settings.port;
  }

  const { Client } = require('pg');
  const client = new Client({ host: '127.0.0.1', port, user: PG_USER, password: PG_PASSWORD, database: 'postgres', application_name: 'mpp-backup' });
  state.client = client;
  client.on('error', () => undefined); // a lost connection fails the query in progress, which says so
  try {
    await client.connect();
  } catch (error) {
    throw new OperatorError(
      `Cannot connect to the embedded PostgreSQL on 127.0.0.1:${port} (${error.message}).\n` +
        'Is it the server of this DATA_DIR? Run the backup with the same DATA_DIR and EMBEDDED_DB_PORT as the API.',
    );
  }
  const one = async (sql, params) => (await client.query(sql, params)).rows[0];
  try {
    return await backUpOnline(client, one, pgDir, target, running);
  } catch (error) {
    if (error instanceof OperatorError) throw error;
    if (error.severity !== undefined || /Connection terminated/i.test(error.message)) {
      throw new OperatorError(
        `PostgreSQL ended the backup: ${error.message}.\nWas the API (and its database) started or stopped meanwhile? Run the backup again; nothing was written.`,
      );
    }
    throw error;
  }
}

async function backUpOnline(client, one, pgDir, target, running) {
  const version = await one(`SELECT current_setting('server_version') AS version, current_setting('server_version_num')::int AS num, (SELECT system_identifier::text FROM pg_control_system()) AS system_id`);
  const tablespaces = (await client.query(`SELECT spcname FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global')`)).rows;
  if (tablespaces.length > 0) {
    throw new OperatorError(
      `This database uses tablespaces outside its data directory (${tablespaces.map((t) => t.spcname).join(', ')}), which this backup does not copy. Back it up with pg_dump (${DOCS}).`,
    );
  }

  const slot = `mpp_backup_${process.pid}_${randomBytes(3).toString('hex')}`;
  try {
    // Temporary (dropped when this session ends) and reserving WAL now: nothing from here on is recycled.
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [slot]);
  } catch (error) {
    throw new OperatorError(`The backup needs a replication slot to keep the WAL it copies, and PostgreSQL refused one: ${error.message}`);
  }
  const label = `mpp-digital ${new Date().toISOString()}`;
  const started = await one('SELECT pg_backup_start($1, true) AS lsn, now() AS at', [label]);
  log(`Backup mode started at WAL ${started.lsn}: copying the data directory`);

  let copyError = null;
  try {
    const copied = await copyTree(pgDir, target, '');
    log(`Copied ${copied.files} files (${humanSize(copied.bytes)})`);
  } catch (error) {
    copyError = explainIoError(error, target);
  }
  // Always leave backup mode (ending the session would too); a failed copy is the error to tell.
  let stopped;
  try {
    stopped = await one('SELECT s.lsn, s.labelfile, s.spcmapfile, pg_walfile_name(s.lsn) AS stop_file, now() AS at FROM pg_backup_stop(false) s');
  } catch (error) {
    throw copyError ?? error;
  }
  if (copyError) throw copyError;
  log(`Backup mode stopped at WAL ${stopped.lsn}`);
  await fs.writeFile(join(target, 'backup_label'), stopped.labelfile, { mode: 0o600 });
  if (stopped.spcmapfile) await fs.writeFile(join(target, 'tablespace_map'), stopped.spcmapfile, { mode: 0o600 });

  const startFile = /^START WAL LOCATION: .* \(file ([0-9A-F]{24})\)$/m.exec(stopped.labelfile)?.[1];
  if (!startFile) throw new Error(`no START WAL LOCATION in the backup label:\n${stopped.labelfile}`);
  const walFiles = await copyWal(join(pgDir, 'pg_wal'), join(target, 'pg_wal'), startFile, stopped.stop_file);
  await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
  await client.end();
  state.client = null;
  if (state.launched) {
    await state.launched.stop();
    state.launched = null;
  }

  return {
    version: version.version,
    versionNum: version.num,
    major: Math.floor(version.num / 10000),
    systemIdentifier: version.system_id,
    label,
    startedAt: new Date(started.at).toISOString(),
    stoppedAt: new Date(stopped.at).toISOString(),
    startLsn: started.lsn,
    stopLsn: stopped.lsn,
    walFiles,
    serverWasRunning: running !== null,
  };
}

/**
 * Copies the data directory while the server writes to it: files may grow, shrink, appear or
 * vanish meanwhile (WAL replay at restore puts each right), so a vanished one is skipped.
 */
async function copyTree(source, target, rel) {
  const total = { files: 0, bytes: 0 };
  await fs.mkdir(target, { mode: 0o700 });
  let entries;
  try {
    entries = await fs.readdir(source, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return total; // a database dropped meanwhile
    throw error;
  }
  for (const entry of entries) {
    const name = entry.name;
    const path = rel ? `${rel}/${name}` : name;
    if ((!rel && SKIPPED_FILES.has(name)) || name === 'pg_internal.init' || name.startsWith('pgsql_tmp')) continue;
    const from = join(source, name);
    const to = join(target, name);
    if (entry.isSymbolicLink()) {
      // pg_wal may be a link to another disk (initdb --waldir); anything else would be a tablespace.
      if (path === 'pg_wal') await fs.mkdir(to, { mode: 0o700 });
      else throw new OperatorError(`${from} is a symbolic link, which this backup does not follow. Back up with pg_dump (${DOCS}).`);
    } else if (entry.isDirectory()) {
      if (!rel && EMPTIED_DIRS.has(name)) {
        await fs.mkdir(to, { mode: 0o700 });
        if (name === 'pg_wal') await Promise.all(['archive_status', 'summaries'].map((d) => fs.mkdir(join(to, d), { mode: 0o700 })));
        continue;
      }
      const sub = await copyTree(from, to, path);
      total.files += sub.files;
      total.bytes += sub.bytes;
    } else if (entry.isFile()) {
      try {
        await fs.copyFile(from, to);
        const st = await fs.stat(to);
        total.files += 1;
        total.bytes += st.size;
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
      }
    }
  }
  return total;
}

/** The WAL segments from the backup's start to its stop (same timeline), and the timeline history files. */
async function copyWal(walDir, target, startFile, stopFile) {
  const timeline = startFile.slice(0, 8);
  const names = (await fs.readdir(walDir)).filter(
    (n) => (/^[0-9A-F]{24}$/.test(n) && n.startsWith(timeline) && n >= startFile && n <= stopFile) || /^[0-9A-F]{8}\.history$/.test(n),
  );
  for (const needed of new Set([startFile, stopFile])) {
    if (!names.includes(needed)) throw new Error(`the WAL segment ${needed} needed by the backup is missing from ${walDir}`);
  }
  for (const name of names) await fs.copyFile(join(walDir, name), join(target, name));
  return names.sort();
}

function describeDataKey(settings, fileText) {
  if (settings.dataKeyEnv) {
    const key = parseKey(settings.dataKeyEnv);
    return { source: 'environment', fingerprint: keyFingerprint(key), fileInArchive: fileText !== null };
  }
  if (fileText === null) return { source: 'none' };
  const key = parseKey(fileText);
  return { source: 'file', fingerprint: key ? keyFingerprint(key) : null };
}

/**
 * The API's own launcher (apps/api/src/database/embedded-postgres.ts): compiled when the build is
 * current (the production image has only that), else the TypeScript through ts-node in a
 * checkout, else built first as `npm start` would.
 */
async function loadLauncher() {
  const compiled = join(ROOT, 'dist/apps/api/apps/api/src/database/embedded-postgres.js');
  const source = join(ROOT, 'apps/api/src/database/embedded-postgres.ts');
  const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
  if (mtime(compiled) > 0 && mtime(compiled) >= mtime(source)) return require(compiled);
  if (mtime(source) > 0) {
    try {
      require('ts-node').register({ transpileOnly: true, project: join(ROOT, 'tsconfig.json') });
      return require(source);
    } catch {
      // no ts-node (production dependencies only): build below
    }
  }
  const { buildIfStale } = await import('./build-if-stale.mjs');
  buildIfStale(['api']);
  return require(compiled);
}

/** A full disk or a closed directory, told as such. */
function explainIoError(error, where) {
  if (error.code === 'ENOSPC') return new OperatorError(`The disk is full while writing ${where}. Free some space, or write the backup to another disk with --out FILE.`);
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return new OperatorError(`Permission denied (${error.path ?? where}). Run the backup as the user that runs the API (or as root).`);
  }
  return error;
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

runMain(main, async () => {
  if (state.client) await state.client.end().catch(() => undefined);
  if (state.launched) await state.launched.stop().catch(() => undefined);
  if (state.partial) await fs.rm(state.partial, { force: true });
  if (state.staging) await fs.rm(state.staging, { recursive: true, force: true });
});
