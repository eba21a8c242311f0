import { COMPLETION_TIME_UNITS, type ClosureResponse, type RequirementResponse, type RetiredServiceResponse, type ServiceResponse } from '@mpp/contracts';
import { LEGAL_DEFAULT_COMPLETION_TIME, localDate } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { newAgencyDto, newServiceDto, newSiteDto } from './support/factories';
import { KUPANG_MONDAY_0900 } from './support/hall';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('Catalogue admin API', () => {
  let t: TestApp;
  let s: StaffTokens;
  // The site's "today" comes from this clock, so what is upcoming does not depend on the real date.
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    s = await createStaff(t);
  }, 120_000);
  afterAll(async () => t?.close());

  const as = (token: string) => ({
    post: (url: string) => t.http().post(url).auth(token, { type: 'bearer' }),
    patch: (url: string) => t.http().patch(url).auth(token, { type: 'bearer' }),
    delete: (url: string) => t.http().delete(url).auth(token, { type: 'bearer' }),
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
  });

  const countRows = async (table: string, where = 'true', params: unknown[] = []): Promise<number> => {
    const rows = (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)) as { n: number }[];
    return rows[0].n;
  };

  describe('sites', () => {
    it('should let a system admin create a site and show it publicly', async () => {
      const dto = newSiteDto();
      const res = await as(s.system).post('/api/v1/admin/sites').send(dto).expect(201);
      expect(res.body).toMatchObject({ code: dto.code, timeZone: 'Asia/Makassar', agencyCount: 0 });
      const pub = await t.http().get(`/api/v1/sites/${dto.code}`).expect(200);
      expect(pub.body.openingHours).toHaveLength(2);
    });

    it('should refuse opening hours that close before they open with 422 naming the entry', async () => {
      const dto = newSiteDto({ openingHours: [{ weekday: 1, open: '15:00', close: '08:00', breaks: [] }] });
      const res = await as(s.system).post('/api/v1/admin/sites').send(dto).expect(422);
      expect(res.body.code).toBe('INVALID_OPENING_HOURS');
      expect(res.body.fields[0].field).toBe('openingHours.0');
      expect(await countRows('site', 'code = $1', [dto.code])).toBe(0);
    });

    it('should refuse malformed times and unknown time zones with 400', async () => {
      const res = await as(s.system)
        .post('/api/v1/admin/sites')
        .send(newSiteDto({ timeZone: 'Asia/Kupang', openingHours: [{ weekday: 8, open: '8am', close: '15:00', breaks: [] }] }))
        .expect(400);
      const fields = res.body.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['timeZone', 'openingHours.0.weekday', 'openingHours.0.open']));
      expect(res.body.fields.find((f: { field: string }) => f.field === 'openingHours.0.open').message.id).toMatch(/HH:MM/);
    });

    it('should answer a duplicate site code with 409', async () => {
      const dto = newSiteDto();
      await as(s.system).post('/api/v1/admin/sites').send(dto).expect(201);
      const res = await as(s.system).post('/api/v1/admin/sites').send(dto).expect(409);
      expect(res.body.code).toBe('SITE_CODE_TAKEN');
    });

    it('should let a site admin edit their own site but not another', async () => {
      await as(s.kupangSiteAdmin).patch('/api/v1/admin/sites/kota-kupang').send({ phone: '0380-123456' }).expect(200);
      const res = await as(s.kupangSiteAdmin).patch('/api/v1/admin/sites/kota-probolinggo').send({ phone: '0335-1' }).expect(403);
      expect(res.body.code).toBe('OTHER_SITE');
    });

    it('should keep application files 365 days by default and let the site admin set 30 to 3650 days', async () => {
      const dto = newSiteDto();
      const created = await as(s.system).post('/api/v1/admin/sites').send(dto).expect(201);
      expect(created.body.applicationFileRetentionDays).toBe(365);

      const before = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body.applicationFileRetentionDays as number;
      const wanted = before === 730 ? 731 : 730;
      await as(s.kupangSiteAdmin).patch('/api/v1/admin/sites/kota-kupang').send({ applicationFileRetentionDays: wanted }).expect(200);
      expect((await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body.applicationFileRetentionDays).toBe(wanted);

      for (const bad of [29, 3651, 90.5, null, '365']) {
        const res = await as(s.kupangSiteAdmin).patch('/api/v1/admin/sites/kota-kupang').send({ applicationFileRetentionDays: bad }).expect(400);
        expect([...new Set(res.body.fields.map((f: { field: string }) => f.field))]).toEqual(['applicationFileRetentionDays']);
      }
      const tooShort = await as(s.kupangSiteAdmin).patch('/api/v1/admin/sites/kota-kupang').send({ applicationFileRetentionDays: 29 }).expect(400);
      expect(tooShort.body.fields[0].message).toEqual({ id: expect.stringContaining('30 hari'), en: expect.stringContaining('30 days') });
      expect((await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body.applicationFileRetentionDays).toBe(wanted);
      await as(s.kupangSiteAdmin).patch('/api/v1/admin/sites/kota-probolinggo').send({ applicationFileRetentionDays: 60 }).expect(403);
    });

    it('should list local closures among upcoming closures and remove them again', async () => {
      const next = new Date(clock.now().getTime() + 20 * 86400_000).toISOString().slice(0, 10);
      const added = await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/closures').send({ date: next, name: 'Pemeliharaan gedung' }).expect(201);
      let site = await t.http().get('/api/v1/sites/kota-kupang').expect(200);
      expect(site.body.upcomingClosures).toContainEqual({ id: added.body.id, date: next, name: 'Pemeliharaan gedung', kind: 'local_closure' });
      await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/closures').send({ date: next, name: 'Lagi' }).expect(409);
      await as(s.kupangSiteAdmin).delete(`/api/v1/admin/sites/kota-kupang/closures/${added.body.id}`).expect(204);
      site = await t.http().get('/api/v1/sites/kota-kupang').expect(200);
      expect(site.body.upcomingClosures.map((c: { id: string }) => c.id)).not.toContain(added.body.id);
    });

    it('should refuse a closure on a date that does not exist', async () => {
      const res = await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/closures').send({ date: '2026-02-30', name: 'Tidak ada' }).expect(422);
      expect(res.body.code).toBe('INVALID_DATE');
    });

    it('should hide a retired site and everything in it from the public', async () => {
      const dto = newSiteDto();
      await as(s.system).post('/api/v1/admin/sites').send(dto).expect(201);
      const agency = await as(s.system).post(`/api/v1/admin/sites/${dto.code}/agencies`).send(newAgencyDto()).expect(201);
      const service = await as(s.system).post(`/api/v1/admin/agencies/${agency.body.id}/services`).send(newServiceDto()).expect(201);
      await as(s.system).post(`/api/v1/admin/sites/${dto.code}/retire`).expect(200);
      await t.http().get(`/api/v1/sites/${dto.code}`).expect(404);
      await t.http().get(`/api/v1/services/${service.body.id}`).expect(404);
      const list = await t.http().get('/api/v1/sites').expect(200);
      expect(list.body.map((x: { code: string }) => x.code)).not.toContain(dto.code);
    });
  });

  describe('national calendar', () => {
    it('should hold the seeded 2026 holidays and let a system admin add a 2027 one', async () => {
      const y2026 = await t.http().get('/api/v1/calendar/2026').expect(200);
      expect(y2026.body.filter((d: { kind: string }) => d.kind === 'national_holiday').length).toBeGreaterThanOrEqual(17);
      expect(y2026.body).toContainEqual(expect.objectContaining({ date: '2026-08-17', kind: 'national_holiday' }));
      const added = await as(s.system).post('/api/v1/admin/calendar').send({ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national_holiday' }).expect(201);
      const y2027 = await t.http().get('/api/v1/calendar/2027').expect(200);
      expect(y2027.body.map((d: { id: string }) => d.id)).toContain(added.body.id);
      await as(s.kupangSiteAdmin).post('/api/v1/admin/calendar').send({ date: '2027-01-02', name: 'Coba', kind: 'cuti_bersama' }).expect(403);
      await as(s.system).delete(`/api/v1/admin/calendar/${added.body.id}`).expect(204);
      await as(s.system).delete(`/api/v1/admin/calendar/${added.body.id}`).expect(404);
    });

    it('should show cuti bersama only at sites that close on it', async () => {
      const kupang = await t.http().get('/api/v1/sites/kota-kupang').expect(200);
      const probolinggo = await t.http().get('/api/v1/sites/kota-probolinggo').expect(200);
      expect(kupang.body.closesOnCutiBersama).toBe(true);
      expect(probolinggo.body.closesOnCutiBersama).toBe(false);
      expect(probolinggo.body.upcomingClosures.some((c: { kind: string }) => c.kind === 'cuti_bersama')).toBe(false);
      // Kupang lists every seeded cuti bersama day from its today (the clock's) up to the last day it lists.
      const today = localDate(clock.now(), kupang.body.timeZone);
      const listed = kupang.body.upcomingClosures as ClosureResponse[];
      const lastListed = listed[listed.length - 1].date;
      const year = Number(today.slice(0, 4));
      const calendar = [
        ...((await t.http().get(`/api/v1/calendar/${year}`).expect(200)).body as ClosureResponse[]),
        ...((await t.http().get(`/api/v1/calendar/${year + 1}`).expect(200)).body as ClosureResponse[]),
      ];
      const expected = calendar.filter((d) => d.kind === 'cuti_bersama' && d.date >= today && d.date <= lastListed);
      expect(expected.length).toBeGreaterThan(0);
      expect(listed.filter((c) => c.kind === 'cuti_bersama')).toEqual(expected);
    });
  });

  describe('agencies and services', () => {
    it('should let an agency admin create, edit and retire a service of their own agency only', async () => {
      const created = await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(newServiceDto({ synonyms: ['legalisir', 'cap basah', 'zebrakopi'] })).expect(201);
      const service = created.body as ServiceResponse;
      expect(service.requirements.map((r) => r.position)).toEqual([1, 2]);
      expect(service.agency.code).toBe('dukcapil');

      const found = await t.http().get('/api/v1/services').query({ site: 'kota-kupang', q: 'zebrakopi' }).expect(200);
      expect(found.body.items[0].id).toBe(service.id);

      const edited = await as(s.dukcapilAdmin)
        .patch(`/api/v1/admin/services/${service.id}`)
        .send({ fee: { free: false, amount: 10000, legalBasis: 'Perda Kota Kupang' }, requirements: [{ name: 'KTP-el asli', mandatory: true, form: 'original', uploadable: false, fileTypes: [] }] })
        .expect(200);
      expect(edited.body.fee).toMatchObject({ free: false, amount: 10000 });
      expect(edited.body.requirements).toHaveLength(1);

      const other = await as(s.polrestaAdmin).patch(`/api/v1/admin/services/${service.id}`).send({ name: 'Diambil alih' }).expect(403);
      expect(other.body.code).toBe('OTHER_AGENCY');
      await as(s.polrestaAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(newServiceDto()).expect(403);

      await as(s.dukcapilAdmin).post(`/api/v1/admin/services/${service.id}/retire`).expect(200);
      await t.http().get(`/api/v1/services/${service.id}`).expect(404);
      const gone = await t.http().get('/api/v1/services').query({ site: 'kota-kupang', q: 'zebrakopi' }).expect(200);
      expect(gone.body.total).toBe(0);
      await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${service.id}`).send({ name: 'Hidup lagi' }).expect(409);
    });

    it("should list an agency's retired services to its admins and its site's admins only", async () => {
      const url = (agencyId: string) => `/api/v1/admin/agencies/${agencyId}/retired-services`;
      const before = (await as(s.dukcapilAdmin).get(url(s.dukcapil.id)).expect(200)).body as RetiredServiceResponse[];
      const dto = newServiceDto();
      const service = (await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(dto).expect(201)).body as ServiceResponse;
      expect(((await as(s.dukcapilAdmin).get(url(s.dukcapil.id)).expect(200)).body as RetiredServiceResponse[]).map((r) => r.id)).not.toContain(service.id);
      await as(s.dukcapilAdmin).post(`/api/v1/admin/services/${service.id}/retire`).expect(200);
      const [row] = (await t.app.get(DataSource).query('SELECT retired_at FROM service WHERE id = $1', [service.id])) as { retired_at: Date }[];
      const after = (await as(s.kupangSiteAdmin).get(url(s.dukcapil.id)).expect(200)).body as RetiredServiceResponse[];
      expect(after).toHaveLength(before.length + 1);
      expect(after[0]).toEqual({ id: service.id, code: dto.code, name: service.name, nameEn: service.nameEn, ticketPrefix: service.queue.ticketPrefix, retiredAt: row.retired_at.toISOString() });
      expect((await as(s.polrestaAdmin).get(url(s.dukcapil.id)).expect(403)).body.code).toBe('OTHER_AGENCY');
      await as(s.probolinggoSiteAdmin).get(url(s.dukcapil.id)).expect(403);
      await as(s.dukcapilOfficer).get(url(s.dukcapil.id)).expect(403);
      await t.http().get(url(s.dukcapil.id)).expect(401);
      await as(s.system).get(url('not-a-uuid')).expect(400);
      await as(s.system).get(url('00000000-0000-4000-8000-000000000000')).expect(404);
    });

    it('should refuse a service whose fee contradicts itself with 422 and write nothing', async () => {
      const dto = newServiceDto({ fee: { free: true, amount: 5000 } });
      const res = await as(s.system).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(dto).expect(422);
      expect(res.body.code).toBe('INVALID_SERVICE_STANDARD');
      expect(res.body.fields[0].field).toBe('fee.amount');
      expect(await countRows('service', 'code = $1', [dto.code])).toBe(0);
    });

    it('should write nothing when the database refuses part of a service', async () => {
      // Two requirements are fine; a duplicate code is caught by the database after the insert began.
      const dto = newServiceDto();
      await as(s.system).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(dto).expect(201);
      const before = await countRows('service_requirement');
      const res = await as(s.system).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send({ ...dto, name: 'Kembar' }).expect(409);
      expect(res.body.code).toBe('SERVICE_CODE_TAKEN');
      expect(await countRows('service_requirement')).toBe(before);
    });

    it('should name every bad field of a service in Indonesian and English', async () => {
      const res = await as(s.system)
        .post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`)
        .send(newServiceDto({ code: 'Bad Code', requirements: [], queue: { ticketPrefix: 'aa', expectedServiceMinutes: 0, walkInEnabled: 'ya', onlineBookingEnabled: true }, completionTime: { value: 3, unit: 'weeks' } }))
        .expect(400);
      const fields = res.body.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(
        expect.arrayContaining(['code', 'requirements', 'queue.ticketPrefix', 'queue.expectedServiceMinutes', 'queue.walkInEnabled', 'completionTime.unit']),
      );
      for (const f of res.body.fields) {
        expect(f.message.id).toBeTruthy();
        expect(f.message.en).toBeTruthy();
        expect(f.message.id).not.toEqual(f.message.en);
      }
    });

    it('should let a site admin add an agency to their site, and refuse another site', async () => {
      const dto = newAgencyDto();
      const res = await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/agencies').send(dto).expect(201);
      expect(res.body).toMatchObject({ code: dto.code, siteCode: 'kota-kupang', serviceCount: 0 });
      await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/agencies').send(dto).expect(409);
      await as(s.probolinggoSiteAdmin).post('/api/v1/admin/sites/kota-kupang/agencies').send(newAgencyDto()).expect(403);
    });

    it('should name the bad fields of an agency', async () => {
      const res = await as(s.system)
        .post('/api/v1/admin/sites/kota-kupang/agencies')
        .send(newAgencyDto({ code: 'Dinas_X', shortName: '', contactEmail: 'bukan-email', website: 'javascript:alert(1)' }))
        .expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['code', 'shortName', 'contactEmail', 'website']));
    });

    it('should re-index services when their agency is renamed', async () => {
      const agency = await as(s.system).post('/api/v1/admin/sites/kota-kupang/agencies').send(newAgencyDto({ shortName: 'Dinas Lama' })).expect(201);
      await as(s.system).post(`/api/v1/admin/agencies/${agency.body.id}/services`).send(newServiceDto()).expect(201);
      await as(s.system).patch(`/api/v1/admin/agencies/${agency.body.id}`).send({ shortName: 'Dinas Kuokkaa' }).expect(200);
      const found = await t.http().get('/api/v1/services').query({ site: 'kota-kupang', q: 'kuokkaa' }).expect(200);
      expect(found.body.items.map((x: { agency: { id: string } }) => x.agency.id)).toContain(agency.body.id);
    });

    it('should answer a malformed id with 400 and an unknown one with 404', async () => {
      expect((await as(s.system).patch('/api/v1/admin/services/not-a-uuid').send({}).expect(400)).body.code).toBe('INVALID_ID');
      expect((await as(s.system).patch('/api/v1/admin/services/00000000-0000-4000-8000-000000000000').send({ name: 'Tidak ada' }).expect(404)).body.code).toBe('SERVICE_NOT_FOUND');
    });
  });

  describe('requirements across edits', () => {
    type RequirementBody = Omit<RequirementResponse, 'position' | 'nameEn' | 'description'> & { nameEn?: string; description?: string };
    /** A requirement of a response as the admin form sends it back: its id and its fields. */
    const sentBack = (r: RequirementResponse): RequirementBody => ({
      id: r.id,
      name: r.name,
      ...(r.nameEn === null ? {} : { nameEn: r.nameEn }),
      ...(r.description === null ? {} : { description: r.description }),
      mandatory: r.mandatory,
      form: r.form,
      uploadable: r.uploadable,
      fileTypes: r.fileTypes,
    });
    const newRequirement = (name: string) => ({ name, mandatory: false, form: 'copy', uploadable: true, fileTypes: ['pdf'] });
    const createService = async (): Promise<ServiceResponse> =>
      (await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(newServiceDto()).expect(201)).body as ServiceResponse;
    const edit = (id: string, body: object) => as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${id}`).send(body);
    const publicService = async (id: string): Promise<ServiceResponse> => (await t.http().get(`/api/v1/services/${id}`).expect(200)).body as ServiceResponse;
    const requirementRows = async (serviceId: string) =>
      (await t.app.get(DataSource).query(`SELECT id, position, retired_at FROM service_requirement WHERE service_id = $1 ORDER BY position`, [serviceId])) as {
        id: string;
        position: number;
        retired_at: Date | null;
      }[];

    it('should keep the ids of the requirements an edit sends back, add the new ones and raise the version by one', async () => {
      const created = await createService();
      const [first, second] = created.requirements;
      expect(created.requirementsVersion).toBe(1);

      const res = await edit(created.id, {
        requirements: [{ ...sentBack(second), name: 'Fotokopi dokumen (dua lembar)' }, newRequirement('Pas foto 3×4'), sentBack(first)],
      }).expect(200);

      const edited = res.body as ServiceResponse;
      expect(edited.requirements.map((r) => [r.position, r.name])).toEqual([
        [1, 'Fotokopi dokumen (dua lembar)'],
        [2, 'Pas foto 3×4'],
        [3, first.name],
      ]);
      expect(edited.requirements[0].id).toBe(second.id);
      expect(edited.requirements[2].id).toBe(first.id);
      expect([first.id, second.id]).not.toContain(edited.requirements[1].id);
      expect(edited.requirementsVersion).toBe(created.requirementsVersion + 1);
      expect(await publicService(created.id)).toMatchObject({ requirements: edited.requirements, requirementsVersion: edited.requirementsVersion });
    });

    it('should not raise the version for an edit that only changes the fee, nor for the same requirements sent back', async () => {
      const created = await createService();

      const feeOnly = (await edit(created.id, { fee: { free: false, amount: 15000, legalBasis: 'Perda Kota Kupang' } }).expect(200)).body as ServiceResponse;
      const sameAgain = (await edit(created.id, { fee: { free: true, amount: 0 }, requirements: created.requirements.map(sentBack) }).expect(200)).body as ServiceResponse;

      expect(feeOnly.fee.amount).toBe(15000);
      expect(feeOnly.requirementsVersion).toBe(created.requirementsVersion);
      expect(feeOnly.requirements).toEqual(created.requirements);
      expect(sameAgain.fee.free).toBe(true);
      expect(sameAgain.requirementsVersion).toBe(created.requirementsVersion);
      expect(sameAgain.requirements).toEqual(created.requirements);
    });

    it('should delete a requirement the edit leaves out when nothing refers to it', async () => {
      const created = await createService();
      const [first, second] = created.requirements;

      const edited = (await edit(created.id, { requirements: [sentBack(second)] }).expect(200)).body as ServiceResponse;

      expect(edited.requirements).toEqual([{ ...second, position: 1 }]);
      expect(edited.requirementsVersion).toBe(created.requirementsVersion + 1);
      expect((await requirementRows(created.id)).map((r) => r.id)).toEqual([second.id]);
      expect((await requirementRows(created.id)).map((r) => r.id)).not.toContain(first.id);
    });

    it('should retire, not delete, a requirement left out that another table refers to, and keep the reference valid', async () => {
      // Applications will refer to requirements by foreign key; this table stands in for one.
      const db = t.app.get(DataSource);
      await db.query(`CREATE TABLE requirement_reference_probe (requirement_id uuid NOT NULL REFERENCES service_requirement (id))`);
      try {
        const created = await createService();
        const [first, second] = created.requirements;
        await db.query(`INSERT INTO requirement_reference_probe (requirement_id) VALUES ($1)`, [first.id]);

        const edited = (await edit(created.id, { requirements: [newRequirement('Surat pengantar RT/RW'), sentBack(second)] }).expect(200)).body as ServiceResponse;

        expect(edited.requirements.map((r) => r.id)).not.toContain(first.id);
        expect(edited.requirements.map((r) => r.position)).toEqual([1, 2]);
        const rows = await requirementRows(created.id);
        const retired = rows.filter((r) => r.retired_at !== null);
        expect(retired.map((r) => r.id)).toEqual([first.id]);
        expect(rows.filter((r) => r.retired_at === null).map((r) => r.id)).toEqual(edited.requirements.map((r) => r.id));
        expect((await publicService(created.id)).requirements).toEqual(edited.requirements);
        const [reference] = (await db.query(`SELECT requirement_id FROM requirement_reference_probe`)) as { requirement_id: string }[];
        expect(reference.requirement_id).toBe(first.id);

        // A retired row is not one of the service's requirements any more: its id cannot come back.
        const res = await edit(created.id, { requirements: [sentBack(first)] }).expect(422);
        expect(res.body.fields[0].field).toBe('requirements.0.id');
      } finally {
        await db.query(`DROP TABLE requirement_reference_probe`);
      }
    });

    it("should refuse an id that is not one of the service's requirements with 422 in both languages, and write nothing", async () => {
      const created = await createService();
      const other = await createService();

      const res = await edit(created.id, { name: 'Nama baru', requirements: [sentBack(created.requirements[0]), sentBack(other.requirements[0])] }).expect(422);

      expect(res.body.code).toBe('INVALID_SERVICE_STANDARD');
      expect(res.body.fields).toEqual([{ field: 'requirements.1.id', message: { id: expect.any(String), en: expect.any(String) } }]);
      expect(res.body.fields[0].message.id).not.toEqual(res.body.fields[0].message.en);
      expect(await publicService(created.id)).toEqual(created);
      expect(await publicService(other.id)).toEqual(other);
    });

    it('should refuse an id that comes twice and a malformed one', async () => {
      const created = await createService();
      const [first] = created.requirements;

      const twice = await edit(created.id, { requirements: [sentBack(first), sentBack(first)] }).expect(422);
      const malformed = await edit(created.id, { requirements: [{ ...sentBack(first), id: 'bukan-uuid' }] }).expect(400);

      expect(twice.body.fields.map((f: { field: string }) => f.field)).toEqual(['requirements.1.id']);
      expect(malformed.body.fields.map((f: { field: string }) => f.field)).toEqual(['requirements.0.id']);
      expect(await publicService(created.id)).toEqual(created);
    });

    it('should refuse ids on a new service', async () => {
      const created = await createService();
      const dto = newServiceDto({ requirements: created.requirements.map(sentBack) });

      const res = await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(dto).expect(422);

      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(created.requirements.map((_, i) => `requirements.${i}.id`));
      expect(await countRows('service', 'code = $1', [dto.code])).toBe(0);
    });

    it('should refuse an edit made from an older requirement version with 409, and take it from the current one', async () => {
      const created = await createService();
      const [first, second] = created.requirements;
      const newer = (await edit(created.id, { requirements: [sentBack(first)] }).expect(200)).body as ServiceResponse;

      const stale = await edit(created.id, { requirementsVersion: created.requirementsVersion, requirements: [sentBack(first), sentBack(second)] }).expect(409);
      expect(stale.body.code).toBe('REQUIREMENTS_CHANGED');
      expect(stale.body.message.id).toContain(`versi ${newer.requirementsVersion}`);
      expect(stale.body.message.en).toContain(`version ${newer.requirementsVersion}`);
      expect(await publicService(created.id)).toEqual(newer);

      const current = (await edit(created.id, { requirementsVersion: newer.requirementsVersion, requirements: [sentBack(newer.requirements[0]), newRequirement('Akta kelahiran')] }).expect(200))
        .body as ServiceResponse;
      expect(current.requirementsVersion).toBe(newer.requirementsVersion + 1);
    });

    it('should let one of two simultaneous edits from the same version through and refuse the other', async () => {
      const created = await createService();
      const from = { requirementsVersion: created.requirementsVersion };

      const answers = await Promise.all(
        ['Surat keterangan domisili', 'Surat keterangan kerja'].map((name) => edit(created.id, { ...from, requirements: [...created.requirements.map(sentBack), newRequirement(name)] })),
      );

      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = answers.find((r) => r.status === 200)!.body as ServiceResponse;
      expect(await publicService(created.id)).toEqual(winner);
      expect(winner.requirementsVersion).toBe(created.requirementsVersion + 1);
      expect(await requirementRows(created.id)).toHaveLength(created.requirements.length + 1);
    });
  });

  describe('completion time', () => {
    it('should take a completion time in calendar days and show it publicly, minutes up to 480 and days up to 365', async () => {
      const completionTime = { value: 30, unit: 'calendar_days', note: 'Paling lama 30 hari sejak berkas lengkap.' };
      const created = (await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(newServiceDto({ completionTime })).expect(201)).body as ServiceResponse;

      expect(created.completionTime).toEqual(completionTime);
      expect(((await t.http().get(`/api/v1/services/${created.id}`).expect(200)).body as ServiceResponse).completionTime).toEqual(completionTime);

      const tooLong = await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ completionTime: { value: 481, unit: 'minutes' } }).expect(400);
      expect(tooLong.body.fields[0]).toMatchObject({ field: 'completionTime.value' });
      expect(tooLong.body.fields[0].message.id).toContain('hari kalender');
      expect(tooLong.body.fields[0].message.en).toContain('calendar days');
      const fullDay = (await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ completionTime: { value: 480, unit: 'minutes' } }).expect(200)).body as ServiceResponse;
      expect(fullDay.completionTime).toEqual({ value: 480, unit: 'minutes', note: null });
      for (const unit of ['working_days', 'calendar_days']) {
        const overAYear = await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ completionTime: { value: 366, unit } }).expect(422);
        expect(overAYear.body.fields).toEqual([{ field: 'completionTime.value', message: { id: expect.stringContaining('365'), en: expect.stringContaining('365') } }]);
      }
    });

    it('should take a service that states no completion time and show the legal default for it, saying so', async () => {
      const created = (await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(newServiceDto({ completionTime: null })).expect(201))
        .body as ServiceResponse;
      const legalDefault = { value: LEGAL_DEFAULT_COMPLETION_TIME.value, unit: LEGAL_DEFAULT_COMPLETION_TIME.unit, note: null };
      expect({ time: created.completionTime, source: created.completionTimeSource }).toEqual({ time: legalDefault, source: 'legal_default' });
      const read = (await t.http().get(`/api/v1/services/${created.id}`).expect(200)).body as ServiceResponse;
      expect({ time: read.completionTime, source: read.completionTimeSource }).toEqual({ time: legalDefault, source: 'legal_default' });
      const rows = (await t.app.get(DataSource).query(`SELECT completion_time_value AS value, completion_time_unit AS unit FROM service WHERE id = $1`, [created.id])) as unknown[];
      expect(rows).toEqual([{ value: null, unit: null }]);

      const stated = (await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ completionTime: { value: 3, unit: 'working_days' } }).expect(200)).body as ServiceResponse;
      expect({ time: stated.completionTime, source: stated.completionTimeSource }).toEqual({ time: { value: 3, unit: 'working_days', note: null }, source: 'service' });
      const cleared = (await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ completionTime: null }).expect(200)).body as ServiceResponse;
      expect(cleared.completionTimeSource).toBe('legal_default');

      // Left out of a new service, it is still asked for: null is the way to say "none".
      const { completionTime: _left, ...withoutTime } = newServiceDto();
      const missing = await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(withoutTime).expect(400);
      expect(missing.body.fields.map((f: { field: string }) => f.field)).toContain('completionTime');
      // Value and unit come together or not at all, in the table too.
      await expect(t.app.get(DataSource).query(`UPDATE service SET completion_time_value = 4 WHERE id = $1`, [created.id])).rejects.toThrow(/ck_service_completion_both/);
    });

    it('should show the seeded services as stating their own completion time', async () => {
      const page = (await t.http().get('/api/v1/services?site=kota-kupang&pageSize=50').expect(200)).body as { items: ServiceResponse[] };
      // Services made by this file's tests are named layanan-<n> (newServiceDto).
      const seeded = page.items.filter((i) => !i.code.startsWith('layanan-'));
      expect(seeded.length).toBeGreaterThan(0);
      expect(new Set(seeded.map((i) => i.completionTimeSource))).toEqual(new Set(['service']));
    });

    it('should name the three units when refusing another one', async () => {
      const res = await as(s.system).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(newServiceDto({ completionTime: { value: 4, unit: 'weeks' } })).expect(400);
      const unit = res.body.fields.find((f: { field: string }) => f.field === 'completionTime.unit');
      for (const u of COMPLETION_TIME_UNITS) expect(unit.message.en).toContain(u);
    });

    it('should take applications with a 20 MB upload limit by default, and show an edited limit publicly', async () => {
      const created = (await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(newServiceDto()).expect(201)).body as ServiceResponse;
      expect({ applicationsEnabled: created.applicationsEnabled, maxUploadMb: created.maxUploadMb }).toEqual({ applicationsEnabled: true, maxUploadMb: 20 });

      await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ maxUploadMb: 8, applicationsEnabled: false }).expect(200);
      const read = (await t.http().get(`/api/v1/services/${created.id}`).expect(200)).body as ServiceResponse;
      expect({ applicationsEnabled: read.applicationsEnabled, maxUploadMb: read.maxUploadMb }).toEqual({ applicationsEnabled: false, maxUploadMb: 8 });

      for (const maxUploadMb of [0, 51, 2.5, null]) {
        const res = await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ maxUploadMb }).expect(400);
        expect([...new Set(res.body.fields.map((f: { field: string }) => f.field))]).toEqual(['maxUploadMb']);
      }
      const over = await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ maxUploadMb: 51 }).expect(400);
      expect(over.body.fields[0].message).toEqual({ id: expect.stringContaining('50'), en: expect.stringContaining('50') });
      await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send({ applicationsEnabled: null }).expect(400);
      expect(((await t.http().get(`/api/v1/services/${created.id}`).expect(200)).body as ServiceResponse).maxUploadMb).toBe(8);
    });

    it('should leave tickets from home off for a new service', async () => {
      const created = (await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(newServiceDto()).expect(201)).body as ServiceResponse;
      expect(created.queue.onlineTicketEnabled).toBe(false);
    });
  });

  describe('who may call what', () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    type Role = 'system' | 'kupangSiteAdmin' | 'dukcapilAdmin' | 'dukcapilOfficer' | 'kupangKiosk';
    // Every admin endpoint, and the roles that must be turned away before anything is looked up.
    const endpoints: [method: 'get' | 'post' | 'patch' | 'put' | 'delete', url: string, refused: Role[]][] = [
      ['post', '/api/v1/admin/sites', ['kupangSiteAdmin', 'dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['patch', '/api/v1/admin/sites/kota-kupang', ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['post', '/api/v1/admin/sites/kota-kupang/retire', ['kupangSiteAdmin', 'dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['post', '/api/v1/admin/sites/kota-kupang/closures', ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['delete', `/api/v1/admin/sites/kota-kupang/closures/${uuid}`, ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['post', '/api/v1/admin/calendar', ['kupangSiteAdmin', 'dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['delete', `/api/v1/admin/calendar/${uuid}`, ['kupangSiteAdmin', 'dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['post', '/api/v1/admin/sites/kota-kupang/agencies', ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['patch', `/api/v1/admin/agencies/${uuid}`, ['dukcapilOfficer', 'kupangKiosk']],
      ['post', `/api/v1/admin/agencies/${uuid}/retire`, ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['post', `/api/v1/admin/agencies/${uuid}/services`, ['dukcapilOfficer', 'kupangKiosk']],
      ['patch', `/api/v1/admin/services/${uuid}`, ['dukcapilOfficer', 'kupangKiosk']],
      ['post', `/api/v1/admin/services/${uuid}/retire`, ['dukcapilOfficer', 'kupangKiosk']],
      ['get', '/api/v1/admin/users', ['dukcapilOfficer', 'kupangKiosk']],
      ['post', '/api/v1/admin/users', ['dukcapilOfficer', 'kupangKiosk']],
      ['patch', `/api/v1/admin/users/${uuid}`, ['dukcapilOfficer', 'kupangKiosk']],
      ['get', '/api/v1/admin/sites/kota-kupang/devices', ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['post', '/api/v1/admin/sites/kota-kupang/devices', ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['post', `/api/v1/admin/devices/${uuid}/revoke`, ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['post', '/api/v1/admin/sites/kota-kupang/counters', ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['patch', `/api/v1/admin/counters/${uuid}`, ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['put', '/api/v1/admin/sites/kota-kupang/queue-policy', ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['put', '/api/v1/admin/sites/kota-kupang/booking-policy', ['dukcapilAdmin', 'dukcapilOfficer', 'kupangKiosk']],
      ['get', '/api/v1/admin/sites/kota-kupang/booking-stats?date=2026-11-24', ['kupangKiosk']],
    ];

    it.each(endpoints)('%s %s should answer 401 without a token', async (method, url) => {
      const res = await t.http()[method](url).send({}).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it.each(endpoints)('%s %s should answer 403 to the wrong roles', async (method, url, refused) => {
      for (const role of refused) {
        const res = await t.http()[method](url).auth(s[role], { type: 'bearer' }).send({});
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
        expect(['WRONG_ROLE', 'STAFF_ONLY']).toContain(res.body.code);
      }
    });
  });
});
