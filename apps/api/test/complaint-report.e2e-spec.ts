import type { ApiError, ComplaintCreatedResponse, ComplaintReportLine, ComplaintReportResponse } from '@mpp/contracts';
import { localDate } from '@mpp/domain';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { COMPLAINT_REPORT_COLUMNS } from '../src/complaints/complaint-report-export';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const NAME = 'Maria Fanggidae';
const PHONE = '0812-3790-4411';
const TEXT = 'Antrean Dukcapil berhenti dua jam tanpa penjelasan kepada warga.';

interface Stored {
  agency_id: string | null;
  kind: string;
  created_at: Date;
  first_responded_at: Date | null;
  first_response_due_at: Date;
  answered_at: Date | null;
  closed_at: Date | null;
  resolution_due_at: Date;
  rating: number | null;
  reopened: boolean;
}

const HOUR = 3_600_000;

/** Issue 16: the monthly complaint report against the same figures counted here from the stored rows; CSV and XLSX carry the same. */
describe('Monthly complaint report over HTTP', () => {
  let t: TestApp;
  let staff: StaffTokens;
  // Tuesday 1 December 2026, 09:00 WITA.
  const clock = new FixedClock(new Date('2026-12-01T01:00:00Z'));
  const db = () => t.app.get(DataSource);
  const report = (token: string, query: Record<string, string> = {}, site = 'kota-kupang') =>
    t.http().get(`/api/v1/admin/sites/${site}/complaints/report`).query(query).auth(token, { type: 'bearer' });
  const file = async (body: Record<string, unknown>) =>
    (await t.http().post('/api/v1/complaints').send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'service', text: TEXT, language: 'id', ...body }).expect(201)).body as ComplaintCreatedResponse;
  const idOf = async (code: string) => ((await db().query(`SELECT id FROM complaint WHERE code = $1`, [code])) as { id: string }[])[0].id;
  const step = async (code: string, name: string, text?: string) =>
    t.http().post(`/api/v1/admin/sites/kota-kupang/complaints/${await idOf(code)}/steps/${name}`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send(text === undefined ? {} : { text }).expect(200);
  const citizen = (created: ComplaintCreatedResponse, action: string, body: Record<string, unknown>) =>
    t.http().post(`/api/v1/complaints/${created.code}/${action}`).set('X-Complaint-Secret', created.secret).send(body).expect(200);

  /** The oracle: one line counted in JavaScript from stored rows. */
  function expectedLine(rows: Stored[], now: Date): Omit<ComplaintReportLine, 'agencyId' | 'agencyName'> {
    const hours = (from: Date, to: Date | null) => (to === null ? null : (to.getTime() - from.getTime()) / HOUR);
    const median = (values: number[]) => {
      if (values.length === 0) return null;
      const v = [...values].sort((a, b) => a - b);
      const mid = (v.length - 1) / 2;
      return (v[Math.floor(mid)] + v[Math.ceil(mid)]) / 2;
    };
    const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
    const times = (given: number[], due: number, onTime: number) => ({
      count: given.length,
      meanHours: given.length === 0 ? null : round1(given.reduce((s, h) => s + h, 0) / given.length),
      medianHours: round1(median(given)),
      onTime,
      onTimeRate: share(onTime, due),
    });
    const first = rows.map((r) => hours(r.created_at, r.first_responded_at)).filter((h): h is number => h !== null);
    const resolution = rows.map((r) => hours(r.created_at, r.answered_at)).filter((h): h is number => h !== null);
    const rated = rows.filter((r) => r.rating !== null).map((r) => r.rating!);
    const answered = rows.filter((r) => r.answered_at !== null || r.closed_at !== null).length;
    return {
      received: rows.length,
      complaints: rows.filter((r) => r.kind === 'complaint').length,
      consultations: rows.filter((r) => r.kind === 'consultation').length,
      answered,
      open: rows.length - answered,
      reopened: rows.filter((r) => r.reopened).length,
      firstResponse: times(
        first,
        rows.filter((r) => r.first_responded_at !== null || r.first_response_due_at < now).length,
        rows.filter((r) => r.first_responded_at !== null && r.first_responded_at <= r.first_response_due_at).length,
      ),
      resolution: times(
        resolution,
        rows.filter((r) => r.answered_at !== null || r.resolution_due_at < now).length,
        rows.filter((r) => r.answered_at !== null && r.answered_at <= r.resolution_due_at).length,
      ),
      ratings: rated.length,
      averageRating: rated.length === 0 ? null : Math.round((rated.reduce((s, r) => s + r, 0) / rated.length) * 100) / 100,
      ratingCounts: [1, 2, 3, 4, 5].map((stars) => rated.filter((r) => r === stars).length) as ComplaintReportLine['ratingCounts'],
    };
  }

  async function stored(month: string): Promise<Stored[]> {
    const rows = (await db().query(
      `SELECT c.*, EXISTS (SELECT 1 FROM complaint_event e WHERE e.complaint_id = c.id AND e.action = 'reopen') AS reopened
         FROM complaint c JOIN site s ON s.id = c.site_id
        WHERE s.code = 'kota-kupang' AND c.merged_into_id IS NULL`,
    )) as Stored[];
    return rows.filter((r) => localDate(r.created_at, 'Asia/Makassar').startsWith(month));
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const named = { anonymity: 'named', reporterName: NAME, reporterPhone: PHONE };
    const fast = await file({ agencyId: staff.dukcapil.id, ...named });
    const slow = await file({ agencyId: staff.dukcapil.id, anonymity: 'confidential', reporterName: NAME, reporterPhone: PHONE });
    await file({ agencyId: staff.dukcapil.id, anonymity: 'anonymous' });
    const polresta = await file({ agencyId: staff.polresta.id, kind: 'consultation', anonymity: 'anonymous' });
    await file({ subject: 'facilities', anonymity: 'anonymous' });
    const duplicate = await file({ agencyId: staff.dukcapil.id, ...named });
    await t.http().post(`/api/v1/admin/sites/kota-kupang/complaints/${await idOf(duplicate.code)}/merge`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ intoCode: fast.code }).expect(200);

    clock.advance(3 * HOUR);
    await step(fast.code, 'verify');
    clock.advance(2 * HOUR);
    await step(fast.code, 'answer', 'Sistem sempat terputus; sudah diperbaiki dan petugas ditambah.');
    await citizen(fast, 'rating', { rating: 4 });
    clock.advance(26 * HOUR);
    await step(polresta.code, 'verify');
    await step(slow.code, 'verify');
    clock.advance(5 * 24 * HOUR);
    await step(slow.code, 'start');
    await step(slow.code, 'answer', 'Jadwal antrean sudah kami umumkan di layar.');
    await citizen(slow, 'rating', { rating: 2 });
    await citizen(slow, 'reopen', { text: 'Hari ini terjadi lagi.' });
    // Three weeks after the first: the unanswered are past their first-response time at a site clock.
    clock.advance(14 * 24 * HOUR);
  }, 180_000);
  afterAll(async () => t?.close());

  it("should give the month per agency and for the MPP, equal to the stored rows; a merged duplicate counted once", async () => {
    const body = (await report(staff.kupangSiteAdmin, { month: '2026-12' }).expect(200)).body as ComplaintReportResponse;
    expect(body).toMatchObject({ siteCode: 'kota-kupang', month: '2026-12', from: '2026-12-01', to: '2026-12-31', agencyId: null });
    const rows = await stored('2026-12');
    const now = clock.now();
    expect(body.total).toEqual({ agencyId: null, agencyName: null, ...expectedLine(rows, now) });
    expect(body.total).toMatchObject({ received: 5, answered: 2, reopened: 1, ratings: 2, ratingCounts: [0, 1, 0, 1, 0] });
    const lines = new Map(body.agencies.map((l) => [l.agencyId, l]));
    expect([...lines.keys()].sort()).toEqual([...new Set(rows.map((r) => r.agency_id))].sort());
    for (const [agencyId, line] of lines) {
      expect(line).toEqual({ agencyId, agencyName: line.agencyName, ...expectedLine(rows.filter((r) => r.agency_id === agencyId), now) });
    }
    expect(lines.get(staff.dukcapil.id)).toMatchObject({ agencyName: staff.dukcapil.name, received: 3 });
    expect(lines.get(null)).toMatchObject({ agencyName: null, received: 1 });
    expect(body.agencies.map((l) => l.received)).toEqual([...body.agencies.map((l) => l.received)].sort((a, b) => b - a));
  });

  it('should say nothing personal and count another month apart', async () => {
    const body = JSON.stringify((await report(staff.kupangSiteAdmin, { month: '2026-12' }).expect(200)).body);
    for (const secret of [NAME, PHONE, '3790', TEXT.slice(0, 20)]) expect(body).not.toContain(secret);
    for (const { code } of (await db().query(`SELECT code FROM complaint`)) as { code: string }[]) expect(body).not.toContain(code);
    const november = (await report(staff.kupangSiteAdmin, { month: '2026-11' }).expect(200)).body as ComplaintReportResponse;
    expect(november).toMatchObject({ from: '2026-11-01', to: '2026-11-30', agencies: [] });
    expect(november.total).toEqual({ agencyId: null, agencyName: null, ...expectedLine([], clock.now()) });
  });

  it('should write the same lines as CSV and XLSX', async () => {
    const json = (await report(staff.kupangSiteAdmin, { month: '2026-12' }).expect(200)).body as ComplaintReportResponse;
    const csv = await report(staff.kupangSiteAdmin, { month: '2026-12', format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('laporan-pengaduan-kota-kupang-2026-12.csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(lines[0]).toEqual(COMPLAINT_REPORT_COLUMNS.map((c) => c.key));
    expect(lines).toHaveLength(json.agencies.length + 2);
    const total = Object.fromEntries(lines[lines.length - 1].map((cell, i) => [lines[0][i], cell]));
    expect(total).toMatchObject({
      agency: 'Total',
      received: String(json.total.received),
      reopened: String(json.total.reopened),
      resolution_mean_h: String(json.total.resolution.meanHours ?? ''),
      first_response_on_time_rate: String(json.total.firstResponse.onTimeRate ?? ''),
      rating_2: String(json.total.ratingCounts[1]),
    });

    const xlsx = await report(staff.kupangSiteAdmin, { month: '2026-12', format: 'xlsx' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Pengaduan')!;
    expect(sheet.rowCount).toBe(json.agencies.length + 2);
    const last = sheet.getRow(sheet.rowCount);
    const column = (key: string) => COMPLAINT_REPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
    expect(last.getCell(column('received')).value).toBe(json.total.received);
    expect(last.getCell(column('resolution_median_h')).value).toBe(json.total.resolution.medianHours);
    expect(last.getCell(column('average_rating')).value).toBe(json.total.averageRating);
  });

  it("should give an agency admin their agency's line only, and refuse officers, another MPP and bad months", async () => {
    const own = (await report(staff.polrestaAdmin, { month: '2026-12' }).expect(200)).body as ComplaintReportResponse;
    expect(own.agencyId).toBe(staff.polresta.id);
    expect(own.agencies.map((l) => l.agencyId)).toEqual([staff.polresta.id]);
    expect(own.total.received).toBe(expectedLine((await stored('2026-12')).filter((r) => r.agency_id === staff.polresta.id), clock.now()).received);
    expect((await report(staff.dukcapilOfficer)).status).toBe(403);
    expect((await report(staff.probolinggoSiteAdmin)).status).toBe(403);
    expect((await report(staff.polrestaAdmin, {}, 'kota-probolinggo')).status).toBe(403);
    await t.http().get('/api/v1/admin/sites/kota-kupang/complaints/report').expect(401);
    const future = (await report(staff.system, { month: '2027-02' }).expect(422)).body as ApiError;
    expect(future.message.id).toContain('belum tiba');
    expect(future.message.en).toContain('has not come yet');
    const malformed = (await report(staff.system, { month: '2026-13' }).expect(400)).body as ApiError;
    expect(malformed.fields?.map((f) => f.field)).toContain('month');
    expect((await report(staff.system, { format: 'pdf' })).status).toBe(400);
    expect((await report(staff.system, {}, 'kota-atlantis')).status).toBe(404);
  });
});
