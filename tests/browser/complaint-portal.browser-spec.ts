import type { ComplaintCitizenResponse, ComplaintStatsResponse } from '@mpp/contracts';
import { createECDH, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { readSignInCode } from '../../apps/api/test/support/citizen';
import { createStaff, type StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';
import { checkScreen } from './support/axe';
import { signInCitizen } from './support/citizen-sign-in';
import { downloadByClick } from './support/download';
import { pushPhone, serviceWorkerControls } from './support/push-phone';

/** The built apps the API serves (APPS_DIR, as the other browser specs read it). */
const APPS_DIR = resolve(process.env.APPS_DIR ?? 'dist/apps');

/** Thursday 3 December 2026, 10:00 WITA: a working day in Kupang. */
const THURSDAY_1000_WITA = '2026-12-03T02:00:00Z';
const NAME = 'Fransiska Nona Manehat';
const PHONE = '0812-3888-5521';
const E164 = '+6281238885521';
const TEXT = 'Loket perekaman KTP elektronik tutup satu jam lebih awal tanpa pemberitahuan kepada warga yang antre.';
const ANSWER = 'Mohon maaf. Petugas perekaman dipanggil rapat; mulai minggu depan loket cadangan dibuka sampai pukul 15.00.';
const PHONE_POSITION = { latitude: -10.1727, longitude: 123.6071, accuracy: 12 };

/** The citizen's complaint pages in Chromium on a phone (docs/portal.md, Pengaduan). */
describe('Complaints on the portal (pengaduan) in Chromium, on a phone', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date(THURSDAY_1000_WITA));
  const db = () => t.app.get(DataSource);
  /** The named complaint filed by the first test, followed by the next. */
  let filed: { code: string; secret: string } | null = null;
  /** The anonymous consultation of the third test. */
  let anonymous: { code: string; secret: string } | null = null;

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { appsDir: APPS_DIR } });
    staff = await createStaff(t);
    ({ browser, base } = await chromiumFor(t));
  }, 180_000);
  afterAll(async () => closeAppAndChromium(browser, t));

  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  /** A phone (390×844) whose location service answers PHONE_POSITION. */
  const phone = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, geolocation: PHONE_POSITION, permissions: ['geolocation'] });
    contexts.push(context);
    return context.newPage();
  };
  const read = async (code: string, secret: string) =>
    (await t.http().get(`/api/v1/complaints/${code}`).set('X-Complaint-Secret', secret).expect(200)).body as ComplaintCitizenResponse;
  const rowOf = async (code: string) => ((await db().query(`SELECT * FROM complaint WHERE code = $1`, [code])) as Record<string, unknown>[])[0];
  const step = (id: string, name: string, text: string) =>
    t.http().post(`/api/v1/admin/sites/kota-kupang/complaints/${id}/steps/${name}`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ text });

  it('should file a named complaint from the site page with a photo and the phone’s location: code and secret shown once, stored encrypted', async () => {
    const page = await phone();
    await page.goto(`${base}/mpp/kota-kupang`);
    await page.getByTestId('site-complaints').waitFor();
    await page.getByTestId('site-complaint-link').click();
    await page.waitForURL('**/pengaduan/baru?mpp=kota-kupang');
    await page.getByTestId('complaint-form').waitFor();
    // The MPP of the link chosen once the list of MPPs arrived.
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('#complaint-site')?.value === 'kota-kupang');
    await page.getByTestId('complaint-agency').locator(`option[value="${staff.dukcapil.id}"]`).waitFor({ state: 'attached' });
    await checkScreen(page, 'complaint-new');

    // Nothing typed: the text is named and takes the focus; nothing is sent.
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('complaint-text-error').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'complaint-text');
    expect(await rowCount()).toBe(0);

    await page.getByTestId('complaint-agency').selectOption(staff.dukcapil.id);
    const service = page.getByTestId('complaint-service');
    await service.locator('option').nth(1).waitFor({ state: 'attached' });
    const serviceId = await service.locator('option').nth(1).getAttribute('value');
    await service.selectOption(serviceId!);
    await page.getByTestId('complaint-text').fill(TEXT);
    expect(await page.getByTestId('complaint-text-count').textContent()).toContain(`${TEXT.length} dari 4000 karakter`);
    await page.getByTestId('complaint-name').fill(NAME);
    await page.getByTestId('complaint-phone').fill(PHONE);
    await page.getByTestId('complaint-locate').click();
    await page.getByTestId('complaint-accuracy').waitFor();
    expect(await page.getByTestId('complaint-lat').inputValue()).toBe(PHONE_POSITION.latitude.toFixed(6));
    expect(await page.getByTestId('complaint-lng').inputValue()).toBe(PHONE_POSITION.longitude.toFixed(6));
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
    await page.getByTestId('complaint-photo-input').setInputFiles({ name: 'loket.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    expect(await page.getByTestId('complaint-photo').textContent()).toContain('loket.jpg');
    await checkScreen(page, 'complaint-new-filled');

    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('complaint-receipt').waitFor();
    const code = (await page.getByTestId('complaint-receipt-code').textContent())!.trim();
    const secret = (await page.getByTestId('complaint-receipt-secret').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    expect(secret.length).toBeGreaterThanOrEqual(24);
    expect(await page.getByTestId('complaint-receipt-warning').textContent()).toContain('hanya ditampilkan sekali');
    expect(await page.getByTestId('complaint-receipt-photos').textContent()).toContain('1 foto');
    await checkScreen(page, 'complaint-receipt');

    // "Simpan": a file with both; the address never carries the secret; this tab only keeps them.
    const saved = await downloadByClick(page, 'complaint-save');
    expect(saved.name).toBe(`pengaduan-${code}.txt`);
    expect(saved.body.toString('utf8')).toContain(code);
    expect(saved.body.toString('utf8')).toContain(secret);
    expect(page.url()).not.toContain(secret);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(secret);
    expect(await page.evaluate(() => sessionStorage.getItem('mpp.complaint.last'))).toBe(JSON.stringify({ code, secret }));

    // Stored: the row with its text, name and phone not in clear; the photo and the location kept.
    const row = await rowOf(code);
    expect(row).toMatchObject({ anonymity: 'named', kind: 'complaint', subject: 'service', agency_id: staff.dukcapil.id, service_id: serviceId });
    const stored = JSON.stringify(row);
    for (const clear of [TEXT.slice(0, 30), NAME, E164, secret, '10.1727']) expect(stored).not.toContain(clear);
    const complaint = await read(code, secret);
    expect(complaint.text).toBe(TEXT);
    expect(complaint.photos).toHaveLength(1);
    expect(complaint.location).toMatchObject({ lat: PHONE_POSITION.latitude, lng: PHONE_POSITION.longitude, source: 'device' });
    filed = { code, secret };

    // "Lacak pengaduan" opens it from this tab's storage, without typing.
    await page.getByTestId('complaint-track-link').click();
    await page.waitForURL('**/pengaduan/lacak');
    await page.getByTestId('complaint-track-heading').waitFor();
    expect(await page.getByTestId('complaint-track-status').textContent()).toContain('diterima');
    expect(page.url()).not.toContain(secret);
  });

  it('should show the handler’s answer on the tracking page, take a rating, accept it, and reopen as the API allows (its 422 in Indonesian after the period)', async () => {
    expect(filed).not.toBeNull();
    const { code, secret } = filed!;
    const id = (await rowOf(code)).id as string;
    await step(id, 'answer', ANSWER).expect(200);

    // Another phone: the code typed, the secret in a password field.
    const page = await phone();
    await page.goto(`${base}/pengaduan/lacak`);
    await page.getByTestId('complaint-track-form').waitFor();
    expect(await page.getByTestId('complaint-track-secret').getAttribute('type')).toBe('password');
    await checkScreen(page, 'complaint-track-form');
    await page.getByTestId('complaint-track-code').fill(code.toLowerCase());
    await page.getByTestId('complaint-track-secret').fill(secret);
    await page.getByTestId('complaint-track-open').click();
    await page.getByTestId('complaint-track-heading').waitFor();
    expect(page.url()).toBe(`${base}/pengaduan/lacak`);
    expect(await page.getByTestId('complaint-track-status').textContent()).toContain('dijawab');
    expect(await page.getByTestId('complaint-track-agency').textContent()).toContain(staff.dukcapil.name);
    expect(await page.getByTestId('complaint-track-text').textContent()).toBe(TEXT);
    expect(await page.locator('[data-testid="complaint-event"][data-action="answer"]').textContent()).toContain(ANSWER);
    // The photo, read with the secret header: drawn.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="complaint-track-photo"]');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await checkScreen(page, 'complaint-track-answered');

    // Rate 4: the page shows it as the API now holds it.
    await page.getByTestId('complaint-star-4').click();
    expect(await page.locator('#complaint-rating-4').isChecked()).toBe(true);
    await page.getByTestId('complaint-rate-send').click();
    await page.getByTestId('complaint-track-rating').filter({ hasText: '4 dari 5' }).waitFor();
    expect((await read(code, secret)).rating).toBe(4);

    // Accept: closed.
    await page.getByTestId('complaint-accept').click();
    await page.getByTestId('complaint-track-status').filter({ hasText: 'selesai' }).waitFor();
    expect((await read(code, secret)).status).toBe('closed');
    expect(await page.getByTestId('complaint-done').textContent()).toContain('selesai');

    // Reopen within the period (the API gives reopenUntil): reopened.
    expect((await read(code, secret)).reopenUntil).not.toBeNull();
    await page.getByTestId('complaint-reopen-text').fill('Loket cadangan belum dibuka sampai hari ini.');
    await page.getByTestId('complaint-reopen-send').click();
    await page.getByTestId('complaint-track-status').filter({ hasText: 'dibuka kembali' }).waitFor();
    expect((await read(code, secret)).status).toBe('reopened');
    expect(await page.getByTestId('complaint-reopen-send').count()).toBe(0);

    // Answered again, then the period passes: the page still offers it (the phone's clock decides
    // nothing), the API refuses with 422, and its Indonesian message stands beside the reason.
    await step(id, 'answer', 'Loket cadangan dibuka mulai Senin, 14 Desember 2026.').expect(200);
    const answeredAgain = await read(code, secret);
    clock.set(new Date(new Date(answeredAgain.reopenUntil!).getTime() + 86_400_000));
    await page.reload();
    await page.getByTestId('complaint-track-status').filter({ hasText: 'dijawab' }).waitFor();
    await page.getByTestId('complaint-reopen-text').fill('Masih belum dibuka.');
    await page.getByTestId('complaint-reopen-send').click();
    await page.getByTestId('complaint-reopen-error').waitFor();
    const refusal = await t.http().post(`/api/v1/complaints/${code}/reopen`).set('X-Complaint-Secret', secret).send({ text: 'Masih belum dibuka.' }).expect(422);
    const message = (refusal.body as { message: { id: string } }).message.id;
    expect(message).toBe('Batas waktu untuk membuka kembali pengaduan sudah lewat.');
    expect(await page.getByTestId('complaint-reopen-error').textContent()).toContain(message);
    expect(await page.getByTestId('complaint-reopen-text').inputValue()).toBe('Masih belum dibuka.');
    expect((await read(code, secret)).status).toBe('answered');
    await checkScreen(page, 'complaint-track-refused');
    clock.set(new Date(THURSDAY_1000_WITA));
  });

  it('should hide the identity fields for an anonymous complaint and file it with no identity kept', async () => {
    const page = await phone();
    await page.goto(`${base}/pengaduan/baru?mpp=kota-kupang&ref=ticket:A012`);
    await page.getByTestId('complaint-form').waitFor();
    expect(await page.getByTestId('complaint-ref-code').inputValue()).toBe('A012');
    expect(await page.getByTestId('complaint-identity').count()).toBe(1);
    // Each choice re-renders the form on Angular's next tick: waited for, not read at once.
    await page.getByTestId('complaint-anonymity-anonymous').check();
    await page.getByTestId('complaint-identity').waitFor({ state: 'detached' });
    expect(await page.getByTestId('complaint-name').count()).toBe(0);
    expect(await page.getByTestId('complaint-phone').count()).toBe(0);
    await page.getByTestId('complaint-subject-facilities').check();
    await page.getByTestId('complaint-agency').waitFor({ state: 'detached' });
    await page.getByTestId('complaint-kind-consultation').check();
    await page.getByTestId('complaint-submit').filter({ hasText: 'konsultasi' }).waitFor();
    await page.getByTestId('complaint-text').fill('Apakah ruang laktasi di lantai dua bisa dipakai pada hari Sabtu?');
    await checkScreen(page, 'complaint-new-anonymous');
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('complaint-receipt').waitFor();
    const code = (await page.getByTestId('complaint-receipt-code').textContent())!.trim();
    const row = await rowOf(code);
    expect(row).toMatchObject({ anonymity: 'anonymous', kind: 'consultation', subject: 'facilities', agency_id: null, reporter_name_cipher: null, reporter_phone_cipher: null });
    expect(row).toMatchObject({ reference_kind: 'ticket', reference_code: 'A012' });
    anonymous = { code, secret: (await page.getByTestId('complaint-receipt-secret').textContent())!.trim() };
  });

  it('should let an anonymous reporter turn on notifications on the tracking page (the subscription kept encrypted)', async () => {
    expect(anonymous).not.toBeNull();
    const { code, secret } = anonymous!;
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const endpoint = `https://push.example.test/complaint/${code}`;
    const context = await pushPhone(browser, base, { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/pengaduan/lacak?kode=${code}`);
    await serviceWorkerControls(page);
    // The code from the notification's link; the secret typed (its field has the focus).
    await page.getByTestId('complaint-track-code').waitFor();
    expect(await page.getByTestId('complaint-track-code').inputValue()).toBe(code);
    await page.waitForFunction(() => document.activeElement?.id === 'complaint-track-secret');
    await page.getByTestId('complaint-track-secret').fill(secret);
    await page.getByTestId('complaint-track-open').click();
    await page.getByTestId('complaint-notify').waitFor();
    await checkScreen(page, 'complaint-track-notify');
    await page.getByTestId('complaint-notify-enable').click();
    await page.getByTestId('complaint-notify-on').waitFor();
    const id = (await rowOf(code)).id as string;
    const stored = (await db().query(`SELECT * FROM complaint_push_subscription WHERE complaint_id = $1`, [id])) as Record<string, unknown>[];
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('push.example.test');
  });

  it('should show the statistics the API answers, per MPP and per agency, in Indonesian and English', async () => {
    const stats = (await t.http().get('/api/v1/sites/kota-kupang/complaints/stats').expect(200)).body as ComplaintStatsResponse;
    expect(stats.total.received).toBeGreaterThanOrEqual(2);
    const page = await phone();
    await page.goto(`${base}/mpp/kota-kupang`);
    await page.getByTestId('site-complaint-stats').click();
    await page.waitForURL('**/pengaduan/statistik/kota-kupang');
    await page.getByTestId('complaint-stats-table').waitFor();
    const rows = page.getByTestId('complaint-stats-row');
    expect(await rows.count()).toBe(1 + stats.agencies.length);
    const lines = [stats.total, ...stats.agencies];
    for (let i = 0; i < lines.length; i++) {
      const row = rows.nth(i);
      expect(await row.getByTestId('stats-received').textContent()).toBe(String(lines[i].received));
      expect(await row.getByTestId('stats-answered').textContent()).toBe(String(lines[i].answered));
      const rating = await row.getByTestId('stats-rating').textContent();
      if (lines[i].averageRating === null) expect(rating).toBe('–');
      else expect(rating).toContain(`(${lines[i].ratings} penilaian)`);
      const first = lines[i].firstResponseOnTimeRate;
      expect((await row.getByTestId('stats-first').textContent())!.replace(/\s/g, '')).toBe(first === null ? '–' : `${Math.round(first * 100)}%`);
    }
    const dukcapil = stats.agencies.find((a) => a.agencyId === staff.dukcapil.id)!;
    expect(dukcapil).toMatchObject({ received: 1, answered: 1 });
    const text = await page.locator('main').textContent();
    for (const personal of [NAME, E164, TEXT.slice(0, 30), filed?.code ?? '-']) expect(text).not.toContain(personal);
    await checkScreen(page, 'complaint-stats');

    await page.getByTestId('lang-en').click();
    await page.getByTestId('complaint-stats-heading').filter({ hasText: 'Complaint statistics' }).waitFor();
    expect(await rows.nth(0).locator('th').textContent()).toContain('The whole MPP');
    await checkScreen(page, 'complaint-stats-en');
    await page.getByTestId('lang-id').click();
  });

  it("should take the reference from Riwayat saya when signed in (the item's 'Adukan' link, then picked from the list)", async () => {
    const list = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    const serviceId = list.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    const page = await phone();
    await page.goto(`${base}/pengaduan/lacak`);
    await signInCitizen(page, '0812-3999-4410', () => readSignInCode(t.app, '+6281239994410'));
    // An application made from this browser: kept in the account's history.
    const application = await page.evaluate(async (id) => {
      const res = await fetch('/api/v1/applications', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: id, nik: '5371010101900401', fullName: 'Maria Goreti Lada', phone: '0812-3999-4410', language: 'id' }),
      });
      return { status: res.status, body: (await res.json()) as { application: { code: string } } };
    }, serviceId);
    expect(application.status).toBe(201);
    const applicationCode = application.body.application.code;

    await page.goto(`${base}/akun/riwayat`);
    await page.getByTestId('history-complaint-link').first().waitFor();
    await page.getByTestId('history-complaint-link').first().click();
    await page.waitForURL(`**/pengaduan/baru?mpp=kota-kupang&ref=application:${applicationCode}`);
    await page.getByTestId('complaint-form').waitFor();
    expect(await page.getByTestId('complaint-ref-code').inputValue()).toBe(applicationCode);
    expect(page.url()).not.toContain('5371010101900401');

    // The same item picked from the list instead; the account's verified phone filled in.
    await page.getByTestId('complaint-ref-history').check();
    await page.getByTestId('complaint-ref-pick').selectOption(`application:${applicationCode}`);
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#complaint-phone')?.value ?? '') !== '');
    await page.getByTestId('complaint-text').fill('Permohonan kartu keluarga belum diperiksa setelah dua minggu.');
    await page.getByTestId('complaint-name').fill('Maria Goreti Lada');
    await checkScreen(page, 'complaint-new-signed-in');
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('complaint-receipt').waitFor();
    const code = (await page.getByTestId('complaint-receipt-code').textContent())!.trim();
    expect(await rowOf(code)).toMatchObject({ anonymity: 'named', reference_kind: 'application', reference_code: applicationCode });
  });

  it('should show a refusal of the form beside it in Indonesian, with nothing typed lost (the rate limit reached: 429)', async () => {
    const page = await phone();
    await page.goto(`${base}/pengaduan/baru?mpp=kota-kupang`);
    await page.getByTestId('complaint-form').waitFor();
    await page.getByTestId('complaint-text').fill(TEXT);
    await page.getByTestId('complaint-name').fill(NAME);
    await page.getByTestId('complaint-phone').fill(PHONE);
    await page.getByTestId('complaint-lat').fill('-10.17');
    // This address files until the API holds it back (the same address as the phone's).
    let refusal: { status: number; body: { message?: { id: string } } } | null = null;
    for (let i = 0; i < 70 && !refusal; i++) {
      const res = await t.http().post('/api/v1/complaints').send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'facilities', text: TEXT, anonymity: 'anonymous' });
      if (res.status === 429) refusal = { status: res.status, body: res.body as { message?: { id: string } } };
      else expect(res.status).toBe(201);
    }
    expect(refusal).not.toBeNull();
    const before = await rowCount();
    await page.getByTestId('complaint-submit').click();
    // Half a location is named first: nothing is sent.
    await page.locator('#complaint-location-error').waitFor();
    await page.getByTestId('complaint-lng').fill('123.6');
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('complaint-submit-error').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'complaint-submit-error');
    const shown = await page.getByTestId('complaint-submit-error').textContent();
    expect(shown).toContain(refusal!.body.message?.id ?? 'Terlalu banyak');
    expect(await rowCount()).toBe(before);
    expect(await page.getByTestId('complaint-text').inputValue()).toBe(TEXT);
    expect(await page.getByTestId('complaint-name').inputValue()).toBe(NAME);
    expect(await page.getByTestId('complaint-phone').inputValue()).toBe(PHONE);
    expect(await page.getByTestId('complaint-lat').inputValue()).toBe('-10.17');
    await checkScreen(page, 'complaint-new-refused');
  });

  async function rowCount(): Promise<number> {
    return ((await db().query(`SELECT count(*)::int AS n FROM complaint`)) as { n: number }[])[0].n;
  }
});
