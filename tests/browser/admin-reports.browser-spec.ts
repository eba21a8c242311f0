import type { HallReportResponse, SiteResponse, SurveyReportResponse } from '@mpp/contracts';
import { localDate } from '@mpp/domain';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { PiiCipher } from '../../apps/api/src/common/pii-cipher';
import { counterAction, issue, KUPANG_MONDAY_0900, setupHall, type Hall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';
import { checkScreen } from './support/axe';
import { downloadByClick } from './support/download';

/** A figure as an Indonesian page writes it (the page's default language). */
const id = (value: number | null, decimals = 0) =>
  value === null ? '–' : new Intl.NumberFormat('id-ID', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);

describe('The report pages (laporan/skm, laporan/kinerja) in Chromium', () => {
  let t: TestApp;
  let staff: Hall;
  /** The API's clock: the hall's tickets are of Monday 23 November 2026 in Kupang. */
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const HALL_DAY = '2026-11-23';
  let browser: Browser;
  let base: string;
  let page: Page;
  let period: { from: string; to: string };
  const answers: Record<'dukcapil' | 'polresta', number[][]> = {
    dukcapil: [
      [4, 3, 3, 2, 4, 4, 3, 3, 4],
      [3, 3, 2, 2, 4, 3, 3, 4, 4],
      [4, 4, 3, 1, 3, 4, 4, 3, 3],
    ],
    polresta: [
      [2, 2, 3, 3, 2, 2, 3, 2, 2],
      [3, 2, 2, 3, 3, 2, 2, 3, 1],
    ],
  };

  /** The optional profile and comments of some of those answers (the first of the month for `first`). */
  type Extra = { gender?: string; education?: string; occupation?: string; ageRange?: string; comment?: string; first?: boolean };
  const extras: Record<'dukcapil' | 'polresta', Extra[]> = {
    dukcapil: [
      { gender: 'female', education: 'd4_s1', occupation: 'swasta', ageRange: '30_39', comment: 'Antrean tertib, petugas ramah.', first: true },
      { gender: 'male', comment: 'Ruang tunggu terlalu panas.' },
    ],
    polresta: [{ gender: 'female', occupation: 'wirausaha', comment: 'Syarat SKCK kurang jelas.' }],
  };
  const given = (values: (string | undefined)[]) => values.filter((v) => v !== undefined).length;
  const percent = (count: number, of: number) => `${id((count * 100) / of, 1)}%`;

  const signIn = (token: string) => signInCounterPage(page, base, token);
  const surveyReport = async (token: string) =>
    (await t.http().get('/api/v1/admin/sites/kota-kupang/survey/report').query(period).auth(token, { type: 'bearer' }).expect(200)).body as SurveyReportResponse;
  const hallReport = async (token: string, groupBy: string) =>
    (await t.http().get('/api/v1/admin/reports/hall').query({ site: 'kota-kupang', from: HALL_DAY, to: HALL_DAY, groupBy }).auth(token, { type: 'bearer' }).expect(200)).body as HallReportResponse;
  const cells = (selector: string) => page.locator(selector).allTextContents().then((texts) => texts.map((text) => text.trim()));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await setupHall(t);
    // The hall's morning: two Dukcapil tickets served one after the other (6 and 12 minutes at the counter), one Polresta ticket not yet called.
    for (const serviceId of [staff.services.kk, staff.services.kk, staff.services.skck]) await issue(t, staff.kiosk, serviceId);
    let at = new Date(KUPANG_MONDAY_0900).getTime();
    for (const minutes of [6, 12]) {
      await counterAction(t, staff.officers.dukcapil1, staff.counters.dukcapil1, 'call-next').expect(200);
      await counterAction(t, staff.officers.dukcapil1, staff.counters.dukcapil1, 'start').expect(200);
      at += minutes * 60_000;
      clock.set(new Date(at).toISOString());
      await counterAction(t, staff.officers.dukcapil1, staff.counters.dukcapil1, 'finish').expect(200);
    }
    const db = t.app.get(DataSource);
    const cipher = t.app.get(PiiCipher);
    const site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
    const today = localDate(new Date(), site.timeZone);
    period = { from: `${today.slice(0, 7)}-01`, to: today };
    const siteId = ((await db.query(`SELECT id FROM site WHERE code = 'kota-kupang'`)) as { id: string }[])[0].id;
    for (const [name, agency] of [
      ['dukcapil', staff.dukcapil],
      ['polresta', staff.polresta],
    ] as const) {
      const serviceId = ((await db.query(`SELECT id FROM service WHERE agency_id = $1 ORDER BY id LIMIT 1`, [agency.id])) as { id: string }[])[0].id;
      for (const [i, scores] of answers[name].entries()) {
        const extra = extras[name][i] ?? {};
        await db.query(
          `INSERT INTO survey_answer (site_id, agency_id, service_id, service_date, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, education, occupation, age_range, comment_cipher)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
          [siteId, agency.id, serviceId, extra.first ? period.from : today, ...scores, extra.gender ?? null, extra.education ?? null, extra.occupation ?? null, extra.ageRange ?? null, extra.comment ? cipher.encrypt(extra.comment) : null],
        );
      }
    }
    ({ browser, base, page } = await counterPageFor(t, { acceptDownloads: true }));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should show this month's IKM, sample, elements and groups as the API computes them", async () => {
    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/laporan/skm`);
    await page.getByTestId('skm-elements').waitFor();
    const api = await surveyReport(staff.kupangSiteAdmin);
    expect(api.respondents).toBe(answers.dukcapil.length + answers.polresta.length);

    expect((await page.getByTestId('skm-ikm').textContent())?.trim()).toBe(id(api.ikm, 2));
    expect(await page.getByTestId('skm-band').textContent()).toContain(`${api.band} · ${api.bandLabel!.id}`);
    expect((await page.getByTestId('skm-respondents').textContent())?.trim()).toBe(id(api.respondents));
    expect((await page.getByTestId('skm-sample').textContent())?.trim()).toBe(id(api.requiredSample));
    expect(await page.getByTestId('skm-sample-verdict').textContent()).toContain(api.sampleReached ? 'sampel cukup' : 'sampel belum cukup');
    expect(await page.locator('[data-testid="skm-elements"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(
      api.elements.map((e) => e.code),
    );
    expect(await cells('[data-testid="skm-elements"] td[data-col="nrr"]')).toEqual(api.elements.map((e) => id(e.nrr, 2)));
    expect(await cells('[data-testid="skm-byAgency"] td[data-col="ikm"]')).toEqual(api.byAgency.map((a) => id(a.ikm, 2)));
    expect(await cells('[data-testid="skm-byService"] td[data-col="respondents"]')).toEqual(api.byService.map((s) => id(s.respondents)));
    expect(await page.locator('counter-bar-chart canvas').count()).toBe(1);

    // The respondent profile: the API's counts, shares of all respondents, and those who left it empty.
    const all = [...extras.dukcapil, ...extras.polresta];
    expect(api.profile.gender.find((g) => g.value === 'female')?.count).toBe(all.filter((e) => e.gender === 'female').length);
    for (const key of ['gender', 'education', 'occupation', 'ageRange'] as const) {
      const table = `[data-testid="skm-profile-${key}"]`;
      expect(await page.locator(`${table} tbody tr`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-value')))).toEqual([...api.profile[key].map((p) => p.value), '']);
      const unanswered = api.respondents - given(all.map((e) => e[key]));
      expect(await cells(`${table} td[data-col="count"]`)).toEqual([...api.profile[key].map((p) => id(p.count)), id(unanswered)]);
      expect(await cells(`${table} td[data-col="percent"]`)).toEqual([...api.profile[key].map((p) => percent(p.count, api.respondents)), percent(unanswered, api.respondents)]);
    }
    // The comments, newest first, as the API gives them (and as written).
    expect(api.comments.map((c) => c.text).sort()).toEqual(all.flatMap((e) => (e.comment ? [e.comment] : [])).sort());
    expect(await cells('[data-testid="skm-comments"] [data-col="text"]')).toEqual(api.comments.map((c) => c.text));
    expect(await cells('[data-testid="skm-comments"] [data-col="date"]')).toEqual(api.comments.map((c) => c.date));
    expect(await cells('[data-testid="skm-comments"] [data-col="service"]')).toEqual(api.comments.map((c) => c.serviceName));
    if (period.from !== period.to) expect(api.comments.at(-1)?.text).toBe(extras.dukcapil[0].comment);
    await checkScreen(page, 'admin-reports-skm');
  });

  it("should download the API's CSV and XLSX of the shown period", async () => {
    const csv = await downloadByClick(page, 'download-csv');
    const direct = await t
      .http()
      .get('/api/v1/admin/sites/kota-kupang/survey/report')
      .query({ ...period, format: 'csv' })
      .auth(staff.kupangSiteAdmin, { type: 'bearer' })
      .expect(200);
    expect(csv.name.endsWith('.csv')).toBe(true);
    expect(csv.body.toString('utf8')).toBe(direct.text);
    const xlsx = await downloadByClick(page, 'download-xlsx');
    expect(xlsx.name.endsWith('.xlsx')).toBe(true);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it("should show an agency admin their own agency's survey only", async () => {
    await signIn(staff.dukcapilAdmin);
    await page.goto(`${base}/counter/laporan/skm`);
    await page.getByTestId('skm-elements').waitFor();
    const api = await surveyReport(staff.dukcapilAdmin);
    expect(api.respondents).toBe(answers.dukcapil.length);
    expect((await page.getByTestId('skm-respondents').textContent())?.trim()).toBe(id(answers.dukcapil.length));
    expect((await page.getByTestId('skm-ikm').textContent())?.trim()).toBe(id(api.ikm, 2));
    expect(await page.locator('[data-testid="skm-byAgency"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).toEqual([staff.dukcapil.id]);
    expect(await page.getByTestId('report-agency-select').count()).toBe(0);
    expect(await page.getByTestId('skm-byAgency').textContent()).not.toContain(staff.polresta.shortName);
    expect(await cells('[data-testid="skm-comments"] [data-col="text"]')).toEqual(api.comments.map((c) => c.text));
    expect(await page.getByTestId('skm-comments').textContent()).not.toContain(extras.polresta[0].comment!);
    expect(await cells('[data-testid="skm-profile-gender"] td[data-col="count"]')).toEqual([
      ...api.profile.gender.map((p) => id(p.count)),
      id(answers.dukcapil.length - given(extras.dukcapil.map((e) => e.gender))),
    ]);
  });

  it("should show the hall's figures per service as the API computes them, and download them", async () => {
    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/laporan/kinerja`);
    await page.getByTestId('hall-table').waitFor();
    // The day of the hall's tickets, chosen by keyboard.
    await page.getByTestId('period-custom').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('period-from').fill(HALL_DAY);
    await page.getByTestId('period-to').fill(HALL_DAY);
    await page.getByTestId('period-to').press('Enter');
    await page.getByRole('heading', { name: `(${HALL_DAY} – ${HALL_DAY})` }).waitFor();
    const api = await hallReport(staff.kupangSiteAdmin, 'service');
    expect(api.total.volumes.tickets).toBe(3);
    expect(api.total.outcomes.served).toBe(2);
    expect(await page.locator('[data-testid="hall-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).toEqual([
      ...api.rows.map((r) => r.key ?? 'none'),
      'total',
    ]);
    expect(await cells('[data-testid="hall-table"] td[data-col="tickets"]')).toEqual([...api.rows, api.total].map((r) => id(r.volumes.tickets)));
    const minutes = (seconds: number | null) => (seconds === null ? '–' : id(seconds / 60, 1));
    expect(await cells('[data-testid="hall-table"] td[data-col="serviceMean"]')).toEqual([...api.rows, api.total].map((r) => minutes(r.service.meanSeconds)));
    expect(await cells('[data-testid="hall-table"] td[data-col="waitP90"]')).toEqual([...api.rows, api.total].map((r) => minutes(r.wait.p90Seconds)));
    // Today is read from the tickets: exact percentiles, so no note about the rollup's precision.
    expect(api.percentilePrecisionSeconds).toBe(0);
    expect(await page.getByTestId('hall-precision').count()).toBe(0);
    await checkScreen(page, 'admin-reports-hall');

    await page.getByTestId('report-group-select').selectOption('hour');
    await page.locator('[data-testid="hall-table"] th[scope="col"]').first().filter({ hasText: 'Jam' }).waitFor();
    const byHour = await hallReport(staff.kupangSiteAdmin, 'hour');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="hall-table"] tbody tr').length === n, byHour.rows.length + 1);
    expect(await cells('[data-testid="hall-table"] td[data-col="served"]')).toEqual([...byHour.rows, byHour.total].map((r) => id(r.outcomes.served)));

    const xlsx = await downloadByClick(page, 'download-xlsx');
    expect(xlsx.name.endsWith('.xlsx')).toBe(true);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it("should show an agency admin the hall's figures of their own agency only", async () => {
    await signIn(staff.dukcapilAdmin);
    await page.goto(`${base}/counter/laporan/kinerja`);
    await page.getByTestId('hall-table').waitFor();
    await page.getByTestId('period-custom').check();
    await page.getByTestId('period-from').fill(HALL_DAY);
    await page.getByTestId('period-to').fill(HALL_DAY);
    await page.getByTestId('period-apply').click();
    await page.getByRole('heading', { name: `(${HALL_DAY} – ${HALL_DAY})` }).waitFor();
    const api = await hallReport(staff.dukcapilAdmin, 'service');
    expect(api.agencyId).toBe(staff.dukcapil.id);
    expect(api.total.volumes.tickets).toBe(2);
    expect(await page.getByTestId('report-agency-select').count()).toBe(0);
    expect(await page.locator('[data-testid="hall-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).toEqual([
      ...api.rows.map((r) => r.key ?? 'none'),
      'total',
    ]);
    expect(api.rows.map((r) => r.key)).not.toContain(staff.services.skck);
    expect((await cells('[data-testid="hall-table"] tr[data-key="total"] td[data-col="tickets"]'))[0]).toBe(id(2));
  });
});
