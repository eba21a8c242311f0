import type { ApiError, ComplaintCreatedResponse, ComplaintStatsLine, ComplaintStatsResponse, SiteResponse } from '@mpp/contracts';
import type { ComplaintExport } from '../src/complaints/complaint-export.service';
import { localDate } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const NAME = 'Yohanes Benu';
const PHONE = '0813-3900-1177';
const TEXT = 'Petugas loket meminta fotokopi yang tidak ada di daftar persyaratan.';

interface StoredComplaint {
  agency_id: string | null;
  kind: string;
  created_at: Date;
  first_responded_at: Date | null;
  first_response_due_at: Date;
  answered_at: Date | null;
  closed_at: Date | null;
  resolution_due_at: Date;
  rating: number | null;
  merged_into_id: string | null;
}

/** Issue 16: a site's public complaint statistics against figures counted here from the stored rows, and the export for other systems. */
describe('Complaint statistics and the Open311 export over HTTP', () => {
  let t: TestApp;
  let staff: StaffTokens;
  // Thursday 3 December 2026, 10:00 WITA.
  const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
  const db = () => t.app.get(DataSource);
  const stats = (query: Record<string, string> = {}, site = 'kota-kupang') => t.http().get(`/api/v1/sites/${site}/complaints/stats`).query(query);
  const file = async (body: Record<string, unknown>) =>
    (await t.http().post('/api/v1/complaints').send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'service', text: TEXT, language: 'id', ...body }).expect(201)).body as ComplaintCreatedResponse;
  const idOf = async (code: string) => ((await db().query(`SELECT id FROM complaint WHERE code = $1`, [code])) as { id: string }[])[0].id;
  const step = (id: string, name: string, text?: string) =>
    t.http().post(`/api/v1/admin/sites/kota-kupang/complaints/${id}/steps/${name}`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send(text === undefined ? {} : { text }).expect(200);

  /** The same figures, counted in JavaScript from the rows (the oracle). */
  async function expected(from: string, to: string): Promise<{ total: Omit<ComplaintStatsLine, 'agencyId' | 'agencyName'>; byAgency: Map<string, number> }> {
    const now = clock.now();
    const rows = ((await db().query(`SELECT c.* FROM complaint c JOIN site s ON s.id = c.site_id WHERE s.code = 'kota-kupang'`)) as StoredComplaint[]).filter((r) => {
      const day = localDate(r.created_at, 'Asia/Makassar');
      return r.merged_into_id === null && day >= from && day <= to;
    });
    const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
    const firstDue = rows.filter((r) => r.first_responded_at !== null || r.first_response_due_at < now);
    const resolutionDue = rows.filter((r) => r.answered_at !== null || r.resolution_due_at < now);
    const rated = rows.filter((r) => r.rating !== null);
    const byAgency = new Map<string, number>();
    for (const r of rows) if (r.agency_id) byAgency.set(r.agency_id, (byAgency.get(r.agency_id) ?? 0) + 1);
    return {
      total: {
        received: rows.length,
        complaints: rows.filter((r) => r.kind === 'complaint').length,
        consultations: rows.filter((r) => r.kind === 'consultation').length,
        answered: rows.filter((r) => r.answered_at !== null || r.closed_at !== null).length,
        firstResponseOnTimeRate: share(firstDue.filter((r) => r.first_responded_at !== null && r.first_responded_at <= r.first_response_due_at).length, firstDue.length),
        resolvedOnTimeRate: share(resolutionDue.filter((r) => r.answered_at !== null && r.answered_at <= r.resolution_due_at).length, resolutionDue.length),
        averageRating: rated.length === 0 ? null : Math.round((rated.reduce((s, r) => s + r.rating!, 0) / rated.length) * 100) / 100,
        ratings: rated.length,
      },
      byAgency,
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const named = { anonymity: 'named', reporterName: NAME, reporterPhone: PHONE };
    const answered = await file({ agencyId: staff.dukcapil.id, ...named });
    await file({ agencyId: staff.dukcapil.id, anonymity: 'anonymous' });
    await file({ agencyId: staff.polresta.id, kind: 'consultation', anonymity: 'anonymous' });
    await file({ subject: 'facilities', anonymity: 'anonymous' });
    const duplicate = await file({ agencyId: staff.dukcapil.id, ...named });
    const id = await idOf(answered.code);
    await step(id, 'verify');
    await step(id, 'start');
    await step(id, 'answer', 'Fotokopi itu memang tidak diperlukan; petugas sudah diingatkan.');
    await t.http().post(`/api/v1/complaints/${answered.code}/rating`).set('X-Complaint-Secret', answered.secret).send({ rating: 4 }).expect(200);
    await t
      .http()
      .post(`/api/v1/admin/sites/kota-kupang/complaints/${await idOf(duplicate.code)}/merge`)
      .auth(staff.kupangSiteAdmin, { type: 'bearer' })
      .send({ intoCode: answered.code })
      .expect(200);
    // Three weeks on: the unanswered ones are past their first-response time.
    clock.advance(21 * 86_400_000);
  }, 180_000);
  afterAll(async () => t?.close());

  it("should give this month's figures, for the MPP and per agency, equal to the stored rows, a merged duplicate counted once", async () => {
    const res = (await stats().expect(200)).body as ComplaintStatsResponse;
    const today = localDate(clock.now(), 'Asia/Makassar');
    expect(res).toMatchObject({ siteCode: 'kota-kupang', from: `${today.slice(0, 7)}-01`, to: today });
    const want = await expected(res.from, res.to);
    expect(res.total).toEqual({ agencyId: null, agencyName: null, ...want.total });
    // Five filed, one merged into another: four; one answered and rated, the rest late on the first clock.
    expect(res.total.received).toBe(4);
    expect(res.total.ratings).toBe(1);
    expect(res.total.firstResponseOnTimeRate).toBeLessThan(1);
    expect(new Map(res.agencies.map((a) => [a.agencyId!, a.received]))).toEqual(want.byAgency);
    expect(res.agencies.map((a) => a.received)).toEqual([...res.agencies.map((a) => a.received)].sort((a, b) => b - a));
    expect(res.agencies.find((a) => a.agencyId === staff.dukcapil.id)).toMatchObject({ agencyName: staff.dukcapil.name, averageRating: 4 });
  });

  it('should say nothing personal: no name, phone, text, tracking code or identity', async () => {
    const body = JSON.stringify((await stats().expect(200)).body);
    for (const secret of [NAME, PHONE, '3900', TEXT.slice(0, 20)]) expect(body).not.toContain(secret);
    const codes = (await db().query(`SELECT code FROM complaint`)) as { code: string }[];
    for (const { code } of codes) expect(body).not.toContain(code);
  });

  it('should count only the chosen period', async () => {
    const november = (await stats({ from: '2026-11-01', to: '2026-11-30' }).expect(200)).body as ComplaintStatsResponse;
    expect(november.total).toEqual({ agencyId: null, agencyName: null, ...(await expected('2026-11-01', '2026-11-30')).total });
    expect(november.total.received).toBe(0);
    expect(november.total.firstResponseOnTimeRate).toBeNull();
    expect(november.agencies).toEqual([]);
  });

  it('should refuse a bad period in both languages and an unknown MPP with 404', async () => {
    const order = (await stats({ from: '2026-12-10', to: '2026-12-01' }).expect(422)).body as ApiError;
    expect(order.message.id).toContain('tidak boleh sebelum');
    expect(order.message.en).toContain('may not be before');
    const long = (await stats({ from: '2025-01-01', to: '2026-12-01' }).expect(422)).body as ApiError;
    expect(long.message.en).toContain('366 days');
    const malformed = (await stats({ from: '2026-02-30' }).expect(400)).body as ApiError;
    expect(malformed.fields?.map((f) => f.field)).toContain('from');
    await stats({}, 'kota-atlantis').expect(404);
  });

  it("should export the period's complaints as Open311 requests for the MPP's handlers, without any reporter", async () => {
    const exportOf = (token: string) => t.http().get('/api/v1/admin/sites/kota-kupang/complaints/export').auth(token, { type: 'bearer' });
    const body = (await exportOf(staff.kupangSiteAdmin).expect(200)).body as ComplaintExport;
    expect(body).toMatchObject({ format: 'open311-georeport-v2', siteCode: 'kota-kupang' });
    const stored = (await db().query(
      `SELECT c.code, c.status, c.subject, a.name AS agency_name FROM complaint c LEFT JOIN agency a ON a.id = c.agency_id WHERE c.merged_into_id IS NULL ORDER BY c.created_at, c.id`,
    )) as { code: string; status: string; subject: string; agency_name: string | null }[];
    expect(body.requests.map((r) => r.service_request_id)).toEqual(stored.map((c) => c.code));
    const site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
    for (const [i, request] of body.requests.entries()) {
      const row = stored[i];
      const open = row.status !== 'answered' && row.status !== 'closed';
      expect(request).toMatchObject({ status: open ? 'open' : 'closed', description: TEXT, agency_responsible: row.agency_name ?? site.name, lat: null, long: null });
      expect(request.expected_datetime === null).toBe(!open);
      if (row.subject === 'facilities') expect(request.service_code).toBe('mpp-facilities');
    }
    const json = JSON.stringify(body);
    for (const secret of [NAME, PHONE, '3900']) expect(json).not.toContain(secret);

    for (const token of [staff.dukcapilAdmin, staff.dukcapilOfficer, staff.probolinggoSiteAdmin]) expect((await exportOf(token)).status).toBe(403);
    await t.http().get('/api/v1/admin/sites/kota-kupang/complaints/export').expect(401);
    expect((await exportOf(staff.system).query({ from: '2026-12-10', to: '2026-12-01' })).status).toBe(422);
  });
});
