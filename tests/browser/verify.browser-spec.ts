import type { ApplicationCreatedResponse, ServiceResponse, VerifiedDocumentResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';

const NIK = '5371014101900789';
const NAME = 'Fransiska Manek Bere';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A receipt issued through the API: the application submitted (with a PDF per item where uploads exist), then its receipt downloaded. */
async function issuedReceipt(t: TestApp): Promise<{ number: string; pdf: Buffer }> {
  const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
  const serviceId = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
  const service = (await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as ServiceResponse;
  const created = (await t.http().post('/api/v1/applications').send({ serviceId, nik: NIK, fullName: NAME, phone: '0813-7777-8888' }).expect(201)).body as ApplicationCreatedResponse;
  const secret = { 'X-Application-Secret': created.secret! };
  for (const r of service.requirements) {
    await t.http().put(`/api/v1/applications/${created.application.code}/items/${r.id}/document`).set(secret).set('Content-Type', 'application/pdf').send(Buffer.from(`%PDF-1.7\n% ${r.id}\n%%EOF\n`));
  }
  await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set(secret).expect(200);
  const res = await t
    .http()
    .get(`/api/v1/applications/${created.application.code}/receipt`)
    .set(secret)
    .buffer(true)
    .parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return { number: res.headers['x-document-number'] as string, pdf: res.body as Buffer };
}

describe('The verification page (verifikasi) in Chromium, on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let receipt: { number: string; pdf: Buffer };
  let facts: VerifiedDocumentResponse;

  beforeAll(async () => {
    t = await createTestApp({ config: { bookingRateLimit: 100_000 } });
    ({ browser, base } = await chromiumFor(t));
    receipt = await issuedReceipt(t);
    facts = (await t.http().get(`/api/v1/verify/${receipt.number}`).expect(200)).body as VerifiedDocumentResponse;
  }, 180_000);
  afterAll(async () => closeAppAndChromium(browser, t));

  const phone = (): Promise<Page> => browser.newPage({ viewport: { width: 360, height: 780 } });
  const choose = (page: Page, name: string, bytes: Buffer) => page.getByTestId('verify-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });

  it('should show what the number stands for, with no personal data, and say the real PDF matches and a changed copy does not', async () => {
    const page = await phone();
    await page.goto(`${base}/verifikasi/${receipt.number}`);
    await page.getByTestId('verify-facts').waitFor();
    expect(await page.getByTestId('verify-number').textContent()).toBe(receipt.number);
    expect((await page.getByTestId('verify-kind').textContent())?.trim()).toBe(facts.kindLabel.id);
    expect((await page.getByTestId('verify-service').textContent())?.trim()).toBe(facts.service.name);
    expect((await page.getByTestId('verify-agency').textContent())?.trim()).toBe(facts.agencyName);
    expect((await page.getByTestId('verify-site').textContent())?.trim()).toBe(facts.siteName);
    expect(await page.getByTestId('verify-issued').textContent()).toMatch(/WITA/);
    expect((await page.getByTestId('verify-sha256').textContent())?.replace(/\s+/g, '')).toBe(sha256(receipt.pdf));
    const pageText = (await page.textContent('body')) ?? '';
    expect(pageText).not.toContain(NIK);
    expect(pageText).not.toContain(NAME);
    await checkScreen(page, 'verify-facts');

    await choose(page, `${receipt.number}.pdf`, receipt.pdf);
    await page.getByTestId('verify-match').waitFor();
    expect(await page.getByTestId('verify-file-sha256').textContent()).toBe(sha256(receipt.pdf));
    await checkScreen(page, 'verify-match');

    const changed = Buffer.from(receipt.pdf);
    changed[changed.length >> 1] ^= 0x20;
    await choose(page, 'salinan.pdf', changed);
    await page.getByTestId('verify-no-match').waitFor();
    expect(await page.getByTestId('verify-file-sha256').textContent()).toBe(sha256(changed));
    expect(await page.getByTestId('verify-match').count()).toBe(0);
    await checkScreen(page, 'verify-no-match');

    // In English: the page's words and the API's label, the date as English writes it.
    await page.getByTestId('lang-en').click();
    await page.getByTestId('verify-no-match').filter({ hasText: 'No match' }).waitFor();
    expect((await page.getByTestId('verify-kind').textContent())?.trim()).toBe(facts.kindLabel.en);
    expect(await page.getByTestId('verify-issued').textContent()).toMatch(/^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} WITA$/);
    expect(await page.locator('#verify-found').textContent()).toContain('Registered document');
    await page.close();
  });

  it('should let the API compare the file where the browser has no crypto.subtle', async () => {
    const page = await phone();
    await page.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true }));
    await page.goto(`${base}/verifikasi/${receipt.number}`);
    await page.getByTestId('verify-facts').waitFor();
    expect(await page.evaluate(() => typeof crypto.subtle)).toBe('undefined');
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/verify/${receipt.number}`));
    await choose(page, 'tanda-terima.pdf', receipt.pdf);
    expect((await posted).headers()['content-type']).toBe('application/pdf');
    await page.getByTestId('verify-match').waitFor();
    // The fingerprint shown is the server's, of the bytes it received.
    expect(await page.getByTestId('verify-file-sha256').textContent()).toBe(sha256(receipt.pdf));

    const changed = Buffer.from(receipt.pdf);
    changed[10] ^= 0x01;
    await choose(page, 'salinan.pdf', changed);
    await page.getByTestId('verify-no-match').waitFor();
    await page.close();
  });

  it('should ask for the number, find it typed in lower case, and say when no document has a number', async () => {
    const page = await phone();
    await page.goto(`${base}/verifikasi`);
    await page.getByTestId('verify-number-input').fill(receipt.number.toLowerCase());
    await checkScreen(page, 'verify-ask');
    await page.getByTestId('verify-number-input').press('Enter');
    await page.waitForURL(`**/verifikasi/${receipt.number}`);
    await page.getByTestId('verify-facts').waitFor();

    await page.goto(`${base}/verifikasi/TT-2612-22222222`);
    const error = page.getByTestId('verify-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('tidak ditemukan');
    expect(await page.getByTestId('verify-facts').count()).toBe(0);
    await checkScreen(page, 'verify-unknown');
    await page.close();
  });
});
