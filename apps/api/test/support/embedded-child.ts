/**
 * Run as its own process by embedded-postgres.e2e-spec.ts: starts the embedded PostgreSQL on
 * the given dir and port, proves it answers, prints READY, and stops cleanly on SIGTERM.
 */
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres({ dataDir, port: Number(port) });
  const client = new Client({ connectionString: server.url });
  await client.connect();
  // Each start adds a row, so a later start can show the data survived.
  await client.query('CREATE TABLE IF NOT EXISTS start_log (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
  await client.query('INSERT INTO start_log DEFAULT VALUES');
  const { rows } = await client.query<{ starts: number }>('SELECT count(*)::int AS starts FROM start_log');
  await client.end();
  process.stdout.write(`READY starts=${rows[0].starts}\n`);
  process.once('SIGTERM', () => {
    void server.stop().then(() => process.exit(0));
  });
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`FAILED ${(error as Error).message}\n`);
  process.exit(1);
});
