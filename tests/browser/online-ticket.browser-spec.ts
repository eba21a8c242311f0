import type { CitizenMeResponse, PublicTicketResponse, ServiceResponse } from '@mpp/contracts';
import { departureAdvice, estimatedCallAt, normalizeIndonesianMobile } from '@mpp/domain';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { PiiCipher } from '../../apps/api/src/common/pii-cipher';
import { readSignInCode } from '../../apps/api/test/support/citizen';
import { Hall, issue, KUPANG_MONDAY_0900, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';
import { signInCitizen } from './support/citizen-sign-in';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `537101010190${String(serial).padStart(4, '0')}`;

describe('A ticket from home (antrean daring) in Chromium, on a phone', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
    const service = (await t.http().get(`/api/v1/services/${h.services.ktpBaru}`).expect(200)).body as ServiceResponse;
    await t.http().patch(`/api/v1/admin/services/${h.services.ktpBaru}`).auth(h.system, { type: 'bearer' }).send({ queue: { ...service.queue, dailyQuota: null, onlineTicketEnabled: true } }).expect(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const phone = async (): Promise<Page> => browser.newPage({ viewport: { width: 390, height: 844 } });

  it('should go from the service page to the form, check the NIK as the API does, take a ticket and say when to set off', async () => {
    // Eight tickets ahead at two counters: about an hour's wait.
    for (let i = 0; i < 8; i++) await issue(t, h.kiosk, h.services.ktpBaru);
    const page = await phone();
    await page.goto(`${base}/layanan/${h.services.ktpBaru}`);

    await page.getByTestId('online-ticket-link').click();
    await page.waitForURL(`**/antrean-daring/${h.services.ktpBaru}`);
    const available = page.getByTestId('online-available');
    await available.waitFor();
    expect(await available.textContent()).toMatch(/Perkiraan dipanggil pukul \d{2}\.\d{2} WITA/);
    expect(await page.getByTestId('online-caps').textContent()).toContain('1 per layanan, 3 per hari');

    // Signed out: nothing is filled in.
    for (const field of ['nik', 'name', 'phone']) expect(await page.getByTestId(`online-${field}`).inputValue()).toBe('');
    expect(await page.getByTestId('online-prefilled').count()).toBe(0);
    await page.getByTestId('online-nik').fill('5371014502');
    await page.getByTestId('online-name').fill('Yohanes Benyamin Nalle');
    await page.getByTestId('online-phone').fill('0813-3901-2277');
    await page.getByTestId('online-submit').click();
    const nikError = page.getByTestId('online-nik-error');
    await nikError.waitFor();
    expect(await nikError.textContent()).toMatch(/16/);
    expect(await page.evaluate('document.activeElement?.id')).toBe('online-nik');
    await checkScreen(page, 'online-ticket-form-error');

    // "Beri tahu saya lewat": SMS by default, WhatsApp chosen here.
    expect(await page.getByTestId('online-notify-sms').locator('input').isChecked()).toBe(true);
    expect(await page.getByTestId('online-notify').textContent()).toMatch(/Beri tahu saya lewat.*SMS.*WhatsApp.*Tidak perlu/s);
    await page.getByTestId('online-notify-whatsapp').click();
    await page.getByTestId('online-nik').fill(nikFor(21));
    await page.getByTestId('online-submit').click();
    await page.waitForURL(/\/tiket\/[A-Za-z0-9_-]+$/);
    const code = decodeURIComponent(page.url().split('/tiket/')[1]);
    await page.getByTestId('ticket-number').waitFor();
    const ticket = (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
    expect(ticket).toMatchObject({ source: 'online', status: 'waiting', number: 'A009' });
    const contact = (await db().query(
      `SELECT c.channel, c.language FROM notification_ticket_contact c JOIN ticket t ON t.id = c.ticket_id WHERE t.public_code = $1`,
      [code],
    )) as { channel: string; language: string }[];
    expect(contact).toEqual([{ channel: 'whatsapp', language: 'id' }]);
    expect(await page.getByTestId('ticket-number').textContent()).toContain('A009');
    // Nothing personal on the page.
    const body = (await page.textContent('body')) ?? '';
    for (const personal of [nikFor(21), 'Yohanes', '3901']) expect(body).not.toContain(personal);

    // When to set off, by libs/domain's rules from the server's clock and the estimate the page shows.
    const waitShown = page.getByTestId('ticket-wait');
    await waitShown.waitFor();
    const waitMinutes = Number(/± (\d+) menit/.exec((await waitShown.textContent()) ?? '')?.[1]);
    expect(waitMinutes).toBeGreaterThan(30);
    const site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as { openingHours: Parameters<typeof estimatedCallAt>[0]['hours'] };
    const now = clock.now();
    const callAt = estimatedCallAt({ now, timeZone: 'Asia/Makassar', hours: site.openingHours, closures: [], waitMinutes })!;
    const expected = (travelMinutes: number) => departureAdvice({ now, estimatedCallAt: callAt, travelMinutes, timeZone: 'Asia/Makassar' });
    expect(expected(15).leaveNow).toBe(false);
    expect(expected(60).leaveNow).toBe(true);
    const advice = page.getByTestId('departure-advice');
    await advice.waitFor();
    expect(await page.getByTestId('departure-call').textContent()).toContain(`${expected(30).callAt.replace(':', '.')} WITA`);

    await page.getByTestId('travel-15').locator('input').check();
    await advice.filter({ hasText: `Berangkat pukul ${expected(15).leaveAt.replace(':', '.')} WITA` }).waitFor();
    await checkScreen(page, 'online-ticket-departure');
    await page.getByTestId('travel-60').locator('input').check();
    await advice.filter({ hasText: 'Berangkat sekarang' }).waitFor();

    // The same queue: the ticket is one of the day's, after the kiosk's eight.
    const [{ count }] = (await db().query(`SELECT count(*)::int AS count FROM ticket WHERE source = 'online' AND public_code = $1`, [code])) as { count: number }[];
    expect(count).toBe(1);
    await page.close();
  }, 120_000);

  it("should fill in the signed-in citizen's mobile number from the account, still editable, and send what the citizen leaves there", async () => {
    const page = await phone();
    await page.goto(`${base}/`);
    const me = await signInCitizen(page, '0812-3999-4411', () => readSignInCode(t.app, '+6281239994411'));
    const prefill: Partial<Record<'nik' | 'fullName' | 'phone', string | null>> = me.prefill;
    expect(prefill.phone).toBe('+6281239994411');
    // The account's "Beri tahu saya lewat", chosen as on the account page (other than the form's own SMS).
    const saved = await page.evaluate(async () => {
      const res = await fetch('/api/v1/citizen/preferences', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notifyBy: 'whatsapp' }) });
      return (await res.json()) as CitizenMeResponse;
    });
    const accountChoice = saved.preferences.notifyBy;
    expect(accountChoice).toBe('whatsapp');

    await page.goto(`${base}/antrean-daring/${h.services.ktpBaru}`);
    await page.getByTestId('online-prefilled').waitFor({ timeout: 10_000 });
    // The form starts from the account's choice, the others still there to pick.
    await page.getByTestId(`online-notify-${accountChoice}`).locator('input:checked').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('online-notify-sms').locator('input').isChecked()).toBe(false);
    expect(await page.getByTestId('online-notify-none').locator('input').isDisabled()).toBe(false);
    const byTestId = { nik: 'online-nik', fullName: 'online-name', phone: 'online-phone' } as const;
    for (const [field, testId] of Object.entries(byTestId) as [keyof typeof byTestId, string][]) {
      expect(await page.getByTestId(testId).inputValue()).toBe(prefill[field] ?? '');
    }
    // The prefilled number passes the same check as a typed one: no message, even after leaving it.
    await page.getByTestId('online-phone').focus();
    await page.getByTestId('online-name').focus();
    expect(await page.getByTestId('online-phone-error').count()).toBe(0);
    await checkScreen(page, 'online-ticket-prefilled');

    // Still editable: another number typed over it is the one the ticket's "called" goes to.
    const typed = '0813-3901-2290';
    await page.getByTestId('online-phone').fill(typed);
    if (!prefill.nik) await page.getByTestId('online-nik').fill(nikFor(22));
    if (!prefill.fullName) await page.getByTestId('online-name').fill('Yohanes Benyamin Nalle');
    await page.getByTestId('online-submit').click();
    await page.waitForURL(/\/tiket\/[A-Za-z0-9_-]+$/);
    const code = decodeURIComponent(page.url().split('/tiket/')[1]);
    const [contact] = (await db().query(
      `SELECT c.recipient_cipher, c.channel FROM notification_ticket_contact c JOIN ticket t ON t.id = c.ticket_id WHERE t.public_code = $1`,
      [code],
    )) as { recipient_cipher: string; channel: string }[];
    expect(contact.channel).toBe(accountChoice);
    const expected = normalizeIndonesianMobile(typed);
    expect(expected.valid).toBe(true);
    expect(t.app.get(PiiCipher).decrypt(contact.recipient_cipher)).toBe((expected as { e164: string }).e164);
    await page.close();
  }, 120_000);

  it("should start from SMS when the account's choice is one this form does not offer (email)", async () => {
    const page = await phone();
    await page.goto(`${base}/`);
    await signInCitizen(page, 'yohanes.nalle@contoh.id', () => readSignInCode(t.app, 'yohanes.nalle@contoh.id'));
    const saved = await page.evaluate(async () => {
      const res = await fetch('/api/v1/citizen/preferences', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notifyBy: 'email' }) });
      return (await res.json()) as CitizenMeResponse;
    });
    expect(saved.preferences.notifyBy).toBe('email');

    // The page asks who is signed in as it loads; the form is judged once that answer is in and drawn.
    const meAnswered = page.waitForResponse((r) => r.url().endsWith('/api/v1/citizen/me') && r.status() === 200, { timeout: 30_000 });
    await page.goto(`${base}/antrean-daring/${h.services.ktpBaru}`);
    await meAnswered;
    await page.getByTestId('online-notify').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId(`online-notify-${saved.preferences.notifyBy}`).count()).toBe(0);
    expect(await page.getByTestId('online-notify-sms').locator('input').isChecked()).toBe(true);
    await page.close();
  }, 120_000);

  it("should say why and what to do when the site does not take one now (its break), with no form", async () => {
    clock.set('2026-11-23T12:15:00+08:00');
    try {
      const page = await phone();
      await page.goto(`${base}/antrean-daring/${h.services.ktpBaru}`);
      const reason = page.getByTestId('online-unavailable-reason');
      await reason.waitFor();
      expect(await reason.textContent()).toContain('istirahat hingga pukul 13.00 WITA');
      expect(await page.getByTestId('online-form').count()).toBe(0);
      await checkScreen(page, 'online-ticket-on-break');
      await page.close();
    } finally {
      clock.set(KUPANG_MONDAY_0900);
    }
  }, 120_000);

  it('should not offer the link for a service that takes no tickets from home', async () => {
    const page = await phone();
    await page.goto(`${base}/layanan/${h.services.akta}`);
    await page.getByTestId('queue-info').waitFor();
    expect(await page.getByTestId('online-ticket-link').count()).toBe(0);
    await page.close();
  }, 120_000);
});
