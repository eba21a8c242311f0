import { Client } from 'pg';
import request from 'supertest';
import { MIGRATIONS } from '../src/database/typeorm-options';
import { seedSites } from '../src/database/seeds/data';
import holidays2026 from '../src/database/seeds/data/holidays-2026.json';
import { ApiProcess, clusterSecrets, killApiProcesses, startApiProcessesTogether } from './support/api-processes';
import { createTestDatabase, TestDatabase } from './support/test-app';

/**
 * Replicas of one deployment start together on an empty database (docs/architecture.md,
 * Start-up): the migrations and the seeds run under a PostgreSQL advisory lock, so they run once.
 * Seen failing without the lock (TypeORM's migrationsRun): two of three replicas released at the
 * same moment lost the migration race ('relation "schema_migration" already exists', 'column
 * "queue_mode" of relation "site" already exists') and came up only through @nestjs/typeorm's
 * retry three seconds later, which the no-error test below catches. With the migrations locked but
 * the seeds not, a replica crashed at every run: 'duplicate key value violates unique constraint
 * "uq_site_code"' (two replicas seeding the same site).
 */
describe('Start-up of several replicas at once', () => {
  const REPLICAS = 3;
  let db: TestDatabase;
  let sql: Client;
  let processes: ApiProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    processes = await startApiProcessesTogether(REPLICAS, { databaseUrl: db.url, secrets: clusterSecrets() });
  }, 120_000);

  afterAll(async () => {
    await killApiProcesses();
    await sql?.end();
    await db?.drop();
  }, 60_000);

  const count = async (query: string): Promise<number> => Number(((await sql.query(query)).rows[0] as { n: string }).n);

  it('should bring every replica up healthy', async () => {
    expect(processes).toHaveLength(REPLICAS);
    for (const p of processes) {
      const res = await request(p.url).get('/api/health');
      expect({ name: p.name, status: res.status }).toEqual({ name: p.name, status: 200 });
    }
  });

  it('should start each replica at the first attempt, with no error or warning logged', async () => {
    // @nestjs/typeorm retries a failed connection (and so a failed migration) after 3 s: a race
    // lost without the lock shows here as an error line, even when the retry then succeeds.
    const troubles = processes.flatMap((p) =>
      p.output.filter((line) => /"level":"(warn|error|fatal)"|Retrying|MPP_CHILD_FAILED/.test(line)).map((line) => `${p.name}: ${line.slice(0, 300)}`),
    );

    expect(troubles).toEqual([]);
  });

  it('should run each migration once', async () => {
    const rows = (await sql.query(`SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name ORDER BY name`)).rows as { name: string; n: number }[];

    expect(rows).toEqual(MIGRATIONS.map((m) => ({ name: m.name, n: 1 })).sort((a, b) => a.name.localeCompare(b.name)));
  });

  it('should create one first admin', async () => {
    expect(await count(`SELECT count(*) AS n FROM staff_user WHERE role = 'system_admin'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM staff_user`)).toBe(1);
  });

  it('should seed the calendar, the sites, their agencies, services and counters once', async () => {
    const agencies = seedSites.flatMap((s) => s.agencies);
    const services = agencies.flatMap((a) => a.services);
    const expected = {
      days: holidays2026.national.length + holidays2026.cutiBersama.length,
      sites: seedSites.length,
      agencies: agencies.length,
      services: services.length,
      requirements: services.reduce((n, s) => n + s.requirements.length, 0),
      // One loket per agency and a second for the first agency (seeder.ts, seedCounters).
      counters: seedSites.reduce((n, s) => n + (s.agencies.length ? s.agencies.length + 1 : 0), 0),
    };

    const actual = {
      days: await count(`SELECT count(*) AS n FROM national_calendar_day`),
      sites: await count(`SELECT count(*) AS n FROM site`),
      agencies: await count(`SELECT count(*) AS n FROM agency`),
      services: await count(`SELECT count(*) AS n FROM service`),
      requirements: await count(`SELECT count(*) AS n FROM service_requirement`),
      counters: await count(`SELECT count(*) AS n FROM counter`),
    };

    expect(actual).toEqual(expected);
  });
});
