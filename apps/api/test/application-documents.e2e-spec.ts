import type { ApplicationCreatedResponse, ApplicationDocumentAccessResponse, ApplicationResponse, ServiceResponse } from '@mpp/contracts';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { APPLICATION_RATE_LIMIT } from '../src/applications/application-throttler.guard';
import { ApplicationUploadsService } from '../src/applications/application-uploads.service';
import { FixedClock } from '../src/common/clock';
import { FilesService } from '../src/files/files.service';
import { ImageReencoder } from '../src/files/image-reencoder';
import { tinyPdf, uploadDocument, uploadMandatoryDocuments } from './support/application-documents';
import { signInByCode } from './support/citizen';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp, testConfig } from './support/test-app';

const NIK = '5371014101900123';
const NAME = 'Yohana Bria Seran';
const PHONE = '0813-3333-4444';
const GPS_MAKE = 'TelefonPintarUji';
const MB = 1024 * 1024;
const HOUR = 3_600_000;

/** A phone photo: a JPEG with a camera make and GPS coordinates (Kupang) in its EXIF. */
function phoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .withMetadata({
      exif: {
        IFD0: { Make: GPS_MAKE, Model: 'Uji 1' },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '10/1 10/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '123/1 35/1 0/1' },
      },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

function pngBytes(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .png()
    .toBuffer();
}

/** The error code of an answer read as bytes (downloads). */
const codeOf = (res: Response) => (JSON.parse((res.body as Buffer).toString('utf8')) as { code: string }).code;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** supertest's body as bytes whatever the type. */
function binary(res: Response & { on?: unknown }, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
  stream.on('error', (e: Error) => done(e, Buffer.alloc(0)));
}

describe(`${ApplicationUploadsService.name} over HTTP`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let filesDir: string;
  let serviceId: string;
  let requirementIds: string[];
  const clock = new FixedClock(new Date('2026-08-14T01:00:00Z'));
  const db = () => t.app.get(DataSource);

  const create = async (cookie?: string): Promise<ApplicationCreatedResponse> => {
    const req = t.http().post('/api/v1/applications');
    if (cookie) req.set('Cookie', cookie);
    return (await req.send({ serviceId, nik: NIK, fullName: NAME, phone: PHONE }).expect(201)).body as ApplicationCreatedResponse;
  };
  const citizenGet = (code: string, path: string, secret: string | null) => {
    const req = t.http().get(`/api/v1/applications/${code}${path}`);
    if (secret) req.set('X-Application-Secret', secret);
    return req;
  };
  const citizenPost = (code: string, action: string, secret: string | null) => {
    const req = t.http().post(`/api/v1/applications/${code}/${action}`);
    if (secret) req.set('X-Application-Secret', secret);
    return req;
  };
  const officer = (id: string, action: string, body: object = {}) => t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send(body);
  const download = (code: string, documentId: string, secret: string | null, query = '') => citizenGet(code, `/documents/${documentId}${query}`, secret).buffer(true).parse(binary);
  const staffDownload = (token: string, id: string, documentId: string) =>
    t.http().get(`/api/v1/agency/applications/${id}/documents/${documentId}`).auth(token, { type: 'bearer' }).buffer(true).parse(binary);
  /** The stored files (the directory driver's objects), not the temporary spool. */
  const storedFiles = () =>
    readdirSync(filesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== '.tmp')
      .flatMap((d) => readdirSync(join(filesDir, d.name)));
  const documentRows = async (applicationId: string) =>
    (await db().query(`SELECT id, version, file_key, file_name_cipher FROM application_document WHERE application_id = $1 ORDER BY requirement_id, version`, [applicationId])) as {
      id: string;
      version: number;
      file_key: string;
      file_name_cipher: string | null;
    }[];
  const accessRows = async (documentId: string) =>
    (await db().query(`SELECT actor_kind, actor_id, purpose, ip, user_agent FROM application_document_access WHERE document_id = $1 ORDER BY id`, [documentId])) as {
      actor_kind: string;
      actor_id: string | null;
      purpose: string;
      ip: string | null;
      user_agent: string | null;
    }[];

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'mpp-application-documents-'));
    t = await createTestApp({ clock, config: { files: { ...testConfig().files, dir: filesDir } } });
    staff = await createStaff(t);
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    serviceId = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    const detail = (await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as ServiceResponse;
    requirementIds = detail.requirements.map((r) => r.id);
    expect(detail.requirements.filter((r) => r.mandatory).length).toBeGreaterThan(1);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('should store a PDF, a phone photo without its EXIF and GPS, and a PNG; each downloads with the sha256 it was answered with, under safe headers', async () => {
    const { application, secret } = await create();
    const pdf = tinyPdf('dokumen-uji');
    const jpeg = await phoneJpeg();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const png = await pngBytes();

    const first = await uploadDocument(t, application, requirementIds[0], { secret }, pdf, 'Surat Pengantar RT – Yohana.pdf').expect(200);
    await uploadDocument(t, application, requirementIds[1], { secret }, jpeg, 'IMG_20260814.jpg').expect(200);
    const last = (await uploadDocument(t, application, requirementIds[2] ?? requirementIds[1], { secret }, png).expect(200)).body as ApplicationResponse;
    expect((first.body as ApplicationResponse).items[0].documents).toEqual([
      expect.objectContaining({ version: 1, contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf), fileName: 'Surat Pengantar RT – Yohana.pdf', uploadedBy: 'citizen' }),
    ]);
    expect(last.maxUploadBytes).toBe(20 * MB);

    const all = last.items.flatMap((i) => i.documents.map((d) => ({ ...d, position: i.position })));
    expect(all.map((d) => d.contentType).sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    for (const doc of all) {
      const res = await download(application.code, doc.id, secret).expect(200);
      const body = res.body as Buffer;
      expect(sha256(body)).toBe(doc.sha256);
      expect(body.length).toBe(doc.size);
      const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[doc.contentType];
      expect(res.headers).toMatchObject({
        'content-type': doc.contentType,
        'content-disposition': `attachment; filename="${application.code}-${doc.position}-v${doc.version}.${ext}"`,
        'content-security-policy': "sandbox; default-src 'none'",
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
      if (doc.contentType === 'image/jpeg') {
        const meta = await sharp(body).metadata();
        expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined]);
        expect(body.includes(Buffer.from(GPS_MAKE))).toBe(false);
        expect(doc.sha256).not.toBe(sha256(jpeg));
      }
    }
    // The PDF is stored as it came; an image inline on request, a PDF never.
    const inlineImage = all.find((d) => d.contentType === 'image/png')!;
    expect((await download(application.code, inlineImage.id, secret, '?inline=1').expect(200)).headers['content-disposition']).toMatch(/^inline; /);
    expect((await accessRows(inlineImage.id)).map((r) => r.purpose)).toEqual(['download', 'view']);
    const pdfDoc = all.find((d) => d.contentType === 'application/pdf')!;
    expect((await download(application.code, pdfDoc.id, secret, '?inline=1').expect(200)).headers['content-disposition']).toMatch(/^attachment; /);
    expect((await download(application.code, pdfDoc.id, secret).expect(200)).body).toEqual(pdf);

    // The file name is personal: not in clear in the table; the rows are immutable.
    const rows = await documentRows(application.id);
    expect(rows.map((r) => r.file_name_cipher).filter(Boolean).some((c) => c!.includes('Yohana'))).toBe(false);
    await expect(db().query(`UPDATE application_document SET version = 9 WHERE application_id = $1`, [application.id])).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM application_document WHERE application_id = $1`, [application.id])).rejects.toThrow(/append-only/);
    // Every file stored is encrypted: the PDF's bytes appear nowhere on disk.
    expect(storedFiles()).toEqual(expect.arrayContaining(rows.map((r) => r.file_key)));
  }, 180_000);

  it('should tell the type by the content: a PNG named .pdf is a PNG; an EXE or a ZIP named .pdf is refused and leaves nothing', async () => {
    const { application, secret } = await create();
    const png = await pngBytes();
    const lying = await t
      .http()
      .put(`/api/v1/applications/${application.code}/items/${requirementIds[0]}/document`)
      .set('X-Application-Secret', secret!)
      .set('X-File-Name', 'ktp.pdf')
      .set('Content-Type', 'application/pdf')
      .send(png)
      .expect(200);
    expect((lying.body as ApplicationResponse).items[0].documents[0]).toMatchObject({ contentType: 'image/png', fileName: 'ktp.pdf' });

    const filesBefore = storedFiles().length;
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 7)]);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 1)]);
    for (const bytes of [exe, zip]) {
      const res = await uploadDocument(t, application, requirementIds[1], { secret }, bytes, 'dokumen.pdf');
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'FILE_TYPE_NOT_ALLOWED' });
      expect(res.body.message.id).toBeTruthy();
      expect(res.body.message.en).toBeTruthy();
    }
    const empty = await uploadDocument(t, application, requirementIds[1], { secret }, Buffer.alloc(0));
    expect({ status: empty.status, code: empty.body.code }).toEqual({ status: 422, code: 'FILE_EMPTY' });
    expect((await documentRows(application.id)).length).toBe(1);
    expect(storedFiles().length).toBe(filesBefore);

    // A service that takes no applications: none is opened for it.
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    const closed = services.items.find((s) => s.code === 'dukcapil-ktp-el-baru')!.id;
    await t.http().patch(`/api/v1/admin/services/${closed}`).auth(await t.adminToken(), { type: 'bearer' }).send({ applicationsEnabled: false }).expect(200);
    const notOffered = await t.http().post('/api/v1/applications').send({ serviceId: closed, nik: NIK, fullName: NAME, phone: PHONE });
    expect({ status: notOffered.status, code: notOffered.body.code }).toEqual({ status: 422, code: 'APPLICATIONS_NOT_OFFERED' });

    // A body sent as JSON is not a file.
    const json = await t.http().put(`/api/v1/applications/${application.code}/items/${requirementIds[1]}/document`).set('X-Application-Secret', secret!).send({ file: 'x' });
    expect({ status: json.status, code: json.body.code }).toEqual({ status: 415, code: 'UPLOAD_NOT_RAW' });
    const badName = await uploadDocument(t, application, requirementIds[1], { secret }, tinyPdf()).set('X-File-Name', '%E0%A4%A');
    expect({ status: badName.status, code: badName.body.code }).toEqual({ status: 400, code: 'BAD_FILE_NAME' });
  }, 120_000);

  it("should refuse a file over the service's limit with 413 naming it, by Content-Length before reading and by counting without one", async () => {
    const admin = await t.adminToken();
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    const small = services.items.find((s) => s.code === 'dukcapil-akta-kelahiran')!.id;
    await t.http().patch(`/api/v1/admin/services/${small}`).auth(admin, { type: 'bearer' }).send({ maxUploadMb: 1 }).expect(200);
    const smallRequirement = ((await t.http().get(`/api/v1/services/${small}`).expect(200)).body as ServiceResponse).requirements[0].id;
    const created = (await t.http().post('/api/v1/applications').send({ serviceId: small, nik: NIK, fullName: NAME, phone: PHONE }).expect(201)).body as ApplicationCreatedResponse;
    expect(created.application.maxUploadBytes).toBe(1 * MB);
    const filesBefore = storedFiles().length;

    const big = Buffer.concat([tinyPdf(), Buffer.alloc(MB, 0x20)]);
    const tooLarge = await uploadDocument(t, created.application, smallRequirement, { secret: created.secret }, big);
    expect({ status: tooLarge.status, code: tooLarge.body.code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    expect(tooLarge.body.message.id).toContain('1 MB');
    expect(tooLarge.body.message.en).toContain('1 MB');

    // Chunked, no Content-Length: counted as it arrives, refused at the first byte past the limit.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const req = httpRequest(
        { host: '127.0.0.1', port, method: 'PUT', path: `/api/v1/applications/${created.application.code}/items/${smallRequirement}/document`, headers: { 'X-Application-Secret': created.secret!, 'Content-Type': 'application/pdf', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(i === 0 ? big.subarray(0, 64 * 1024) : Buffer.alloc(64 * 1024, 0x20));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).code).toBe('FILE_TOO_LARGE');
    // A refusal before reading (a wrong secret) still reaches a client that sends 3 MB: the rest is read and dropped.
    const refusedBig = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const body = Buffer.concat([tinyPdf(), Buffer.alloc(3 * MB, 0x20)]);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'PUT',
          path: `/api/v1/applications/${created.application.code}/items/${smallRequirement}/document`,
          headers: { 'X-Application-Secret': 'x'.repeat(32), 'Content-Type': 'application/pdf', 'Content-Length': String(body.length) },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(refusedBig.status).toBe(404);
    expect(JSON.parse(refusedBig.body)).toMatchObject({ code: 'APPLICATION_NOT_FOUND', message: { id: expect.any(String), en: expect.any(String) } });
    expect((await documentRows(created.application.id)).length).toBe(0);
    expect(storedFiles().length).toBe(filesBefore);
  }, 120_000);

  it('should leave no row and no file when the client stops half-way through an upload', async () => {
    const { application, secret } = await create();
    const filesBefore = storedFiles().length;
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const pdf = Buffer.concat([tinyPdf(), Buffer.alloc(3 * MB, 0x20)]);
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/api/v1/applications/${application.code}/items/${requirementIds[0]}/document`,
        headers: { 'X-Application-Secret': secret!, 'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length) },
      });
      req.on('error', () => resolve());
      req.write(pdf.subarray(0, MB), () => setTimeout(() => req.destroy(), 200));
      req.on('close', () => resolve());
    });
    // The server notices the abort and cleans up: wait until the spool is empty again, then look.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && readdirSync(join(filesDir, '.tmp')).length > 0) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    expect((await documentRows(application.id)).length).toBe(0);
    expect(storedFiles().length).toBe(filesBefore);
    expect(readdirSync(join(filesDir, '.tmp'))).toEqual([]);
    // The application takes the same upload whole afterwards.
    await uploadDocument(t, application, requirementIds[0], { secret }, pdf).expect(200);
  }, 120_000);

  it('should keep every version, refuse submit until each mandatory item has a document, and take uploads only in draft or for returned items', async () => {
    const { application, secret } = await create();
    const v1 = tinyPdf('versi-1');
    const v2 = tinyPdf('versi-2');
    await uploadDocument(t, application, requirementIds[0], { secret }, v1).expect(200);
    const missing = await citizenPost(application.code, 'submit', secret);
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 422, code: 'DOCUMENTS_MISSING' });
    const mandatoryRest = application.items.filter((i) => i.mandatory && i.requirementId !== requirementIds[0]);
    expect((missing.body.fields as { field: string }[]).map((f) => f.field)).toEqual(mandatoryRest.map((i) => i.requirementId));
    expect(missing.body.message.id).toContain(mandatoryRest[0].name);
    expect((await citizenGet(application.code, '', secret).expect(200)).body.state).toBe('draft');

    const second = (await uploadDocument(t, application, requirementIds[0], { secret }, v2).expect(200)).body as ApplicationResponse;
    expect(second.items[0].documents.map((d) => [d.version, d.sha256])).toEqual([
      [1, sha256(v1)],
      [2, sha256(v2)],
    ]);
    for (const [i, doc] of second.items[0].documents.entries()) expect((await download(application.code, doc.id, secret).expect(200)).body).toEqual([v1, v2][i]);

    await uploadMandatoryDocuments(t, second, { secret });
    await citizenPost(application.code, 'submit', secret).expect(200);
    const late = await uploadDocument(t, application, requirementIds[0], { secret });
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'APPLICATION_NOT_EDITABLE' });
    expect(late.body.message.en).toBeTruthy();

    // Returned: only the item to correct takes a new version; it stays needs_revision (with its reason) until the resubmission.
    await officer(application.id, 'start-verification').expect(200);
    await officer(application.id, `items/${requirementIds[0]}`, { state: 'needs_revision', reason: 'Surat pengantar buram.' }).expect(200);
    clock.advance(HOUR);
    await officer(application.id, 'return', { citizenDeadline: new Date(clock.now().getTime() + 72 * HOUR).toISOString() }).expect(200);
    const notReturned = await uploadDocument(t, application, requirementIds[1], { secret });
    expect({ status: notReturned.status, code: notReturned.body.code }).toEqual({ status: 409, code: 'ITEM_NOT_RETURNED' });
    const fixed = (await uploadDocument(t, application, requirementIds[0], { secret }, tinyPdf('versi-3')).expect(200)).body as ApplicationResponse;
    expect(fixed.items[0]).toMatchObject({ state: 'needs_revision', reason: 'Surat pengantar buram.' });
    expect(fixed.items[0].documents.map((d) => d.version)).toEqual([1, 2, 3]);
    // Corrections brought to the counter: the officer holding the application uploads too (the returned item only).
    const atCounter = (await uploadDocument(t, application, requirementIds[0], { officerToken: staff.dukcapilOfficer }, tinyPdf('versi-4')).expect(200)).body as ApplicationResponse;
    expect(atCounter.items[0].documents.map((d) => [d.version, d.uploadedBy])).toEqual([
      [1, 'citizen'],
      [2, 'citizen'],
      [3, 'citizen'],
      [4, 'officer'],
    ]);
    const counterNotReturned = await uploadDocument(t, application, requirementIds[1], { officerToken: staff.dukcapilOfficer });
    expect({ status: counterNotReturned.status, code: counterNotReturned.body.code }).toEqual({ status: 409, code: 'ITEM_NOT_RETURNED' });
    const resubmitted = (await citizenPost(application.code, 'resubmit', secret).expect(200)).body as ApplicationResponse;
    expect(resubmitted.items[0].state).toBe('pending');

    // The trail records each upload, without the file's name.
    const uploads = (await db().query(`SELECT actor_kind, details FROM application_event WHERE application_id = $1 AND action = 'upload_document' ORDER BY id`, [application.id])) as {
      actor_kind: string;
      details: { requirementId: string; version: number };
    }[];
    expect(uploads.length).toBe(resubmitted.items.reduce((n, i) => n + i.documents.length, 0));
    expect(uploads.map((u) => u.actor_kind).filter((k) => k === 'officer')).toEqual(['officer']);
  }, 180_000);

  it("should answer 404 to another citizen, a wrong secret and another agency's officer, log every allowed read and no refused one", async () => {
    const cookie = await signInByCode(t, '0812-7777-3333', '+6281277773333');
    const mine = await create(cookie);
    const uploaded = (await uploadDocument(t, mine.application, requirementIds[0], { cookie }, tinyPdf('milik-saya'), 'kk.pdf').expect(200)).body as ApplicationResponse;
    const doc = uploaded.items[0].documents[0];
    const other = await create();

    // Uploads and reads by anyone else: 404, nothing stored, nothing logged.
    const wrongSecret = await uploadDocument(t, other.application, requirementIds[0], { secret: 'x'.repeat(32) });
    expect({ status: wrongSecret.status, code: wrongSecret.body.code }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
    expect((await download(mine.application.code, doc.id, other.secret)).status).toBe(404);
    const otherCookie = await signInByCode(t, '0812-7777-4444', '+6281277774444', '10.9.0.4');
    expect((await download(mine.application.code, doc.id, null).set('Cookie', otherCookie)).status).toBe(404);
    // Another application's document through this one's code: 404 too.
    const foreign = (await uploadDocument(t, other.application, requirementIds[0], { secret: other.secret }).expect(200)).body as ApplicationResponse;
    const wrongPair = await download(mine.application.code, foreign.items[0].documents[0].id, null).set('Cookie', cookie);
    expect({ status: wrongPair.status, code: codeOf(wrongPair) }).toEqual({ status: 404, code: 'DOCUMENT_NOT_FOUND' });
    expect(await accessRows(doc.id)).toEqual([]);

    // The owner reads it: one row.
    await download(mine.application.code, doc.id, null).set('Cookie', cookie).set('User-Agent', 'uji-peramban/2.0').expect(200);
    const citizenId = (await db().query(`SELECT citizen_id FROM application WHERE id = $1`, [mine.application.id]))[0].citizen_id as string;
    expect(await accessRows(doc.id)).toEqual([{ actor_kind: 'citizen', actor_id: citizenId, purpose: 'download', ip: expect.any(String), user_agent: 'uji-peramban/2.0' }]);

    // A draft is not the agency's: its officers find nothing, until submitted.
    expect((await staffDownload(staff.dukcapilOfficer, mine.application.id, doc.id)).status).toBe(404);
    await uploadMandatoryDocuments(t, uploaded, { cookie });
    await citizenPost(mine.application.code, 'submit', null).set('Cookie', cookie).expect(200);
    const polresta = await staffDownload(staff.polrestaAdmin, mine.application.id, doc.id);
    expect({ status: polresta.status, code: codeOf(polresta) }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
    expect((await t.http().get(`/api/v1/agency/applications/${mine.application.id}/document-access`).auth(staff.polrestaAdmin, { type: 'bearer' })).status).toBe(404);
    expect((await staffDownload(staff.kupangSiteAdmin, mine.application.id, doc.id)).status).toBe(403);
    expect((await accessRows(doc.id)).length).toBe(1);

    const read = await staffDownload(staff.dukcapilOfficer, mine.application.id, doc.id).expect(200);
    expect(sha256(read.body as Buffer)).toBe(doc.sha256);
    const log = (await t.http().get(`/api/v1/agency/applications/${mine.application.id}/document-access`).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200))
      .body as ApplicationDocumentAccessResponse[];
    expect(log.map((a) => [a.documentId, a.actorKind, a.purpose])).toEqual([
      [doc.id, 'citizen', 'download'],
      [doc.id, 'officer', 'download'],
    ]);
    expect(log[1].actorId).toEqual(expect.any(String));
    await expect(db().query(`DELETE FROM application_document_access WHERE document_id = $1`, [doc.id])).rejects.toThrow(/append-only/);
    // The agency's detail shows the file name (staff); nothing personal leaks into the access list.
    const detail = (await t.http().get(`/api/v1/agency/applications/${mine.application.id}`).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as ApplicationResponse;
    expect(detail.items[0].documents[0]).toMatchObject({ id: doc.id, fileName: 'kk.pdf' });
    expect(JSON.stringify(log)).not.toContain(NIK);
  }, 180_000);

  it('should number two uploads to one item at once 1 and 2, answer 503 with Retry-After while the image queue is full (PDFs still taken), and 410 for a file the retention deleted', async () => {
    const { application, secret } = await create();
    const [a, b] = [tinyPdf('sekaligus-a'), tinyPdf('sekaligus-b')];
    const both = await Promise.all([uploadDocument(t, application, requirementIds[0], { secret }, a), uploadDocument(t, application, requirementIds[0], { secret }, b)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const versions = ((await citizenGet(application.code, '', secret).expect(200)).body as ApplicationResponse).items[0].documents;
    expect(versions.map((d) => d.version)).toEqual([1, 2]);
    expect(new Set(versions.map((d) => d.sha256))).toEqual(new Set([sha256(a), sha256(b)]));

    // Fill the image queue (its slots and its waiting line) with jobs that wait for the test.
    const queue = t.app.get(ImageReencoder).queue;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const blockers: Promise<void>[] = [];
    while (queue.hasRoom()) blockers.push(queue.run(() => gate));
    try {
      const filesBefore = storedFiles().length;
      const busy = await uploadDocument(t, application, requirementIds[1], { secret }, await phoneJpeg());
      expect({ status: busy.status, code: busy.body.code, retryAfter: busy.headers['retry-after'] }).toEqual({ status: 503, code: 'FILES_BUSY', retryAfter: '15' });
      expect(busy.body.message.id).toBeTruthy();
      expect(storedFiles().length).toBe(filesBefore);
      await uploadDocument(t, application, requirementIds[1], { secret }, tinyPdf('tetap-diterima')).expect(200);
    } finally {
      release();
      await Promise.all(blockers);
    }
    await uploadDocument(t, application, requirementIds[2] ?? requirementIds[1], { secret }, await phoneJpeg()).expect(200);

    // The retention job (application_file_purge) deleted version 1's file: the record stays, a download answers 410.
    const [purged] = versions;
    const key = ((await db().query(`SELECT file_key FROM application_document WHERE id = $1`, [purged.id])) as { file_key: string }[])[0].file_key;
    await t.app.get(FilesService).remove(key);
    clock.advance(HOUR);
    await db().query(`INSERT INTO application_file_purge (application_id, application_document_id, file_key, purged_at) VALUES ($1, $2, $3, $4)`, [application.id, purged.id, key, clock.now()]);
    const gone = await download(application.code, purged.id, secret);
    expect({ status: gone.status, code: codeOf(gone) }).toEqual({ status: 410, code: 'DOCUMENT_PURGED' });
    const after = ((await citizenGet(application.code, '', secret).expect(200)).body as ApplicationResponse).items[0].documents;
    expect(after.map((d) => d.purgedAt)).toEqual([clock.now().toISOString(), null]);
    await download(application.code, versions[1].id, secret).expect(200);
    expect(await accessRows(purged.id)).toEqual([]);
  }, 180_000);

  it('should let one address upload 300 times a minute and answer the 301st with 429 and Retry-After, another address still served', async () => {
    const { application, secret } = await create();
    const from = (address: string) => uploadDocument(t, application, requirementIds[0], { secret: 'x'.repeat(32) }, tinyPdf()).set('X-Forwarded-For', address);
    const statuses: number[] = [];
    for (let i = 0; i < APPLICATION_RATE_LIMIT; i += 50) statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => from('10.20.30.40')))).map((r) => r.status));
    expect(new Set(statuses)).toEqual(new Set([404]));
    const over = await from('10.20.30.40');
    expect({ status: over.status, code: over.body.code }).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(over.headers['retry-after'] ?? over.headers['retry-after-application'])).toBeGreaterThan(0);
    await uploadDocument(t, application, requirementIds[0], { secret }, tinyPdf()).set('X-Forwarded-For', '10.20.30.41').expect(200);
  }, 180_000);

  it('should stream a 20 MB upload and its download through HTTP without holding it (memory held after collections)', async () => {
    const { application, secret } = await create();
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const settled = async () => {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const total = 20 * 1000 * 1000;
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const head = Buffer.from('%PDF-1.7 besar\n');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const before = await settled();
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        peak = Math.max(peak, await settled());
      }
    })();
    let answer: ApplicationResponse;
    const sent = createHash('sha256');
    const received = createHash('sha256');
    try {
      // The client writes the same 64 KiB piece again and again, waiting for the socket: it holds nothing either.
      answer = await new Promise<ApplicationResponse>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'PUT',
            path: `/api/v1/applications/${application.code}/items/${requirementIds[0]}/document`,
            headers: { 'X-Application-Secret': secret!, 'Content-Type': 'application/pdf', 'Content-Length': String(total) },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as ApplicationResponse) : reject(new Error(`${res.statusCode} ${body}`))));
          },
        );
        req.on('error', reject);
        let written = 0;
        const write = () => {
          while (written < total) {
            const chunk = written === 0 ? Buffer.concat([head, piece.subarray(head.length)]) : piece.subarray(0, Math.min(piece.length, total - written));
            written += chunk.length;
            sent.update(chunk);
            if (!req.write(chunk)) return void req.once('drain', write);
          }
          req.end();
        };
        write();
      });
      const res = await new Promise<number>((resolve, reject) => {
        const path = `/api/v1/applications/${application.code}/documents/${answer.items[0].documents[0].id}`;
        httpRequest({ host: '127.0.0.1', port, path, headers: { 'X-Application-Secret': secret! } }, (r) => {
          let size = 0;
          r.on('data', (c: Buffer) => {
            size += c.length;
            received.update(c);
          });
          r.on('end', () => resolve(size));
          r.on('error', reject);
        })
          .on('error', reject)
          .end();
      });
      expect(res).toBe(total);
    } finally {
      sampling = false;
      await sampler;
    }
    const digest = sent.digest('hex');
    expect(answer.items[0].documents[0]).toMatchObject({ size: total, sha256: digest, contentType: 'application/pdf' });
    expect(received.digest('hex')).toBe(digest);
    // Holding the upload (a body parser, a Buffer.concat) would add 20 MB at least; streaming holds a few chunks.
    expect(peak - before).toBeLessThan(total / 4);
  }, 180_000);

  it('should cut a download short rather than send a byte of a chunk that does not authenticate', async () => {
    const { application, secret } = await create();
    // Four 64 KiB chunks of plaintext; the third is changed on disk.
    const pdf = Buffer.concat([tinyPdf('dirusak'), Buffer.alloc(4 * 64 * 1024 - tinyPdf('dirusak').length, 0x41)]);
    const doc = ((await uploadDocument(t, application, requirementIds[0], { secret }, pdf).expect(200)).body as ApplicationResponse).items[0].documents[0];
    const key = ((await db().query(`SELECT file_key FROM application_document WHERE id = $1`, [doc.id])) as { file_key: string }[])[0].file_key;
    const path = join(filesDir, key.slice(0, 2), key);
    const stored = readFileSync(path);
    const sealedChunk = 64 * 1024 + 16;
    const thirdChunkByte = 32 + 2 * sealedChunk + 100;
    stored[thirdChunkByte] ^= 0x01;
    writeFileSync(path, stored);

    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const got = await new Promise<{ status: number; bytes: Buffer; complete: boolean }>((resolve) => {
      httpRequest({ host: '127.0.0.1', port, path: `/api/v1/applications/${application.code}/documents/${doc.id}`, headers: { 'X-Application-Secret': secret! } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const done = () => resolve({ status: res.statusCode!, bytes: Buffer.concat(chunks), complete: res.complete });
        res.on('end', done);
        res.on('error', done);
        res.on('aborted', done);
      }).end();
    });
    expect(got.status).toBe(200);
    expect(got.complete).toBe(false);
    // What arrived is the authentic beginning (at most the two chunks before the changed one), nothing after it.
    expect(got.bytes.length).toBeLessThanOrEqual(2 * 64 * 1024);
    expect(got.bytes).toEqual(pdf.subarray(0, got.bytes.length));
  }, 120_000);
});
