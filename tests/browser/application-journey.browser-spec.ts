import type { ApplicationResponse, IssuedDocumentSummary, ServiceResponse, VerifiedDocumentResponse } from '@mpp/contracts';
import { APPLICATION_STATE_LABELS } from '@mpp/domain';
import { createHash } from 'node:crypto';
import { PDFDocument as PDFLib } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { decodeQr, imagesOf, textOf } from '../../apps/api/test/support/pdf-inspect';
import { createStaff, STAFF_PASSWORD } from '../../apps/api/test/support/staff';
import { createTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';
import { checkScreen } from './support/axe';
import { downloadByClick } from './support/download';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `537101010190${String(serial).padStart(4, '0')}`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const CITIZEN = { nik: nikFor(614), name: 'Fransiska Lelo Manu', phone: '0813-3861-4614' };
const OFFICER_EMAIL = 'petugas.dukcapil@mpp.test';
const CAMERA_MAKE = 'PonselJourney';
const REASON = 'Foto KTP-el buram: foto ulang dengan cahaya cukup, keempat sudut terlihat.';

/** A one-page PDF made by pdfkit with the given text. */
async function pdfOf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A5' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text(text);
  doc.end();
  return done;
}

/** A phone photo: a JPEG with the camera's make and GPS (Kupang) in its EXIF. */
async function phonePhoto(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
    .jpeg({ quality: 85 })
    .withMetadata({
      exif: {
        IFD0: { Make: CAMERA_MAKE, Model: 'Uji 1' },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '10/1 10/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '123/1 35/1 0/1' },
      },
    })
    .toBuffer();
}

/**
 * Issue 14's whole journey in Chromium, with the built portal and counter app and the real API: a
 * citizen applies on a phone and uploads a PDF and a camera photo per requirement, submits; an
 * officer in the counter app claims it, verifies, returns the photo's item with a reason; the
 * citizen sees the reason, takes a new photo and sends the correction; the officer accepts,
 * processes, approves, uploads the result and marks it ready for download; the citizen downloads
 * the result (the upload stamped with its number and verification QR), and the verification page
 * confirms it and refuses a changed copy. Each step is one `it`, in order; every screen is checked
 * with axe and photographed (test-results/screenshots/journey-app-*.png).
 *
 * The apps are the built ones in dist/apps (`MPP_TEST_APPS_DIR` points at another build).
 */
describe('The digital application journey in Chromium: portal, counter app, verification', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let service: ServiceResponse;
  let phone: Page;
  let counter: Page;
  /** Carried from one step to the next. */
  const journey: { code?: string; id?: string; secret?: string; returnedRequirementId?: string; result?: Buffer; resultNumber?: string } = {};

  beforeAll(async () => {
    t = await createTestApp(process.env.MPP_TEST_APPS_DIR ? { config: { appsDir: process.env.MPP_TEST_APPS_DIR } } : {});
    await createStaff(t); // the Dukcapil officer among them
    const list = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    service = (await t.http().get(`/api/v1/services/${list.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id}`).expect(200)).body as ServiceResponse;
    expect(service.applicationsEnabled).toBe(true);
    expect(service.requirements.length).toBeGreaterThan(1);
    ({ browser, base } = await chromiumFor(t));
    phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    counter = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  }, 180_000);
  afterAll(async () => closeAppAndChromium(browser, t));

  /** The application as its owner reads it through the API. */
  const owned = async () => (await t.http().get(`/api/v1/applications/${journey.code}`).set('X-Application-Secret', journey.secret!).expect(200)).body as ApplicationResponse;
  const item = (position: number) => phone.getByTestId(`application-item-${position}`);
  const reviewState = (state: ApplicationResponse['state']) =>
    counter.getByTestId('review-state').filter({ hasText: new RegExp(`^\\s*${APPLICATION_STATE_LABELS[state].id}\\s*$`) }).waitFor({ timeout: 15_000 });
  const reviewItem = (requirementId: string, state: string) => counter.locator(`[data-testid="review-item"][data-requirement-id="${requirementId}"][data-state="${state}"]`).waitFor({ timeout: 15_000 });
  const selectedRequirement = () => counter.locator('[data-testid="review-item"].apps__item--selected').getAttribute('data-requirement-id');

  it('should let the citizen apply from the service page on a phone, upload a PDF and a camera photo, and submit', async () => {
    await phone.goto(`${base}/layanan/${service.id}`);
    await phone.getByTestId('service-apply').click();
    await phone.waitForURL(`**/permohonan/baru/${service.id}`);
    await phone.getByTestId('application-checklist').waitFor();
    expect(await phone.getByTestId('application-requirement').count()).toBe(service.requirements.length);
    await checkScreen(phone, 'journey-app-01-new');

    await phone.getByTestId('application-nik').fill(CITIZEN.nik);
    await phone.getByTestId('application-name').fill(CITIZEN.name);
    await phone.getByTestId('application-phone').fill(CITIZEN.phone);
    await phone.getByTestId('application-create').click();
    await phone.waitForURL(/\/permohonan\/[A-Z0-9]{8}$/);
    journey.code = phone.url().split('/permohonan/')[1];
    journey.secret = (await phone.evaluate((key) => localStorage.getItem(key), `mpp.application.${journey.code}`)) ?? undefined;
    expect(journey.secret).toEqual(expect.any(String));
    const draft = await owned();
    journey.id = draft.id;
    expect(draft.state).toBe('draft');

    // A document for every requirement: the first a PDF chosen from the files, the second a photo from the camera, the rest PDFs.
    const items = [...draft.items].sort((a, b) => a.position - b.position);
    const sent = new Map<string, Buffer>();
    for (const [index, entry] of items.entries()) {
      const camera = index === 1;
      const bytes = camera ? await phonePhoto('#c8b48c') : await pdfOf(`Dokumen ${index + 1} permohonan ${journey.code}`);
      sent.set(entry.requirementId, bytes);
      await item(entry.position)
        .getByTestId(camera ? 'item-camera-input' : 'item-input')
        .setInputFiles(camera ? { name: 'IMG_20261204_090102.jpg', mimeType: 'image/jpeg', buffer: bytes } : { name: `dokumen-${index + 1}.pdf`, mimeType: 'application/pdf', buffer: bytes });
      await item(entry.position).getByTestId('item-saved').waitFor({ timeout: 20_000 });
    }
    const uploaded = await owned();
    for (const entry of uploaded.items) {
      expect(entry.documents).toHaveLength(1);
      const doc = entry.documents[0];
      if (doc.contentType === 'application/pdf') expect(doc.sha256).toBe(sha256(sent.get(entry.requirementId)!));
      // The photo was re-encoded without its EXIF (camera, GPS): the stored copy is not the bytes sent.
      else expect([doc.contentType, doc.sha256 === sha256(sent.get(entry.requirementId)!)]).toEqual(['image/jpeg', false]);
    }
    journey.returnedRequirementId = items[1].requirementId;
    await checkScreen(phone, 'journey-app-02-uploaded');

    await phone.getByTestId('application-submit').click();
    await phone.getByTestId('application-announce').filter({ hasText: 'Permohonan terkirim' }).waitFor();
    expect((await phone.getByTestId('application-state').textContent())?.toLowerCase()).toContain(APPLICATION_STATE_LABELS.submitted.id.toLowerCase());
    expect((await owned()).state).toBe('submitted');
    // Nothing personal on the page.
    const text = (await phone.textContent('body')) ?? '';
    for (const personal of [CITIZEN.nik, CITIZEN.name, CITIZEN.phone]) expect(text).not.toContain(personal);
    await checkScreen(phone, 'journey-app-03-submitted');
  }, 240_000);

  it('should let the officer claim it in the counter app, see the photo without its EXIF, and return that item with a reason', async () => {
    await counter.goto(`${base}/counter/`);
    await counter.getByTestId('login-email').fill(OFFICER_EMAIL);
    await counter.getByTestId('login-password').fill(STAFF_PASSWORD);
    await counter.getByTestId('login-submit').click();
    await counter.getByTestId('staff-name').waitFor();
    await counter.getByTestId('nav-applications').click();
    const row = counter.locator(`[data-testid="inbox-row"][data-code="${journey.code}"]`);
    await row.waitFor({ timeout: 15_000 });
    await checkScreen(counter, 'journey-app-04-inbox');
    await row.getByTestId('inbox-open').click();
    await counter.getByTestId('review-code').waitFor();
    expect(counter.url()).toBe(`${base}/counter/permohonan/${journey.id}`);

    await counter.keyboard.press('c');
    await counter.getByTestId('review-claim').filter({ hasText: 'Diambil oleh Anda' }).waitFor();
    await counter.keyboard.press('v');
    await reviewState('in_verification');

    const items = [...(await owned()).items].sort((a, b) => a.position - b.position);
    expect(await selectedRequirement()).toBe(items[0].requirementId);
    await counter.keyboard.press('a');
    await reviewItem(items[0].requirementId, 'accepted');
    // The photo, shown from the stored copy: no EXIF left in the bytes the officer sees.
    expect(await selectedRequirement()).toBe(journey.returnedRequirementId);
    const image = counter.getByTestId('document-image');
    await image.waitFor();
    const src = (await image.getAttribute('src'))!;
    expect(src).toMatch(/^data:image\/jpeg;base64,/);
    const shown = Buffer.from(src.split(',')[1], 'base64');
    expect((await sharp(shown).metadata()).exif).toBeUndefined();
    expect(shown.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
    await checkScreen(counter, 'journey-app-05-review-photo');

    await counter.keyboard.press('r');
    await counter.getByTestId('revise-reason').waitFor();
    await counter.getByTestId('revise-reason').pressSequentially(REASON);
    await counter.keyboard.press('Control+Enter');
    await reviewItem(journey.returnedRequirementId!, 'needs_revision');
    for (const entry of items.slice(2)) {
      expect(await selectedRequirement()).toBe(entry.requirementId);
      await counter.keyboard.press('a');
      await reviewItem(entry.requirementId, 'accepted');
    }
    await counter.keyboard.press('b');
    await counter.getByTestId('return-form').waitFor();
    expect(await counter.getByTestId('return-items').textContent()).toContain(REASON);
    await checkScreen(counter, 'journey-app-06-return');
    await counter.getByTestId('return-confirm').click();
    await reviewState('returned');
    const returned = await owned();
    expect(returned.state).toBe('returned');
    expect(returned.items.filter((i) => i.state === 'needs_revision').map((i) => [i.requirementId, i.reason])).toEqual([[journey.returnedRequirementId, REASON]]);
  }, 180_000);

  it("should show the citizen the officer's reason and deadline, take a new photo and send the correction", async () => {
    await phone.reload();
    await phone.getByTestId('application-returned').waitFor();
    const returned = await owned();
    const position = returned.items.find((i) => i.requirementId === journey.returnedRequirementId)!.position;
    expect(await item(position).getByTestId('item-reason').textContent()).toContain(REASON);
    expect(await phone.getByTestId('application-deadline').textContent()).toContain('WITA');
    await checkScreen(phone, 'journey-app-07-returned');

    await item(position).getByTestId('item-replace').click();
    const photo = await phonePhoto('#e6d2aa');
    await item(position).getByTestId('item-camera-input').setInputFiles({ name: 'IMG_20261204_093015.jpg', mimeType: 'image/jpeg', buffer: photo });
    await item(position).getByTestId('item-saved').waitFor({ timeout: 20_000 });
    expect(await item(position).getByTestId('item-file').textContent()).toContain('versi 2');
    await phone.getByTestId('application-submit').click();
    await phone.getByTestId('application-announce').filter({ hasText: 'Perbaikan terkirim' }).waitFor();
    const resubmitted = await owned();
    expect(resubmitted.state).toBe('resubmitted');
    expect(resubmitted.items.find((i) => i.requirementId === journey.returnedRequirementId)!.documents.map((d) => d.version)).toEqual([1, 2]);
    await checkScreen(phone, 'journey-app-08-resubmitted');
  }, 120_000);

  it('should let the officer accept the correction, process, approve, upload the result and mark it ready to download', async () => {
    await counter.reload();
    await reviewState('resubmitted');
    expect(await selectedRequirement()).toBe(journey.returnedRequirementId);
    expect(await counter.getByTestId('document-version').count()).toBe(2);
    await counter.keyboard.press('a');
    await reviewItem(journey.returnedRequirementId!, 'accepted');
    for (const [key, state] of [
      ['l', 'complete'],
      ['p', 'in_process'],
      ['s', 'approved'],
    ] as const) {
      await counter.keyboard.press(key);
      await reviewState(state);
      expect((await owned()).state).toBe(state);
    }

    journey.result = await pdfOf(`Kartu Keluarga, permohonan ${journey.code}`);
    await counter.getByTestId('issued-result-file').setInputFiles({ name: 'kartu-keluarga.pdf', mimeType: 'application/pdf', buffer: journey.result });
    const resultRow = counter.locator('[data-testid="issued-item"][data-kind="result"]');
    await resultRow.waitFor({ timeout: 15_000 });
    journey.resultNumber = (await resultRow.getAttribute('data-number')) ?? undefined;
    expect(journey.resultNumber).toEqual(expect.any(String));
    await checkScreen(counter, 'journey-app-09-result');

    await counter.keyboard.press('h');
    await counter.getByTestId('ready-form').waitFor();
    await counter.getByTestId('ready-download').check();
    await counter.getByTestId('ready-confirm').click();
    await reviewState('ready');
    expect(await owned()).toMatchObject({ state: 'ready', resultDelivery: 'download' });
    await checkScreen(counter, 'journey-app-10-ready');
  }, 120_000);

  it('should let the citizen download the stamped result, which the verification page confirms and a changed copy does not', async () => {
    await phone.reload();
    await phone.getByTestId('application-ready').waitFor();
    const downloaded = await downloadByClick(phone, 'application-result');
    const issued = (await t.http().get(`/api/v1/applications/${journey.code}/issued-documents`).set('X-Application-Secret', journey.secret!).expect(200)).body as IssuedDocumentSummary[];
    expect(issued.filter((d) => d.kind === 'result').map((d) => [d.number, d.sha256])).toEqual([[journey.resultNumber, sha256(downloaded.body)]]);
    // The issued copy is the officer's file stamped on its last page: the number and a QR to its verification page.
    expect(sha256(downloaded.body)).not.toBe(sha256(journey.result!));
    const stamped = await PDFLib.load(downloaded.body);
    const lastPage = stamped.getPage(stamped.getPageCount() - 1);
    expect(new URL(decodeQr(imagesOf(lastPage)[0])).pathname).toBe(`/verifikasi/${journey.resultNumber}`);
    expect(textOf(lastPage)).toContain(journey.resultNumber);
    await checkScreen(phone, 'journey-app-11-download');

    // The verification page, from the link beside the result: the facts, no personal data.
    const link = phone.getByTestId('application-verify-result');
    expect(await link.getAttribute('href')).toBe(`/verifikasi/${journey.resultNumber}`);
    await link.click();
    await phone.waitForURL(`**/verifikasi/${journey.resultNumber}`);
    await phone.getByTestId('verify-facts').waitFor();
    const facts = (await t.http().get(`/api/v1/verify/${journey.resultNumber}`).expect(200)).body as VerifiedDocumentResponse;
    expect(facts.sha256).toBe(sha256(downloaded.body));
    expect(await phone.getByTestId('verify-number').textContent()).toBe(journey.resultNumber);
    expect((await phone.getByTestId('verify-service').textContent())?.trim()).toBe(facts.service.name);
    expect((await phone.getByTestId('verify-sha256').textContent())?.replace(/\s+/g, '')).toBe(sha256(downloaded.body));
    const text = (await phone.textContent('body')) ?? '';
    for (const personal of [CITIZEN.nik, CITIZEN.name]) expect(text).not.toContain(personal);
    await checkScreen(phone, 'journey-app-12-verify');

    // The file the citizen downloaded matches; the same file with one byte changed does not.
    await phone.getByTestId('verify-file').setInputFiles({ name: 'hasil.pdf', mimeType: 'application/pdf', buffer: downloaded.body });
    await phone.getByTestId('verify-match').waitFor();
    await checkScreen(phone, 'journey-app-13-match');
    const changed = Buffer.from(downloaded.body);
    changed[changed.length >> 1] ^= 0x20;
    await phone.getByTestId('verify-file').setInputFiles({ name: 'hasil-diubah.pdf', mimeType: 'application/pdf', buffer: changed });
    await phone.getByTestId('verify-no-match').waitFor();
    expect(await phone.getByTestId('verify-match').count()).toBe(0);
    expect(await phone.getByTestId('verify-file-sha256').textContent()).toBe(sha256(changed));
    await checkScreen(phone, 'journey-app-14-no-match');
  }, 120_000);
});
