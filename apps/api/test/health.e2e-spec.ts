import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DATABASE_DOWN, HealthService } from '../src/health/health.service';
import { captureLogs, createTestApp, TestApp } from './support/test-app';

describe('Health and API docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedCatalogue: false });
  });
  afterAll(async () => t?.close());

  it('should report the database up with no pending migrations', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database).toMatchObject({ status: 'up', embedded: false, pendingMigrations: 0 });
    expect(typeof res.body.database.latencyMs).toBe('number');
  });

  it('should report a migration that has not been applied as pending', async () => {
    const db = t.app.get(DataSource);
    // TypeORM answers a DELETE … RETURNING as [rows, count].
    const [[last]] = (await db.query(`DELETE FROM schema_migration WHERE id = (SELECT max(id) FROM schema_migration) RETURNING *`)) as [Record<string, unknown>[], number];
    try {
      const res = await t.http().get('/api/health').expect(200);
      expect(res.body.database).toMatchObject({ status: 'up', pendingMigrations: 1 });
    } finally {
      await db.query(`INSERT INTO schema_migration (id, "timestamp", name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
    }
    expect((await t.http().get('/api/health').expect(200)).body.database.pendingMigrations).toBe(0);
  });

  it('should serve the OpenAPI document listing the public and admin endpoints', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const paths = Object.keys(res.body.paths as Record<string, unknown>);
    for (const path of ['/api/v1/sites', '/api/v1/sites/{code}', '/api/v1/sites/{code}/agencies', '/api/v1/services', '/api/v1/services/{id}', '/api/v1/auth/login', '/api/v1/admin/agencies/{id}/services', '/api/health']) {
      expect(paths).toContain(path);
    }
    await t.http().get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('should answer an unknown API path with a bilingual 404', async () => {
    const res = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(res.body.message.id).toMatch(/tidak ditemukan/);
    expect(res.body.message.en).toMatch(/not found/);
  });

  it('should answer malformed JSON with 400, not 500', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });
});

describe(HealthService.name, () => {
  let t: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ seedCatalogue: false, logger: captureLogs('info', logLines) });
  });
  afterAll(async () => t?.close());

  it('should answer a fixed bilingual status without the database error text when the database is unreachable', async () => {
    await dropDatabaseUnder(t);

    const res = await t.http().get('/api/health').expect(503);

    expect(res.body).toMatchObject({ status: 'degraded', database: { status: 'down', latencyMs: null, pendingMigrations: null, message: DATABASE_DOWN } });
    const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.context === 'Health');
    expect(typeof logged?.error).toBe('string');
    expect(logged?.reqId).toBe(res.headers['x-request-id']);
    const body = JSON.stringify(res.body);
    expect(body).not.toContain(JSON.stringify(logged?.error).slice(1, -1));
    expect(body).not.toContain(t.db.name);
    expect(Object.keys(res.body.database as object)).not.toContain('error');
  });
});

/** Ends the app's connections and removes its database, as a database server gone away would. */
async function dropDatabaseUnder(t: TestApp): Promise<void> {
  const admin = new Client({ connectionString: t.db.url.replace(`/${t.db.name}`, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE ${t.db.name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
