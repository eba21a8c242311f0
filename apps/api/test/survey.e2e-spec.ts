import type { PublicTicketResponse, SurveyFormResponse, SurveyReportResponse, TicketResponse } from '@mpp/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { DATA_KEY } from '../src/config/data-key';
import { SURVEY_RATE_LIMIT } from '../src/survey/survey-throttler.guard';
import { SurveyTokenSealer } from '../src/survey/survey-token';
import { counterAction, Hall, issue, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/** Kupang (WITA, UTC+8): 09:00 on a given day. */
const kupangMorning = (date: string) => `${date}T01:00:00Z`;
const FIRST_DAY = '2026-11-23';
const REPORT_DAY = '2026-11-24';

/** Krejcie–Morgan as the regulation prints it, in floating point (the API computes it in whole numbers). */
function printedSample(n: number): number {
  if (n === 0) return 0;
  return Math.ceil((3.841 * n * 0.5 * 0.5) / (0.05 * 0.05 * (n - 1) + 3.841 * 0.5 * 0.5) - 1e-9);
}

/** The IKM by hand: mean of the nine element means × 25, rounded half up to two decimals. */
function handIkm(answers: number[][]): number {
  const nrr = Array.from({ length: 9 }, (_, e) => answers.reduce((s, a) => s + a[e], 0) / answers.length);
  return Math.round((nrr.reduce((s, x) => s + x, 0) / 9) * 25 * 100 + 1e-9) / 100;
}

function bandOf(ikm: number): string {
  return ikm >= 88.31 ? 'A' : ikm >= 76.61 ? 'B' : ikm >= 65 ? 'C' : 'D';
}

describe('SKM survey', () => {
  let t: TestApp;
  let h: Hall;
  let db: DataSource;
  let sealer: SurveyTokenSealer;
  let kupangId: string;
  const clock = new FixedClock(new Date(kupangMorning(FIRST_DAY)));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    db = t.app.get(DataSource);
    sealer = new SurveyTokenSealer(t.app.get<Buffer>(DATA_KEY));
    kupangId = ((await db.query(`SELECT id FROM site WHERE code = 'kota-kupang'`)) as { id: string }[])[0].id;
    await setDailyQuota(t, h.system, h.services.skck, null);
    await setDailyQuota(t, h.system, h.services.kk, null);
  }, 120_000);
  afterAll(async () => t?.close());

  /** A ticket issued at the kiosk and served to the end at the counter of its agency. */
  const served = async (serviceId: string): Promise<TicketResponse> => {
    const [officer, counter] = serviceId === h.services.skck ? [h.officers.polresta, h.counters.polresta] : [h.officers.dukcapil1, h.counters.dukcapil1];
    const ticket = await issue(t, h.kiosk, serviceId);
    for (;;) {
      const called = (await counterAction(t, officer, counter, 'call-next').expect(200)).body as TicketResponse;
      await counterAction(t, officer, counter, 'start').expect(200);
      await counterAction(t, officer, counter, 'finish').expect(200);
      if (called.id === ticket.id) return ticket;
    }
  };
  const page = async (code: string) => (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
  const tokenOf = async (serviceId: string) => {
    const ticket = await served(serviceId);
    return { ticket, token: (await page(ticket.publicCode)).surveyToken! };
  };
  const answer = (token: string, body: object) => t.http().post(`/api/v1/survey/${token}`).send(body);
  const answerCount = async () => ((await db.query(`SELECT count(*)::int AS n FROM survey_answer`)) as { n: number }[])[0].n;
  const report = (token: string, query: Record<string, string>, code = 'kota-kupang') => t.http().get(`/api/v1/admin/sites/${code}/survey/report`).query(query).auth(token, { type: 'bearer' });

  describe('the ticket page', () => {
    it('should offer the survey token on a served ticket only, and open the form of its service and day', async () => {
      const waiting = await issue(t, h.kiosk, h.services.kk);
      const { ticket, token } = await tokenOf(h.services.skck);

      expect((await page(waiting.publicCode)).surveyToken).toBeUndefined();
      expect(await page(waiting.publicCode)).not.toHaveProperty('surveyAnswered');
      expect(token).toEqual(expect.any(String));
      // the socket's live view (and staff views) never carry it
      expect(Object.keys(ticket)).not.toContain('surveyToken');
      const sut = (await t.http().get(`/api/v1/survey/${token}`).expect(200)).body as SurveyFormResponse;
      expect(sut).toMatchObject({ siteName: ticket.siteName, agencyName: ticket.agency.shortName, service: { name: ticket.service.name, nameEn: ticket.service.nameEn }, date: ticket.localDate, kind: 'ticket', commentMaxLength: 1000 });
      expect(sut.elements.map((e) => e.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
      expect(sut.elements[0].options.map((o) => o.label.id)).toEqual(['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai']);
      expect(sut.elements[3].options.map((o) => o.label.id)).toEqual(['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis']);
      expect(sut.profile.educations.length).toBeGreaterThan(0);
      // the same ticket always gets the same token
      expect(await page(ticket.publicCode)).toMatchObject({ surveyToken: token, surveyAnswered: false });
    });
  });

  describe('answering', () => {
    it('should keep the answer with its site, agency, service and date only, and refuse the token afterwards', async () => {
      const { ticket, token } = await tokenOf(h.services.skck);
      const comment = 'Petugas ramah, antrean cepat. Nama saya Budi Santoso.';
      const before = await answerCount();

      const res = await answer(token, { scores: [4, 3, 3, 4, 2, 3, 4, 1, 3], comment, profile: { gender: 'female', education: 'sma', occupation: 'wirausaha', ageRange: '30_39' } }).expect(201);

      expect(res.body.thanks).toEqual({ id: expect.any(String), en: expect.any(String) });
      expect(await answerCount()).toBe(before + 1);
      const rows = (await db.query(`SELECT * FROM survey_answer`)) as Record<string, unknown>[];
      const stored = rows.find((r) => r.comment_cipher !== null && r.u8 === 1 && r.gender === 'female')!;
      expect(stored).toMatchObject({ site_id: expect.any(String), service_id: h.services.skck, agency_id: h.polresta.id, age_range: '30_39' });
      expect(Object.keys(stored).sort()).toEqual(['age_range', 'agency_id', 'comment_cipher', 'education', 'gender', 'id', 'occupation', 'service_date', 'service_id', 'site_id', ...Array.from({ length: 9 }, (_, i) => `u${i + 1}`)].sort());
      const text = JSON.stringify(rows);
      for (const secret of [ticket.id, ticket.publicCode, token, 'Budi', ticket.number]) expect(text).not.toContain(secret);
      const used = (await db.query(`SELECT encode(token_hash, 'hex') AS h, to_char(expires_on, 'YYYY-MM-DD') AS e FROM survey_token_used`)) as { h: string; e: string }[];
      expect(JSON.stringify(used)).not.toContain(ticket.id.replace(/-/g, ''));

      const again = await answer(token, { scores: Array(9).fill(4) }).expect(409);
      expect(again.body).toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED', message: { id: expect.any(String), en: expect.any(String) } });
      await t.http().get(`/api/v1/survey/${token}`).expect(409);
      expect(await answerCount()).toBe(before + 1);
      // The ticket page now thanks instead of offering it: answered, and no token any more.
      const after = await page(ticket.publicCode);
      expect(after.surveyAnswered).toBe(true);
      expect(after).not.toHaveProperty('surveyToken');
    });

    it('should let exactly one of two simultaneous answers with one token through', async () => {
      for (let round = 0; round < 4; round++) {
        const { token } = await tokenOf(h.services.skck);
        const before = await answerCount();

        const results = await Promise.all([answer(token, { scores: Array(9).fill(3) }), answer(token, { scores: Array(9).fill(2) })]);

        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
        expect(await answerCount()).toBe(before + 1);
      }
    });

    it('should refuse incomplete or out-of-range answers in both languages without spending the token', async () => {
      const { token } = await tokenOf(h.services.kk);
      const bad = [
        { scores: [4, 4, 4, 4, 4, 4, 4, 4] },
        { scores: [4, 4, 4, 4, 4, 4, 4, 4, 5] },
        { scores: [4, 4, 4, 4, 4, 4, 4, 4, 0] },
        { scores: [4, 4, 4, 4, 4, 4, 4, 4, 2.5] },
        { scores: Array(9).fill(4), comment: 'x'.repeat(1001) },
        { scores: Array(9).fill(4), profile: { education: 'phd' } },
        { scores: Array(9).fill(4), ticketId: randomUUID() },
      ];
      for (const body of bad) {
        const res = await answer(token, body).expect(400);
        expect(res.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      }
      await answer(token, { scores: Array(9).fill(4), comment: 'y'.repeat(1000) }).expect(201);
    });

    it('should answer 404 for an altered or unknown token', async () => {
      const { token } = await tokenOf(h.services.kk);
      const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);

      for (const wrong of [altered, 'abc', token.slice(1)]) {
        const res = await t.http().get(`/api/v1/survey/${wrong}`).expect(404);
        expect(res.body).toMatchObject({ code: 'SURVEY_NOT_FOUND', message: { id: expect.any(String), en: expect.any(String) } });
      }
      await answer(altered, { scores: Array(9).fill(4) }).expect(404);
    });

    it('should close the survey fourteen days after the service (422), and stop offering it', async () => {
      const { ticket, token } = await tokenOf(h.services.kk);
      try {
        clock.set(kupangMorning('2026-12-07')); // 14 days after 23 Nov: still open
        await t.http().get(`/api/v1/survey/${token}`).expect(200);
        clock.set(kupangMorning('2026-12-08'));
        const res = await answer(token, { scores: Array(9).fill(4) }).expect(422);
        expect(res.body).toMatchObject({ code: 'SURVEY_CLOSED', message: { id: expect.any(String), en: expect.any(String) } });
        expect((await page(ticket.publicCode)).surveyToken).toBeUndefined();
      } finally {
        clock.set(kupangMorning(FIRST_DAY));
      }
    });

    it('should answer an address past SURVEY_RATE_LIMIT reads a minute with 429 in both languages, another address still served', async () => {
      const { token } = await tokenOf(h.services.kk);
      const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
      const from = (address: string, tried = altered) => t.http().get(`/api/v1/survey/${tried}`).set('X-Forwarded-For', address);
      const statuses: number[] = [];
      for (let i = 0; i < SURVEY_RATE_LIMIT; i += 50) statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => from('10.20.30.40')))).map((r) => r.status));

      const over = await from('10.20.30.40', token);

      expect(new Set(statuses)).toEqual(new Set([404]));
      expect({ status: over.status, code: over.body.code }).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
      expect(over.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      await from('10.20.30.41', token).expect(200);
    });

    it('should take an application\'s token like a ticket\'s (kind application)', async () => {
      const token = sealer.seal({ kind: 'application', id: randomUUID(), siteId: kupangId, agencyId: h.dukcapil.id, serviceId: h.services.akta, date: FIRST_DAY });

      const form = (await t.http().get(`/api/v1/survey/${token}`).expect(200)).body as SurveyFormResponse;

      expect(form.kind).toBe('application');
      await answer(token, { scores: Array(9).fill(4) }).expect(201);
      await answer(token, { scores: Array(9).fill(4) }).expect(409);
    });
  });

  describe('spent tokens', () => {
    it('should forget spent tokens once they are past their last day, after a later answer', async () => {
      const later = '2026-12-20';
      const expired = async () => ((await db.query(`SELECT count(*)::int AS n FROM survey_token_used WHERE expires_on < $1::date`, [later])) as { n: number }[])[0].n;
      expect(await expired()).toBeGreaterThan(0);
      try {
        clock.set(kupangMorning(later));
        const token = sealer.seal({ kind: 'application', id: randomUUID(), siteId: kupangId, agencyId: h.dukcapil.id, serviceId: h.services.akta, date: later });

        await answer(token, { scores: Array(9).fill(3) }).expect(201);

        expect(await expired()).toBe(0);
      } finally {
        clock.set(kupangMorning(FIRST_DAY));
      }
    });
  });

  describe('reports', () => {
    const skckAnswers = [
      [4, 3, 3, 4, 2, 3, 4, 1, 3],
      [3, 3, 2, 4, 3, 3, 3, 2, 4],
    ];
    const kkAnswers = [[4, 4, 4, 4, 4, 4, 4, 4, 4]];
    let skckServed = 0;
    let kkServed = 0;

    beforeAll(async () => {
      clock.set(kupangMorning(REPORT_DAY));
      const skck = [await tokenOf(h.services.skck), await tokenOf(h.services.skck), await tokenOf(h.services.skck)];
      const kk = [await tokenOf(h.services.kk), await tokenOf(h.services.kk)];
      skckServed = skck.length;
      kkServed = kk.length;
      for (const [i, scores] of skckAnswers.entries()) await answer(skck[i].token, { scores, comment: `saran ${i}`, profile: { gender: i === 0 ? 'female' : 'male' } }).expect(201);
      for (const [i, scores] of kkAnswers.entries()) await answer(kk[i].token, { scores }).expect(201);
    }, 60_000);
    afterAll(() => clock.set(kupangMorning(FIRST_DAY)));

    it('should compute the site\'s IKM, its band and each element\'s NRR lowest first, as by hand', async () => {
      const all = [...skckAnswers, ...kkAnswers];

      const sut = (await report(h.kupangSiteAdmin, { from: REPORT_DAY, to: REPORT_DAY }).expect(200)).body as SurveyReportResponse;

      expect(sut.respondents).toBe(all.length);
      expect(sut.ikm).toBe(handIkm(all));
      expect(sut.band).toBe(bandOf(handIkm(all)));
      expect(sut.population).toBe(skckServed + kkServed);
      expect(sut.requiredSample).toBe(printedSample(skckServed + kkServed));
      expect(sut.sampleReached).toBe(all.length >= printedSample(skckServed + kkServed));
      const nrr = Array.from({ length: 9 }, (_, e) => all.reduce((s, a) => s + a[e], 0) / all.length);
      expect(sut.elements.map((e) => e.nrr)).toEqual([...nrr].sort((a, b) => a - b));
      expect(sut.elements[0].code).toBe(`U${nrr.indexOf(Math.min(...nrr)) + 1}`);
      const skck = sut.byService.find((s) => s.id === h.services.skck)!;
      expect(skck).toMatchObject({ respondents: skckAnswers.length, population: skckServed, ikm: handIkm(skckAnswers), band: bandOf(handIkm(skckAnswers)) });
      expect(sut.byAgency.find((a) => a.id === h.polresta.id)).toMatchObject({ respondents: skckAnswers.length, ikm: handIkm(skckAnswers) });
      expect(sut.profile.gender.find((g) => g.value === 'female')!.count).toBe(1);
      expect(sut.comments.map((c) => c.text).sort()).toEqual(['saran 0', 'saran 1']);
    });

    it('should band the edges from the value rounded to two decimals (64.99/65.00, 76.60/76.61, 88.30/88.31)', async () => {
      // n respondents with a grand total T give T × 25 / (9n): hand-picked to land on each side of an edge.
      const cases = [
        { date: '2026-10-01', n: 38, total: 889, ikm: 64.99, band: 'D' }, // 64.985…
        { date: '2026-10-02', n: 5, total: 117, ikm: 65, band: 'C' }, // 65.000
        { date: '2026-10-03', n: 26, total: 717, ikm: 76.6, band: 'C' }, // 76.602…
        { date: '2026-10-04', n: 19, total: 524, ikm: 76.61, band: 'B' }, // 76.608…
        { date: '2026-10-05', n: 19, total: 604, ikm: 88.3, band: 'B' }, // 88.304…
        { date: '2026-10-06', n: 24, total: 763, ikm: 88.31, band: 'A' }, // 88.310…
      ];
      for (const c of cases) {
        // spread the grand total over the answers, each score 1–4
        const scores = Array.from({ length: c.n * 9 }, (_, i) => Math.floor(c.total / (c.n * 9)) + (i < c.total % (c.n * 9) ? 1 : 0));
        for (let r = 0; r < c.n; r++) {
          const s = scores.filter((_, i) => i % c.n === r);
          await db.query(
            `INSERT INTO survey_answer (site_id, agency_id, service_id, service_date, u1, u2, u3, u4, u5, u6, u7, u8, u9) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
            [kupangId, h.dukcapil.id, h.services.akta, c.date, ...s],
          );
        }
        const exact = (c.total * 25) / (9 * c.n);

        const sut = (await report(h.kupangSiteAdmin, { from: c.date, to: c.date }).expect(200)).body as SurveyReportResponse;

        expect({ date: c.date, ikm: sut.ikm, band: sut.band }).toEqual({ date: c.date, ikm: Math.round(exact * 100) / 100, band: bandOf(Math.round(exact * 100) / 100) });
        expect({ ikm: sut.ikm, band: sut.band }).toEqual({ ikm: c.ikm, band: c.band });
      }
    });

    it('should show an agency admin their agency only, and refuse another agency\'s surveys', async () => {
      const sut = (await report(h.dukcapilAdmin, { from: REPORT_DAY, to: REPORT_DAY }).expect(200)).body as SurveyReportResponse;

      expect(sut.agency).toEqual({ id: h.dukcapil.id, name: h.dukcapil.shortName });
      expect(sut.respondents).toBe(kkAnswers.length);
      expect(sut.population).toBe(kkServed);
      expect(sut.byService.map((s) => s.id)).not.toContain(h.services.skck);
      expect(sut.byAgency.map((a) => a.id)).toEqual([h.dukcapil.id]);
      expect(sut.comments).toEqual([]);
      await report(h.dukcapilAdmin, { from: REPORT_DAY, to: REPORT_DAY, agencyId: h.polresta.id }).expect(403);
      await report(h.dukcapilAdmin, { from: REPORT_DAY, to: REPORT_DAY, serviceId: h.services.skck }).expect(403);
      await report(h.dukcapilAdmin, { from: REPORT_DAY, to: REPORT_DAY, format: 'csv', agencyId: h.polresta.id }).expect(403);
      const polresta = (await report(h.polrestaAdmin, { from: REPORT_DAY, to: REPORT_DAY }).expect(200)).body as SurveyReportResponse;
      expect(polresta).toMatchObject({ respondents: skckAnswers.length, ikm: handIkm(skckAnswers) });
    });

    it('should refuse other sites, officers, the public and a wrong period', async () => {
      await report(h.probolinggoSiteAdmin, { from: REPORT_DAY, to: REPORT_DAY }).expect(403);
      await report(h.dukcapilOfficer, { from: REPORT_DAY, to: REPORT_DAY }).expect(403);
      await t.http().get('/api/v1/admin/sites/kota-kupang/survey/report').query({ from: REPORT_DAY, to: REPORT_DAY }).expect(401);
      const backwards = await report(h.kupangSiteAdmin, { from: REPORT_DAY, to: FIRST_DAY }).expect(400);
      expect(backwards.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      await report(h.kupangSiteAdmin, { from: '2026-01-01', to: '2027-01-02' }).expect(400);
      await report(h.kupangSiteAdmin, { from: '2026-02-30', to: REPORT_DAY }).expect(400);
      await report(h.kupangSiteAdmin, { from: REPORT_DAY, to: REPORT_DAY, format: 'pdf' }).expect(400);
      await report(h.kupangSiteAdmin, { from: REPORT_DAY, to: REPORT_DAY }, 'tidak-ada').expect(404);
    });

    it('should export CSV and XLSX with the profile, NRR per element, IKM, band and a follow-up plan for the lowest elements', async () => {
      const json = (await report(h.polrestaAdmin, { from: REPORT_DAY, to: REPORT_DAY }).expect(200)).body as SurveyReportResponse;

      const csv = await report(h.polrestaAdmin, { from: REPORT_DAY, to: REPORT_DAY, format: 'csv' }).expect(200);

      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="skm-kota-kupang-${REPORT_DAY}_${REPORT_DAY}.csv"`);
      const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines).toContain(`IKM (bobot 1/9) / IKM (weight 1/9),${json.ikm}`);
      const plan = lines.indexOf('Rencana tindak lanjut / Follow-up plan');
      expect(plan).toBeGreaterThan(0);
      expect(lines[plan + 2]).toMatch(new RegExp(`^1,"?${json.elements[0].code} `));
      expect(lines.some((l) => l.startsWith('Jenis kelamin / Gender,Perempuan / Female,1'))).toBe(true);
      expect(csv.text).not.toContain('saran 0');

      const xlsx = await report(h.polrestaAdmin, { from: REPORT_DAY, to: REPORT_DAY, format: 'xlsx' })
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'NRR unsur', 'Per instansi', 'Per layanan', 'Profil responden', 'Rencana tindak lanjut']);
      const elements = book.getWorksheet('NRR unsur')!;
      expect(elements.getRow(2).getCell(1).value).toBe(json.elements[0].code);
      expect(elements.getRow(2).getCell(4).value).toBe(json.elements[0].ikm);
      expect(book.getWorksheet('Rencana tindak lanjut')!.getRow(2).getCell(2).value).toEqual(expect.stringContaining(json.elements[0].code));
      const summary = book.getWorksheet('Ringkasan')!;
      const ikmRow = summary.getRows(1, summary.rowCount)!.find((r) => String(r.getCell(1).value).startsWith('IKM'))!;
      expect(ikmRow.getCell(2).value).toBe(json.ikm);
    });
  });
});
