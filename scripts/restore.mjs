#!/usr/bin/env node
// `npm run restore -- FILE [--force]`: puts an archive of `npm run backup` back into DATA_DIR:
// the embedded PostgreSQL's data directory (with the backup_label and WAL that make it
// consistent), the data key, the JWT secret and the file store. The next `npm start` (or any start
// of the embedded server on it) replays the WAL and opens the database as it was when the backup
// stopped. Nothing in DATA_DIR is deleted: without --force a DATA_DIR that already holds any of
// these is refused; with --force they are moved aside. See docs/backup.md.
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extract as extractTar } from 'tar';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  closedToPostgres,
  DOCS,
  ensurePostgresUser,
  holdsSomething,
  installedPostgresMajor,
  isRoot,
  ITEMS,
  keyFingerprint,
  OperatorError,
  parseCommandLine,
  parseKey,
  runMain,
  runningServer,
  settingsFromEnv,
  userPath,
  utcStamp,
} from './lib/embedded-data.mjs';

const USAGE = `Usage: npm run restore -- FILE [--force]

Restores a backup made by "npm run backup" into DATA_DIR (default ./.data): the embedded
PostgreSQL, the data key, the JWT secret and the file store. Then start the API as usual
(npm start): PostgreSQL finishes the restore at its first start.

  --force      DATA_DIR already holds a database (or keys): move them aside, to
               <name>.before-restore-<time> in DATA_DIR, and restore (nothing is deleted).
               The API must be stopped.
  --help, -h   this text

Environment: DATA_DIR (as for the API). Run it as the user that runs the API. With DATABASE_URL
set the API does not use the embedded database: restore a pg_dump with pg_restore (${DOCS}).`;

const state = { staging: null };

async function main() {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length !== 1) throw new OperatorError(`Name one backup file to restore.\n\n${USAGE}`);
  const settings = settingsFromEnv();
  if (settings.databaseUrl) {
    throw new OperatorError(
      'DATABASE_URL is set, so the API would not use the embedded database this restores.\n' +
        `Restore a dump of your PostgreSQL with pg_restore (${DOCS}), or run without DATABASE_URL to restore the embedded one into DATA_DIR.`,
    );
  }
  const archive = userPath(positionals[0]);
  if (!existsSync(archive)) throw new OperatorError(`There is no file ${archive}. Name the archive "npm run backup" wrote.`);
  const { dataDir, pgDir } = settings;

  const running = runningServer(pgDir);
  if (running) {
    throw new OperatorError(
      `A PostgreSQL (pid ${running.pid}) is running on ${pgDir}. Stop the API (Ctrl+C, or stop its service) and restore again; ` +
        'or restore into another, empty DATA_DIR.',
    );
  }

  // Before reading the archive (which may be large): what DATA_DIR holds already is never overwritten.
  const present = Object.values(ITEMS).filter((item) => holdsSomething(join(dataDir, item)));
  if (present.length > 0 && !values.force) {
    throw new OperatorError(
      `${dataDir} already holds ${present.join(', ')}: a restore never overwrites them.\n` +
        `Restore into a new, empty directory (DATA_DIR=/path/to/new npm run restore -- ${positionals[0]}), ` +
        'or stop the API and add --force to move the current ones aside (to <name>.before-restore-<time>, nothing is deleted).',
    );
  }

  // Unpack next to where the parts go (same file system: each is then moved in one rename).
  try {
    await fs.mkdir(dataDir, { recursive: true });
    state.staging = await fs.mkdtemp(join(dataDir, '.restore-'));
  } catch (error) {
    throw new OperatorError(`Cannot write to ${dataDir} (${error.code ?? error.message}). Set DATA_DIR to a writable directory with free space.`);
  }
  await fs.chmod(state.staging, 0o700);
  const staged = (name) => join(state.staging, name);
  console.log(`Reading ${archive}`);
  try {
    await extractTar({ file: archive, cwd: state.staging, preserveOwner: false, strict: true });
  } catch (error) {
    if (error.code === 'ENOSPC') throw new OperatorError(`The disk of ${dataDir} is full. Free some space, or restore into a DATA_DIR on another disk.`);
    throw new OperatorError(`${archive} is not a readable backup archive (${error.message}). Is it the whole file "npm run backup" wrote?`);
  }
  const manifest = readManifest(staged('manifest.json'), archive);
  for (const item of manifest.contents) {
    if (!existsSync(staged(item))) throw new OperatorError(`${archive} is incomplete: its manifest lists "${item}", which is not in it. Use another backup.`);
  }
  if (!existsSync(staged('postgres/PG_VERSION')) || !existsSync(staged('postgres/backup_label'))) {
    throw new OperatorError(`${archive} holds no complete database copy (no PG_VERSION or backup_label). Use another backup.`);
  }
  const installed = installedPostgresMajor();
  if (installed !== null && manifest.postgres.major !== installed) {
    throw new OperatorError(
      `This backup was made by PostgreSQL ${manifest.postgres.major} (${manifest.postgres.version}); this installation's embedded PostgreSQL is ${installed}, which cannot open it.\n` +
        `Restore it with the version of MPP Digital that made it, then move the data with pg_dump/pg_restore (${DOCS}).`,
    );
  }

  // PostgreSQL starts only on a data directory of mode 0700 (or 0750) owned by the user it runs as.
  await fs.chmod(staged(ITEMS.postgres), 0o700);
  for (const key of [ITEMS.dataKey, ITEMS.jwtSecret, ITEMS.vapidKeys]) if (manifest.contents.includes(key)) await fs.chmod(staged(key), 0o600);
  if (isRoot()) {
    const owner = statSync(dataDir);
    if (owner.uid !== 0) {
      // DATA_DIR belongs to another user, who runs the API (and with it PostgreSQL): theirs.
      for (const item of manifest.contents) await chownTree(staged(item), { uid: owner.uid, gid: owner.gid });
      console.log(`Running as root: the restored files belong to the owner of ${dataDir} (uid ${owner.uid}), who runs the API.`);
    } else {
      // As embedded-postgres.ts does: an API run as root runs the embedded server as the system user "postgres".
      const ids = ensurePostgresUser((line) => console.log(line));
      await chownTree(staged(ITEMS.postgres), ids);
      const closed = closedToPostgres(pgDir, ids);
      if (closed) {
        console.log(
          `\nNote: the system user "postgres", which runs the embedded server when the API runs as root, cannot enter ${closed.dir} (mode ${closed.mode}). ` +
            `Run "chmod o+x ${closed.dir}" before starting the API, or run the API as a normal user.`,
        );
      }
    }
  }

  // Only now, with the copy ready to go in: the current ones aside.
  const stamp = utcStamp();
  for (const item of Object.values(ITEMS)) {
    const target = join(dataDir, item);
    if (present.includes(item)) {
      const aside = `${target}.before-restore-${stamp}`;
      await fs.rename(target, aside);
      console.log(`Moved the current ${item} aside to ${aside}`);
    } else if (existsSync(target)) {
      await fs.rmdir(target); // an empty directory
    }
  }

  for (const item of manifest.contents) await fs.rename(staged(item), join(dataDir, item));
  await fs.rm(state.staging, { recursive: true, force: true });
  state.staging = null;

  console.log('');
  console.log(`Restored into ${dataDir}: ${manifest.contents.join(', ')}`);
  console.log(`  the database as of ${manifest.postgres.stoppedAt} (PostgreSQL ${manifest.postgres.version}), backed up on ${manifest.createdAt}`);
  console.log('  Start the API as usual (npm start, with this DATA_DIR): PostgreSQL replays the backup\'s WAL at its first start.');
  for (const warning of dataKeyWarnings(manifest, settings)) console.log(`\n  ${warning}`);
}

function readManifest(file, archive) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new OperatorError(`${archive} is not an MPP Digital backup (it has no manifest.json). Name an archive written by "npm run backup".`);
  }
  if (manifest.format !== ARCHIVE_FORMAT || !Array.isArray(manifest.contents)) {
    throw new OperatorError(`${archive} is not an MPP Digital backup (its manifest says "${manifest.format}").`);
  }
  if (manifest.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new OperatorError(`${archive} is a backup of format ${manifest.formatVersion}; this version reads format ${ARCHIVE_FORMAT_VERSION}. Restore it with the version of MPP Digital that made it.`);
  }
  const known = new Set(Object.values(ITEMS));
  const unknown = manifest.contents.filter((item) => !known.has(item));
  if (unknown.length > 0 || !manifest.contents.includes(ITEMS.postgres)) {
    throw new OperatorError(`${archive} lists contents this version does not know (${unknown.join(', ') || 'no postgres'}). Restore it with the version of MPP Digital that made it.`);
  }
  return manifest;
}

/** What the operator must do so that the restored personal data can be read. */
function dataKeyWarnings(manifest, settings) {
  const envKey = settings.dataKeyEnv ? parseKey(settings.dataKeyEnv) : null;
  const envPrint = envKey ? keyFingerprint(envKey) : null;
  const backupPrint = manifest.dataKey?.fingerprint ?? null;
  if (manifest.dataKey?.source === 'environment') {
    if (envPrint && envPrint === backupPrint) return [];
    return [
      `This backup was made with DATA_KEY from the environment (fingerprint ${backupPrint}), which is not in the archive. ` +
        'Start the API with that same DATA_KEY: without it the citizens\' NIKs in this database cannot be read, and without any DATA_KEY the API would make a new key.' +
        (envPrint ? ` The DATA_KEY set now is another key (fingerprint ${envPrint}).` : ''),
    ];
  }
  if (envPrint && backupPrint && envPrint !== backupPrint) {
    return [
      `DATA_KEY is set in this environment (fingerprint ${envPrint}), and the API uses it instead of the restored data-key file (fingerprint ${backupPrint}): ` +
        'the restored NIKs would be unreadable. Start the API without DATA_KEY, or with the restored key (the content of data-key in DATA_DIR).',
    ];
  }
  return [];
}

async function chownTree(path, ids) {
  await fs.lchown(path, ids.uid, ids.gid);
  if (!(await fs.lstat(path)).isDirectory()) return;
  for (const entry of await fs.readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await chownTree(child, ids);
    else await fs.lchown(child, ids.uid, ids.gid);
  }
}

runMain(main, async () => {
  if (state.staging) await fs.rm(state.staging, { recursive: true, force: true });
});
