import type { ComplaintCreatedResponse, ComplaintReportResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { setupHall, type Hall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { closeAppAndChromium } from './support/app-in-chromium';
import { checkScreen } from './support/axe';
import { counterPageFor, signInCounterPage } from './support/counter-session';
import { downloadByClick } from './support/download';

/** A figure as an Indonesian page writes it (the page's default language). */
const id = (value: number | null, decimals = 0) =>
  value === null ? '–' : new Intl.NumberFormat('id-ID', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
const pct = (value: number | null) => (value === null ? '–' : `${id(value * 100, 1)}%`);

/** Issue 16: the manager's monthly complaint report (laporan/pengaduan) as the API computes it, its files, and the Open311 hand-over. */
describe('The complaint report page (laporan/pengaduan) in Chromium', () => {
  let t: TestApp;
  let staff: Hall;
  let browser: Browser;
  let base: string;
  let page: Page;

  const report = async (token: string) => (await t.http().get('/api/v1/admin/sites/kota-kupang/complaints/report').auth(token, { type: 'bearer' }).expect(200)).body as ComplaintReportResponse;
  const rows = (selector: string) =>
    page.locator(selector).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())));
  const file = async (body: Record<string, unknown>) =>
    (
      await t
        .http()
        .post('/api/v1/complaints')
        .send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'service', text: 'Antrean berhenti lama tanpa penjelasan dari petugas.', language: 'id', anonymity: 'anonymous', ...body })
        .expect(201)
    ).body as ComplaintCreatedResponse;

  beforeAll(async () => {
    // Real time: the page asks for the current month by the browser's clock.
    t = await createTestApp();
    staff = await setupHall(t);
    const db = t.app.get(DataSource);
    const step = async (code: string, name: string, text?: string) => {
      const [{ id: complaintId }] = (await db.query(`SELECT id FROM complaint WHERE code = $1`, [code])) as { id: string }[];
      await t.http().post(`/api/v1/admin/sites/kota-kupang/complaints/${complaintId}/steps/${name}`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send(text ? { text } : {}).expect(200);
    };
    const answered = await file({ agencyId: staff.dukcapil.id });
    await file({ agencyId: staff.dukcapil.id, kind: 'consultation' });
    await file({ agencyId: staff.polresta.id });
    await file({ subject: 'facilities' });
    await step(answered.code, 'verify');
    await step(answered.code, 'answer', 'Petugas tambahan sudah ditempatkan di loket Dukcapil.');
    await t.http().post(`/api/v1/complaints/${answered.code}/rating`).set('X-Complaint-Secret', answered.secret).send({ rating: 5 }).expect(200);
    ({ browser, base, page } = await counterPageFor(t, { acceptDownloads: true }));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should show this month's lines per agency and the total as the API computes them", async () => {
    await signInCounterPage(page, base, staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/laporan/pengaduan`);
    await page.getByTestId('complaint-report-total').waitFor();
    const api = await report(staff.kupangSiteAdmin);
    expect(api.total.received).toBe(4);
    const lineOf = (name: string, l: ComplaintReportResponse['total']) => [
      name,
      id(l.received),
      id(l.consultations),
      id(l.answered),
      id(l.open),
      id(l.reopened),
      id(l.firstResponse.meanHours, 1),
      id(l.firstResponse.medianHours, 1),
      pct(l.firstResponse.onTimeRate),
      id(l.resolution.meanHours, 1),
      id(l.resolution.medianHours, 1),
      pct(l.resolution.onTimeRate),
      `${id(l.averageRating, 2)} (${id(l.ratings)})`,
    ];
    expect(await rows('[data-testid="complaint-report-row"]')).toEqual(api.agencies.map((l) => lineOf(l.agencyName ?? 'Sarana MPP', l)));
    expect(await rows('[data-testid="complaint-report-total"]')).toEqual([lineOf('Total', api.total)]);
    expect(await page.getByTestId('complaint-report-month').inputValue()).toBe(api.month);
    await checkScreen(page, 'complaint-report');
  });

  it('should download the same CSV and XLSX as the API, and the Open311 export of the month', async () => {
    const csv = await downloadByClick(page, 'download-csv');
    const direct = await t.http().get('/api/v1/admin/sites/kota-kupang/complaints/report').query({ format: 'csv' }).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200);
    expect(csv.name).toMatch(/^laporan-pengaduan-kota-kupang-\d{4}-\d{2}\.csv$/);
    expect(csv.body.toString('utf8')).toBe(direct.text);
    const xlsx = await downloadByClick(page, 'download-xlsx');
    expect(xlsx.name.endsWith('.xlsx')).toBe(true);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    const open311 = await downloadByClick(page, 'download-open311');
    const exported = JSON.parse(open311.body.toString('utf8')) as { format: string; requests: { service_request_id: string }[] };
    expect(exported.format).toBe('open311-georeport-v2');
    const codes = (await t.app.get(DataSource).query(`SELECT code FROM complaint ORDER BY created_at, id`)) as { code: string }[];
    expect(exported.requests.map((r) => r.service_request_id)).toEqual(codes.map((c) => c.code));
  });

  it('should say so for a month without complaints', async () => {
    const api = await report(staff.kupangSiteAdmin);
    const [year, month] = api.month.split('-').map(Number);
    const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    await page.getByTestId('complaint-report-month').fill(previous);
    await page.getByTestId('complaint-report-month').dispatchEvent('change');
    await page.getByTestId('complaint-report-empty').waitFor();
    expect(await rows('[data-testid="complaint-report-row"]')).toEqual([]);
    expect(await rows('[data-testid="complaint-report-total"]')).toEqual([expect.arrayContaining(['Total', '0'])]);
  });

  it("should show an agency admin their agency's line only, without the Open311 export", async () => {
    await signInCounterPage(page, base, staff.dukcapilAdmin);
    await page.goto(`${base}/counter/laporan/pengaduan`);
    await page.getByTestId('complaint-report-total').waitFor();
    const api = await report(staff.dukcapilAdmin);
    expect(api.agencies.map((l) => l.agencyId)).toEqual([staff.dukcapil.id]);
    const shown = await rows('[data-testid="complaint-report-row"]');
    expect(shown.map((r) => r[0])).toEqual([staff.dukcapil.name]);
    expect(shown[0][1]).toBe(id(api.total.received));
    expect(await page.getByTestId('download-open311').count()).toBe(0);
    await checkScreen(page, 'complaint-report-agency');
  });
});
