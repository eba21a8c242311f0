import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, stopStaleServer } from '../../src/database/embedded-postgres';
import { freePort } from './free-port';

/**
 * Starts one PostgreSQL for the whole run: the embedded one in its own data dir and on a free
 * port, or the server of DATABASE_URL when set. Each test file then creates (and drops) its own
 * database there. MPP_TEST_PG_URL tells the workers where the server is.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.MPP_TEST_PG_URL = process.env.DATABASE_URL;
    return;
  }
  // One data dir per run (runs in the same checkout may overlap); those of dead runs are cleaned.
  const prefix = `mpp-digital-test-pg-${createHash('sha256').update(__dirname).digest('hex').slice(0, 10)}-`;
  await removeDeadRuns(prefix);
  const dataDir = join(tmpdir(), `${prefix}${process.pid}`);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true, fresh: true });
  process.env.MPP_TEST_PG_URL = server.url;
  (globalThis as { __MPP_TEST_PG__?: unknown }).__MPP_TEST_PG__ = server;
  // A crash skips the teardown; the next run cleans up what is left (removeDeadRuns).
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}

/** Stops the servers of runs that crashed (their process is gone) and removes their data dirs. */
async function removeDeadRuns(prefix: string): Promise<void> {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length));
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
    const dir = join(tmpdir(), entry);
    await stopStaleServer(dir, () => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

