import type { ApplicationCreatedResponse, ApplicationResponse, RedFlagListResponse, RedFlagResponse, RedFlagSettings, RedFlagSettingsResponse } from '@mpp/contracts';
import { addDaysToLocalDate, DEFAULT_RED_FLAG_SETTINGS, horizonReachesYearOn, ikmFromTotals, pickedShare, zonedToUtc } from '@mpp/domain';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { PiiCipher } from '../src/common/pii-cipher';
import { DATA_KEY } from '../src/config/data-key';
import { createApp } from '../src/bootstrap';
import { RedFlagSummary } from '../src/red-flags/red-flag-summary';
import { RedFlagsService } from '../src/red-flags/red-flags.service';
import { uploadMandatoryDocuments } from './support/application-documents';
import { counterAction, Hall, issue, setupHall } from './support/hall';
import { STAFF_PASSWORD } from './support/staff';
import { createTestApp, TestApp, testConfig } from './support/test-app';

/** Kupang is WITA (UTC+8); each test stands on a day of its own, so one day's queue never leaks into another's. */
const KUPANG = 'Asia/Makassar';
const wita = (date: string, time: string): Date => zonedToUtc(date, time, KUPANG);
const MINUTE = 60_000;

const NIK = '5371014101900123';
const NAME = 'Yohana Bria Seran';
const PHONE = '0813-5555-7777';
const EMAIL = 'yohana.seran@example.go.id';

describe(RedFlagsService.name, () => {
  let t: TestApp;
  let h: Hall;
  const clock = new FixedClock(wita('2026-11-23', '08:00'));
  const db = () => t.app.get(DataSource);

  const flagsAs = async (token: string, site = 'kota-kupang') =>
    (await t.http().get(`/api/v1/admin/sites/${site}/red-flags`).auth(token, { type: 'bearer' }).expect(200)).body as RedFlagListResponse;
  const flagsOf = async (kind: RedFlagResponse['kind'], token = h.kupangSiteAdmin) => (await flagsAs(token)).items.filter((f) => f.kind === kind);
  const putSettings = (token: string, body: unknown, site = 'kota-kupang') => t.http().put(`/api/v1/admin/sites/${site}/red-flags/settings`).auth(token, { type: 'bearer' }).send(body as object);
  const useSettings = async (overrides: Partial<RedFlagSettings>) => putSettings(h.kupangSiteAdmin, { ...DEFAULT_RED_FLAG_SETTINGS, ...overrides }).expect(200);
  /** Every open counter of Kupang was opened at `at` (the database stamps its own now(), not the test's clock). */
  const countersOpenedAt = (at: Date) => db().query(`UPDATE counter SET updated_at = $1 WHERE site_id = (SELECT id FROM site WHERE code = 'kota-kupang')`, [at]);
  const officerIdAt = async (counterId: string) => ((await db().query(`SELECT officer_id FROM counter WHERE id = $1`, [counterId])) as { officer_id: string }[])[0].officer_id;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
  }, 180_000);
  afterAll(async () => t?.close());

  beforeEach(async () => {
    await putSettings(h.kupangSiteAdmin, DEFAULT_RED_FLAG_SETTINGS).expect(200);
  });

  describe('settings', () => {
    it('should answer the defaults until saved, then what the site admin saved', async () => {
      await db().query(`DELETE FROM red_flag_setting`);
      const before = (await t.http().get('/api/v1/admin/sites/kota-kupang/red-flags/settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as RedFlagSettingsResponse;
      expect(before).toEqual({ siteCode: 'kota-kupang', ...DEFAULT_RED_FLAG_SETTINGS, updatedAt: null });

      clock.set(wita('2026-11-23', '08:05'));
      const wanted: RedFlagSettings = { ...DEFAULT_RED_FLAG_SETTINGS, waitMinutes: 45, idleMinutes: null, ikmMinBand: 'A', summaryHour: 7 };
      const saved = (await putSettings(h.system, wanted).expect(200)).body as RedFlagSettingsResponse;
      expect(saved).toEqual({ siteCode: 'kota-kupang', ...wanted, updatedAt: clock.now().toISOString() });
      const read = (await t.http().get('/api/v1/admin/sites/kota-kupang/red-flags/settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as RedFlagSettingsResponse;
      expect(read).toEqual(saved);
    });

    it('should record each saved change in the audit log (only the changed thresholds, before → after) and nothing for a refused one', async () => {
      const auditRows = async () =>
        (await db().query(
          `SELECT a.actor_role, a.before, a.after FROM admin_audit a JOIN site s ON s.id = a.entity_id
            WHERE s.code = 'kota-kupang' AND a.action = 'site.red_flag_settings' ORDER BY a.at, a.id`,
        )) as { actor_role: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
      const seen = (await auditRows()).length;
      const changed = { waitMinutes: DEFAULT_RED_FLAG_SETTINGS.waitMinutes! + 15, ikmMinBand: 'C' as const };
      await useSettings(changed);
      await putSettings(h.kupangSiteAdmin, { ...DEFAULT_RED_FLAG_SETTINGS, waitMinutes: 4 }).expect(400);
      const rows = (await auditRows()).slice(seen);
      expect(rows).toEqual([
        {
          actor_role: 'site_admin',
          before: { waitMinutes: DEFAULT_RED_FLAG_SETTINGS.waitMinutes, ikmMinBand: DEFAULT_RED_FLAG_SETTINGS.ikmMinBand },
          after: changed,
        },
      ]);
    });

    it('should refuse out-of-range, missing, unknown and mistyped fields with 400 in both languages, and change nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ ...DEFAULT_RED_FLAG_SETTINGS, waitMinutes: 4 }, 'waitMinutes'],
        [{ ...DEFAULT_RED_FLAG_SETTINGS, idleMinutes: 241 }, 'idleMinutes'],
        [{ ...DEFAULT_RED_FLAG_SETTINGS, pickedSharePercent: 1.5 }, 'pickedSharePercent'],
        [{ ...DEFAULT_RED_FLAG_SETTINGS, ikmMinBand: 'D' }, 'ikmMinBand'],
        [{ ...DEFAULT_RED_FLAG_SETTINGS, summaryHour: 24 }, 'summaryHour'],
        [{ ...DEFAULT_RED_FLAG_SETTINGS, calendarDaysBefore: '60' }, 'calendarDaysBefore'],
        [{ ...DEFAULT_RED_FLAG_SETTINGS, pickedMinCalls: null }, 'pickedMinCalls'],
        [Object.fromEntries(Object.entries(DEFAULT_RED_FLAG_SETTINGS).filter(([k]) => k !== 'overdueApplications')), 'overdueApplications'],
        [{ ...DEFAULT_RED_FLAG_SETTINGS, colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of cases) {
        const res = await putSettings(h.kupangSiteAdmin, body).expect(400);
        const fields = (res.body as { fields: { field: string; message: { id: string; en: string } }[] }).fields;
        expect(fields.map((f) => f.field)).toContain(field);
        const message = fields.find((f) => f.field === field)!.message;
        expect(message.id.length * message.en.length).toBeGreaterThan(0);
        expect(message.id).not.toBe(message.en);
      }
      const read = (await t.http().get('/api/v1/admin/sites/kota-kupang/red-flags/settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as RedFlagSettingsResponse;
      expect(read).toMatchObject(DEFAULT_RED_FLAG_SETTINGS);
    });

    it('should refuse a daily summary with 422 while the site has no active site admin, and accept it switched off', async () => {
      const [{ id: adminId }] = (await db().query(`SELECT id FROM staff_user WHERE email = 'admin.probolinggo@mpp.test'`)) as { id: string }[];
      await t.http().patch(`/api/v1/admin/users/${adminId}`).auth(h.system, { type: 'bearer' }).send({ active: false }).expect(200);
      try {
        const refused = await putSettings(h.system, { ...DEFAULT_RED_FLAG_SETTINGS, summaryHour: 16 }, 'kota-probolinggo').expect(422);
        expect(refused.body).toMatchObject({ code: 'NO_SUMMARY_RECIPIENT', message: { id: expect.stringContaining('admin MPP'), en: expect.stringContaining('site admin') } });
        expect(await db().query(`SELECT 1 FROM red_flag_setting r JOIN site s ON s.id = r.site_id WHERE s.code = 'kota-probolinggo'`)).toEqual([]);
        await putSettings(h.system, { ...DEFAULT_RED_FLAG_SETTINGS, summaryHour: null }, 'kota-probolinggo').expect(200);
      } finally {
        await t.http().patch(`/api/v1/admin/users/${adminId}`).auth(h.system, { type: 'bearer' }).send({ active: true }).expect(200);
        // Disabling ended the admin's sessions: sign in again for the tests that follow.
        h.probolinggoSiteAdmin = await t.loginAs('admin.probolinggo@mpp.test', STAFF_PASSWORD);
      }
    });

    it('should let only the site’s admins and system admins read or change the settings', async () => {
      const get = (token: string, site = 'kota-kupang') => t.http().get(`/api/v1/admin/sites/${site}/red-flags/settings`).auth(token, { type: 'bearer' });
      await get(h.officers.dukcapil1).expect(403);
      await get(h.dukcapilAdmin).expect(403);
      await get(h.probolinggoSiteAdmin).expect(403);
      await putSettings(h.probolinggoSiteAdmin, DEFAULT_RED_FLAG_SETTINGS).expect(403);
      await putSettings(h.dukcapilAdmin, DEFAULT_RED_FLAG_SETTINGS).expect(403);
      await get(h.system, 'kota-tidak-ada').expect(404);
      await t.http().get('/api/v1/admin/sites/kota-kupang/red-flags/settings').expect(401);
    });
  });

  describe('scopes of the live list', () => {
    it('should answer officers 403, another site’s admin 403, an agency admin of another site 403, and an unknown site 404', async () => {
      const list = (token: string, site = 'kota-kupang') => t.http().get(`/api/v1/admin/sites/${site}/red-flags`).auth(token, { type: 'bearer' });
      await list(h.officers.dukcapil1).expect(403);
      await list(h.probolinggoSiteAdmin).expect(403);
      await list(h.dukcapilAdmin, 'kota-probolinggo').expect(403);
      await list(h.system, 'kota-tidak-ada').expect(404);
      await list(h.kiosk).expect(403);
    });

    it('should never answer 500 to malformed codes or bodies, and say what is wrong in both languages', async () => {
      const answers: { status: number; body: { message?: { id?: string; en?: string } } }[] = [];
      for (const code of ['x', 'a'.repeat(400), "kupang'; DROP TABLE site; --", '%F0%9F%98%80']) {
        for (const path of ['red-flags', 'red-flags/settings']) answers.push(await t.http().get(`/api/v1/admin/sites/${encodeURIComponent(code)}/${path}`).auth(h.system, { type: 'bearer' }));
      }
      for (const body of [[], 'x', null, 42, { ...DEFAULT_RED_FLAG_SETTINGS, waitMinutes: { $gt: 1 } }, { ...DEFAULT_RED_FLAG_SETTINGS, ikmMinBand: ['B'] }, { ...DEFAULT_RED_FLAG_SETTINGS, summaryHour: 7.5 }]) {
        answers.push(await t.http().put('/api/v1/admin/sites/kota-kupang/red-flags/settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).set('Content-Type', 'application/json').send(JSON.stringify(body)));
      }
      expect(answers.map((a) => a.status).filter((s) => s >= 500 || s < 400)).toEqual([]);
      expect(answers.filter((a) => !a.body.message?.id || !a.body.message?.en)).toEqual([]);
    });
  });

  it('should raise a long wait only over the threshold, per service, and show it only to the service’s agency', async () => {
    await useSettings({ waitMinutes: 60 });
    clock.set(wita('2026-11-23', '09:00'));
    const first = await issue(t, h.kiosk, h.services.ktpBaru);
    clock.set(wita('2026-11-23', '09:05'));
    await issue(t, h.kiosk, h.services.ktpBaru);
    const oldest = new Date(first.issuedAt);

    clock.set(new Date(oldest.getTime() + 60 * MINUTE));
    expect((await flagsOf('long_wait')).filter((f) => f.links.serviceId === h.services.ktpBaru)).toEqual([]);

    clock.set(new Date(oldest.getTime() + 60 * MINUTE + 1000));
    const [flag] = (await flagsOf('long_wait')).filter((f) => f.links.serviceId === h.services.ktpBaru);
    expect(flag).toMatchObject({
      key: `long_wait:${h.services.ktpBaru}`,
      severity: 'warning',
      since: new Date(oldest.getTime() + 60 * MINUTE).toISOString(),
      value: 60,
      threshold: 60,
      agencyIds: [h.dukcapil.id],
    });
    expect(flag.title.id).toContain('1 orang menunggu lebih dari 60 menit');
    expect(flag.title.en).toContain('1 person has waited over 60 minutes');

    // Twice the threshold: critical, and both tickets counted.
    clock.set(new Date(oldest.getTime() + 120 * MINUTE));
    const [later] = (await flagsOf('long_wait')).filter((f) => f.links.serviceId === h.services.ktpBaru);
    expect(later).toMatchObject({ severity: 'critical', value: 120 });
    expect(later.title.id).toContain('2 orang');

    expect((await flagsOf('long_wait', h.dukcapilAdmin)).map((f) => f.key)).toContain(flag.key);
    expect((await flagsOf('long_wait', h.polrestaAdmin)).map((f) => f.key)).not.toContain(flag.key);
    const agencyView = await flagsAs(h.polrestaAdmin);
    expect(agencyView.items.every((f) => f.agencyIds.includes(h.polresta.id))).toBe(true);

    // Off: no long waits at all.
    await useSettings({ waitMinutes: null });
    expect(await flagsOf('long_wait')).toEqual([]);
  });

  it('should raise an idle counter when it calls no one over the threshold while its services have people waiting', async () => {
    await useSettings({ idleMinutes: 15 });
    clock.set(wita('2026-11-24', '09:00'));
    await countersOpenedAt(clock.now());
    await issue(t, h.kiosk, h.services.skck);
    const polrestaKey = `idle_counter:${h.counters.polresta.id}`;

    clock.set(wita('2026-11-24', '09:15'));
    expect((await flagsOf('idle_counter')).map((f) => f.key)).not.toContain(polrestaKey);

    clock.set(new Date(wita('2026-11-24', '09:15').getTime() + 1000));
    const idle = await flagsOf('idle_counter');
    // Nobody waits for Dukcapil today: its counters are not flagged, however long they have been idle.
    expect(idle.map((f) => f.key)).toEqual([polrestaKey]);
    expect(idle[0]).toMatchObject({ severity: 'warning', since: wita('2026-11-24', '09:15').toISOString(), value: 15, threshold: 15, agencyIds: [h.polresta.id], links: { counterId: h.counters.polresta.id } });
    expect(idle[0].title.en).toContain('1 person waits');
    expect((await flagsOf('idle_counter', h.polrestaAdmin)).map((f) => f.key)).toEqual([polrestaKey]);
    expect(await flagsOf('idle_counter', h.dukcapilAdmin)).toEqual([]);

    // The officer calls: busy, no longer idle; once served and nobody waits, still not flagged.
    clock.set(wita('2026-11-24', '09:20'));
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    expect(await flagsOf('idle_counter')).toEqual([]);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'start').expect(200);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'finish').expect(200);
    clock.set(wita('2026-11-24', '10:20'));
    expect(await flagsOf('idle_counter')).toEqual([]);

    // Someone new waits: idle counts from the last activity there (the finish at 09:20).
    await issue(t, h.kiosk, h.services.skck);
    const again = await flagsOf('idle_counter');
    expect(again).toMatchObject([{ key: polrestaKey, since: wita('2026-11-24', '09:35').toISOString(), value: 60, severity: 'critical' }]);
  });

  it('should raise picked calls above the share once the officer has made enough calls, not at the share itself', async () => {
    await useSettings({ pickedSharePercent: 25, pickedMinCalls: 4, idleMinutes: null });
    await t.http().put('/api/v1/admin/sites/kota-kupang/queue-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ mode: 'priority_first', interleaveEvery: 3, allowPick: true, maxRecalls: 3 }).expect(200);
    try {
      clock.set(wita('2026-11-25', '09:00'));
      const counter = h.counters.dukcapil1;
      const officer = h.officers.dukcapil1;
      const serve = async (how: 'pick' | 'next') => {
        clock.advance(MINUTE);
        const ticket = await issue(t, h.kiosk, h.services.akta);
        clock.advance(MINUTE);
        if (how === 'pick') await counterAction(t, officer, counter, 'call', { ticketId: ticket.id }).expect(200);
        else await counterAction(t, officer, counter, 'call-next').expect(200);
        const calledAt = clock.now();
        await counterAction(t, officer, counter, 'start').expect(200);
        await counterAction(t, officer, counter, 'finish').expect(200);
        return calledAt;
      };
      await serve('pick');
      await serve('next');
      await serve('next');
      await serve('next');
      // 1 of 4 = 25 %: not above the share.
      expect(await flagsOf('picked_calls')).toEqual([]);
      const fifth = await serve('pick');
      const officerId = await officerIdAt(counter.id);
      const flags = await flagsOf('picked_calls');
      expect(flags).toEqual([
        expect.objectContaining({
          key: `picked_calls:${officerId}`,
          severity: 'warning',
          since: fifth.toISOString(),
          value: pickedShare(5, 2),
          threshold: 25,
          agencyIds: [h.dukcapil.id],
          links: { officerId, counterId: counter.id },
        }),
      ]);
      expect(flags[0].title.id).toContain('2 dari 5 panggilan');
      expect(await flagsOf('picked_calls', h.polrestaAdmin)).toEqual([]);

      // Fewer calls than the sample: no judgement yet.
      await useSettings({ pickedSharePercent: 25, pickedMinCalls: 6, idleMinutes: null });
      expect(await flagsOf('picked_calls')).toEqual([]);
    } finally {
      await t.http().put('/api/v1/admin/sites/kota-kupang/queue-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ mode: 'priority_first', interleaveEvery: 3, allowPick: false, maxRecalls: 3 }).expect(200);
    }
  });

  it('should raise overdue applications per service from the minimum count, without personal data', async () => {
    const officer = (id: string, action: string, body: object = {}) =>
      t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(h.dukcapilOfficer, { type: 'bearer' }).send(body);
    const complete = async (): Promise<ApplicationResponse> => {
      const created = (await t.http().post('/api/v1/applications').send({ serviceId: h.services.kk, nik: NIK, fullName: NAME, phone: PHONE, email: EMAIL }).expect(201)).body as ApplicationCreatedResponse;
      await uploadMandatoryDocuments(t, created.application, { secret: created.secret });
      await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set('X-Application-Secret', created.secret!).send({}).expect(200);
      const { id } = created.application;
      await officer(id, 'start-verification').expect(200);
      for (const item of created.application.items) await officer(id, `items/${item.requirementId}`, { state: 'accepted' }).expect(200);
      return (await officer(id, 'accept').expect(200)).body as ApplicationResponse;
    };
    await useSettings({ overdueApplications: 2 });
    clock.set(wita('2026-11-26', '09:00'));
    const first = await complete();
    // Completed a working day later: due a working day later (a due date falls at the close of a working day).
    clock.set(wita('2026-11-27', '09:00'));
    const second = await complete();
    const firstDue = new Date(first.clock.dueAt!);
    const secondDue = new Date(second.clock.dueAt!);
    expect(secondDue.getTime()).toBeGreaterThan(firstDue.getTime());

    // One overdue of a minimum of two: not yet.
    clock.set(new Date(secondDue.getTime()));
    expect(await flagsOf('overdue_applications')).toEqual([]);
    clock.set(new Date(secondDue.getTime() + 1000));
    const list = await flagsAs(h.kupangSiteAdmin);
    const flags = list.items.filter((f) => f.kind === 'overdue_applications');
    expect(flags).toEqual([
      expect.objectContaining({
        key: `overdue_applications:${h.services.kk}`,
        severity: 'critical',
        since: secondDue.toISOString(),
        value: 2,
        threshold: 2,
        agencyIds: [h.dukcapil.id],
        links: { serviceId: h.services.kk, applicationIds: [first.id, second.id] },
      }),
    ]);
    const text = JSON.stringify(list);
    for (const secret of [NIK, NAME, EMAIL, '081355557777', '6281355557777']) expect(text).not.toContain(secret);
    expect((await flagsOf('overdue_applications', h.dukcapilAdmin)).length).toBe(1);
    expect(await flagsOf('overdue_applications', h.polrestaAdmin)).toEqual([]);

    // Ready for collection: no longer late.
    for (const app of [first, second]) {
      await officer(app.id, 'start-process').expect(200);
      await officer(app.id, 'approve').expect(200);
      await officer(app.id, 'mark-ready', { delivery: 'collect_at_site' }).expect(200);
    }
    expect(await flagsOf('overdue_applications')).toEqual([]);
  });

  it('should raise complaints untouched for a week per agency, not those waiting for the reporter, and clear one once a handler acts', async () => {
    const filed = clock.now();
    clock.set(wita('2026-12-14', '09:00'));
    const at = clock.now();
    const file = async (body: object) =>
      ((await t.http().post('/api/v1/complaints').send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'service', text: 'Antrean berhenti tanpa penjelasan petugas.', language: 'id', anonymity: 'anonymous', ...body }).expect(201)).body as { code: string }).code;
    const idOf = async (code: string) => ((await db().query(`SELECT id FROM complaint WHERE code = $1`, [code])) as { id: string }[])[0].id;
    const step = async (code: string, name: string, text?: string) =>
      t.http().post(`/api/v1/admin/sites/kota-kupang/complaints/${await idOf(code)}/steps/${name}`).auth(h.kupangSiteAdmin, { type: 'bearer' }).send(text ? { text } : {}).expect(200);
    const untouched = await file({ agencyId: h.dukcapil.id });
    const waiting = await file({ agencyId: h.dukcapil.id });
    await step(waiting, 'verify');
    await step(waiting, 'start');
    await step(waiting, 'ask-citizen', 'Loket berapa yang Anda maksud?');
    const facilities = await file({ subject: 'facilities' });
    const week = 7 * 24 * 60 * MINUTE;

    clock.set(new Date(at.getTime() + week - 1000));
    expect(await flagsOf('untouched_complaints')).toEqual([]);
    clock.set(new Date(at.getTime() + week));
    const flags = await flagsOf('untouched_complaints');
    const since = new Date(at.getTime() + week).toISOString();
    expect(flags).toEqual([
      expect.objectContaining({ key: `untouched_complaints:${h.dukcapil.id}`, severity: 'critical', since, value: 1, threshold: 7, agencyIds: [h.dukcapil.id], links: { complaintCodes: [untouched] } }),
      expect.objectContaining({ key: 'untouched_complaints:mpp', severity: 'critical', since, value: 1, threshold: 7, agencyIds: [], links: { complaintCodes: [facilities] } }),
    ]);
    expect(flags[0].title.id).toContain('1 pengaduan belum disentuh');
    expect((await flagsOf('untouched_complaints', h.dukcapilAdmin)).map((f) => f.key)).toEqual([`untouched_complaints:${h.dukcapil.id}`]);
    expect(await flagsOf('untouched_complaints', h.polrestaAdmin)).toEqual([]);

    // A handler verifies it: touched, so no longer flagged.
    await step(untouched, 'verify');
    expect((await flagsOf('untouched_complaints')).map((f) => f.key)).toEqual(['untouched_complaints:mpp']);
    await step(facilities, 'verify');
    expect(await flagsOf('untouched_complaints')).toEqual([]);
    clock.set(filed);
  });

  it('should raise a low IKM for a service below the band once enough citizens answered, from the exact index', async () => {
    await useSettings({ ikmMinBand: 'B', ikmMinRespondents: 3, ikmDays: 30 });
    clock.set(wita('2026-11-27', '10:00'));
    const [{ site_id: siteId, agency_id: agencyId }] = (await db().query(`SELECT site_id, agency_id FROM service WHERE id = $1`, [h.services.akta])) as { site_id: string; agency_id: string }[];
    const answer = (scores: number[], date = '2026-11-27') =>
      db().query(
        `INSERT INTO survey_answer (site_id, agency_id, service_id, service_date, u1, u2, u3, u4, u5, u6, u7, u8, u9) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [siteId, agencyId, h.services.akta, date, ...scores],
      );
    // Three answers, 83 points in all: IKM 83 × 25 / 27 = 76.85 (B); with one point less, 75.93 (C).
    const a = [3, 3, 3, 3, 3, 3, 3, 3, 3];
    const b = [3, 3, 3, 3, 3, 3, 3, 3, 3];
    const c = [4, 4, 3, 3, 3, 3, 3, 3, 3];
    await answer(a);
    await answer(b);
    // An answer outside the 30 days does not count.
    await answer([1, 1, 1, 1, 1, 1, 1, 1, 1], addDaysToLocalDate('2026-11-27', -30));
    const low = await flagsAs(h.kupangSiteAdmin);
    expect(low.ikmAvailable).toBe(true);
    // Two answers (IKM 75.00, C) are fewer than the three the site asks for: no judgement yet.
    expect(low.items.filter((f) => f.kind === 'low_ikm')).toEqual([]);
    await answer(c);
    const totals = a.map((v, i) => v + b[i] + c[i]);
    expect(ikmFromTotals(totals, 3)!.band).toBe('B');
    expect(await flagsOf('low_ikm')).toEqual([]);

    // One point less in one answer: C.
    await db().query(`UPDATE survey_answer SET u1 = 3 WHERE service_id = $1 AND u1 = 4`, [h.services.akta]);
    const lowered = ikmFromTotals(totals.map((v, i) => (i === 0 ? v - 1 : v)), 3)!;
    expect(lowered.band).toBe('C');
    const [flag] = await flagsOf('low_ikm');
    expect(flag).toMatchObject({ key: `low_ikm:${h.services.akta}`, severity: 'warning', value: lowered.ikm, threshold: 76.61, agencyIds: [agencyId], links: { serviceId: h.services.akta } });
    expect(flag.title.id).toContain(lowered.ikm.toFixed(2).replace('.', ','));
    expect(await flagsOf('low_ikm', h.polrestaAdmin)).toEqual([]);
    await db().query(`DELETE FROM survey_answer WHERE service_id = $1`, [h.services.akta]);
  });

  it('should raise the national calendar flag from 60 days before the booking horizon reaches a year without one, site-wide', async () => {
    await useSettings({ calendarDaysBefore: 60 });
    const [{ days: horizon }] = (await db().query(
      `SELECT max(booking_days_ahead)::int AS days FROM service WHERE site_id = (SELECT id FROM site WHERE code = 'kota-kupang') AND retired_at IS NULL AND online_booking_enabled`,
    )) as { days: number }[];
    const years = ((await db().query(`SELECT DISTINCT extract(year FROM date)::int AS y FROM national_calendar_day ORDER BY 1`)) as { y: number }[]).map((r) => r.y);
    expect(years).toEqual([2026]);
    const since = addDaysToLocalDate('2027-01-01', -(horizon + 60));

    clock.set(wita(addDaysToLocalDate(since, -1), '23:59'));
    expect(await flagsOf('national_calendar')).toEqual([]);
    clock.set(wita(since, '00:00'));
    const [flag] = await flagsOf('national_calendar');
    expect(flag).toMatchObject({ key: 'national_calendar:2027', severity: 'critical', since: wita(since, '00:00').toISOString(), value: 60, threshold: 60, agencyIds: [], links: { year: 2027 } });
    expect(flag.title.id).toContain(horizonReachesYearOn(2027, horizon));
    // Site-wide: the site's admins see it, an agency admin does not (they cannot act on it).
    expect(await flagsOf('national_calendar', h.dukcapilAdmin)).toEqual([]);

    await db().query(`INSERT INTO national_calendar_day (date, name, kind) VALUES ('2027-01-01', 'Tahun Baru 2027 Masehi', 'national_holiday')`);
    try {
      expect(await flagsOf('national_calendar')).toEqual([]);
    } finally {
      await db().query(`DELETE FROM national_calendar_day WHERE date = '2027-01-01'`);
    }
  });

  describe(RedFlagSummary.name, () => {
    let second: NestExpressApplication | undefined;
    afterAll(async () => second?.close());

    it('should send nothing when the summary is off, nor on a closed day with nothing to report, but report a closed day’s flags', async () => {
      const sut = t.app.get(RedFlagSummary);
      const rowsOn = async (day: string) => (await db().query(`SELECT r.flags FROM red_flag_summary r JOIN site s ON s.id = r.site_id WHERE s.code = 'kota-kupang' AND r.local_date = $1`, [day])) as { flags: number }[];
      const off = { waitMinutes: null, idleMinutes: null, pickedSharePercent: null, overdueApplications: null, ikmMinBand: null, calendarDaysBefore: null };

      // Saturday 28 November, 18:00: the summary is switched off.
      await useSettings({ ...off, summaryHour: null, calendarDaysBefore: 60 });
      clock.set(wita('2026-11-28', '18:00'));
      expect((await sut.sendDue()).sites).not.toContain('kota-kupang');
      expect(await rowsOn('2026-11-28')).toEqual([]);

      // Sunday 29 November (closed), every flag off: nothing to say.
      await useSettings({ ...off, summaryHour: 17 });
      clock.set(wita('2026-11-29', '17:30'));
      expect((await flagsAs(h.kupangSiteAdmin)).items).toEqual([]);
      expect((await sut.sendDue()).sites).not.toContain('kota-kupang');
      expect(await rowsOn('2026-11-29')).toEqual([]);

      // The national calendar flag holds (2027 has no calendar): the closed day's summary is sent, once.
      await useSettings({ ...off, summaryHour: 17, calendarDaysBefore: 60 });
      clock.set(wita('2026-11-29', '17:35'));
      expect((await sut.sendDue()).sites).toContain('kota-kupang');
      expect(await rowsOn('2026-11-29')).toEqual([{ flags: 1 }]);
    });

    it('should email the site’s admins once per site and day at the summary hour, even from two API instances at once', async () => {
      await useSettings({ summaryHour: 17, waitMinutes: 30 });
      const day = '2026-11-30';
      clock.set(wita(day, '09:00'));
      await issue(t, h.kiosk, h.services.ktpBaru);
      second = await createApp(testConfig({ dataKey: t.app.get<Buffer>(DATA_KEY) }), { url: t.db.url, embedded: false }, { logger: false, clock });
      await second.init();
      const sut = t.app.get(RedFlagSummary);
      const kupangId = ((await db().query(`SELECT id FROM site WHERE code = 'kota-kupang'`)) as { id: string }[])[0].id;
      const summaries = async () => (await db().query(`SELECT site_id, local_date::text AS day, flags, recipients FROM red_flag_summary WHERE site_id = $1 ORDER BY local_date`, [kupangId])) as { day: string; flags: number; recipients: number }[];
      const before = await summaries();

      clock.set(wita(day, '16:59'));
      expect((await sut.sendDue()).sites).not.toContain('kota-kupang');

      clock.set(wita(day, '17:00'));
      const expected = (await t.app.get(RedFlagsService).list({ kind: 'staff', userId: 'x', role: 'system_admin', siteId: null, agencyId: null, sessionVersion: 0 }, 'kota-kupang')).items;
      const results = await Promise.all([sut.sendDue(), second.get(RedFlagSummary).sendDue(), sut.sendDue()]);
      expect(results.filter((r) => r.sites.includes('kota-kupang')).length).toBe(1);
      clock.set(wita(day, '17:30'));
      expect((await sut.sendDue()).sites).not.toContain('kota-kupang');

      const admins = ((await db().query(`SELECT email FROM staff_user WHERE active AND role = 'site_admin' AND site_id = $1 ORDER BY email`, [kupangId])) as { email: string }[]).map((r) => r.email);
      expect(admins.length).toBeGreaterThan(0);
      expect((await summaries()).slice(before.length)).toEqual([{ site_id: kupangId, day, flags: expected.length, recipients: admins.length }]);

      const cipher = t.app.get(PiiCipher);
      const rows = (await db().query(`SELECT channel, recipient_cipher, subject, body_cipher FROM outbox_message WHERE site_id = $1 AND subject LIKE 'Ringkasan bendera merah%' ORDER BY id`, [kupangId])) as {
        channel: string;
        recipient_cipher: string;
        subject: string;
        body_cipher: string;
      }[];
      const mails = rows
        .map((r) => ({ channel: r.channel, to: cipher.decrypt(r.recipient_cipher), subject: r.subject, body: cipher.decrypt(r.body_cipher) }))
        .filter((m) => m.subject.includes(` ${day}:`));
      expect(mails.map((m) => m.to).sort()).toEqual(admins);
      expect(mails.every((m) => m.channel === 'email' && m.subject.includes(`${expected.length} bendera`))).toBe(true);
      for (const f of expected) {
        expect(mails[0].body).toContain(f.title.id);
        expect(mails[0].body).toContain(f.title.en);
      }
      // The ticket of 09:00 waited all day: listed among the day's long waits.
      expect(mails[0].body).toContain('Antrean hari ini yang menunggu lebih dari 30 menit:');
      expect(mails[0].body).toMatch(/KTP-el[^\n]*: 1 tiket \(terlama 480 menit\)/);
    });
  });
});
