import type { ApplicationCreatedResponse, IssuedDocumentSummary, ServiceResponse, VerifiedDocumentResponse, VerifyDocumentFileResponse } from '@mpp/contracts';
import { ISSUED_DOCUMENT_MAX_BYTES, ISSUED_DOCUMENT_NUMBER_PATTERN } from '@mpp/contracts';
import { formatBookingCode, localDate, maskNik, normalizeIndonesianMobile } from '@mpp/domain';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { hasIssuedDocument } from '../src/applications/documents/issued-document-checks';
import { IssuedDocumentsService, MAX_RESULTS_IN_FLIGHT } from '../src/applications/documents/issued-documents.service';
import { BUSY_RETRY_AFTER_SECONDS } from '../src/applications/document-http';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { FixedClock } from '../src/common/clock';
import { FilesService } from '../src/files/files.service';
import { decodeQr, imagesOf, linksOf, officePdf, signedPdf, textOf } from './support/pdf-inspect';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/** Thursday 3 December 2026, 10:00 WITA in Kupang. */
const THURSDAY_1000_WITA = '2026-12-03T02:00:00Z';
const NIK = '5371014101900456';
const NAME = 'Agustina Ndolu Sabu';
const PHONE = '0813-5555-6666';
const PHONE_E164 = (normalizeIndonesianMobile(PHONE) as { e164: string }).e164;
const EMAIL = 'agustina@example.go.id';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Reads a supertest response body as bytes. */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The text a PDF shows, as pdfkit writes it: each content stream inflated, the hex strings of its
 * TJ operators decoded (WinAnsi, which is Latin-1 for what these documents print), lines joined by
 * a space.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push([...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join(' ').replace(/\s+/g, ' ');
}

/** A small PDF-looking upload (the upload checks the first bytes only). */
const fakePdf = (label: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${label}\n`, 'latin1'), randomBytes(2048), Buffer.from('\n%%EOF\n', 'latin1')]);

describe(`${IssuedDocumentsService.name} over HTTP`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let serviceId: string;
  let requirementIds: string[];
  const clock = new FixedClock(new Date(THURSDAY_1000_WITA));
  const db = () => t.app.get(DataSource);
  /** Every stored file (the directory driver's objects in createTestApp's own files directory), not the temporary spool. */
  const storedFiles = () => {
    const filesDir = t.app.get<AppConfig>(APP_CONFIG).files.dir;
    return readdirSync(filesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== '.tmp')
      .flatMap((d) => readdirSync(join(filesDir, d.name)));
  };
  /** The files some row refers to: uploads (where that table exists) and issued documents. */
  const referencedFiles = async () => {
    const uploads = (await db().query(`SELECT to_regclass('application_document') IS NOT NULL AS present`)) as { present: boolean }[];
    const sql = uploads[0].present ? `SELECT file_key FROM issued_document UNION ALL SELECT file_key FROM application_document` : `SELECT file_key FROM issued_document`;
    return ((await db().query(sql)) as { file_key: string }[]).map((r) => r.file_key);
  };

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const officer = (token: string, id: string, action: string, body: object = {}) => t.http().post(`/api/v1/agency/applications/${id}/${action}`).set(bearer(token)).send(body);
  const download = (path: string, headers: Record<string, string>) => t.http().get(path).set(headers).buffer(true).parse(binary);
  const owner = (created: ApplicationCreatedResponse) => ({ 'X-Application-Secret': created.secret! });

  /** A submitted application (a document uploaded for every item where the upload route exists). */
  const submitted = async (): Promise<ApplicationCreatedResponse> => {
    const created = (await t.http().post('/api/v1/applications').send({ serviceId, nik: NIK, fullName: NAME, phone: PHONE, email: EMAIL }).expect(201)).body as ApplicationCreatedResponse;
    for (const requirementId of requirementIds) {
      const res = await t
        .http()
        .put(`/api/v1/applications/${created.application.code}/items/${requirementId}/document`)
        .set(owner(created))
        .set('Content-Type', 'application/pdf')
        .send(fakePdf(requirementId));
      // The uploads route is another part's (H1); where it is not there, the application submits without documents.
      if (res.status !== 404) expect(res.status).toBeLessThan(300);
    }
    await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set(owner(created)).expect(200);
    return created;
  };
  const acceptAll = async (token: string, id: string) => {
    await officer(token, id, 'start-verification').expect(200);
    for (const r of requirementIds) await officer(token, id, `items/${r}`, { state: 'accepted' }).expect(200);
    await officer(token, id, 'accept').expect(200);
    await officer(token, id, 'start-process').expect(200);
  };
  const approved = async () => {
    const created = await submitted();
    await acceptAll(staff.dukcapilOfficer, created.application.id);
    await officer(staff.dukcapilOfficer, created.application.id, 'approve').expect(200);
    return created;
  };
  const issuedRows = async (applicationId: string) =>
    (await db().query(`SELECT * FROM issued_document WHERE application_id = $1 ORDER BY issued_at, id`, [applicationId])) as {
      id: string;
      number: string;
      kind: string;
      sha256: string;
      size: string;
      file_key: string;
      service_id: string;
      agency_id: string;
      site_id: string;
      issued_at: Date;
    }[];
  const expectAttachment = (res: Response, prefix: string) => {
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${prefix}-[0-9A-Z]{4}-[0-9A-Z]{4}-[A-Z]{2}-\\d{4}-[0-9A-Z]{8}\\.pdf"$`));
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toContain('no-store');
  };
  const expectNoPersonalData = (value: unknown, code: string) => {
    const text = JSON.stringify(value);
    for (const secret of [NIK, NAME, PHONE_E164, PHONE_E164.slice(3), '081355556666', EMAIL, code, formatBookingCode(code)]) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    serviceId = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    requirementIds = ((await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as ServiceResponse).requirements.map((r) => r.id);
  }, 180_000);
  afterAll(async () => t?.close());

  it('should issue one receipt per submission however many requests race for it, and give every caller the same PDF', async () => {
    const created = await submitted();
    const path = `/api/v1/applications/${created.application.code}/receipt`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => download(path, owner(created))));
    for (const res of answers) expect(res.status).toBe(200);
    const rows = await issuedRows(created.application.id);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    for (const res of answers) {
      expect(res.headers['x-document-number']).toBe(row.number);
      expect(sha256(res.body as Buffer)).toBe(row.sha256);
      expect((res.body as Buffer).length).toBe(Number(row.size));
      expectAttachment(res, 'tanda-terima');
    }
    // One file is left: the copies the losing requests stored were removed.
    expect(await t.app.get(FilesService).exists(row.file_key)).toBe(true);
    expect(storedFiles().sort()).toEqual((await referencedFiles()).sort());
    const accessRows = (await db().query(`SELECT actor_kind FROM issued_document_access WHERE issued_document_id = $1`, [row.id])) as { actor_kind: string }[];
    expect(accessRows).toHaveLength(answers.length);
    expect(accessRows.every((a) => a.actor_kind === 'citizen')).toBe(true);
    // The agency's officer gets the same receipt.
    const staffRes = await download(`/api/v1/agency/applications/${created.application.id}/receipt`, bearer(staff.dukcapilOfficer)).expect(200);
    expect(sha256(staffRes.body as Buffer)).toBe(row.sha256);
    expect(await issuedRows(created.application.id)).toHaveLength(1);
  });

  it('should number a receipt TT-YYMM-… in the site’s zone, print the code, the masked NIK and the verification link, and not the NIK itself', async () => {
    const created = await submitted();
    const res = await download(`/api/v1/applications/${created.application.code}/receipt`, owner(created)).expect(200);
    const number = res.headers['x-document-number'] as string;
    const [year, month] = localDate(clock.now(), 'Asia/Makassar').split('-');
    expect(number).toMatch(ISSUED_DOCUMENT_NUMBER_PATTERN);
    expect(number.startsWith(`TT-${year.slice(2)}${month}-`)).toBe(true);
    expect(number).not.toContain(created.application.code);
    const text = pdfText(res.body as Buffer);
    expect(text).toContain(formatBookingCode(created.application.code));
    expect(text).toContain(maskNik(NIK));
    expect(text).toContain(`/verifikasi/${number}`);
    expect(text).not.toContain(NIK);
    expect(text).not.toContain(NAME);
  });

  it('should refuse a receipt before submission and to anyone but the owner or the agency', async () => {
    const draft = (await t.http().post('/api/v1/applications').send({ serviceId, nik: NIK, fullName: NAME, phone: PHONE }).expect(201)).body as ApplicationCreatedResponse;
    const early = await download(`/api/v1/applications/${draft.application.code}/receipt`, owner(draft)).expect(409);
    expect(JSON.parse((early.body as Buffer).toString('utf8'))).toMatchObject({ code: 'RECEIPT_NOT_AVAILABLE', message: { id: expect.any(String), en: expect.any(String) } });
    const created = await submitted();
    await download(`/api/v1/applications/${created.application.code}/receipt`, { 'X-Application-Secret': draft.secret! }).expect(404);
    await download(`/api/v1/applications/${created.application.code}/receipt`, {}).expect(404);
    await download(`/api/v1/agency/applications/${created.application.id}/receipt`, bearer(staff.polrestaAdmin)).expect(404);
    await t.http().get(`/api/v1/agency/applications/${created.application.id}/issued-documents`).set(bearer(staff.polrestaAdmin)).expect(404);
    expect(await issuedRows(created.application.id)).toHaveLength(0);
  });

  it('should issue a new receipt for a resubmission of corrections', async () => {
    const created = await submitted();
    const { id, code } = created.application;
    const first = await download(`/api/v1/applications/${code}/receipt`, owner(created)).expect(200);
    clock.set(new Date(clock.now().getTime() + 3_600_000).toISOString());
    await officer(staff.dukcapilOfficer, id, 'start-verification').expect(200);
    await officer(staff.dukcapilOfficer, id, `items/${requirementIds[0]}`, { state: 'needs_revision', reason: 'Pindaian buram' }).expect(200);
    await officer(staff.dukcapilOfficer, id, 'return', { citizenDeadline: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString() }).expect(200);
    await t.http().put(`/api/v1/applications/${code}/items/${requirementIds[0]}/document`).set(owner(created)).set('Content-Type', 'application/pdf').send(fakePdf('corrected'));
    await t.http().post(`/api/v1/applications/${code}/resubmit`).set(owner(created)).expect(200);
    const second = await download(`/api/v1/applications/${code}/receipt`, owner(created)).expect(200);
    expect(second.headers['x-document-number']).not.toBe(first.headers['x-document-number']);
    expect(pdfText(second.body as Buffer)).toContain('PERBAIKAN');
    const list = (await t.http().get(`/api/v1/applications/${code}/issued-documents`).set(owner(created)).expect(200)).body as IssuedDocumentSummary[];
    expect(list.map((d) => d.number)).toEqual([first.headers['x-document-number'], second.headers['x-document-number']]);
  });

  it('should verify a number with the facts of its row and no personal data, and only the exact PDF', async () => {
    const created = await submitted();
    const pdf = (await download(`/api/v1/applications/${created.application.code}/receipt`, owner(created)).expect(200)).body as Buffer;
    const [row] = await issuedRows(created.application.id);
    const names = (
      (await db().query(
        `SELECT s.name AS service, s.name_en AS service_en, a.name AS agency, t.name AS site, t.time_zone FROM service s, agency a, site t WHERE s.id = $1 AND a.id = $2 AND t.id = $3`,
        [row.service_id, row.agency_id, row.site_id],
      )) as { service: string; service_en: string | null; agency: string; site: string; time_zone: string }[]
    )[0];

    const facts = await t.http().get(`/api/v1/verify/${row.number.toLowerCase()}`).expect(200);
    expect(facts.body as VerifiedDocumentResponse).toEqual({
      number: row.number,
      kind: 'receipt',
      kindLabel: { id: expect.any(String), en: expect.any(String) },
      service: { name: names.service, nameEn: names.service_en },
      agencyName: names.agency,
      siteName: names.site,
      issuedAt: row.issued_at.toISOString(),
      timeZone: names.time_zone,
      sha256: row.sha256,
    });
    expectNoPersonalData(facts.body, created.application.code);

    const same = await t.http().post(`/api/v1/verify/${row.number}`).set('Content-Type', 'application/pdf').send(pdf).expect(200);
    expect(same.body as VerifyDocumentFileResponse).toEqual({ matches: true, sha256: sha256(pdf) });

    const changed = Buffer.from(pdf);
    const at = Math.floor(changed.length / 2);
    changed[at] = changed[at] ^ 0x01;
    const other = await t.http().post(`/api/v1/verify/${row.number}`).set('Content-Type', 'application/pdf').send(changed).expect(200);
    expect(other.body as VerifyDocumentFileResponse).toEqual({ matches: false, sha256: sha256(changed) });

    for (const unknown of ['TT-2612-22222222', 'bukan-nomor', `${row.number}X`]) {
      const res = await t.http().get(`/api/v1/verify/${unknown}`).expect(404);
      expect(res.body).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', message: { id: expect.stringContaining('tidak ditemukan'), en: expect.stringContaining('No document') } });
    }
    await t.http().post('/api/v1/verify/TT-2612-22222222').set('Content-Type', 'application/pdf').send(pdf).expect(404);
  });

  it('should take the agency’s result PDF only while approved and from its own agency, and give the citizen the copy it issued', async () => {
    const created = await submitted();
    const { id, code } = created.application;
    const result = await officePdf(1, { text: `Hasil ${code}` });
    const put = (token: string, body: Buffer) => t.http().put(`/api/v1/agency/applications/${id}/result`).set(bearer(token)).set('Content-Type', 'application/pdf').send(body);
    expect((await put(staff.dukcapilOfficer, result).expect(409)).body).toMatchObject({ code: 'RESULT_NOT_ALLOWED' });
    await acceptAll(staff.dukcapilOfficer, id);
    await officer(staff.dukcapilOfficer, id, 'approve').expect(200);
    await put(staff.polrestaAdmin, result).expect(404);
    expect((await put(staff.dukcapilOfficer, Buffer.from('MZ\x90\x00 not a pdf at all', 'latin1')).expect(422)).body).toMatchObject({ code: 'RESULT_NOT_PDF', message: { id: expect.any(String), en: expect.any(String) } });
    await download(`/api/v1/applications/${code}/result`, owner(created)).expect(404);
    expect((await t.http().put(`/api/v1/agency/applications/${id}/result`).set(bearer(staff.dukcapilOfficer)).send({ pdf: 'no' }).expect(415)).body).toMatchObject({ code: 'UPLOAD_NOT_RAW' });
    const tooLarge = await t
      .http()
      .put(`/api/v1/agency/applications/${id}/result`)
      .set(bearer(staff.dukcapilOfficer))
      .set('Content-Type', 'application/pdf')
      .send(Buffer.concat([result, Buffer.alloc(ISSUED_DOCUMENT_MAX_BYTES + 1 - result.length, 0x20)]));
    expect({ status: tooLarge.status, code: (tooLarge.body as { code: string }).code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    expect((tooLarge.body as { message: { id: string } }).message.id).toContain('25 MB');
    expect(await issuedRows(id)).toHaveLength(0);

    expect(await hasIssuedDocument(db(), id, 'result')).toBe(false);
    const summary = (await put(staff.dukcapilOfficer, result).expect(201)).body as IssuedDocumentSummary;
    expect(await hasIssuedDocument(db(), id, 'result')).toBe(true);
    expect(await hasIssuedDocument(db(), id, 'decision_letter')).toBe(false);
    expect(summary.number).toMatch(/^HS-\d{4}-/);
    // The citizen gets it once the agency marks the application ready; the agency's staff at once.
    expect((await download(`/api/v1/applications/${code}/result`, owner(created)).expect(404)).body.toString()).toContain('RESULT_NOT_AVAILABLE');
    const issued = (await download(`/api/v1/agency/applications/${id}/result`, bearer(staff.dukcapilOfficer)).expect(200)).body as Buffer;
    expect(summary).toMatchObject({ kind: 'result', sha256: sha256(issued), size: issued.length });
    await officer(staff.dukcapilOfficer, id, 'mark-ready', { delivery: 'download' }).expect(200);
    const res = await download(`/api/v1/applications/${code}/result`, owner(created)).expect(200);
    expectAttachment(res, 'hasil');
    expect((res.body as Buffer).equals(issued)).toBe(true);
    expect((await t.http().post(`/api/v1/verify/${summary.number}`).set('Content-Type', 'application/pdf').send(issued).expect(200)).body).toEqual({ matches: true, sha256: sha256(issued) });
    const trail = (await db().query(`SELECT action, details FROM application_event WHERE application_id = $1 AND action = 'issue_result'`, [id])) as { details: { number: string } }[];
    expect(trail.map((e) => e.details.number)).toEqual([summary.number]);
  });

  it('should stamp the result’s last page with its number and the QR code of the verification link the receipts use, and issue the stamped copy, not the upload', async () => {
    const created = await approved();
    const { id, code } = created.application;
    const original = await officePdf(2, { text: `Kartu Keluarga ${code}` });
    const summary = (await t.http().put(`/api/v1/agency/applications/${id}/result`).set(bearer(staff.dukcapilOfficer)).set('Content-Type', 'application/pdf').send(original).expect(201))
      .body as IssuedDocumentSummary;
    const stamped = (await download(`/api/v1/agency/applications/${id}/result`, bearer(staff.dukcapilOfficer)).expect(200)).body as Buffer;
    expect(sha256(stamped)).toBe(summary.sha256);
    expect(summary.sha256).not.toBe(sha256(original));

    // The same link as the receipt prints, with the result's number.
    const receipt = (await download(`/api/v1/applications/${code}/receipt`, owner(created)).expect(200)).body as Buffer;
    const receiptNumber = (await issuedRows(id)).find((r) => r.kind === 'receipt')!.number;
    const base = new RegExp(`(https?://\\S+?)/verifikasi/${receiptNumber}`).exec(pdfText(receipt))![1];
    const link = `${base}/verifikasi/${summary.number}`;

    const before = await PDFDocument.load(original);
    const after = await PDFDocument.load(stamped);
    expect(after.getPageCount()).toBe(before.getPageCount());
    const last = after.getPage(after.getPageCount() - 1);
    expect(imagesOf(last)).toHaveLength(imagesOf(before.getPage(before.getPageCount() - 1)).length + 1);
    expect(decodeQr(imagesOf(last)[0])).toBe(link);
    expect(textOf(last)).toContain(summary.number);
    expect(linksOf(last).map((l) => l.uri)).toEqual([link]);
    expect(imagesOf(after.getPage(0))).toHaveLength(imagesOf(before.getPage(0)).length);

    // The stamped copy verifies; the upload and a copy with one byte changed do not.
    expect(((await t.http().get(`/api/v1/verify/${summary.number}`).expect(200)).body as VerifiedDocumentResponse).sha256).toBe(sha256(stamped));
    const check = async (body: Buffer) => ((await t.http().post(`/api/v1/verify/${summary.number}`).set('Content-Type', 'application/pdf').send(body).expect(200)).body as VerifyDocumentFileResponse).matches;
    expect(await check(stamped)).toBe(true);
    expect(await check(original)).toBe(false);
    const changed = Buffer.from(stamped);
    const at = Math.floor(changed.length / 2);
    changed[at] = changed[at] ^ 0x01;
    expect(await check(changed)).toBe(false);

    // The upload is kept in the trail by its fingerprint; only the stamped copy is stored.
    const trail = (await db().query(`SELECT details FROM application_event WHERE application_id = $1 AND action = 'issue_result'`, [id])) as { details: Record<string, unknown> }[];
    expect(trail.map((e) => e.details)).toEqual([
      { number: summary.number, kind: 'result', sha256: summary.sha256, stamped: true, originalSha256: sha256(original), originalSize: original.length },
    ]);
    expect(storedFiles().sort()).toEqual((await referencedFiles()).sort());
  });

  it('should refuse an encrypted, damaged or page-less result PDF, and an image, with 422 and write nothing', async () => {
    const created = await approved();
    const { id } = created.application;
    const put = (body: Buffer) => t.http().put(`/api/v1/agency/applications/${id}/result`).set(bearer(staff.dukcapilOfficer)).set('Content-Type', 'application/pdf').send(body);
    const good = await officePdf(3);
    const refusals: [string, Buffer][] = [
      ['RESULT_PDF_ENCRYPTED', await officePdf(1, { userPassword: 'rahasia', ownerPassword: 'pemilik' })],
      ['RESULT_PDF_UNREADABLE', fakePdf('rusak')],
      ['RESULT_PDF_UNREADABLE', good.subarray(0, Math.floor(good.length / 3))],
      ['RESULT_PDF_UNREADABLE', Buffer.from(await (await PDFDocument.create()).save({ addDefaultPage: false }))],
      ['RESULT_NOT_PDF', await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } }).jpeg().toBuffer()],
    ];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const [code, body] of refusals) {
        const res = await put(body);
        expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({ status: 422, code });
        expect(res.body).toMatchObject({ message: { id: expect.any(String), en: expect.any(String) } });
      }
    } finally {
      warn.mockRestore();
    }
    expect(await issuedRows(id)).toHaveLength(0);
    expect(await db().query(`SELECT 1 FROM application_event WHERE application_id = $1 AND action = 'issue_result'`, [id])).toHaveLength(0);
    expect(storedFiles().sort()).toEqual((await referencedFiles()).sort());
    // The application is as it was: a readable PDF is taken.
    await put(good).expect(201);
  });

  it('should issue a digitally signed result as it was uploaded (a stamp would break its signature), and say so in the trail', async () => {
    const created = await approved();
    const { id } = created.application;
    const original = await signedPdf();
    const summary = (await t.http().put(`/api/v1/agency/applications/${id}/result`).set(bearer(staff.dukcapilOfficer)).set('Content-Type', 'application/pdf').send(original).expect(201))
      .body as IssuedDocumentSummary;
    expect(summary.sha256).toBe(sha256(original));
    const issued = (await download(`/api/v1/agency/applications/${id}/result`, bearer(staff.dukcapilOfficer)).expect(200)).body as Buffer;
    expect(issued.equals(original)).toBe(true);
    const [event] = (await db().query(`SELECT details FROM application_event WHERE application_id = $1 AND action = 'issue_result'`, [id])) as { details: Record<string, unknown> }[];
    expect(event.details).toMatchObject({ stamped: false, stampSkipped: 'signed', originalSha256: sha256(original) });
  });

  it(`should hold at most ${MAX_RESULTS_IN_FLIGHT} result uploads at once, answer one more 503 FILES_BUSY with Retry-After, and take uploads again once they end`, async () => {
    const created = await approved();
    const { id } = created.application;
    const service = t.app.get(IssuedDocumentsService);
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const waitFor = async (condition: () => boolean) => {
      for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(condition()).toBe(true);
    };
    const head = (await officePdf(1)).subarray(0, 1024);
    // Slow officers: each announces 2 MB and sends 1 kB, then nothing.
    const slow: ClientRequest[] = Array.from({ length: MAX_RESULTS_IN_FLIGHT }, () => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/api/v1/agency/applications/${id}/result`,
        headers: { Authorization: `Bearer ${staff.dukcapilOfficer}`, 'Content-Type': 'application/pdf', 'Content-Length': String(2 * 1024 * 1024) },
      });
      req.on('error', () => undefined);
      req.write(head);
      return req;
    });
    try {
      await waitFor(() => service.resultUploadsInFlight === MAX_RESULTS_IN_FLIGHT);
      const busy = await t.http().put(`/api/v1/agency/applications/${id}/result`).set(bearer(staff.dukcapilOfficer)).set('Content-Type', 'application/pdf').send(await officePdf(1));
      expect({ status: busy.status, code: (busy.body as { code: string }).code, retryAfter: busy.headers['retry-after'] }).toEqual({
        status: 503,
        code: 'FILES_BUSY',
        retryAfter: String(BUSY_RETRY_AFTER_SECONDS),
      });
      expect(busy.body).toMatchObject({ message: { id: expect.any(String), en: expect.any(String) } });
    } finally {
      for (const req of slow) req.destroy();
    }
    await waitFor(() => service.resultUploadsInFlight === 0);
    expect(await issuedRows(id)).toHaveLength(0);
    await t.http().put(`/api/v1/agency/applications/${id}/result`).set(bearer(staff.dukcapilOfficer)).set('Content-Type', 'application/pdf').send(await officePdf(1)).expect(201);
    expect(storedFiles().sort()).toEqual((await referencedFiles()).sort());
  });

  it('should generate a rejection letter that carries the decision’s reason, and refuse the wrong letter for the state', async () => {
    const created = await submitted();
    const { id, code } = created.application;
    await acceptAll(staff.dukcapilOfficer, id);
    const reason = 'Nama pada akta kelahiran berbeda dengan nama pada Kartu Keluarga';
    await officer(staff.dukcapilOfficer, id, 'reject', { reason }).expect(200);

    expect((await officer(staff.dukcapilOfficer, id, 'letter', { kind: 'approval' }).expect(409)).body).toMatchObject({ code: 'LETTER_NOT_ALLOWED' });
    expect((await officer(staff.dukcapilOfficer, id, 'letter', { kind: 'pujian' }).expect(400)).body).toMatchObject({ code: expect.any(String), message: { id: expect.any(String), en: expect.any(String) } });
    await officer(staff.polrestaAdmin, id, 'letter', { kind: 'rejection' }).expect(404);
    const note = 'Silakan bawa akta asli ke loket Dukcapil';
    const summary = (await officer(staff.dukcapilOfficer, id, 'letter', { kind: 'rejection', body: note }).expect(201)).body as IssuedDocumentSummary;
    expect(summary).toMatchObject({ kind: 'decision_letter', letterKind: 'rejection' });
    expect(summary.number).toMatch(/^SK-\d{4}-/);

    const res = await download(`/api/v1/applications/${code}/letter`, owner(created)).expect(200);
    expectAttachment(res, 'surat-keputusan');
    const pdf = res.body as Buffer;
    expect(sha256(pdf)).toBe(summary.sha256);
    const text = pdfText(pdf);
    expect(text).toContain(reason);
    expect(text).toContain(note);
    expect(text).toContain(NAME);
    expect(text).toContain(`/verifikasi/${summary.number}`);
    const facts = (await t.http().get(`/api/v1/verify/${summary.number}`).expect(200)).body as VerifiedDocumentResponse;
    expect(facts.kindLabel.id).toMatch(/penolakan/i);
    expectNoPersonalData(facts, code);
    expect(JSON.stringify(facts)).not.toContain(reason);
  });

  it('should answer 410 for a document whose file the retention deleted, and still verify its number', async () => {
    const created = await submitted();
    const pdf = (await download(`/api/v1/applications/${created.application.code}/receipt`, owner(created)).expect(200)).body as Buffer;
    const [row] = await issuedRows(created.application.id);
    // What the retention job does (application-retention.ts): delete the file, record the purge.
    await t.app.get(FilesService).remove(row.file_key);
    await db().query(`INSERT INTO application_file_purge (application_id, issued_document_id, file_key, purged_at) VALUES ($1, $2, $3, $4)`, [created.application.id, row.id, row.file_key, clock.now()]);
    const gone = await download(`/api/v1/applications/${created.application.code}/receipt`, owner(created)).expect(410);
    expect(JSON.parse((gone.body as Buffer).toString('utf8'))).toMatchObject({ code: 'DOCUMENT_PURGED', message: { id: expect.any(String), en: expect.any(String) } });
    await download(`/api/v1/agency/applications/${created.application.id}/receipt`, bearer(staff.dukcapilOfficer)).expect(410);
    expect((await t.http().get(`/api/v1/verify/${row.number}`).expect(200)).body).toMatchObject({ number: row.number, sha256: sha256(pdf) });
    expect((await t.http().post(`/api/v1/verify/${row.number}`).set('Content-Type', 'application/pdf').send(pdf).expect(200)).body).toEqual({ matches: true, sha256: sha256(pdf) });
  });

  it('should generate an approval letter while approved', async () => {
    const created = await approved();
    const summary = (await officer(staff.dukcapilOfficer, created.application.id, 'letter', { kind: 'approval' }).expect(201)).body as IssuedDocumentSummary;
    const pdf = (await download(`/api/v1/agency/applications/${created.application.id}/letter`, bearer(staff.dukcapilOfficer)).expect(200)).body as Buffer;
    expect(sha256(pdf)).toBe(summary.sha256);
    expect(pdfText(pdf)).toContain('DISETUJUI');
    await officer(staff.dukcapilOfficer, created.application.id, 'letter', { kind: 'rejection' }).expect(409);
  });
});
