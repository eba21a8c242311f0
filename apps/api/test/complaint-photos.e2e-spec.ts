import { COMPLAINT_MAX_PHOTOS, COMPLAINT_PHOTO_MAX_BYTES, type ComplaintCitizenResponse, type ComplaintCreatedResponse, type ComplaintPhotoResponse, type ComplaintStaffResponse } from '@mpp/contracts';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { ComplaintPhotosService } from '../src/complaints/complaint-photos.service';
import { COMPLAINT_RATE_LIMIT } from '../src/complaints/complaint-throttler.guard';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { FILE_STORAGE, type FileStorage } from '../src/files/file-storage';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const TEXT = 'Lantai ruang tunggu basah dan licin, sudah ada yang terpeleset.';
const NAME = 'Yohana Fanggidae';
const PHONE = '0812-3888-1100';

/** Binary bodies as Buffers, whatever the type. */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const pieces: Buffer[] = [];
  stream.on('data', (piece: Buffer) => pieces.push(piece));
  stream.on('end', () => done(null, Buffer.concat(pieces)));
  stream.on('error', (error: Error) => done(error, Buffer.alloc(0)));
}

/** A phone photo: a JPEG carrying EXIF with the camera and the place it was taken (GPS, IFD3). */
function jpegWithGps(width = 96, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c04020' } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PonselUji', Model: 'Kamera-7' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '10/1 10/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '123/1 35/1 1200/100' },
    })
    .toBuffer();
}

/** Complaint photos and location over HTTP (docs/complaints.md, Photos and location). */
describe(`${ComplaintPhotosService.name} over HTTP`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
  const db = () => t.app.get(DataSource);
  const filesDir = () => t.app.get<AppConfig>(APP_CONFIG).files.dir;
  const admin = (id: string, tail = '') => `/api/v1/admin/sites/kota-kupang/complaints/${id}${tail}`;
  const count = async (sql: string, params: unknown[] = []) => ((await db().query(sql, params)) as { n: number }[])[0].n;
  const photoRows = () => count(`SELECT count(*)::int AS n FROM complaint_photo`);
  /** Every stored object (the temporary folder left out): a refused upload must leave none behind. */
  const storedFiles = () =>
    readdirSync(filesDir(), { recursive: true, encoding: 'utf8' }).filter((p) => !p.startsWith('.tmp') && /^[0-9a-f]{32}$/.test(p.split('/').pop() ?? '') && statSync(join(filesDir(), p)).isFile()).length;

  async function fileComplaint(extra: Record<string, unknown> = {}): Promise<ComplaintCreatedResponse> {
    const res = await t
      .http()
      .post('/api/v1/complaints')
      .send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'service', agencyId: staff.dukcapil.id, text: TEXT, anonymity: 'named', reporterName: NAME, reporterPhone: PHONE, ...extra })
      .expect(201);
    return res.body as ComplaintCreatedResponse;
  }
  const idOf = async (code: string) => ((await db().query(`SELECT id FROM complaint WHERE code = $1`, [code])) as { id: string }[])[0].id;
  /** Uploads sent so far (the rate limit's last test counts them). */
  let uploads = 0;
  function upload(c: ComplaintCreatedResponse, bytes: Buffer, name = 'foto.jpg', secret = c.secret) {
    uploads++;
    return t.http().post(`/api/v1/complaints/${c.code}/photos`).set('X-Complaint-Secret', secret).attach('photo', bytes, { filename: name, contentType: 'image/jpeg' });
  }
  const readPhoto = (c: ComplaintCreatedResponse, id: string, secret = c.secret) => t.http().get(`/api/v1/complaints/${c.code}/photos/${id}`).set('X-Complaint-Secret', secret).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
  }, 180_000);
  afterAll(async () => t?.close());

  it('should keep a location given on filing, encrypted, for the reporter and the handlers only', async () => {
    const location = { lat: -10.1727, lng: 123.6071, accuracyM: 12.5, source: 'device' };
    const created = await fileComplaint({ location });
    expect(created.complaint.location).toEqual(location);
    const [row] = (await db().query(`SELECT * FROM complaint WHERE code = $1`, [created.code])) as Record<string, unknown>[];
    expect(row.location_cipher).toEqual(expect.any(String));
    expect(JSON.stringify(row)).not.toContain('10.1727');
    expect(JSON.stringify(row)).not.toContain('123.6071');

    const mine = (await t.http().get(`/api/v1/complaints/${created.code}`).set('X-Complaint-Secret', created.secret).expect(200)).body as ComplaintCitizenResponse;
    expect(mine.location).toEqual(location);
    const handled = (await t.http().get(admin(row.id as string)).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as ComplaintStaffResponse;
    expect(handled.location).toEqual(location);

    // Picked on a map: no accuracy; none at all: null.
    expect((await fileComplaint({ location: { lat: 0, lng: -180, source: 'map' } })).complaint.location).toEqual({ lat: 0, lng: -180, accuracyM: null, source: 'map' });
    const without = await fileComplaint();
    expect(without.complaint.location).toBeNull();
    expect(((await db().query(`SELECT location_cipher FROM complaint WHERE code = $1`, [without.code])) as { location_cipher: string | null }[])[0].location_cipher).toBeNull();

    // The export for other systems: rounded to three decimals (about 100 m), never the exact point.
    const exported = (await t.http().get('/api/v1/admin/sites/kota-kupang/complaints/export').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as {
      requests: { service_request_id: string; lat: number | null; long: number | null; media_url: string | null }[];
    };
    const request = exported.requests.find((r) => r.service_request_id === created.code)!;
    expect({ lat: request.lat, long: request.long }).toEqual({ lat: Math.round(location.lat * 1000) / 1000, long: Math.round(location.lng * 1000) / 1000 });
    expect(request.lat).not.toBe(location.lat);
    expect(exported.requests.find((r) => r.service_request_id === without.code)).toMatchObject({ lat: null, long: null });
  });

  it('should refuse a location out of range or malformed with 400 in both languages, writing nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM complaint`);
    const bad = [
      { lat: 90.5, lng: 120, source: 'map' },
      { lat: -91, lng: 120, source: 'map' },
      { lat: -10, lng: 180.01, source: 'map' },
      { lat: -10, lng: -181, source: 'map' },
      { lat: -10, lng: 120, accuracyM: 10_001, source: 'device' },
      { lat: -10, lng: 120, accuracyM: -1, source: 'device' },
      { lat: -10, lng: 120, source: 'gps' },
      { lat: '-10', lng: 120, source: 'map' },
      { lng: 120, source: 'map' },
      { lat: -10, lng: 120, source: 'map', street: 'Jl. El Tari' },
      'dekat pasar',
    ];
    for (const location of bad) {
      const res = await t
        .http()
        .post('/api/v1/complaints')
        .send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'facilities', text: TEXT, anonymity: 'anonymous', location });
      expect({ location, status: res.status }).toEqual({ location, status: 400 });
      expect(res.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
    }
    expect(await count(`SELECT count(*)::int AS n FROM complaint`)).toBe(before);
  });

  it('should store a photo re-encoded without EXIF or GPS, encrypted, and serve it to the reporter and the handlers', async () => {
    const created = await fileComplaint();
    const id = await idOf(created.code);
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.exif?.includes('PonselUji')).toBe(true);

    const res = await upload(created, original).expect(201);
    const photo = res.body as ComplaintPhotoResponse;
    const [row] = (await db().query(`SELECT * FROM complaint_photo WHERE id = $1`, [photo.id])) as { complaint_id: string; file_key: string; width: number; height: number; bytes: number; created_at: Date }[];
    expect(row.complaint_id).toBe(id);
    expect(photo).toEqual({ id: photo.id, width: row.width, height: row.height, bytes: row.bytes, createdAt: row.created_at.toISOString() });
    expect({ width: row.width, height: row.height }).toEqual({ width: 96, height: 64 });
    expect(JSON.stringify(photo)).not.toContain(row.file_key);

    // What the reporter reads back: a JPEG with no EXIF (so no GPS), no camera, not cached.
    const served = await readPhoto(created, photo.id).expect(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('private, no-store');
    const copy = served.body as Buffer;
    expect(copy.length).toBe(row.bytes);
    const meta = await sharp(copy).metadata();
    expect({ format: meta.format, exif: meta.exif, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', exif: undefined, width: 96, height: 64 });
    expect(copy.includes('PonselUji')).toBe(false);
    expect(copy.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);

    // At rest: the stored object is neither the clear upload nor the clear copy.
    const stored = await text((await t.app.get<FileStorage>(FILE_STORAGE).get(row.file_key)).setEncoding('latin1'));
    const raw = Buffer.from(stored, 'latin1');
    expect(raw.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(raw.subarray(0, 4).toString('latin1')).toBe('MPPF');
    expect(raw.includes(copy.subarray(0, 64))).toBe(false);
    expect(raw.includes('PonselUji')).toBe(false);

    // The handlers: the complaint's scope (its agency yes, another agency 404, another site 403).
    const asOfficer = await t.http().get(admin(id, `/photos/${photo.id}`)).auth(staff.dukcapilOfficer, { type: 'bearer' }).buffer(true).parse(binary).expect(200);
    expect((asOfficer.body as Buffer).equals(copy)).toBe(true);
    expect(asOfficer.headers['cache-control']).toBe('private, no-store');
    expect((await t.http().get(admin(id, `/photos/${photo.id}`)).auth(staff.polrestaAdmin, { type: 'bearer' })).status).toBe(404);
    expect((await t.http().get(admin(id, `/photos/${photo.id}`)).auth(staff.probolinggoSiteAdmin, { type: 'bearer' })).status).toBe(403);
    expect((await t.http().get(admin(id, `/photos/${photo.id}`))).status).toBe(401);

    // Both views list it; the trail says so, publicly.
    const mine = (await t.http().get(`/api/v1/complaints/${created.code}`).set('X-Complaint-Secret', created.secret).expect(200)).body as ComplaintCitizenResponse;
    expect(mine.photos).toEqual([photo]);
    expect(mine.events.map((e) => e.action)).toContain('photo_added');
    const handled = (await t.http().get(admin(id)).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintStaffResponse;
    expect(handled.photos).toEqual([photo]);
    expect(handled.events.find((e) => e.action === 'photo_added')).toMatchObject({ internal: false, actorKind: 'citizen', details: { photoId: photo.id } });

    // A wrong secret reads nothing; another complaint's code does not reach this photo.
    expect((await readPhoto(created, photo.id, 'salah')).status).toBe(404);
    const other = await fileComplaint();
    expect((await readPhoto(other, photo.id)).status).toBe(404);
  });

  it('should turn a PNG into a JPEG, and refuse a fourth photo with 409 writing nothing', async () => {
    const created = await fileComplaint();
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 0.5 } } }).png().toBuffer();
    const first = (await upload(created, png, 'layar.png').expect(201)).body as ComplaintPhotoResponse;
    const served = await readPhoto(created, first.id).expect(200);
    expect((await sharp(served.body as Buffer).metadata()).format).toBe('jpeg');
    for (let i = 1; i < COMPLAINT_MAX_PHOTOS; i++) await upload(created, await jpegWithGps(50 + i, 40)).expect(201);
    const rows = await photoRows();
    const files = storedFiles();
    const fourth = await upload(created, await jpegWithGps());
    expect({ status: fourth.status, code: fourth.body.code, id: typeof fourth.body.message?.id }).toEqual({ status: 409, code: 'COMPLAINT_PHOTOS_FULL', id: 'string' });
    // Refused before the body is read, however large.
    const fourthHuge = await upload(created, Buffer.concat([await jpegWithGps(), Buffer.alloc(COMPLAINT_PHOTO_MAX_BYTES, 0x20)]));
    expect({ status: fourthHuge.status, code: fourthHuge.body.code }).toEqual({ status: 409, code: 'COMPLAINT_PHOTOS_FULL' });
    expect(await photoRows()).toBe(rows);
    expect(storedFiles()).toBe(files);
    expect(await count(`SELECT count(*)::int AS n FROM complaint_photo WHERE complaint_id = $1`, [await idOf(created.code)])).toBe(COMPLAINT_MAX_PHOTOS);
  });

  it('should refuse a wrong secret, a file too large, not an image, a damaged image, no file and a closed complaint, writing nothing', async () => {
    const created = await fileComplaint();
    const rows = await photoRows();
    const files = storedFiles();
    const events = await count(`SELECT count(*)::int AS n FROM complaint_event`);
    const photo = await jpegWithGps();

    const wrong = await upload(created, photo, 'foto.jpg', 'bukan-rahasianya');
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 404, code: 'COMPLAINT_NOT_FOUND' });
    // Checked before the body is read: a wrong secret with a body past the limit is 404, not 413.
    const huge = Buffer.concat([photo, Buffer.alloc(COMPLAINT_PHOTO_MAX_BYTES + 1 - photo.length, 0x20)]);
    const wrongHuge = await upload(created, huge, 'foto.jpg', 'bukan-rahasianya');
    expect({ status: wrongHuge.status, code: wrongHuge.body.code }).toEqual({ status: 404, code: 'COMPLAINT_NOT_FOUND' });
    uploads++;
    expect((await t.http().post(`/api/v1/complaints/${created.code}/photos`).attach('photo', photo, 'foto.jpg')).status).toBe(404);

    const tooBig = await upload(created, huge);
    expect({ status: tooBig.status, code: tooBig.body.code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    expect(tooBig.body.message.id).toContain('10');

    const notImage = await upload(created, Buffer.from('ini bukan foto, hanya teks biasa.'), 'foto.jpg');
    expect({ status: notImage.status, code: notImage.body.code }).toEqual({ status: 415, code: 'PHOTO_TYPE_NOT_ALLOWED' });
    expect(notImage.body.message.en).toContain('Use JPEG or PNG');
    expect(notImage.body.message.id).toContain('JPEG atau PNG');
    const pdf = await upload(created, Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'surat.pdf');
    expect(pdf.status).toBe(415);
    // HEIC from an iPhone (ISO BMFF "ftypheic"): sharp here decodes AVIF only, so it is refused with the same advice.
    const heic = await upload(created, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(200)]), 'IMG_0001.HEIC');
    expect(heic.status).toBe(415);

    const damaged = await upload(created, Buffer.concat([photo.subarray(0, 400)]));
    expect({ status: damaged.status, code: damaged.body.code }).toEqual({ status: 422, code: 'IMAGE_UNREADABLE' });

    uploads += 2;
    const none = await t.http().post(`/api/v1/complaints/${created.code}/photos`).set('X-Complaint-Secret', created.secret).field('note', 'tanpa foto');
    expect({ status: none.status, code: none.body.code }).toEqual({ status: 400, code: 'PHOTO_REQUIRED' });
    const json = await t.http().post(`/api/v1/complaints/${created.code}/photos`).set('X-Complaint-Secret', created.secret).send({ photo: 'abc' });
    expect(json.status).toBe(400);

    expect(await photoRows()).toBe(rows);
    expect(storedFiles()).toBe(files);
    expect(await count(`SELECT count(*)::int AS n FROM complaint_event`)).toBe(events);

    // Closed: the photos it has stay readable; no new one.
    const id = await idOf(created.code);
    await upload(created, photo).expect(201);
    await t.http().post(admin(id, '/steps/close')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: 'Digabung dengan laporan lain.' }).expect(200);
    const closed = await upload(created, photo);
    expect({ status: closed.status, code: closed.body.code }).toEqual({ status: 409, code: 'COMPLAINT_CLOSED' });
    expect(await photoRows()).toBe(rows + 1);
    const kept = (await t.http().get(`/api/v1/complaints/${created.code}`).set('X-Complaint-Secret', created.secret).expect(200)).body as ComplaintCitizenResponse;
    expect(kept.photos).toHaveLength(1);
    await readPhoto(created, kept.photos[0].id).expect(200);
  });

  it('should hold back uploads past the complaint rate limit with 429', async () => {
    const created = await fileComplaint();
    // Cheap requests (no file, a wrong secret) are counted too: the guard runs before the body is read.
    let accepted = 0;
    let limited = false;
    for (let i = 0; i <= COMPLAINT_RATE_LIMIT; i++) {
      const res = await t.http().post(`/api/v1/complaints/${created.code}/photos`).set('X-Complaint-Secret', 'salah');
      if (res.status === 429) {
        limited = true;
        break;
      }
      expect(res.status).toBe(404);
      accepted++;
    }
    expect(limited).toBe(true);
    // Earlier tests' uploads count in the same minute (unless their window ended).
    expect(accepted + uploads).toBeGreaterThanOrEqual(COMPLAINT_RATE_LIMIT);
    expect(accepted).toBeLessThanOrEqual(COMPLAINT_RATE_LIMIT);
  });
});
