import type { ApplicationCreatedResponse, ApplicationNoteResponse, ServiceResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { ApplicationNotesService } from '../src/applications/application-notes.service';
import { FixedClock } from '../src/common/clock';
import { uploadMandatoryDocuments } from './support/application-documents';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const NIK = '5371014101900789';
const NAME = 'Yohana Bria Seran';
const PHONE = '0813-5555-7777';

/** Officers' internal notes (issue 14, "Officers": notes): the agency's own, encrypted, never changed, never the citizen's. */
describe(`${ApplicationNotesService.name} over HTTP`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let created: ApplicationCreatedResponse;
  const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
  const db = () => t.app.get(DataSource);
  const notes = (id: string) => `/api/v1/agency/applications/${id}/notes`;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    const serviceId = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    expect(((await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as ServiceResponse).requirements.length).toBeGreaterThan(0);
    created = (await t.http().post('/api/v1/applications').send({ serviceId, nik: NIK, fullName: NAME, phone: PHONE }).expect(201)).body as ApplicationCreatedResponse;
    await uploadMandatoryDocuments(t, created.application, { secret: created.secret });
    await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set('X-Application-Secret', created.secret!).expect(200);
  }, 180_000);
  afterAll(async () => t?.close());

  it('should keep the agency’s notes in order, with author and time, the text encrypted in the table', async () => {
    const id = created.application.id;
    const first = `KK lama atas nama ${NAME} sudah ditarik`;
    const a = (await t.http().post(notes(id)).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: `  ${first}  ` }).expect(201)).body as ApplicationNoteResponse;
    clock.advance(60_000);
    const b = (await t.http().post(notes(id)).auth(staff.dukcapilAdmin, { type: 'bearer' }).send({ text: 'Cek ulang alamat RT/RW' }).expect(201)).body as ApplicationNoteResponse;
    expect(a).toMatchObject({ text: first, at: new Date(clock.now().getTime() - 60_000).toISOString() });
    expect(b.at).toBe(clock.now().toISOString());

    const listed = (await t.http().get(notes(id)).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as ApplicationNoteResponse[];
    expect(listed).toEqual([a, b]);
    expect(new Set(listed.map((n) => n.authorId)).size).toBe(2);
    for (const n of listed) expect(n.authorName.length).toBeGreaterThan(0);

    const stored = (await db().query(`SELECT body_cipher FROM application_note WHERE application_id = $1`, [id])) as { body_cipher: string }[];
    expect(stored).toHaveLength(2);
    for (const row of stored) expect(row.body_cipher).not.toContain('KK lama');
    // Never changed: the table refuses an UPDATE.
    await expect(db().query(`UPDATE application_note SET at = now() WHERE application_id = $1`, [id])).rejects.toThrow();
  });

  it('should never show notes to the citizen, nor to another agency or another role', async () => {
    const id = created.application.id;
    await t.http().post(notes(id)).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: 'catatan internal 7781' }).expect(201);
    const own = await t.http().get(`/api/v1/applications/${created.application.code}`).set('X-Application-Secret', created.secret!).expect(200);
    expect(JSON.stringify(own.body)).not.toContain('catatan internal 7781');

    const other = await t.http().get(notes(id)).auth(staff.polrestaAdmin, { type: 'bearer' });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
    const write = await t.http().post(notes(id)).auth(staff.polrestaAdmin, { type: 'bearer' }).send({ text: 'bukan milik kami' });
    expect(write.status).toBe(404);
    expect((await t.http().get(notes(id)).auth(staff.kupangSiteAdmin, { type: 'bearer' })).status).toBe(403);
    expect((await t.http().get(notes(id))).status).toBe(401);
    const count = (await db().query(`SELECT count(*)::int AS n FROM application_note WHERE body_cipher IS NOT NULL AND application_id = $1`, [id])) as { n: number }[];
    expect(count[0].n).toBe(((await t.http().get(notes(id)).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as unknown[]).length);
  });

  it('should refuse an empty, blank or too long note in both languages and write nothing', async () => {
    const id = created.application.id;
    const before = ((await t.http().get(notes(id)).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as unknown[]).length;
    for (const body of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(2001) }, { text: 42 }]) {
      const res = await t.http().post(notes(id)).auth(staff.dukcapilOfficer, { type: 'bearer' }).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.message.id.length).toBeGreaterThan(0);
      expect(res.body.message.en.length).toBeGreaterThan(0);
    }
    expect(((await t.http().get(notes(id)).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as unknown[]).length).toBe(before);
  });
});
