import type { PublicTicketResponse, SurveyFormResponse, TicketResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';
import { focusedAfterMove } from './support/focus';

describe('The SKM survey in Chromium, on a phone', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.akta, null);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const answers = async () => ((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM survey_answer`)) as { n: number }[])[0].n;

  it('should offer the survey on the ticket page once served, take the nine answers and thank; the link then says it was answered', async () => {
    const ticket = await issue(t, h.kiosk, h.services.akta);
    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    const page: Page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    await page.goto(`${base}/tiket/${ticket.publicCode}`);
    await page.getByTestId('ticket-live').filter({ hasText: 'Pembaruan langsung aktif' }).waitFor();
    expect(await page.getByTestId('ticket-survey').count()).toBe(0);

    // Finished while the page is open: the live update says done, the page reads its token.
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    const link = page.getByTestId('ticket-survey-link');
    await link.waitFor();
    const token = ((await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200)).body as PublicTicketResponse).surveyToken!;
    expect(await link.getAttribute('href')).toBe(`/survei/${token}`);
    await checkScreen(page, 'survey-offer');

    await link.click();
    await page.getByTestId('survey-form').waitFor();
    const form = (await t.http().get(`/api/v1/survey/${token}`).expect(200)).body as SurveyFormResponse;
    expect(await page.getByTestId('survey-about').textContent()).toContain(form.service.name);
    expect(await page.getByTestId('survey-about').textContent()).toContain(form.agencyName);
    expect(await page.locator('legend').first().textContent()).toContain(form.elements[0].question.id);
    // Touch targets: every answer is a whole row at least 48 px high.
    const heights = await page.locator('label.survey__option').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().height));
    expect(heights).toHaveLength(36);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(48);
    await checkScreen(page, 'survey-form');

    // Sending with one element unrated names it and moves there; nothing is kept.
    for (const element of form.elements.slice(0, 8)) await page.getByTestId(`survey-${element.code}-3`).check();
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-missing').waitFor();
    expect(await page.getByTestId('survey-missing').textContent()).toContain('1 unsur');
    expect(await focusedAfterMove(page, 'survey-U9-1', 'data-testid')).toBe('survey-U9-1');
    expect(await answers()).toBe(0);

    await page.getByTestId('survey-U9-4').check();
    await page.getByTestId('survey-gender').selectOption('female');
    await page.getByTestId('survey-comment').fill('Antrean tertib, petugas ramah.');
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-thanks').waitFor();
    expect(await page.getByTestId('survey-thanks').textContent()).toContain('Terima kasih');
    expect(await focusedAfterMove(page, 'survey-end-heading')).toBe('survey-end-heading');
    await checkScreen(page, 'survey-thanks');
    expect(await answers()).toBe(1);
    const [stored] = (await t.app.get(DataSource).query(`SELECT u1, u9, gender, comment_cipher FROM survey_answer`)) as { u1: number; u9: number; gender: string; comment_cipher: string }[];
    expect(stored).toMatchObject({ u1: 3, u9: 4, gender: 'female' });
    expect(stored.comment_cipher).not.toContain('ramah');

    // The same link again: answered already, in the API's words; nothing more kept.
    await page.goto(`${base}/survei/${token}`);
    await page.getByTestId('survey-used').waitFor();
    const refusal = await t.http().get(`/api/v1/survey/${token}`).expect(409);
    expect(await page.getByTestId('survey-used').textContent()).toContain((refusal.body as { message: { id: string } }).message.id);
    await checkScreen(page, 'survey-used');
    expect(await answers()).toBe(1);

    // The ticket page now thanks instead of offering the survey again.
    await page.goto(`${base}/tiket/${ticket.publicCode}`);
    await page.getByTestId('ticket-survey-answered').waitFor();
    expect(await page.getByTestId('ticket-survey-answered').textContent()).toContain('sudah diisi');
    expect(await page.getByTestId('ticket-survey-link').count()).toBe(0);
    await checkScreen(page, 'ticket-survey-answered');
    await page.close();
  });

  it('should show the form in English and say when a link is not known', async () => {
    const ticket = await issue(t, h.kiosk, h.services.akta);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    const token = ((await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200)).body as PublicTicketResponse).surveyToken!;
    const form = (await t.http().get(`/api/v1/survey/${token}`).expect(200)).body as SurveyFormResponse;
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });

    await page.goto(`${base}/survei/${token}`);
    await page.getByTestId('survey-form').waitFor();
    await page.getByTestId('lang-en').click();
    await page.locator('legend').first().filter({ hasText: form.elements[0].question.en }).waitFor();
    expect(await page.getByTestId('survey-submit').textContent()).toContain('Send my rating');
    await checkScreen(page, 'survey-form-en');

    const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    await page.goto(`${base}/survei/${altered}`);
    await page.getByTestId('survey-unavailable').waitFor();
    const refusal = await t.http().get(`/api/v1/survey/${altered}`).expect(404);
    expect(await page.getByTestId('survey-unavailable').textContent()).toContain((refusal.body as { message: { en: string } }).message.en);
    await page.close();
  });
});
