import { DataSource } from 'typeorm';
import { Seeder } from '../src/database/seeds/seeder';
import { seedSites } from '../src/database/seeds/data';
import { createTestApp, TestApp } from './support/test-app';

describe(Seeder.name, () => {
  let t: TestApp;
  const counts = async () =>
    (
      await t.app.get(DataSource).query(
        `SELECT (SELECT count(*) FROM site)::int AS sites, (SELECT count(*) FROM agency)::int AS agencies,
                (SELECT count(*) FROM service)::int AS services, (SELECT count(*) FROM service_requirement)::int AS requirements,
                (SELECT count(*) FROM national_calendar_day)::int AS days, (SELECT count(*) FROM staff_user)::int AS users`,
      )
    )[0] as Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('should load every seeded site, agency and service', async () => {
    const expected = {
      sites: seedSites.length,
      agencies: seedSites.reduce((n, s) => n + s.agencies.length, 0),
      services: seedSites.reduce((n, s) => n + s.agencies.reduce((m, a) => m + a.services.length, 0), 0),
    };
    expect(await counts()).toMatchObject(expected);
    expect(expected.services).toBeGreaterThanOrEqual(44);
  });

  it('should change nothing when run again', async () => {
    const before = await counts();
    const admin = await t.app.get(Seeder).run({ catalogue: true });
    expect(await counts()).toEqual(before);
    expect(admin).toMatchObject({ created: false, generatedPassword: null });
  });

  it('should keep an administrator edit when seeding again', async () => {
    await t.app.get(DataSource).query(`UPDATE service SET name = 'Nama dari admin' WHERE code = 'polresta-skck-baru'`);
    await t.app.get(Seeder).run({ catalogue: true });
    const [row] = await t.app.get(DataSource).query(`SELECT name FROM service WHERE code = 'polresta-skck-baru'`);
    expect(row.name).toBe('Nama dari admin');
  });

  it('should let citizens take tickets from home for the services the seed opens to them, each with a daily quota, and for no other', async () => {
    const expected = seedSites.flatMap((site) =>
      site.agencies.flatMap((a) => a.services.filter((sv) => sv.queue.onlineTicketEnabled).map((sv) => `${site.code}/${sv.code}/${String(sv.queue.dailyQuota)}`)),
    );
    const rows = (await t.app.get(DataSource).query(
      `SELECT st.code AS site, s.code, s.daily_quota FROM service s JOIN site st ON st.id = s.site_id WHERE s.online_ticket_enabled ORDER BY st.code, s.code`,
    )) as { site: string; code: string; daily_quota: number | null }[];

    expect(rows.map((r) => `${r.site}/${r.code}/${String(r.daily_quota)}`).sort()).toEqual([...expected].sort());
    expect(rows.every((r) => r.daily_quota !== null)).toBe(true);
    // Every seeded site shows the link on some service, and most services stay off.
    expect(new Set(rows.map((r) => r.site))).toEqual(new Set(seedSites.map((site) => site.code)));
    expect(rows.length).toBeLessThan((await counts()).services / 4);
  });

  it('should store each seeded completion time in its unit, calendar days included', async () => {
    const expected = seedSites.flatMap((site) => site.agencies.flatMap((a) => a.services.map((sv) => `${site.code}/${sv.code}: ${sv.completionTime.value} ${sv.completionTime.unit}`)));
    const rows = (await t.app.get(DataSource).query(
      `SELECT st.code AS site, s.code, s.completion_time_value AS value, s.completion_time_unit AS unit FROM service s JOIN site st ON st.id = s.site_id`,
    )) as { site: string; code: string; value: number; unit: string }[];

    expect(rows.map((r) => `${r.site}/${r.code}: ${r.value} ${r.unit}`).sort()).toEqual([...expected].sort());
    expect(rows.filter((r) => r.unit === 'calendar_days').length).toBeGreaterThan(0);
  });

  it('should give every seeded service a search index', async () => {
    const [row] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM service WHERE search_vector = ''::tsvector OR search_text = ''`);
    expect(row.n).toBe(0);
  });
});
