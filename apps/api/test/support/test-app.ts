import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import type { Clock } from '../../src/common/clock';
import type pino from 'pino';
import { createRootLogger } from '../../src/common/logging/api-logger';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { FirstAdmin, Seeder } from '../../src/database/seeds/seeder';
import { signInStaff, TestAuthenticator } from './staff-sign-in';

/** A database of its own for one test file, on the run's PostgreSQL; dropped afterwards. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.MPP_TEST_PG_URL;
  if (!url) throw new Error('MPP_TEST_PG_URL is not set: run the tests through Jest (npm test), whose global setup starts PostgreSQL.');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `mpp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(serverUrl(), name),
    async drop() {
      const c = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export const TEST_ADMIN = { email: 'admin@mpp.test', password: 'rahasia-admin-123' };

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig & { jwtSecret: string; dataKey: Buffer } {
  const base = loadConfig({
    NODE_ENV: 'test',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    APPS_DIR: 'dist/apps',
    LOG_LEVEL: 'error',
    QUEUE_SWEEP_SECONDS: '0',
    OUTBOX_RELAY_SECONDS: '0',
  });
  return { ...base, jwtSecret: 'test-secret-'.padEnd(48, 'x'), dataKey: randomBytes(32), ...overrides } as AppConfig & { jwtSecret: string; dataKey: Buffer };
}

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  firstAdmin: FirstAdmin;
  http: () => ReturnType<typeof request>;
  /** The administrators' authenticator app: secrets enrolled through this app's sign-ins (and browsers'). */
  authenticator: TestAuthenticator;
  /** Signs in through POST /auth/login, with the second factor for administrators (enrolled at the first sign-in). */
  loginAs(email: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/** The whole API on a fresh, migrated (and by default seeded) database, listening on a free port. */
export async function createTestApp(
  options: { seedCatalogue?: boolean; config?: Partial<AppConfig>; clock?: Clock; /** Captures what the API logs (captureLogs). */ logger?: pino.Logger } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  // Uploaded files go to a directory of this app's own, removed at close, unless the test names one.
  const filesDir = options.config?.files ? null : mkdtempSync(join(tmpdir(), 'mpp-test-files-'));
  const config = testConfig(filesDir ? { ...options.config, files: { ...testConfig().files, dir: filesDir } } : options.config);
  const logger = options.logger ?? (process.env.MPP_TEST_LOGS ? undefined : false);
  const app = await createApp(config, { url: db.url, embedded: false }, { logger, clock: options.clock });
  const firstAdmin = await app.get(Seeder).run({ catalogue: options.seedCatalogue ?? true });
  await app.listen(0, '127.0.0.1');
  const http = () => request(app.getHttpServer());
  let adminToken: string | null = null;
  const authenticator = new TestAuthenticator();
  const post = async (path: string, body: object) => http().post(path).send(body);
  const loginAs = async (email: string, password: string): Promise<string> =>
    (await signInStaff(post, authenticator, email, password)).accessToken;
  return {
    app,
    db,
    firstAdmin,
    http,
    authenticator,
    loginAs,
    async adminToken() {
      adminToken ??= await loginAs(TEST_ADMIN.email, TEST_ADMIN.password);
      return adminToken;
    },
    async close() {
      await app.close();
      await db.drop();
      if (filesDir) rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/**
 * The API's real logger (pino, with its redaction and request ids) at `level`, writing each line to
 * `lines` instead of stdout.
 */
export function captureLogs(level: 'debug' | 'info' | 'warn' | 'error', lines: string[]): pino.Logger {
  return createRootLogger(level, { write: (line: string) => void lines.push(line) });
}
