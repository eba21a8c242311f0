import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

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
  const key = createHash('sha256').update(__dirname).digest('hex').slice(0, 10);
  const dataDir = join(tmpdir(), `mpp-digital-test-pg-${key}`);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true, fresh: true });
  process.env.MPP_TEST_PG_URL = server.url;
  (globalThis as { __MPP_TEST_PG__?: unknown }).__MPP_TEST_PG__ = server;
  // A crash skips the teardown; the next run's `fresh` start cleans up what is left.
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
