import type { AuditEntryResponse, AuditPage, ServiceResponse, ServiceSummaryResponse, SiteResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service';
import { newAgencyDto, newServiceDto, newSiteDto } from './support/factories';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

interface AuditDbRow {
  id: string;
  actor_id: string;
  actor_role: string;
  site_id: string | null;
  agency_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
}

/**
 * The administrative audit log (issue 15): every administrative change leaves one row with what
 * changed (before → after) in the change's own transaction; a refused change leaves none; the
 * search is scoped by role; PostgreSQL refuses to change or delete a row; no secret is ever kept.
 */
describe(AuditService.name, () => {
  let t: TestApp;
  let s: StaffTokens;
  let db: DataSource;
  let kupangId: string;
  let probolinggoId: string;
  let systemId: string;

  beforeAll(async () => {
    t = await createTestApp();
    s = await createStaff(t);
    db = t.app.get(DataSource);
    const ids = (await db.query(`SELECT code, id FROM site WHERE code IN ('kota-kupang', 'kota-probolinggo')`)) as { code: string; id: string }[];
    kupangId = ids.find((r) => r.code === 'kota-kupang')!.id;
    probolinggoId = ids.find((r) => r.code === 'kota-probolinggo')!.id;
    systemId = ((await db.query(`SELECT id FROM staff_user WHERE role = 'system_admin' ORDER BY created_at LIMIT 1`)) as { id: string }[])[0].id;
  }, 180_000);
  afterAll(async () => t?.close());

  const as = (token: string) => ({
    post: (url: string) => t.http().post(url).auth(token, { type: 'bearer' }),
    patch: (url: string) => t.http().patch(url).auth(token, { type: 'bearer' }),
    put: (url: string) => t.http().put(url).auth(token, { type: 'bearer' }),
    delete: (url: string) => t.http().delete(url).auth(token, { type: 'bearer' }),
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
  });

  const rowsOf = async (entityId: string, action?: string): Promise<AuditDbRow[]> =>
    (await db.query(
      `SELECT id, actor_id, actor_role, site_id, agency_id, action, entity_type, entity_id, before, after, request_id, ip
         FROM admin_audit WHERE entity_id = $1 AND ($2::text IS NULL OR action = $2) ORDER BY at, id`,
      [entityId, action ?? null],
    )) as AuditDbRow[];
  const totalRows = async (): Promise<number> => ((await db.query(`SELECT count(*)::int AS n FROM admin_audit`)) as { n: number }[])[0].n;

  /** The one row a change left (fails when there are none or several). */
  const onlyRow = async (entityId: string, action: string): Promise<AuditDbRow> => {
    const rows = await rowsOf(entityId, action);
    expect(rows).toHaveLength(1);
    return rows[0];
  };

  const kupangServices = async (agency: string): Promise<ServiceSummaryResponse[]> =>
    (await t.http().get(`/api/v1/services?site=kota-kupang&agency=${agency}&pageSize=50`).expect(200)).body.items as ServiceSummaryResponse[];

  const searchAll = async (token: string, query: Record<string, string> = {}): Promise<AuditEntryResponse[]> => {
    const items: AuditEntryResponse[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(token)
        .get('/api/v1/admin/audit')
        .query({ ...query, limit: '200', ...(cursor ? { cursor } : {}) })
        .expect(200);
      const page = res.body as AuditPage;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };

  describe('catalogue changes', () => {
    it('should record a site created, updated and retired, each once, with only the changed fields', async () => {
      const dto = newSiteDto();
      const created = (await as(s.system).post('/api/v1/admin/sites').send(dto).expect(201)).body as SiteResponse;

      const create = await onlyRow(created.id, 'site.create');
      expect(create).toMatchObject({ actor_id: systemId, actor_role: 'system_admin', site_id: created.id, agency_id: null, entity_type: 'site', before: null });
      expect(create.after).toMatchObject({ code: dto.code, name: dto.name, timeZone: dto.timeZone, openingHours: dto.openingHours });

      await as(s.system).patch(`/api/v1/admin/sites/${dto.code}`).send({ name: `${dto.name} Baru`, address: dto.address }).expect(200);
      const update = await onlyRow(created.id, 'site.update');
      expect({ before: update.before, after: update.after }).toEqual({ before: { name: dto.name }, after: { name: `${dto.name} Baru` } });

      await as(s.system).post(`/api/v1/admin/sites/${dto.code}/retire`).expect(200);
      const retire = await onlyRow(created.id, 'site.retire');
      expect(retire.before).toEqual({ retiredAt: null });
      expect(typeof retire.after?.retiredAt).toBe('string');
      // Retiring again changes nothing and records nothing.
      await as(s.system).post(`/api/v1/admin/sites/${dto.code}/retire`).expect(200);
      expect(await rowsOf(created.id)).toHaveLength(3);
    });

    it('should record the retention days and opening hours a site admin changes on their site', async () => {
      const site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
      const [before] = (await db.query(`SELECT application_file_retention_days AS days FROM site WHERE id = $1`, [kupangId])) as { days: number }[];
      const hours = site.openingHours.map((h) => (h.weekday === 1 ? { ...h, close: h.close === '15:00' ? '15:30' : '15:00' } : h));
      const monday = (x: typeof site.openingHours) => x.find((h) => h.weekday === 1)!;

      await as(s.kupangSiteAdmin).patch('/api/v1/admin/sites/kota-kupang').send({ applicationFileRetentionDays: before.days + 7, openingHours: hours }).expect(200);

      const rows = await rowsOf(kupangId, 'site.update');
      const row = rows[rows.length - 1];
      expect(row).toMatchObject({ actor_role: 'site_admin', site_id: kupangId });
      expect(Object.keys(row.after!).sort()).toEqual(['applicationFileRetentionDays', 'openingHours']);
      expect(row.before!.applicationFileRetentionDays).toBe(before.days);
      expect(row.after!.applicationFileRetentionDays).toBe(before.days + 7);
      expect(monday(row.before!.openingHours as typeof site.openingHours).close).toBe(monday(site.openingHours).close);
      expect(monday(row.after!.openingHours as typeof site.openingHours).close).toBe(monday(hours).close);
    });

    it('should record a local closure added and removed, and a national calendar day added and removed', async () => {
      const closure = (await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/closures').send({ date: '2027-03-03', name: 'Rapat kerja' }).expect(201)).body as { id: string };
      expect((await onlyRow(closure.id, 'site_closure.add')).after).toEqual({ date: '2027-03-03', name: 'Rapat kerja' });
      await as(s.kupangSiteAdmin).delete(`/api/v1/admin/sites/kota-kupang/closures/${closure.id}`).expect(204);
      const removed = await onlyRow(closure.id, 'site_closure.remove');
      expect(removed).toMatchObject({ site_id: kupangId, before: { date: '2027-03-03', name: 'Rapat kerja' }, after: null });

      const day = (await as(s.system).post('/api/v1/admin/calendar').send({ date: '2027-08-17', name: 'Hari Kemerdekaan', kind: 'national_holiday' }).expect(201)).body as { id: string };
      expect(await onlyRow(day.id, 'national_calendar_day.add')).toMatchObject({ site_id: null, agency_id: null, after: { date: '2027-08-17', name: 'Hari Kemerdekaan', kind: 'national_holiday' } });
      await as(s.system).delete(`/api/v1/admin/calendar/${day.id}`).expect(204);
      expect((await onlyRow(day.id, 'national_calendar_day.remove')).before).toEqual({ date: '2027-08-17', name: 'Hari Kemerdekaan', kind: 'national_holiday' });
    });

    it('should record an agency created, renamed and retired, in the agency scope', async () => {
      const dto = newAgencyDto();
      const agency = (await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/agencies').send(dto).expect(201)).body as { id: string };
      expect(await onlyRow(agency.id, 'agency.create')).toMatchObject({ site_id: kupangId, agency_id: agency.id, before: null, after: { code: dto.code, shortName: dto.shortName } });

      await as(s.kupangSiteAdmin).patch(`/api/v1/admin/agencies/${agency.id}`).send({ shortName: 'Dinas Baru', name: dto.name }).expect(200);
      const update = await onlyRow(agency.id, 'agency.update');
      expect({ before: update.before, after: update.after }).toEqual({ before: { shortName: dto.shortName }, after: { shortName: 'Dinas Baru' } });

      await as(s.kupangSiteAdmin).post(`/api/v1/admin/agencies/${agency.id}/retire`).expect(200);
      expect((await onlyRow(agency.id, 'agency.retire')).before).toEqual({ retiredAt: null });
    });

    it('should record a service created, its standard and requirements edited (ids kept), and retired', async () => {
      const dto = newServiceDto();
      const created = (await as(s.dukcapilAdmin).post(`/api/v1/admin/agencies/${s.dukcapil.id}/services`).send(dto).expect(201)).body as ServiceResponse;
      const create = await onlyRow(created.id, 'service.create');
      expect(create).toMatchObject({ actor_role: 'agency_admin', site_id: kupangId, agency_id: s.dukcapil.id, before: null });
      expect((create.after!.requirements as { id: string; name: string }[]).map((r) => [r.id, r.name])).toEqual(created.requirements.map((r) => [r.id, r.name]));

      const [first, second] = created.requirements;
      const edit = {
        fee: { free: false, amount: 15000, legalBasis: 'Perda 1/2026' },
        requirements: [
          { id: first.id, name: first.name, mandatory: first.mandatory, form: first.form, uploadable: first.uploadable, fileTypes: first.fileTypes },
          { id: second.id, name: 'Fotokopi dokumen (2 lembar)', mandatory: second.mandatory, form: second.form, uploadable: second.uploadable, fileTypes: second.fileTypes },
        ],
        requirementsVersion: created.requirementsVersion,
      };
      await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${created.id}`).send(edit).expect(200);
      const update = await onlyRow(created.id, 'service.update');
      expect(Object.keys(update.after!).sort()).toEqual(['feeAmount', 'feeFree', 'feeLegalBasis', 'requirements']);
      expect(update.before).toMatchObject({ feeFree: dto.fee.free, feeAmount: dto.fee.amount, feeLegalBasis: dto.fee.legalBasis });
      expect(update.after).toMatchObject({ feeFree: false, feeAmount: 15000, feeLegalBasis: 'Perda 1/2026' });
      const names = (side: Record<string, unknown>) => (side.requirements as { id: string; name: string }[]).map((r) => [r.id, r.name]);
      expect(names(update.before!)).toEqual([[first.id, first.name], [second.id, second.name]]);
      expect(names(update.after!)).toEqual([[first.id, first.name], [second.id, 'Fotokopi dokumen (2 lembar)']]);

      await as(s.dukcapilAdmin).post(`/api/v1/admin/services/${created.id}/retire`).expect(200);
      expect(await onlyRow(created.id, 'service.retire')).toMatchObject({ agency_id: s.dukcapil.id, before: { retiredAt: null } });
    });
  });

  describe('counters and policies', () => {
    it('should record a counter created and its services changed', async () => {
      const [a, b] = await kupangServices('dukcapil');
      const counter = (await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/counters').send({ number: 901, name: 'Loket Audit', serviceIds: [a.id] }).expect(201)).body as { id: string };
      expect(await onlyRow(counter.id, 'counter.create')).toMatchObject({ site_id: kupangId, before: null, after: { number: 901, name: 'Loket Audit', serviceIds: [a.id] } });

      await as(s.kupangSiteAdmin).patch(`/api/v1/admin/counters/${counter.id}`).send({ serviceIds: [a.id, b.id] }).expect(200);
      const update = await onlyRow(counter.id, 'counter.update');
      expect({ before: update.before, after: update.after }).toEqual({ before: { serviceIds: [a.id] }, after: { serviceIds: [a.id, b.id].sort() } });
    });

    it('should record the queue, booking, online-ticket and push policies of a site, each with before and after', async () => {
      const [site] = (await db.query(
        `SELECT queue_mode, queue_interleave_every, queue_allow_pick, queue_max_recalls, checkin_early_minutes, checkin_late_minutes, checkin_late_policy, booking_weekly_limit
           FROM site WHERE id = $1`,
        [probolinggoId],
      )) as Record<string, unknown>[];
      /** Only the fields whose value changed, on each side. */
      const changed = (was: Record<string, unknown>, now: Record<string, unknown>) => {
        const keys = Object.keys(now).filter((k) => was[k] !== now[k]);
        return { before: Object.fromEntries(keys.map((k) => [k, was[k]])), after: Object.fromEntries(keys.map((k) => [k, now[k]])) };
      };
      const queueWas = { mode: site.queue_mode, interleaveEvery: site.queue_interleave_every, allowPick: site.queue_allow_pick, maxRecalls: site.queue_max_recalls };
      const queue = { mode: 'interleave', interleaveEvery: 4, allowPick: !site.queue_allow_pick, maxRecalls: 2 };
      await as(s.probolinggoSiteAdmin).put('/api/v1/admin/sites/kota-probolinggo/queue-policy').send(queue).expect(200);
      const q = await onlyRow(probolinggoId, 'site.queue_policy');
      expect({ before: q.before, after: q.after }).toEqual(changed(queueWas, queue));

      const bookingWas = { checkInEarlyMinutes: site.checkin_early_minutes, checkInLateMinutes: site.checkin_late_minutes, latePolicy: site.checkin_late_policy, weeklyLimitPerNik: site.booking_weekly_limit };
      const booking = { checkInEarlyMinutes: 25, checkInLateMinutes: 5, latePolicy: site.checkin_late_policy === 'refuse' ? 'walk_in' : 'refuse', weeklyLimitPerNik: 7 };
      await as(s.probolinggoSiteAdmin).put('/api/v1/admin/sites/kota-probolinggo/booking-policy').send(booking).expect(200);
      const b = await onlyRow(probolinggoId, 'site.booking_policy');
      expect({ before: b.before, after: b.after }).toEqual(changed(bookingWas, booking));

      const online = (await as(s.probolinggoSiteAdmin).get('/api/v1/admin/sites/kota-probolinggo/online-ticket-policy').expect(200)).body as { perServiceDaily: number; perDay: number };
      await as(s.probolinggoSiteAdmin).put('/api/v1/admin/sites/kota-probolinggo/online-ticket-policy').send({ perServiceDaily: online.perServiceDaily, perDay: online.perDay + 2 }).expect(200);
      const o = await onlyRow(probolinggoId, 'site.online_ticket_policy');
      expect({ before: o.before, after: o.after }).toEqual({ before: { perDay: online.perDay }, after: { perDay: online.perDay + 2 } });

      const push = (await as(s.probolinggoSiteAdmin).get('/api/v1/admin/sites/kota-probolinggo/push-settings').expect(200)).body as { aheadNotice: number };
      await as(s.probolinggoSiteAdmin).put('/api/v1/admin/sites/kota-probolinggo/push-settings').send({ aheadNotice: push.aheadNotice + 1 }).expect(200);
      const p = await onlyRow(probolinggoId, 'site.push_settings');
      expect({ before: p.before, after: p.after }).toEqual({ before: { aheadNotice: push.aheadNotice }, after: { aheadNotice: push.aheadNotice + 1 } });
    });
  });

  describe('staff accounts and devices', () => {
    const secret = 'Rahasia-Audit-Sandi-9731';

    it('should record an account created, renamed, its password reset and disabled, never a password or its hash', async () => {
      const email = 'audit.officer@mpp.test';
      const user = (await as(s.dukcapilAdmin).post('/api/v1/admin/users').send({ email, fullName: 'Petugas Audit', password: secret, role: 'officer', agencyId: s.dukcapil.id }).expect(201)).body as { id: string };
      expect(await onlyRow(user.id, 'staff_user.create')).toMatchObject({
        site_id: kupangId,
        agency_id: s.dukcapil.id,
        before: null,
        after: { email, fullName: 'Petugas Audit', role: 'officer', agencyId: s.dukcapil.id, active: true },
      });

      await as(s.dukcapilAdmin).patch(`/api/v1/admin/users/${user.id}`).send({ fullName: 'Petugas Audit Dua' }).expect(200);
      expect(await onlyRow(user.id, 'staff_user.update')).toMatchObject({ before: { fullName: 'Petugas Audit' }, after: { fullName: 'Petugas Audit Dua' } });

      const newSecret = `${secret}-baru`;
      await as(s.dukcapilAdmin).patch(`/api/v1/admin/users/${user.id}`).send({ password: newSecret }).expect(200);
      const reset = await onlyRow(user.id, 'staff_user.password_reset');
      expect({ before: reset.before, after: reset.after }).toEqual({ before: { passwordChanged: false }, after: { passwordChanged: true } });

      await as(s.dukcapilAdmin).patch(`/api/v1/admin/users/${user.id}`).send({ active: false }).expect(200);
      expect(await onlyRow(user.id, 'staff_user.disable')).toMatchObject({ before: { active: true }, after: { active: false } });

      const [hash] = (await db.query(`SELECT password_hash FROM staff_user WHERE id = $1`, [user.id])) as { password_hash: string }[];
      for (const needle of [secret, newSecret, hash.password_hash, 'password_hash', 'passwordHash', 'sessionVersion']) {
        const [found] = (await db.query(`SELECT count(*)::int AS n FROM admin_audit WHERE before::text LIKE $1 OR after::text LIKE $1 OR entity_label LIKE $1`, [`%${needle}%`])) as { n: number }[];
        expect({ needle, n: found.n }).toEqual({ needle, n: 0 });
      }
      expect(await searchAll(s.system, { q: secret })).toEqual([]);
    });

    it('should record a device registered and revoked, never its token or the token hash', async () => {
      const res = await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/devices').send({ name: 'Kios audit', kind: 'kiosk' }).expect(201);
      const device = res.body as { id: string; token: string };
      expect(await onlyRow(device.id, 'device.register')).toMatchObject({ site_id: kupangId, before: null, after: { name: 'Kios audit', kind: 'kiosk' } });
      await as(s.kupangSiteAdmin).post(`/api/v1/admin/devices/${device.id}/revoke`).expect(200);
      expect((await onlyRow(device.id, 'device.revoke')).before).toEqual({ revokedAt: null });

      const [row] = (await db.query(`SELECT token_hash FROM device WHERE id = $1`, [device.id])) as { token_hash: string }[];
      for (const needle of [device.token, row.token_hash, 'tokenHash', 'token_hash']) {
        const [found] = (await db.query(`SELECT count(*)::int AS n FROM admin_audit WHERE before::text LIKE $1 OR after::text LIKE $1`, [`%${needle}%`])) as { n: number }[];
        expect({ needle, n: found.n }).toEqual({ needle, n: 0 });
      }
    });

    it('should keep the request id and the caller address of the change', async () => {
      const requestId = `audit-${Date.now()}`;
      const res = await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/devices').set('X-Request-Id', requestId).send({ name: 'TV audit', kind: 'display' }).expect(201);
      const row = await onlyRow((res.body as { id: string }).id, 'device.register');
      expect(row.request_id).toBe(requestId);
      expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
    });
  });

  describe('refused changes', () => {
    it('should leave no row when a change is refused (409 duplicate code, 409 stale requirements, 422, 403)', async () => {
      const [existing] = (await t.http().get('/api/v1/sites/kota-kupang/agencies').expect(200)).body as { code: string }[];
      const [service] = await kupangServices('dukcapil');
      const full = (await t.http().get(`/api/v1/services/${service.id}`).expect(200)).body as ServiceResponse;
      const before = await totalRows();

      await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/agencies').send(newAgencyDto({ code: existing.code })).expect(409);
      await as(s.dukcapilAdmin)
        .patch(`/api/v1/admin/services/${service.id}`)
        .send({ requirements: [{ name: 'Baru', mandatory: true, form: 'original', uploadable: false, fileTypes: [] }], requirementsVersion: full.requirementsVersion + 5 })
        .expect(409);
      await as(s.kupangSiteAdmin).put('/api/v1/admin/sites/kota-kupang/online-ticket-policy').send({ perServiceDaily: 5, perDay: 2 }).expect(422);
      await as(s.polrestaAdmin).patch(`/api/v1/admin/services/${service.id}`).send({ name: 'Bukan milik Polresta' }).expect(403);
      await as(s.probolinggoSiteAdmin).put('/api/v1/admin/sites/kota-kupang/push-settings').send({ aheadNotice: 9 }).expect(403);

      expect(await totalRows()).toBe(before);
    });
  });

  describe('one transaction', () => {
    it('should undo the change when its audit row cannot be written', async () => {
      const dto = newAgencyDto();
      const agency = (await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/agencies').send(dto).expect(201)).body as { id: string };
      // A fault injected in PostgreSQL: the audit row of this one change is refused.
      await db.query(`
        CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.after::text LIKE '%Ditolak-Audit%' THEN RAISE EXCEPTION 'audit refused for the test'; END IF;
          RETURN NEW;
        END $$`);
      await db.query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON admin_audit FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
      try {
        const res = await as(s.kupangSiteAdmin).patch(`/api/v1/admin/agencies/${agency.id}`).send({ shortName: 'Ditolak-Audit' });
        expect(res.status).toBe(500);
      } finally {
        await db.query(`DROP TRIGGER test_refuse_audit ON admin_audit`);
        await db.query(`DROP FUNCTION test_refuse_audit()`);
      }
      const [row] = (await db.query(`SELECT short_name FROM agency WHERE id = $1`, [agency.id])) as { short_name: string }[];
      expect(row.short_name).toBe(dto.shortName);
      expect(await rowsOf(agency.id, 'agency.update')).toEqual([]);
    });
  });

  describe('concurrent changes', () => {
    it('should chain before → after exactly when admins change one setting at the same moment', async () => {
      const [service] = await kupangServices('polresta');
      const start = await totalRows();
      const values = [11, 12, 13, 14, 15, 16];
      const booking = { checkInEarlyMinutes: 30, checkInLateMinutes: 15, latePolicy: 'walk_in' };
      await Promise.all([
        ...values.map((n) => as(s.kupangSiteAdmin).put('/api/v1/admin/sites/kota-kupang/booking-policy').send({ ...booking, weeklyLimitPerNik: n }).expect(200)),
        ...values.map((n) => as(s.polrestaAdmin).patch(`/api/v1/admin/agencies/${s.polresta.id}`).send({ description: `Deskripsi ${n}` }).expect(200)),
        ...values.map((n) => as(s.kupangSiteAdmin).put('/api/v1/admin/sites/kota-kupang/push-settings').send({ aheadNotice: n }).expect(200)),
        ...values.map((n) => as(s.polrestaAdmin).patch(`/api/v1/admin/services/${service.id}`).send({ summary: `Ringkasan ${n}` }).expect(200)),
      ]);
      expect(await totalRows()).toBe(start + values.length * 4);

      for (const [entityId, action, field, expected] of [
        [kupangId, 'site.booking_policy', 'weeklyLimitPerNik', values],
        [s.polresta.id, 'agency.update', 'description', values.map((n) => `Deskripsi ${n}`)],
        [kupangId, 'site.push_settings', 'aheadNotice', values],
        [service.id, 'service.update', 'summary', values.map((n) => `Ringkasan ${n}`)],
      ] as const) {
        const rows = (await rowsOf(entityId, action)).slice(-values.length);
        // Each change saw the one committed before it: no lost or invented "before".
        for (let i = 1; i < rows.length; i++) {
          expect({ i, before: rows[i].before![field] }).toEqual({ i, before: rows[i - 1].after![field] });
        }
        expect(rows.map((r) => r.after![field]).sort()).toEqual(expected);
      }
    });

    it('should record a device revoked by several admins at once only once', async () => {
      const device = (await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/devices').send({ name: 'Kios ganda', kind: 'kiosk' }).expect(201)).body as { id: string };
      await Promise.all([s.system, s.kupangSiteAdmin, s.kupangSiteAdmin, s.system].map((token) => as(token).post(`/api/v1/admin/devices/${device.id}/revoke`).expect(200)));
      expect(await rowsOf(device.id, 'device.revoke')).toHaveLength(1);
    });
  });

  describe('GET /admin/audit', () => {
    it('should show an agency admin only their agency, a site admin only their site, and a system admin everything', async () => {
      const [dukcapilService] = await kupangServices('dukcapil');
      const [polrestaService] = await kupangServices('polresta');
      await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${dukcapilService.id}`).send({ summary: 'Ringkasan Dukcapil diubah' }).expect(200);
      await as(s.polrestaAdmin).patch(`/api/v1/admin/services/${polrestaService.id}`).send({ summary: 'Ringkasan Polresta diubah' }).expect(200);
      await as(s.probolinggoSiteAdmin).put('/api/v1/admin/sites/kota-probolinggo/push-settings').send({ aheadNotice: 2 }).expect(200);
      const expected = (await db.query(`SELECT id, site_id, agency_id FROM admin_audit`)) as { id: string; site_id: string | null; agency_id: string | null }[];
      const idsWhere = (keep: (r: (typeof expected)[number]) => boolean) => expected.filter(keep).map((r) => r.id).sort();

      const dukcapil = await searchAll(s.dukcapilAdmin);
      expect(dukcapil.map((e) => e.id).sort()).toEqual(idsWhere((r) => r.agency_id === s.dukcapil.id));
      expect(dukcapil.map((e) => e.entityId)).toContain(dukcapilService.id);
      expect(dukcapil.map((e) => e.entityId)).not.toContain(polrestaService.id);

      const kupang = await searchAll(s.kupangSiteAdmin);
      expect(kupang.map((e) => e.id).sort()).toEqual(idsWhere((r) => r.site_id === kupangId));
      expect(kupang.some((e) => e.siteId === probolinggoId)).toBe(false);

      const probolinggo = await searchAll(s.probolinggoSiteAdmin);
      expect(probolinggo.map((e) => e.id).sort()).toEqual(idsWhere((r) => r.site_id === probolinggoId));
      expect(probolinggo.some((e) => e.siteId === kupangId)).toBe(false);

      const all = await searchAll(s.system);
      expect(all.map((e) => e.id).sort()).toEqual(expected.map((r) => r.id).sort());

      await as(s.dukcapilOfficer).get('/api/v1/admin/audit').expect(403);
      await t.http().get('/api/v1/admin/audit').expect(401);
    });

    it('should filter by action, entity, actor, text and period, newest first, page by page without gaps or repeats', async () => {
      const [service] = await kupangServices('dukcapil');
      const marker = `Penanda-${Date.now()}`;
      for (const n of [1, 2, 3]) {
        await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${service.id}`).send({ summary: `${marker} ${n}` }).expect(200);
      }
      const dukcapilAdminId = ((await db.query(`SELECT id FROM staff_user WHERE email = 'admin.dukcapil@mpp.test'`)) as { id: string }[])[0].id;

      const byEntity = await searchAll(s.system, { entityType: 'service', entityId: service.id, action: 'service.update', actorId: dukcapilAdminId });
      const fromDb = (await db.query(
        `SELECT id FROM admin_audit WHERE entity_type = 'service' AND entity_id = $1 AND action = 'service.update' AND actor_id = $2 ORDER BY at DESC, id DESC`,
        [service.id, dukcapilAdminId],
      )) as { id: string }[];
      expect(byEntity.map((e) => e.id)).toEqual(fromDb.map((r) => r.id));
      expect(byEntity[0].after).toEqual({ summary: `${marker} 3` });
      expect(byEntity[0].actor).toEqual({ id: dukcapilAdminId, fullName: 'admin.dukcapil', role: 'agency_admin' });

      const byText = await searchAll(s.dukcapilAdmin, { q: marker.toUpperCase() });
      expect(byText.map((e) => e.after?.summary)).toEqual([`${marker} 3`, `${marker} 2`, `${marker} 1`]);

      // Two at a time: the pages join into the whole list, in order.
      const pages: AuditEntryResponse[][] = [];
      let cursor: string | null = null;
      do {
        const res: { body: unknown } = await as(s.system)
          .get('/api/v1/admin/audit')
          .query({ limit: '2', ...(cursor ? { cursor } : {}) })
          .expect(200);
        pages.push((res.body as AuditPage).items);
        cursor = (res.body as AuditPage).nextCursor;
      } while (cursor);
      const all = await searchAll(s.system);
      expect(pages.flat().map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect(pages.every((p) => p.length <= 2)).toBe(true);
      const times = all.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((x, y) => y - x));

      const middle = byText[1].at;
      const fromMiddle = await searchAll(s.dukcapilAdmin, { q: marker, from: middle });
      const [{ last_at: lastAt }] = (await db.query(`SELECT to_char((max(at) + interval '1 microsecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last_at FROM admin_audit`)) as { last_at: string }[];
      expect(fromMiddle.length).toBeGreaterThanOrEqual(1);
      expect(fromMiddle.every((e) => Date.parse(e.at) >= Date.parse(middle))).toBe(true);
      expect(await searchAll(s.dukcapilAdmin, { q: marker, from: lastAt })).toEqual([]);
    });

    it("should filter by siteCode: any site for a system admin, only their own for a site or agency admin (403 otherwise, 404 unknown, 400 malformed)", async () => {
      const [dukcapilService] = await kupangServices('dukcapil');
      await as(s.kupangSiteAdmin).post('/api/v1/admin/sites/kota-kupang/closures').send({ date: '2027-06-07', name: 'Filter MPP Kupang' }).expect(201);
      await as(s.probolinggoSiteAdmin).post('/api/v1/admin/sites/kota-probolinggo/closures').send({ date: '2027-06-07', name: 'Filter MPP Probolinggo' }).expect(201);
      await as(s.dukcapilAdmin).patch(`/api/v1/admin/services/${dukcapilService.id}`).send({ summary: 'Ringkasan untuk filter MPP' }).expect(200);
      const rows = (await db.query(`SELECT id, site_id, agency_id, action FROM admin_audit ORDER BY at DESC, id DESC`)) as { id: string; site_id: string | null; agency_id: string | null; action: string }[];
      const idsWhere = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).map((r) => r.id);
      // The filter must leave rows out, or this test proves nothing.
      expect(idsWhere((r) => r.site_id !== kupangId).length).toBeGreaterThan(0);
      expect(idsWhere((r) => r.site_id !== probolinggoId).length).toBeGreaterThan(0);

      const kupangBySystem = await searchAll(s.system, { siteCode: 'kota-kupang' });
      expect(kupangBySystem.map((e) => e.id)).toEqual(idsWhere((r) => r.site_id === kupangId));
      expect((await searchAll(s.system, { siteCode: 'kota-probolinggo' })).map((e) => e.id)).toEqual(idsWhere((r) => r.site_id === probolinggoId));
      // Combined with the other filters (AND).
      expect((await searchAll(s.system, { siteCode: 'kota-probolinggo', action: 'site_closure.add' })).map((e) => e.id)).toEqual(
        idsWhere((r) => r.site_id === probolinggoId && r.action === 'site_closure.add'),
      );

      expect((await searchAll(s.kupangSiteAdmin, { siteCode: 'kota-kupang' })).map((e) => e.id)).toEqual(idsWhere((r) => r.site_id === kupangId));
      const dukcapil = await searchAll(s.dukcapilAdmin, { siteCode: 'kota-kupang' });
      expect(dukcapil.length).toBeGreaterThan(0);
      expect(dukcapil.map((e) => e.id)).toEqual(idsWhere((r) => r.site_id === kupangId && r.agency_id === s.dukcapil.id));

      for (const token of [s.kupangSiteAdmin, s.dukcapilAdmin]) {
        const other = await as(token).get('/api/v1/admin/audit').query({ siteCode: 'kota-probolinggo' }).expect(403);
        expect(other.body.code).toBe('OTHER_SITE');
        expect(other.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      }
      await as(s.probolinggoSiteAdmin).get('/api/v1/admin/audit').query({ siteCode: 'kota-kupang' }).expect(403);
      const unknown = await as(s.system).get('/api/v1/admin/audit').query({ siteCode: 'kota-tidak-ada' }).expect(404);
      expect(unknown.body.message.en).toContain('kota-tidak-ada');
      for (const siteCode of ['Kota Kupang', 'kota_kupang', 'a'.repeat(65)]) {
        const bad = await as(s.system).get('/api/v1/admin/audit').query({ siteCode }).expect(400);
        expect(bad.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      }
    });

    it('should refuse a bad cursor, an unknown action and a period that ends before it starts, in both languages', async () => {
      const cursor = await as(s.system).get('/api/v1/admin/audit').query({ cursor: Buffer.from('bukan|kursor').toString('base64url') }).expect(400);
      expect(cursor.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      await as(s.system).get('/api/v1/admin/audit').query({ action: 'site.delete' }).expect(400);
      const period = await as(s.system).get('/api/v1/admin/audit').query({ from: '2026-12-02', to: '2026-12-01' }).expect(422);
      expect(period.body.code).toBe('INVALID_PERIOD');
    });

    it('should have no route that changes or deletes a row', async () => {
      const [row] = (await db.query(`SELECT id FROM admin_audit LIMIT 1`)) as { id: string }[];
      for (const method of ['put', 'patch', 'delete'] as const) {
        const res = await t.http()[method](`/api/v1/admin/audit/${row.id}`).auth(s.system, { type: 'bearer' }).send({});
        expect(res.status).toBe(404);
      }
    });
  });

  describe('admin_audit in PostgreSQL', () => {
    it('should refuse UPDATE, DELETE and TRUNCATE of the log', async () => {
      const [row] = (await db.query(`SELECT id, action FROM admin_audit ORDER BY at LIMIT 1`)) as { id: string; action: string }[];
      await expect(db.query(`UPDATE admin_audit SET action = 'site.update' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM admin_audit WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE admin_audit`)).rejects.toThrow(/append-only/);
      const [still] = (await db.query(`SELECT action FROM admin_audit WHERE id = $1`, [row.id])) as { action: string }[];
      expect(still.action).toBe(row.action);
    });
  });
});
