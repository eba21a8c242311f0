import type { PublicTicketResponse, SiteResponse, SurveyFormResponse, SurveyReportResponse, TicketResponse } from '@mpp/contracts';
import { localDate } from '@mpp/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { chromiumWithQrCamera, consoleOf, waitAfterScan } from './support/camera';

describe('The SKM survey at the kiosk in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  let closeBrowser: () => Promise<void>;
  /** The ticket whose QR the fake camera shows: served before the browser starts. */
  let scanned: TicketResponse;
  let period: { from: string; to: string };
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  const serve = async (): Promise<TicketResponse> => {
    const ticket = await issue(t, h.kiosk, h.services.kk);
    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    return ticket;
  };
  const publicTicket = async (code: string) => (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
  const answers = async () => ((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM survey_answer`)) as { n: number }[])[0].n;
  const report = async () =>
    (await t.http().get('/api/v1/admin/sites/kota-kupang/survey/report').query(period).auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as SurveyReportResponse;

  /** A kiosk signed in on the start screen; `camera: false` makes getUserMedia fail as on a kiosk without one. */
  const kiosk = async (camera: boolean): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    if (!camera) {
      await context.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('No camera', 'NotFoundError'));
      });
    }
    const page = await context.newPage();
    await page.goto(`${base}/kiosk/perangkat?token=${h.kiosk}`);
    await page.getByTestId('agency-tile').first().waitFor();
    return { context, page };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
    const today = localDate(new Date(KUPANG_MONDAY_0900), site.timeZone);
    period = { from: today, to: today };
    scanned = await serve();
    // What the printed ticket's QR holds: the portal's ticket page of its public code.
    ({ browser, close: closeBrowser } = await chromiumWithQrCamera(`https://mpp.example.go.id/tiket/${scanned.publicCode}`));
  }, 120_000);
  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
  });

  it("should open the survey from a served ticket's QR, take the nine answers and a comment, thank and return to the start", async () => {
    const token = (await publicTicket(scanned.publicCode)).surveyToken!;
    expect(token).toBeTruthy();
    const form = (await t.http().get(`/api/v1/survey/${token}`).expect(200)).body as SurveyFormResponse;
    expect((await report()).respondents).toBe(0);
    const { context, page } = await kiosk(true);
    const printed = consoleOf(page);
    try {
      await page.getByTestId('survey-open').click();
      // The camera reads the ticket QR at once; the form follows without a touch.
      await waitAfterScan(page.getByTestId('kiosk-survey-form'), page.getByTestId('kiosk-survey-camera'), printed);
      expect(await page.getByTestId('kiosk-survey-about').textContent()).toContain(form.service.name);
      expect(await page.getByTestId('kiosk-survey-about').textContent()).toContain(form.agencyName);
      expect(await page.locator('legend').first().textContent()).toContain(form.elements[0].question.id);
      // Nothing personal on the page: no number, no ticket code, no name.
      expect(await page.locator('body').textContent()).not.toContain(scanned.publicCode);
      // Big touch targets: 9 × 4 answers, each a tile at least 72 px high.
      const heights = await page.locator('label.ksurvey__option').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().height));
      expect(heights).toHaveLength(form.elements.length * 4);
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(72);
      await checkScreen(page, 'kiosk-survey-form');

      // One element left out: named, nothing kept.
      const scores = form.elements.map((_, i) => (i % 4) + 1);
      for (const [i, element] of form.elements.entries()) if (i !== 4) await page.getByTestId(`kiosk-survey-${element.code}-${scores[i]}`).check();
      await page.getByTestId('kiosk-survey-submit').click();
      expect(await page.getByTestId('kiosk-survey-missing').textContent()).toContain('1 unsur');
      expect(await answers()).toBe(0);

      await page.getByTestId(`kiosk-survey-${form.elements[4].code}-${scores[4]}`).check();
      await page.getByTestId('kiosk-survey-comment').fill('Anjungan mudah dipakai.');
      await page.getByTestId('kiosk-survey-submit').click();
      await page.getByTestId('kiosk-survey-thanks').waitFor();
      await checkScreen(page, 'kiosk-survey-thanks');

      const after = await report();
      expect(after.respondents).toBe(1);
      expect(after.comments.map((c) => c.text)).toEqual(['Anjungan mudah dipakai.']);
      const [stored] = (await t.app.get(DataSource).query(`SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9, comment_cipher FROM survey_answer`)) as Record<string, number | string>[];
      expect(form.elements.map((_, i) => stored[`u${i + 1}`])).toEqual(scores);
      expect(stored.comment_cipher).not.toContain('mudah');
      // The ticket's page now thanks instead of offering a token.
      expect(await publicTicket(scanned.publicCode)).toMatchObject({ surveyAnswered: true });

      await page.getByTestId('kiosk-survey-home').click();
      await page.getByTestId('agency-tile').first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/kiosk/');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('should refuse a second answer kindly: an answered ticket, a token spent while the form was open, a ticket not yet served, a wrong code', async () => {
    const { context, page } = await kiosk(false);
    try {
      await page.getByTestId('survey-open').click();
      await page.locator('[data-testid="kiosk-survey-camera"][data-state="unavailable"]').waitFor();
      await checkScreen(page, 'kiosk-survey-scan');

      // The ticket answered in the first test: no form, a thank-you.
      await page.getByTestId('kiosk-survey-code').fill(scanned.publicCode);
      await page.getByTestId('kiosk-survey-open').click();
      await page.locator('[data-testid="kiosk-survey-not-offered"][data-reason="answered"]').waitFor();
      expect(await page.getByTestId('kiosk-survey-form').count()).toBe(0);

      // Not a ticket code: said without asking the API.
      await page.getByTestId('kiosk-survey-code').fill('ABC');
      await page.getByTestId('kiosk-survey-open').click();
      expect(await page.getByTestId('kiosk-survey-message').textContent()).toContain('16 huruf');

      // A ticket still waiting: the survey opens after the service.
      const waiting = await issue(t, h.kiosk, h.services.kk);
      expect((await publicTicket(waiting.publicCode)).surveyToken).toBeUndefined();
      await page.getByTestId('kiosk-survey-code').fill(waiting.publicCode);
      await page.getByTestId('kiosk-survey-open').click();
      await page.locator('[data-testid="kiosk-survey-not-offered"][data-reason="notYet"]').waitFor();
      await checkScreen(page, 'kiosk-survey-not-yet');
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);

      // Served now: the form opens; answered on the phone meanwhile, the kiosk's answer is refused.
      await page.getByTestId('kiosk-survey-code').fill(`https://mpp.example.go.id/tiket/${waiting.publicCode}`);
      await page.getByTestId('kiosk-survey-open').click();
      await page.getByTestId('kiosk-survey-form').waitFor();
      const token = (await publicTicket(waiting.publicCode)).surveyToken!;
      await t.http().post(`/api/v1/survey/${token}`).send({ scores: [4, 4, 4, 4, 4, 4, 4, 4, 4] }).expect(201);
      const before = await answers();
      for (const element of (await page.locator('fieldset').evaluateAll((sets) => sets.map((s) => s.querySelector('input')?.getAttribute('name') ?? '')))) {
        await page.getByTestId(`kiosk-survey-${element}-2`).check();
      }
      await page.getByTestId('kiosk-survey-submit').click();
      await page.getByTestId('kiosk-survey-used').waitFor();
      const refusal = await t.http().post(`/api/v1/survey/${token}`).send({ scores: [1, 1, 1, 1, 1, 1, 1, 1, 1] }).expect(409);
      expect(await page.getByTestId('kiosk-survey-used-reason').textContent()).toContain((refusal.body as { message: { id: string } }).message.id);
      await checkScreen(page, 'kiosk-survey-used');
      expect(await answers()).toBe(before);
      expect((await report()).respondents).toBe(before);

      // Untouched, the last screen returns to the start on its own (KIOSK_TICKET_IDLE_MS, 25 s).
      const shownAt = Date.now();
      await page.getByTestId('agency-tile').first().waitFor({ timeout: 45_000 });
      expect(Date.now() - shownAt).toBeGreaterThan(10_000);
    } finally {
      await context.close();
    }
    // It waits out the 25 s the last screen stays: about 30 s on a quiet machine.
  }, 120_000);
});
