import type { ApplicationCreatedResponse, ApplicationFlagListResponse, ApplicationResponse, ServiceResponse } from '@mpp/contracts';
import { dueDateFrom, LEGAL_DEFAULT_COMPLETION_TIME, zonedToUtc } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { ApplicationFlags } from '../src/applications/application-flags';
import { CatalogueRepository } from '../src/catalogue/catalogue.repository';
import { FixedClock } from '../src/common/clock';
import { PiiCipher } from '../src/common/pii-cipher';
import { uploadMandatoryDocuments } from './support/application-documents';
import { newServiceDto } from './support/factories';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Kupang (WITA, UTC+8) opens Monday–Saturday (Saturday 08:00–12:00); Monday 17 August 2026 is
 * Independence Day. An application complete on Thursday 13 August at 09:00 with 3 working days is
 * due on Tuesday 18 August at 15:30 (day 1 Friday, day 2 Saturday, Sunday closed, Monday the holiday).
 */
const KUPANG = 'Asia/Makassar';
const wita = (date: string, time: string): Date => zonedToUtc(date, time, KUPANG);
const THURSDAY_0900 = wita('2026-08-13', '09:00');

const NIK = '5371014101900123';
const NAME = 'Maria Goreti Lake';
const PHONE = '0813-5555-6666';
const EMAIL = 'maria.lake@example.go.id';

describe(`${ApplicationFlags.name} (flags, escalation)`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let kartuKeluarga: string;
  let kupangId: string;
  const clock = new FixedClock(THURSDAY_0900);
  const db = () => t.app.get(DataSource);
  const sut = () => t.app.get(ApplicationFlags);

  const officer = (token: string, id: string, action: string, body: object = {}) =>
    t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(token, { type: 'bearer' }).send(body);

  /** A new application of `serviceId`, submitted, verified and complete now (its clock running), by the Dukcapil officer. */
  const completeApplication = async (serviceId: string): Promise<ApplicationResponse> => {
    const created = (await t.http().post('/api/v1/applications').send({ serviceId, nik: NIK, fullName: NAME, phone: PHONE, email: EMAIL }).expect(201)).body as ApplicationCreatedResponse;
    await uploadMandatoryDocuments(t, created.application, { secret: created.secret });
    await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set('X-Application-Secret', created.secret!).send({}).expect(200);
    const { id } = created.application;
    await officer(staff.dukcapilOfficer, id, 'start-verification').expect(200);
    for (const item of created.application.items) await officer(staff.dukcapilOfficer, id, `items/${item.requirementId}`, { state: 'accepted' }).expect(200);
    return (await officer(staff.dukcapilOfficer, id, 'accept').expect(200)).body as ApplicationResponse;
  };

  const openFlags = async (applicationId: string) =>
    ((await db().query(`SELECT kind FROM application_flag WHERE application_id = $1 AND resolved_at IS NULL ORDER BY kind`, [applicationId])) as { kind: string }[]).map((r) => r.kind);

  /** The flag emails about an application (found by its printed code), decrypted as the outbox holds them. */
  const flagMessages = async (code: string) => {
    const cipher = t.app.get(PiiCipher);
    const rows = (await db().query(`SELECT channel, recipient_cipher, subject, body_cipher FROM outbox_message WHERE template = 'application-flag' ORDER BY id`)) as {
      channel: string;
      recipient_cipher: string;
      subject: string;
      body_cipher: string;
    }[];
    const printed = `${code.slice(0, 4)}-${code.slice(4)}`;
    return rows.map((r) => ({ channel: r.channel, to: cipher.decrypt(r.recipient_cipher), subject: r.subject, body: cipher.decrypt(r.body_cipher) })).filter((r) => r.body.includes(printed));
  };

  const emailsOf = async (where: string, params: unknown[]) =>
    ((await db().query(`SELECT email FROM staff_user WHERE active AND ${where} ORDER BY email`, params)) as { email: string }[]).map((r) => r.email);

  const expectNothingPersonal = (value: unknown) => {
    const text = JSON.stringify(value);
    for (const secret of [NIK, NAME, EMAIL, '081355556666', '6281355556666']) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    kartuKeluarga = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    kupangId = (await t.app.get(CatalogueRepository).findSiteByCode('kota-kupang'))!.id;
    const service = (await t.http().get(`/api/v1/services/${kartuKeluarga}`).expect(200)).body as ServiceResponse;
    expect(service.completionTime).toMatchObject({ value: 3, unit: 'working_days' });
  }, 180_000);
  afterAll(async () => t?.close());

  beforeEach(() => clock.set(THURSDAY_0900));

  it('should flag due soon from the close of the working day before, across the weekend and the holiday, then overdue and at risk', async () => {
    const app = await completeApplication(kartuKeluarga);
    expect(app.clock.dueAt).toBe(wita('2026-08-18', '15:30').toISOString());

    // Saturday morning: the site closes at 12:00 and its next working day is Tuesday, the due day.
    clock.set(wita('2026-08-15', '11:59'));
    await sut().sweep();
    expect(await openFlags(app.id)).toEqual([]);
    clock.set(wita('2026-08-15', '12:01'));
    await sut().sweep();
    expect(await openFlags(app.id)).toEqual(['due_soon']);
    for (const [date, time] of [['2026-08-16', '10:00'], ['2026-08-17', '10:00'], ['2026-08-18', '15:30']]) {
      clock.set(wita(date, time));
      await sut().sweep();
      expect(await openFlags(app.id)).toEqual(['due_soon']);
    }
    // Due soon goes to the agency's admins and the officer holding the application; not (yet) to the site's admins.
    const agencyAdmins = await emailsOf(`role = 'agency_admin' AND agency_id = $1`, [staff.dukcapil.id]);
    const holder = await emailsOf(`id = $1`, [app.assignedOfficerId]);
    const siteAdmins = await emailsOf(`role = 'site_admin' AND site_id = $1`, [kupangId]);
    expect(agencyAdmins.length * holder.length * siteAdmins.length).toBeGreaterThan(0);
    const dueSoon = await flagMessages(app.code);
    expect(dueSoon.map((m) => m.to).sort()).toEqual([...new Set([...agencyAdmins, ...holder])].sort());
    expect(dueSoon.every((m) => m.channel === 'email' && m.body.includes('jatuh tempo dalam sehari kerja') && m.body.includes('due within a working day'))).toBe(true);
    expect(dueSoon[0].body).toContain('18 Agustus 2026');
    expect(dueSoon[0].body).toContain('WITA');
    expectNothingPersonal(dueSoon);

    // Past the due date (the service's and, with no other regulation, the legal one): overdue and at risk, escalated to the site.
    clock.set(wita('2026-08-18', '15:31'));
    const result = await sut().sweep();
    expect(result).toMatchObject({ raised: 2, resolved: 1 });
    expect(await openFlags(app.id)).toEqual(['at_risk', 'overdue']);
    const later = (await flagMessages(app.code)).slice(dueSoon.length);
    const escalated = [...new Set([...agencyAdmins, ...holder, ...siteAdmins])].sort();
    expect(later.map((m) => m.to).sort()).toEqual([...escalated, ...escalated].sort());
    expect(later.filter((m) => m.body.includes('berisiko dianggap dikabulkan secara hukum')).length).toBe(escalated.length);
    expect(result.messages).toBe(later.length);
  });

  it('should raise each flag and write its messages once when the job runs twice at the same time, and again not at all', async () => {
    const app = await completeApplication(kartuKeluarga);
    clock.set(wita('2026-08-19', '09:00'));
    const results = await Promise.all([sut().sweep(), sut().sweep()]);
    expect(results.reduce((n, r) => n + r.raised, 0)).toBe(2);
    const messages = await flagMessages(app.code);
    expect(results.reduce((n, r) => n + r.messages, 0)).toBe(messages.length);
    expect(new Set(messages.map((m) => `${m.subject} ${m.to}`)).size).toBe(messages.length);
    const again = await sut().sweep();
    expect(again.raised).toBe(0);
    expect((await flagMessages(app.code)).length).toBe(messages.length);
    const rows = (await db().query(`SELECT kind, notified_at FROM application_flag WHERE application_id = $1`, [app.id])) as { kind: string; notified_at: Date | null }[];
    expect(rows.map((r) => r.kind).sort()).toEqual(['at_risk', 'overdue']);
    expect(rows.every((r) => r.notified_at !== null)).toBe(true);
  });

  it('should flag nothing while the application is back with the citizen, and close its flags', async () => {
    const app = await completeApplication(kartuKeluarga);
    await officer(staff.dukcapilOfficer, app.id, 'start-process').expect(200);
    clock.set(wita('2026-08-18', '15:00'));
    await sut().sweep();
    expect(await openFlags(app.id)).toEqual(['due_soon']);

    await officer(staff.dukcapilOfficer, app.id, `items/${app.items[0].requirementId}`, { state: 'needs_revision', reason: 'Dokumen terpotong, unggah ulang.' }).expect(200);
    const returned = (await officer(staff.dukcapilOfficer, app.id, 'return', { citizenDeadline: wita('2026-08-28', '15:00').toISOString() }).expect(200)).body as ApplicationResponse;
    expect(returned.clock.phase).toBe('paused');
    clock.set(wita('2026-08-25', '10:00'));
    await sut().sweep();
    expect(await openFlags(app.id)).toEqual([]);
    const closed = (await db().query(`SELECT kind, resolved_at FROM application_flag WHERE application_id = $1`, [app.id])) as { kind: string; resolved_at: Date }[];
    expect(closed).toEqual([{ kind: 'due_soon', resolved_at: wita('2026-08-25', '10:00') }]);
  });

  it('should close each flag when it no longer holds: at risk at the decision, overdue when ready; at risk stays while returned late', async () => {
    const decided = await completeApplication(kartuKeluarga);
    const returnedLate = await completeApplication(kartuKeluarga);
    for (const app of [decided, returnedLate]) await officer(staff.dukcapilOfficer, app.id, 'start-process').expect(200);
    clock.set(wita('2026-08-19', '09:00'));
    await sut().sweep();
    expect([await openFlags(decided.id), await openFlags(returnedLate.id)]).toEqual([
      ['at_risk', 'overdue'],
      ['at_risk', 'overdue'],
    ]);

    await officer(staff.dukcapilOfficer, decided.id, 'approve').expect(200);
    await officer(staff.dukcapilOfficer, returnedLate.id, `items/${returnedLate.items[0].requirementId}`, { state: 'needs_revision', reason: 'Tanda tangan belum ada.' }).expect(200);
    await officer(staff.dukcapilOfficer, returnedLate.id, 'return', { citizenDeadline: wita('2026-08-28', '15:00').toISOString() }).expect(200);
    clock.set(wita('2026-08-19', '09:05'));
    await sut().sweep();
    // Decided: no longer at risk, still late. Returned after the legal deadline: still at risk, not "overdue" while with the citizen.
    expect([await openFlags(decided.id), await openFlags(returnedLate.id)]).toEqual([['overdue'], ['at_risk']]);

    await officer(staff.dukcapilOfficer, decided.id, 'mark-ready', { delivery: 'collect_at_site' }).expect(200);
    clock.set(wita('2026-08-19', '09:10'));
    await sut().sweep();
    expect(await openFlags(decided.id)).toEqual([]);
  });

  it('should list open flags oldest first to the agency and to the site’s admins only, without personal data', async () => {
    const first = await completeApplication(kartuKeluarga);
    clock.set(wita('2026-08-19', '08:00'));
    const second = await completeApplication(kartuKeluarga);
    clock.set(wita('2026-08-20', '09:00'));
    await sut().sweep();

    const agency = (await t.http().get('/api/v1/agency/application-flags').auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as ApplicationFlagListResponse;
    const mine = agency.items.filter((f) => [first.id, second.id].includes(f.applicationId));
    // The first is overdue and at risk; the second (complete Wednesday, due Saturday) is not flagged yet.
    expect(mine.map((f) => f.kind).sort()).toEqual(['at_risk', 'overdue']);
    expect(mine[0]).toMatchObject({ code: first.code, state: 'complete', service: { id: kartuKeluarga }, agency: { id: staff.dukcapil.id }, deadline: first.clock.dueAt });
    const raised = agency.items.map((f) => f.raisedAt);
    expect(raised).toEqual([...raised].sort());
    expect(agency.total).toBe(agency.items.length);
    expectNothingPersonal(agency);

    const otherAgency = (await t.http().get('/api/v1/agency/application-flags').auth(staff.polrestaAdmin, { type: 'bearer' }).expect(200)).body as ApplicationFlagListResponse;
    expect(otherAgency.items.filter((f) => f.applicationId === first.id)).toEqual([]);

    const site = (await t.http().get(`/api/v1/sites/${kupangId}/application-flags`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ApplicationFlagListResponse;
    expect(site.items.filter((f) => f.applicationId === first.id).map((f) => f.kind).sort()).toEqual(['at_risk', 'overdue']);
    expectNothingPersonal(site);
    const otherSite = await t.http().get(`/api/v1/sites/${kupangId}/application-flags`).auth(staff.probolinggoSiteAdmin, { type: 'bearer' }).expect(403);
    expect(otherSite.body.code).toBe('OTHER_SITE');
    expect(otherSite.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
    await t.http().get(`/api/v1/sites/${kupangId}/application-flags`).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(403);
    await t.http().get(`/api/v1/sites/${kupangId}/application-flags`).expect(401);
    await t.http().get('/api/v1/agency/application-flags').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(403);
    expect((await t.http().get('/api/v1/sites/not-a-uuid/application-flags').auth(staff.system, { type: 'bearer' })).status).toBe(400);
    expect((await t.http().get('/api/v1/sites/00000000-0000-4000-8000-000000000000/application-flags').auth(staff.system, { type: 'bearer' })).status).toBe(404);
  });

  it('should give an application of a service without a completion time the legal default: 5 working days', async () => {
    const dto = newServiceDto({ completionTime: null, queue: { ticketPrefix: 'W', expectedServiceMinutes: 10, walkInEnabled: true, onlineBookingEnabled: false } });
    const service = (await t.http().post(`/api/v1/admin/agencies/${staff.dukcapil.id}/services`).auth(staff.dukcapilAdmin, { type: 'bearer' }).send(dto).expect(201)).body as ServiceResponse;
    expect(service.completionTimeSource).toBe('legal_default');
    const app = await completeApplication(service.id);
    // Friday, Saturday, (Sunday, the holiday), Tuesday, Wednesday, Thursday: Thursday 20 August at closing time.
    expect(app.clock.dueAt).toBe(wita('2026-08-20', '15:30').toISOString());
    const site = (await t.app.get(CatalogueRepository).findSiteById(kupangId))!;
    const closures = await t.app.get(CatalogueRepository).listClosuresBetween(site, '2026-08-01', '2026-09-30');
    const calendar = { timeZone: site.timeZone, openingHours: site.openingHours, closures, closesOnCutiBersama: site.closesOnCutiBersama };
    expect(app.clock.dueAt).toBe(dueDateFrom(THURSDAY_0900, LEGAL_DEFAULT_COMPLETION_TIME, calendar).toISOString());
    expect(app.clock.legalDueAt).toBe(app.clock.dueAt);
  });
});
