import type { Page, ServiceSummaryResponse } from '@mpp/contracts';
import { createTestApp, TestApp } from './support/test-app';

/**
 * What citizens type at MPP Kota Kupang, and the service that must come up in the top three.
 * The expected service is named by its catalogue code, not by the answer's text.
 */
const REALISTIC_QUERIES: [query: string, expectedCode: string][] = [
  ['ktp hilang', 'dukcapil-ktp-el-hilang-rusak'],
  ['skck', 'polresta-skck-baru'],
  ['paspor', 'imigrasi-paspor-baru'],
  ['bpjs', 'bpjs-kesehatan-pendaftaran-mandiri'],
  ['akta lahir', 'dukcapil-akta-kelahiran'],
  ['izin usaha', 'dpmptsp-nib-oss'],
  ['kartu keluarga', 'dukcapil-kartu-keluarga'],
  ['stnk', 'samsat-stnk-5-tahunan'],
  ['sertifikat tanah', 'bpn-sertipikat-hilang-rusak'],
  ['npwp', 'djp-pendaftaran-npwp'],
];

describe('Service search (GET /api/v1/services)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const search = async (query: Record<string, string | number>) =>
    (await t.http().get('/api/v1/services').query(query).expect(200)).body as Page<ServiceSummaryResponse>;

  it.each(REALISTIC_QUERIES)('should put the right service in the top three for "%s"', async (q, expectedCode) => {
    const page = await search({ site: 'kota-kupang', q });
    const top3 = page.items.slice(0, 3).map((s) => s.code);
    expect(top3).toContain(expectedCode);
  });

  it('should ignore case and accents', async () => {
    const plain = await search({ site: 'kota-kupang', q: 'paspor' });
    const shouted = await search({ site: 'kota-kupang', q: 'PÁSPÖR' });
    expect(shouted.items.map((s) => s.id)).toEqual(plain.items.map((s) => s.id));
    expect(plain.total).toBeGreaterThan(0);
  });

  it('should find KTP-el when the citizen types only "ktp"', async () => {
    const page = await search({ site: 'kota-kupang', q: 'ktp' });
    expect(page.items[0].name).toMatch(/KTP/i);
  });

  it('should forgive a typo', async () => {
    const page = await search({ site: 'kota-kupang', q: 'pasport' });
    expect(page.items.slice(0, 3).map((s) => s.code)).toContain('imigrasi-paspor-baru');
  });

  it('should find a service by a word that appears only in its requirements', async () => {
    const detail = (await t.http().get(`/api/v1/services/${(await search({ site: 'kota-kupang', q: 'skck' })).items[0].id}`).expect(200)).body as {
      requirements: { name: string }[];
    };
    const word = detail.requirements
      .flatMap((r) => r.name.toLowerCase().split(/[^a-z]+/))
      .find((w) => w.length >= 6 && w !== 'fotokopi');
    expect(word).toBeDefined();
    const page = await search({ site: 'kota-kupang', q: word! });
    expect(page.total).toBeGreaterThan(0);
  });

  it('should keep sites apart and filter by agency', async () => {
    const kupang = await search({ site: 'kota-kupang', pageSize: 100 });
    const probolinggo = await search({ site: 'kota-probolinggo', pageSize: 100 });
    expect(kupang.total).toBeGreaterThanOrEqual(30);
    expect(kupang.items.every((s) => s.siteCode === 'kota-kupang')).toBe(true);
    expect(probolinggo.items.every((s) => s.siteCode === 'kota-probolinggo')).toBe(true);
    const dukcapil = await search({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 });
    expect(dukcapil.total).toBeGreaterThan(0);
    expect(dukcapil.items.every((s) => s.agency.code === 'dukcapil')).toBe(true);
    expect(dukcapil.total).toBeLessThan(kupang.total);
  });

  it('should page through results without repeats and report the total', async () => {
    const first = await search({ site: 'kota-kupang', page: 1, pageSize: 10 });
    const second = await search({ site: 'kota-kupang', page: 2, pageSize: 10 });
    expect(first.items).toHaveLength(10);
    expect(second.total).toBe(first.total);
    const overlap = second.items.filter((s) => first.items.some((f) => f.id === s.id));
    expect(overlap).toHaveLength(0);
    const beyond = await search({ site: 'kota-kupang', page: 50, pageSize: 10 });
    expect(beyond.items).toHaveLength(0);
    expect(beyond.total).toBe(first.total);
  });

  it('should answer a search that finds nothing with an empty page, not an error', async () => {
    const page = await search({ site: 'kota-kupang', q: 'zzqxw' });
    expect(page).toMatchObject({ items: [], total: 0, page: 1 });
  });

  it.each([
    [{ pageSize: 0 }, 'pageSize'],
    [{ pageSize: 101 }, 'pageSize'],
    [{ page: 'dua' }, 'page'],
    [{ site: 'Kota Kupang!' }, 'site'],
    [{ q: 'x'.repeat(201) }, 'q'],
    [{ unknown: 'yes' }, 'unknown'],
  ])('should refuse bad query %j with 400 naming the field', async (query, field) => {
    const res = await t.http().get('/api/v1/services').query(query).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.body.message.id).toBeTruthy();
    expect(res.body.message.en).toBeTruthy();
  });

  it('should answer an unknown site with 404 and an agency without a site with 400', async () => {
    expect((await t.http().get('/api/v1/services').query({ site: 'kota-atlantis' }).expect(404)).body.code).toBe('SITE_NOT_FOUND');
    expect((await t.http().get('/api/v1/services').query({ agency: 'dukcapil' }).expect(400)).body.code).toBe('AGENCY_NEEDS_SITE');
  });
});

describe('Sites and calendar (public)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('should list both seeded sites in their own time zones', async () => {
    const res = await t.http().get('/api/v1/sites').expect(200);
    const zones = Object.fromEntries((res.body as { code: string; timeZone: string }[]).map((s) => [s.code, s.timeZone]));
    expect(zones).toMatchObject({ 'kota-kupang': 'Asia/Makassar', 'kota-probolinggo': 'Asia/Jakarta' });
  });

  it("should describe a site with its opening hours, breaks and counts", async () => {
    const res = await t.http().get('/api/v1/sites/kota-kupang').expect(200);
    const agencies = (await t.http().get('/api/v1/sites/kota-kupang/agencies').expect(200)).body as { serviceCount: number }[];
    expect(res.body.agencyCount).toBe(agencies.length);
    expect(res.body.serviceCount).toBe(agencies.reduce((n, a) => n + a.serviceCount, 0));
    const monday = res.body.openingHours.find((h: { weekday: number }) => h.weekday === 1);
    expect(monday.breaks.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/password|retired/i);
  });

  it('should answer an unknown site with a bilingual 404 and a malformed year with 400', async () => {
    const res = await t.http().get('/api/v1/sites/kota-atlantis').expect(404);
    expect(res.body.message.en).toContain('kota-atlantis');
    expect((await t.http().get('/api/v1/calendar/duaribu').expect(400)).body.code).toBe('INVALID_YEAR');
  });
});
