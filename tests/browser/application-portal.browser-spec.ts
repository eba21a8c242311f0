import type { ApplicationResponse, CitizenHistoryResponse, IssuedDocumentSummary, ServiceResponse } from '@mpp/contracts';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { tinyPdf } from '../../apps/api/test/support/application-documents';
import { readSignInCode } from '../../apps/api/test/support/citizen';
import { createStaff, type StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';
import { checkScreen } from './support/axe';
import { signInCitizen } from './support/citizen-sign-in';
import { downloadByClick } from './support/download';
import { focusedAfterMove } from './support/focus';

// The feature's dictionary, loaded as the portal's build does; its one import from @mpp/ui is the
// Angular-free dictionary helper (the rest of @mpp/ui is Angular, which Jest does not load).
jest.mock('@mpp/ui', () => jest.requireActual('../../libs/ui/src/i18n/dictionary'), { virtual: true });
type Dict = Record<'id' | 'en', Record<string, string>>;
const APPLICATION_DICTIONARY = jest.requireActual<Record<string, Dict>>('../../apps/portal/src/app/application/application.dictionary').APPLICATION_DICTIONARY;

/** The built apps the API serves (APPS_DIR, as the other browser specs read it). */
const APPS_DIR = resolve(process.env.APPS_DIR ?? 'dist/apps');

/** Friday 14 August 2026, 09:00 WITA in Kupang. */
const FRIDAY_0900_WITA = '2026-08-14T01:00:00Z';
/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `537101010190${String(serial).padStart(4, '0')}`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What the page's own storage and address hold: the secret must be in the first, never in the second. */
async function storedSecrets(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('mpp.application.')).map((k) => [k, localStorage.getItem(k) ?? ''])));
}



describe('Digital applications on the portal (permohonan) in Chromium, on a phone', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let service: ServiceResponse;
  const clock = new FixedClock(new Date(FRIDAY_0900_WITA));
  /** Uploads the page sent (PUT …/document), to prove a refused file never left the phone. */
  const uploads: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { appsDir: APPS_DIR } });
    staff = await createStaff(t);
    ({ browser, base } = await chromiumFor(t));
    const list = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    const id = list.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    // A limit of 1 MB, so a file "too large" for the phone is small enough for the test.
    await t.http().patch(`/api/v1/admin/services/${id}`).auth(staff.system, { type: 'bearer' }).send({ maxUploadMb: 1 }).expect(200);
    service = (await t.http().get(`/api/v1/services/${id}`).expect(200)).body as ServiceResponse;
    expect(service.applicationsEnabled).toBe(true);
    expect(service.requirements.filter((r) => r.mandatory).length).toBeGreaterThan(0);
  }, 180_000);
  afterAll(async () => closeAppAndChromium(browser, t));

  const phone = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('request', (req) => {
      if (req.method() === 'PUT' && /\/document$/.test(req.url())) uploads.push(req.url());
    });
    return page;
  };
  const read = async (code: string, secret: string) =>
    (await t.http().get(`/api/v1/applications/${code}`).set('X-Application-Secret', secret).expect(200)).body as ApplicationResponse;
  const itemTestId = (position: number) => `application-item-${position}`;
  const uploadFile = async (page: Page, position: number, input: 'item-input' | 'item-camera-input', file: { name: string; mimeType: string; buffer: Buffer }) => {
    const item = page.getByTestId(itemTestId(position));
    await item.getByTestId(input).setInputFiles(file);
  };

  it("should keep the applications' pages and words out of the first load (the lazy chunk carries them)", () => {
    const dir = join(APPS_DIR, 'portal', 'browser');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const initialFiles = new Set([...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]));
    const scripts = readdirSync(dir).filter((f) => f.endsWith('.js') && !f.startsWith('ngsw') && !f.startsWith('safety') && !f.startsWith('worker'));
    const read = (files: string[]) => files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const initial = read(scripts.filter((f) => initialFiles.has(f)));
    const lazy = read(scripts.filter((f) => !initialFiles.has(f)));
    expect(initialFiles.size).toBeGreaterThan(0);
    // Its longer texts in plain letters (the bundler may escape quotes and non-ASCII).
    const words = [...Object.values(APPLICATION_DICTIONARY.id), ...Object.values(APPLICATION_DICTIONARY.en)].filter((text) => text.length >= 20 && /^[A-Za-z0-9 ,.:()/-]+$/.test(text));
    expect(words.length).toBeGreaterThan(10);
    expect(words.filter((text) => initial.includes(text))).toEqual([]);
    expect(words.filter((text) => !lazy.includes(text))).toEqual([]);
    // The service page's link, the upload code: not in the first load either.
    for (const text of ['Ajukan permohonan online', 'X-File-Name', 'mpp.application.']) {
      expect({ text, initial: initial.includes(text), lazy: lazy.includes(text) }).toEqual({ text, initial: false, lazy: true });
    }
  });

  it('should apply from the service page, upload a PDF and a photo, refuse a too-large file in the browser, submit and download the receipt', async () => {
    const page = await phone();
    await page.goto(`${base}/layanan/${service.id}`);
    await page.getByTestId('service-apply').waitFor();
    await checkScreen(page, 'application-service-page');
    await page.getByTestId('service-apply').click();
    await page.waitForURL(`**/permohonan/baru/${service.id}`);

    // The requirements as a checklist, with the size limit; nothing filled in when signed out.
    await page.getByTestId('application-checklist').waitFor();
    const shown = await page.getByTestId('application-requirement').allTextContents();
    expect(shown).toHaveLength(service.requirements.length);
    service.requirements.forEach((r, i) => {
      expect(shown[i]).toContain(r.name);
      expect(shown[i]).toContain(r.mandatory ? 'Wajib' : 'Tidak wajib');
      if (r.description) expect(shown[i]).toContain(r.description);
    });
    expect(await page.getByTestId('application-limit').textContent()).toContain(`paling besar ${service.maxUploadMb} MB`);
    await checkScreen(page, 'application-new');

    // The same checks as the API's: a short NIK is named and takes the focus.
    await page.getByTestId('application-nik').fill('5371014502');
    await page.getByTestId('application-name').fill('Yohana Bria Seran');
    await page.getByTestId('application-phone').fill('0813-3333-4411');
    await page.getByTestId('application-create').click();
    await page.getByTestId('application-nik-error').waitFor();
    expect(await focusedAfterMove(page, 'application-nik')).toBe('application-nik');
    await page.getByTestId('application-nik').fill(nikFor(31));
    await page.getByTestId('application-create').click();
    await page.waitForURL(/\/permohonan\/[A-Z0-9]{8}$/);
    const code = page.url().split('/permohonan/')[1];
    await page.getByTestId('application-heading').waitFor();
    expect(await page.getByTestId('application-heading').textContent()).toContain(`${code.slice(0, 4)}-${code.slice(4)}`);
    expect(await page.getByTestId('application-created').textContent()).toContain('SMS');
    expect(await page.getByTestId('application-state').textContent()).toContain('draf');

    // The secret: kept on the phone under the code, never in the address; it opens the application.
    const secrets = await storedSecrets(page);
    expect(Object.keys(secrets)).toEqual([`mpp.application.${code}`]);
    const secret = secrets[`mpp.application.${code}`];
    expect(page.url()).not.toContain(secret);
    const draft = await read(code, secret);
    expect(draft.items.map((i) => i.requirementId)).toEqual(service.requirements.map((r) => r.id));
    // Nothing personal on the page.
    for (const personal of [nikFor(31), 'Yohana', '3333-4411', '81333334411']) expect((await page.textContent('body')) ?? '').not.toContain(personal);

    // Sending now is refused on the phone, naming the mandatory items without a document.
    const mandatory = draft.items.filter((i) => i.mandatory);
    const submit = page.getByTestId('application-submit');
    expect(await submit.textContent()).toContain(`${mandatory.length} dokumen wajib belum diunggah`);
    await submit.click();
    const missing = page.getByTestId('application-missing');
    await missing.waitFor();
    for (const item of mandatory) expect(await missing.textContent()).toContain(item.name);
    expect(await focusedAfterMove(page, 'application-missing')).toBe('application-missing');
    expect(await page.getByTestId(itemTestId(mandatory[0].position)).getByTestId('item-missing').count()).toBe(1);
    await checkScreen(page, 'application-draft-missing');

    // A file over the service's limit is refused before anything is sent, with the limit named.
    const tooLarge = Buffer.concat([tinyPdf('besar'), Buffer.alloc(1_500_000, 0x20)]);
    expect(tooLarge.length).toBeGreaterThan(draft.maxUploadBytes);
    await uploadFile(page, mandatory[0].position, 'item-input', { name: 'kk-scan-besar.pdf', mimeType: 'application/pdf', buffer: tooLarge });
    const refused = page.getByTestId(itemTestId(mandatory[0].position)).getByTestId('item-error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/kk-scan-besar\.pdf.*1,4 MB.*lebih besar dari batas 1 MB/);
    expect(await focusedAfterMove(page, 'item-error', 'data-testid')).toBe('item-error');
    expect(uploads).toEqual([]);
    expect((await read(code, secret)).items.every((i) => i.documents.length === 0)).toBe(true);
    await checkScreen(page, 'application-too-large');

    // A PDF by "Pilih berkas" and a phone photo by the camera's input.
    const pdf = tinyPdf(`akta-${code}`);
    await uploadFile(page, mandatory[0].position, 'item-input', { name: 'akta kelahiran.pdf', mimeType: 'application/pdf', buffer: pdf });
    const first = page.getByTestId(itemTestId(mandatory[0].position));
    await first.getByTestId('item-saved').waitFor();
    expect(await first.getByTestId('item-file').textContent()).toMatch(/akta kelahiran\.pdf[\s\S]*PDF, 1 kB, versi 1, diunggah .* WITA/);
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 210, g: 190, b: 160 } } })
      .jpeg({ quality: 80 })
      .withMetadata({ exif: { IFD0: { Make: 'UjiPonsel' } } })
      .toBuffer();
    const last = mandatory[mandatory.length - 1];
    await uploadFile(page, last.position, 'item-camera-input', { name: 'IMG_20260814_090102.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId(itemTestId(last.position)).getByTestId('item-saved').waitFor();
    expect(await page.getByTestId(itemTestId(last.position)).getByTestId('item-file').textContent()).toContain('JPG');
    expect(uploads).toHaveLength(2);

    const uploaded = await read(code, secret);
    const pdfDoc = uploaded.items.find((i) => i.requirementId === mandatory[0].requirementId)!.documents;
    expect(pdfDoc.map((d) => ({ type: d.contentType, sha: d.sha256, name: d.fileName }))).toEqual([{ type: 'application/pdf', sha: sha256(pdf), name: 'akta kelahiran.pdf' }]);
    const photoDoc = uploaded.items.find((i) => i.requirementId === last.requirementId)!.documents;
    expect(photoDoc.map((d) => d.contentType)).toEqual(['image/jpeg']);

    // The citizen's own copy of the PDF, downloaded from the page, is the bytes sent.
    const [download] = await Promise.all([page.waitForEvent('download'), first.getByTestId('item-download').click()]);
    const own = { body: await readFile(await download.path()) };
    expect(sha256(own.body)).toBe(sha256(pdf));

    // Every mandatory item has a document: sent.
    for (const item of mandatory.slice(1, -1)) {
      await uploadFile(page, item.position, 'item-input', { name: `dok-${item.position}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(`${code}-${item.position}`) });
      await page.getByTestId(itemTestId(item.position)).getByTestId('item-saved').waitFor();
    }
    expect(await submit.textContent()).toContain('Kirim permohonan');
    await submit.click();
    await page.getByTestId('application-announce').filter({ hasText: 'Permohonan terkirim' }).waitFor();
    expect(await page.getByTestId('application-state').textContent()).toContain('diajukan');
    expect((await read(code, secret)).state).toBe('submitted');
    await page.getByTestId('application-steps').waitFor();
    await checkScreen(page, 'application-submitted');

    // The receipt (tanda terima): a PDF named by the code, listed then with its verification link.
    const receipt = await downloadByClick(page, 'application-receipt');
    expect(receipt.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(receipt.name).toContain(`${code.slice(0, 4)}-${code.slice(4)}`);
    const verify = page.getByTestId('application-verify-receipt');
    await verify.waitFor();
    const issued = (await t.http().get(`/api/v1/applications/${code}/issued-documents`).set('X-Application-Secret', secret).expect(200)).body as IssuedDocumentSummary[];
    expect(issued.map((d) => d.kind)).toEqual(['receipt']);
    expect(issued[0].sha256).toBe(sha256(receipt.body));
    expect(await verify.getAttribute('href')).toBe(`/verifikasi/${issued[0].number}`);

    // At 360 px nothing is wider than the screen.
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  }, 240_000);

  it("should show a returned item's reason and deadline, take a new document and send the correction", async () => {
    const created = (
      await t.http().post('/api/v1/applications').send({ serviceId: service.id, nik: nikFor(32), fullName: 'Maria Goreti Lake', phone: '0813-3333-4412' }).expect(201)
    ).body as { application: ApplicationResponse; secret: string };
    const { code, id } = created.application;
    const mandatory = created.application.items.filter((i) => i.mandatory);
    for (const item of mandatory) {
      await t.http().put(`/api/v1/applications/${code}/items/${item.requirementId}/document`).set('X-Application-Secret', created.secret).set('Content-Type', 'application/pdf').send(tinyPdf(`${code}-${item.position}`)).expect(200);
    }
    await t.http().post(`/api/v1/applications/${code}/submit`).set('X-Application-Secret', created.secret).expect(200);
    const officer = (path: string, body: object = {}) => t.http().post(`/api/v1/agency/applications/${id}/${path}`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send(body);
    await officer('start-verification').expect(200);
    const reason = 'Foto KTP-el buram: ulangi dengan cahaya cukup, keempat sudut terlihat.';
    await officer(`items/${mandatory[0].requirementId}`, { state: 'needs_revision', reason }).expect(200);
    const deadline = '2026-08-21T08:00:00.000Z';
    await officer('return', { citizenDeadline: deadline }).expect(200);

    // Another phone: no secret stored, so the page asks for the one from the SMS.
    const page = await phone();
    await page.goto(`${base}/permohonan/${code}`);
    await page.getByTestId('application-proof').waitFor();
    await page.getByTestId('application-secret').fill('bukan-kode-ini');
    await page.getByTestId('application-open').click();
    await page.getByTestId('application-proof-error').waitFor();
    expect(await focusedAfterMove(page, 'application-proof-error')).toBe('application-proof-error');
    await page.getByTestId('application-secret').fill(created.secret);
    await page.getByTestId('application-open').click();
    await page.getByTestId('application-returned').waitFor();
    expect(await storedSecrets(page)).toEqual({ [`mpp.application.${code}`]: created.secret });

    // The deadline in the site's zone (16.00 WITA on Friday 21 August), the officer's reason on its item.
    expect(await page.getByTestId('application-deadline').textContent()).toContain('Jumat, 21 Agustus 2026 pukul 16.00 WITA');
    const returnedItem = page.getByTestId(itemTestId(mandatory[0].position));
    expect(await returnedItem.getByTestId('item-reason').textContent()).toContain(reason);
    expect(await returnedItem.getByTestId('item-state').textContent()).toContain('Perlu perbaikan');
    // The status history: one entry per state change of the answer's timeline, each with its instant; the reviewed item says when.
    const answer = (await t.http().get(`/api/v1/applications/${code}`).set('X-Application-Secret', created.secret).expect(200)).body as ApplicationResponse;
    const shownTimes = await page.getByTestId('application-timeline').locator('time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));
    expect(shownTimes).toEqual(answer.timeline.map((entry) => entry.at));
    expect(answer.timeline.map((entry) => entry.state)).toEqual(['draft', 'submitted', 'in_verification', 'returned']);
    expect(await returnedItem.getByTestId('item-reviewed-at').count()).toBe(1);
    // Only the returned item takes a new document.
    for (const item of mandatory.slice(1)) expect(await page.getByTestId(itemTestId(item.position)).getByTestId('item-replace').count()).toBe(0);
    expect(await page.getByTestId('application-not-replaced').textContent()).toContain(mandatory[0].name);
    await checkScreen(page, 'application-returned');

    await returnedItem.getByTestId('item-replace').click();
    const fixed = tinyPdf(`perbaikan-${code}`);
    await returnedItem.getByTestId('item-input').setInputFiles({ name: 'ktp-jelas.pdf', mimeType: 'application/pdf', buffer: fixed });
    await returnedItem.getByTestId('item-saved').waitFor();
    expect(await returnedItem.getByTestId('item-file').textContent()).toContain('versi 2');
    expect(await page.getByTestId('application-not-replaced').count()).toBe(0);
    await page.getByTestId('application-submit').click();
    await page.getByTestId('application-announce').filter({ hasText: 'Perbaikan terkirim' }).waitFor();
    const after = await read(code, created.secret);
    expect(after.state).toBe('resubmitted');
    expect(after.items.find((i) => i.requirementId === mandatory[0].requirementId)!.documents.map((d) => d.sha256).at(-1)).toBe(sha256(fixed));
    await page.close();
  }, 180_000);

  /** An application submitted by the API (as a phone would), then taken by an officer of the agency to `complete` and `in_process`. */
  const inProcess = async (serial: number): Promise<{ code: string; id: string; secret: string; officer: (path: string, body?: object) => ReturnType<ReturnType<TestApp['http']>['post']> }> => {
    const created = (
      await t.http().post('/api/v1/applications').send({ serviceId: service.id, nik: nikFor(serial), fullName: 'Agustinus Lay', phone: `0813-3333-44${serial}` }).expect(201)
    ).body as { application: ApplicationResponse; secret: string };
    const { code, id } = created.application;
    for (const item of created.application.items.filter((i) => i.mandatory)) {
      await t.http().put(`/api/v1/applications/${code}/items/${item.requirementId}/document`).set('X-Application-Secret', created.secret).set('Content-Type', 'application/pdf').send(tinyPdf(`${code}-${item.position}`)).expect(200);
    }
    await t.http().post(`/api/v1/applications/${code}/submit`).set('X-Application-Secret', created.secret).expect(200);
    const officer = (path: string, body: object = {}) => t.http().post(`/api/v1/agency/applications/${id}/${path}`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send(body);
    await officer('start-verification').expect(200);
    for (const item of created.application.items) await officer(`items/${item.requirementId}`, { state: 'accepted' }).expect(200);
    await officer('accept').expect(200);
    await officer('start-process').expect(200);
    return { code, id, secret: created.secret, officer };
  };
  /** A phone that opens `code` with its secret kept as the portal keeps it. */
  const phoneWith = async (code: string, secret: string): Promise<Page> => {
    const page = await phone();
    await page.goto(`${base}/`);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`mpp.application.${code}`, secret] as const);
    await page.goto(`${base}/permohonan/${code}`);
    await page.getByTestId('application-heading').waitFor();
    return page;
  };

  it('should give the result to download once ready, and a rejection its reason and letter, in English too', async () => {
    const approved = await inProcess(41);
    // In process: the due date the API computed, shown in the site's zone (WITA), as Intl writes it there.
    const dueAt = (await read(approved.code, approved.secret)).clock.dueAt!;
    const zoned = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Makassar', ...options }).format(new Date(dueAt));
    const expectedDue = `${zoned({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })} pukul ${zoned({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} WITA`;
    const page = await phoneWith(approved.code, approved.secret);
    expect(await page.getByTestId('application-due').textContent()).toBe(`Target selesai: ${expectedDue}`);
    expect(await page.getByTestId('application-state').textContent()).toContain('sedang diproses');
    // The document's title names the application and its service, in the page's language.
    const titleOf = (lang: 'id' | 'en') =>
      `${APPLICATION_DICTIONARY[lang]['application.page.heading'].replace('{code}', `${approved.code.slice(0, 4)}-${approved.code.slice(4)}`)}: ${lang === 'en' && service.nameEn ? service.nameEn : service.name} · `;
    await page.waitForFunction((expected) => document.title.startsWith(expected), titleOf('id'));

    await approved.officer('approve').expect(200);
    const result = tinyPdf(`hasil-${approved.code}`);
    const issuedResult = (
      await t.http().put(`/api/v1/agency/applications/${approved.id}/result`).auth(staff.dukcapilOfficer, { type: 'bearer' }).set('Content-Type', 'application/pdf').send(result).expect(201)
    ).body as IssuedDocumentSummary;
    await approved.officer('mark-ready', { delivery: 'download' }).expect(200);

    await page.reload();
    await page.getByTestId('application-ready').waitFor();
    expect(await page.getByTestId('application-state').textContent()).toContain('hasil siap');
    expect(await page.getByTestId('application-ready').textContent()).toContain('diunduh');
    expect(await page.getByTestId('application-withdraw').count()).toBe(0);
    const downloaded = await downloadByClick(page, 'application-result');
    // The issued copy (the upload with the stamp on its last page), not the officer's file as uploaded.
    expect(sha256(downloaded.body)).toBe(issuedResult.sha256);
    expect(issuedResult.sha256).not.toBe(sha256(result));
    expect(await page.getByTestId('application-verify-result').getAttribute('href')).toBe(`/verifikasi/${issuedResult.number}`);
    await checkScreen(page, 'application-ready');

    // In English: the page's words and the API's state label.
    await page.getByTestId('lang-en').click();
    await page.getByTestId('application-heading').filter({ hasText: 'Application' }).waitFor();
    await page.waitForFunction((expected) => document.title.startsWith(expected), titleOf('en'));
    expect(await page.getByTestId('application-state').textContent()).toContain('result ready');
    expect(await page.getByTestId('application-result').textContent()).toContain('Download the result (PDF)');
    expect(await page.getByTestId('application-ready').textContent()).toContain('downloaded');
    await page.getByTestId('lang-id').click();
    await page.close();

    const rejected = await inProcess(42);
    const reason = 'Data pada akta kelahiran tidak sesuai dengan database kependudukan.';
    await rejected.officer('reject', { reason }).expect(200);
    await rejected.officer('letter', { kind: 'rejection' }).expect(201);
    const second = await phoneWith(rejected.code, rejected.secret);
    expect(await second.getByTestId('application-rejected').textContent()).toContain(reason);
    const letter = await downloadByClick(second, 'application-letter');
    expect(letter.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await second.getByTestId('application-verify-decision_letter').waitFor();
    await checkScreen(second, 'application-rejected');
    await second.close();

    // Ready to collect at the MPP: the page offers to book the visit or take a ticket from home, as the service allows.
    expect(service.queue.onlineBookingEnabled || service.queue.onlineTicketEnabled).toBe(true);
    const collect = await inProcess(43);
    await collect.officer('approve').expect(200);
    await collect.officer('mark-ready', { delivery: 'collect_at_site' }).expect(200);
    const third = await phoneWith(collect.code, collect.secret);
    await third.getByTestId('application-collect').waitFor();
    const links = async (testId: string) => third.getByTestId(testId).evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(await links('application-collect-booking')).toEqual(service.queue.onlineBookingEnabled ? [`/pemesanan/baru/${service.id}`] : []);
    expect(await links('application-collect-ticket')).toEqual(service.queue.onlineTicketEnabled ? [`/antrean-daring/${service.id}`] : []);
    await checkScreen(third, 'application-ready-collect');
    await third.close();
  }, 180_000);

  it("should list a signed-in citizen's application in Riwayat saya, open it by the account and withdraw it after a confirmation", async () => {
    const page = await phone();
    await page.goto(`${base}/`);
    await signInCitizen(page, '0812-3999-4455', () => readSignInCode(t.app, '+6281239994455'));
    await page.goto(`${base}/permohonan/baru/${service.id}`);
    await page.getByTestId('application-prefilled').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('application-phone').inputValue()).toBe('+6281239994455');
    await page.getByTestId('application-nik').fill(nikFor(33));
    await page.getByTestId('application-name').fill('Yakobus Ndun');
    await page.getByTestId('application-create').click();
    await page.waitForURL(/\/permohonan\/[A-Z0-9]{8}$/);
    const code = page.url().split('/permohonan/')[1];
    expect(await page.getByTestId('application-created').textContent()).toContain('Riwayat saya');
    // Signed in, nothing is kept on the phone: the account opens it.
    expect(await storedSecrets(page)).toEqual({});

    await page.goto(`${base}/akun/riwayat`);
    const link = page.getByTestId('history-application-link');
    await link.waitFor();
    expect(await link.textContent()).toContain(`${code.slice(0, 4)}-${code.slice(4)}`);
    expect(await page.getByTestId('history-application-state').textContent()).toContain('draf');
    const history = await page.evaluate(async () => (await (await fetch('/api/v1/citizen/history')).json()) as CitizenHistoryResponse);
    expect(history.items.filter((i) => i.kind === 'application').map((i) => (i.kind === 'application' ? i.code : ''))).toEqual([code]);
    await checkScreen(page, 'application-history');
    await link.click();
    await page.waitForURL(`**/permohonan/${code}`);

    // Withdraw: asked first, cancel keeps it, confirm withdraws it.
    await page.getByTestId('application-withdraw').click();
    await page.getByTestId('application-withdraw-question').waitFor();
    expect(await focusedAfterMove(page, 'application-withdraw-question')).toBe('application-withdraw-question');
    await checkScreen(page, 'application-withdraw');
    await page.getByTestId('application-withdraw-cancel').click();
    expect(await focusedAfterMove(page, 'application-withdraw')).toBe('application-withdraw');
    await page.getByTestId('application-withdraw').click();
    await page.getByTestId('application-withdraw-confirm').click();
    await page.getByTestId('application-announce').filter({ hasText: 'ditarik kembali' }).waitFor();
    expect(await page.getByTestId('application-state').textContent()).toContain('ditarik kembali');
    expect(await page.getByTestId('application-withdraw').count()).toBe(0);
    const row = (await t.app.get(DataSource).query(`SELECT state FROM application WHERE code = $1`, [code])) as { state: string }[];
    expect(row).toEqual([{ state: 'withdrawn' }]);
    await page.close();
  }, 180_000);
});
