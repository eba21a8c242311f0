import type { RunningEmbeddedPostgres } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __MPP_TEST_PG__?: RunningEmbeddedPostgres }).__MPP_TEST_PG__;
  await server?.stop();
}
