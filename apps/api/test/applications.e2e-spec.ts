import type { ApplicationCreatedResponse, ApplicationInboxResponse, ApplicationResponse, ServiceResponse, SurveyFormResponse } from '@mpp/contracts';
import { applicationClock, dueDateFrom, localDate, normalizeIndonesianMobile, type ApplicationStateChange } from '@mpp/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplicationService } from '../src/applications/application.service';
import { CatalogueRepository } from '../src/catalogue/catalogue.repository';
import { FixedClock } from '../src/common/clock';
import { PiiCipher } from '../src/common/pii-cipher';
import { uploadMandatoryDocuments } from './support/application-documents';
import { signInByCode } from './support/citizen';
import { createStaff, STAFF_PASSWORD, StaffTokens } from './support/staff';
import { captureLogs, createTestApp, TestApp } from './support/test-app';

/** Friday 14 August 2026, 09:00 WITA in Kupang: Monday 17 August is Independence Day. */
const FRIDAY_0900_WITA = '2026-08-14T01:00:00Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const NIK = '5371014101900123';
const NAME = 'Yohana Bria Seran';
const PHONE = '0813-3333-4444';
const PHONE_E164 = (normalizeIndonesianMobile(PHONE) as { e164: string }).e164;

describe(`${ApplicationService.name} over HTTP`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let officerA: string;
  let officerB: string;
  let serviceId: string;
  let requirementIds: string[];
  const logs: string[] = [];
  const clock = new FixedClock(new Date(FRIDAY_0900_WITA));
  const db = () => t.app.get(DataSource);

  const create = (overrides: Record<string, unknown> = {}, cookie?: string) => {
    const req = t.http().post('/api/v1/applications');
    if (cookie) req.set('Cookie', cookie);
    return req.send({ serviceId, nik: NIK, fullName: NAME, phone: PHONE, email: 'yohana@example.go.id', ...overrides });
  };
  const citizen = (code: string, secret: string | null, action?: string, cookie?: string) => {
    const req = action ? t.http().post(`/api/v1/applications/${code}/${action}`) : t.http().get(`/api/v1/applications/${code}`);
    if (secret) req.set('X-Application-Secret', secret);
    if (cookie) req.set('Cookie', cookie);
    return req;
  };
  const officer = (token: string, id: string, action: string, body: object = {}) => t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(token, { type: 'bearer' }).send(body);
  const review = (token: string, id: string, requirementId: string, body: object) => officer(token, id, `items/${requirementId}`, body);
  const acceptAll = async (token: string, id: string) => {
    for (const r of requirementIds) await review(token, id, r, { state: 'accepted' }).expect(200);
  };
  const newApplication = async (): Promise<ApplicationCreatedResponse> => (await create().expect(201)).body as ApplicationCreatedResponse;
  const submitted = async (): Promise<ApplicationCreatedResponse> => {
    const created = await newApplication();
    await uploadMandatoryDocuments(t, created.application, { secret: created.secret });
    await citizen(created.application.code, created.secret, 'submit').expect(200);
    return created;
  };
  const trail = async (id: string) =>
    ((await db().query(`SELECT action, from_state, to_state, actor_kind, ip, user_agent FROM application_event WHERE application_id = $1 ORDER BY id`, [id])) as {
      action: string;
      from_state: string | null;
      to_state: string;
      actor_kind: string;
      ip: string | null;
      user_agent: string | null;
    }[]);
  /** The outbox messages about an application, found as the citizen's phone would: by the code in the text. */
  const messagesAbout = async (code: string) => {
    const cipher = t.app.get(PiiCipher);
    const rows = (await db().query(`SELECT channel, template, language, recipient_cipher, body_cipher FROM outbox_message WHERE template LIKE 'application-%' ORDER BY id`)) as {
      channel: string;
      template: string;
      language: string;
      recipient_cipher: string;
      body_cipher: string;
    }[];
    const printed = `${code.slice(0, 4)}-${code.slice(4)}`;
    return rows.map((r) => ({ ...r, to: cipher.decrypt(r.recipient_cipher), body: cipher.decrypt(r.body_cipher) })).filter((r) => r.body.includes(printed));
  };
  /** The survey tokens in a message's text (the link `/survei/<token>`, absolute when PUBLIC_URL is set). */
  const surveyTokensIn = (body: string) => [...body.matchAll(/\/survei\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
  /** The site's calendar as the API reads it, for the domain's clock. */
  const calendarOf = async (siteId: string) => {
    const catalogue = t.app.get(CatalogueRepository);
    const site = (await catalogue.findSiteById(siteId))!;
    const closures = await catalogue.listClosuresBetween(site, '2026-01-01', '2027-12-31');
    return { timeZone: site.timeZone, openingHours: site.openingHours, closures, closesOnCutiBersama: site.closesOnCutiBersama };
  };
  const expectNoPersonalData = (value: unknown) => {
    const text = JSON.stringify(value);
    for (const secret of [NIK, NAME, PHONE_E164, PHONE_E164.slice(3), '081333334444', 'yohana@example.go.id']) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, logger: captureLogs('info', logs) });
    staff = await createStaff(t);
    const newOfficer = async (name: string) => {
      const email = `${name}-${randomUUID().slice(0, 6)}@mpp.test`;
      await t.http().post('/api/v1/admin/users').auth(staff.system, { type: 'bearer' }).send({ email, fullName: name, password: STAFF_PASSWORD, role: 'officer', agencyId: staff.dukcapil.id }).expect(201);
      return t.loginAs(email, STAFF_PASSWORD);
    };
    officerA = staff.dukcapilOfficer;
    officerB = await newOfficer('petugas-dukcapil-dua');
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    serviceId = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    const detail = (await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as ServiceResponse;
    requirementIds = detail.requirements.map((r) => r.id);
    expect(requirementIds.length).toBeGreaterThan(1);
  }, 180_000);
  afterAll(async () => t?.close());

  it('should take one application through every step of its lifecycle, keep its trail and tell the citizen at each step', async () => {
    clock.set(FRIDAY_0900_WITA);
    const createdRes = await create().set('User-Agent', 'uji-peramban/1.0').expect(201);
    const created = createdRes.body as ApplicationCreatedResponse;
    const { code, id } = created.application;
    expect(created.secret).toEqual(expect.any(String));
    expect(created.application).toMatchObject({ state: 'draft', clock: { phase: 'not_started', dueAt: null } });
    expect(created.application.items.map((i) => i.requirementId)).toEqual(requirementIds);
    expect(created.application.items.every((i) => i.state === 'pending')).toBe(true);
    expectNoPersonalData(createdRes.body);
    const secret = created.secret!;

    // A draft is the citizen's: not in the agency's inbox, not found by its officers.
    await t.http().get(`/api/v1/agency/applications/${id}`).auth(officerA, { type: 'bearer' }).expect(404);
    await uploadMandatoryDocuments(t, created.application, { secret });
    await citizen(code, secret, 'submit').expect(200);

    // Another agency's officer finds nothing to act on or read.
    const other = await officer(staff.polrestaAdmin, id, 'start-verification');
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
    await t.http().get(`/api/v1/agency/applications/${id}`).auth(staff.polrestaAdmin, { type: 'bearer' }).expect(404);

    // Two officers of the agency start verification at once: one wins, the other is refused.
    const race = await Promise.all([officer(officerA, id, 'start-verification'), officer(officerB, id, 'start-verification')]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = race[0].status === 200 ? officerA : officerB;
    const loser = winner === officerA ? officerB : officerA;
    expect(((race[0].status === 200 ? race[0] : race[1]).body as ApplicationResponse).state).toBe('in_verification');
    // The winner holds the claim: the other officer cannot act for them.
    expect((await review(loser, id, requirementIds[0], { state: 'accepted' })).body.code).toBe('APPLICATION_CLAIMED');

    // Not complete while an item is unreviewed.
    const early = await officer(winner, id, 'accept');
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'ITEMS_NOT_ACCEPTED' });
    expect(early.body.message.id).toBeTruthy();
    expect(early.body.message.en).toBeTruthy();
    // Needs revision without a reason, or an unknown item state, is refused.
    expect((await review(winner, id, requirementIds[0], { state: 'needs_revision' })).status).toBe(422);
    expect((await review(winner, id, requirementIds[0], { state: 'maybe' })).status).toBe(400);
    expect((await review(winner, id, randomUUID(), { state: 'accepted' })).status).toBe(404);

    await review(winner, id, requirementIds[0], { state: 'needs_revision', reason: 'Foto KK buram, unggah ulang.' }).expect(200);
    for (const r of requirementIds.slice(1)) await review(winner, id, r, { state: 'accepted' }).expect(200);
    // A return needs a deadline in the future.
    expect((await officer(winner, id, 'return', {})).status).toBe(400);
    const past = await officer(winner, id, 'return', { citizenDeadline: new Date(clock.now().getTime() - HOUR).toISOString() });
    expect({ status: past.status, code: past.body.code }).toEqual({ status: 422, code: 'CITIZEN_DEADLINE_NOT_FUTURE' });
    const deadline = new Date(clock.now().getTime() + 7 * DAY);
    const returned = (await officer(winner, id, 'return', { citizenDeadline: deadline.toISOString() }).expect(200)).body as ApplicationResponse;
    expect(returned).toMatchObject({ state: 'returned', citizenDeadline: deadline.toISOString(), clock: { phase: 'not_started' } });
    expect(returned.items[0]).toMatchObject({ state: 'needs_revision', reason: 'Foto KK buram, unggah ulang.' });

    // The citizen reads the reason and resubmits: the item waits for review again.
    clock.advance(HOUR);
    const asOwner = (await citizen(code, secret).expect(200)).body as ApplicationResponse;
    expect(asOwner.items[0].reason).toBe('Foto KK buram, unggah ulang.');
    expect(asOwner.assignedOfficerId).toBeNull();
    expectNoPersonalData(asOwner);
    const resubmitted = (await citizen(code, secret, 'resubmit').expect(200)).body as ApplicationResponse;
    expect(resubmitted.state).toBe('resubmitted');
    expect(resubmitted.items[0].state).toBe('pending');
    expect((await officer(winner, id, 'approve')).status).toBe(409);

    // Complete: the SLA clock starts, due by the service's completion time on Kupang's calendar.
    await review(winner, id, requirementIds[0], { state: 'accepted' }).expect(200);
    const completeAt = clock.now();
    const complete = (await officer(winner, id, 'accept').expect(200)).body as ApplicationResponse;
    expect(complete.state).toBe('complete');
    const service = (await t.app.get(CatalogueRepository).findServiceById(serviceId))!;
    const completionTime = { value: service.completionTimeValue!, unit: service.completionTimeUnit! };
    const siteId = (await db().query(`SELECT site_id FROM application WHERE id = $1`, [id]))[0].site_id as string;
    const calendar = await calendarOf(siteId);
    const expectedDue = dueDateFrom(completeAt, completionTime, calendar);
    expect(complete.clock).toMatchObject({ phase: 'running', startedAt: completeAt.toISOString(), dueAt: expectedDue.toISOString() });
    // Kartu Keluarga: 3 working days. Independence Day (Monday 17 August) is not one: without it the count would end a day sooner.
    expect(completionTime.unit).toBe('working_days');
    const withoutHoliday = dueDateFrom(completeAt, completionTime, { ...calendar, closures: calendar.closures.filter((c) => c.date !== '2026-08-17') });
    expect(expectedDue.getTime() - withoutHoliday.getTime()).toBe(DAY);

    await officer(winner, id, 'start-process').expect(200);
    // In process, an item may still go back to the citizen: the clock pauses meanwhile.
    await review(winner, id, requirementIds[1], { state: 'needs_revision', reason: 'Surat pengantar RT belum ditandatangani.' }).expect(200);
    const secondReturn = (await officer(winner, id, 'return', { citizenDeadline: new Date(clock.now().getTime() + 3 * DAY).toISOString() }).expect(200)).body as ApplicationResponse;
    expect(secondReturn.clock.phase).toBe('paused');
    clock.advance(2 * DAY);
    await citizen(code, secret, 'resubmit').expect(200);
    await review(winner, id, requirementIds[1], { state: 'accepted' }).expect(200);
    const again = (await officer(winner, id, 'accept').expect(200)).body as ApplicationResponse;
    const history = ((await db().query(`SELECT to_state AS state, at FROM application_event WHERE application_id = $1 AND from_state IS DISTINCT FROM to_state ORDER BY id`, [id])) as ApplicationStateChange[]);
    const expectedClock = applicationClock({ completionTime, calendar, history, now: clock.now() });
    expect(again.clock).toMatchObject({ phase: 'running', startedAt: completeAt.toISOString(), dueAt: expectedClock.due!.toISOString() });
    expect(new Date(again.clock.dueAt!).getTime()).toBeGreaterThan(expectedDue.getTime());

    await officer(winner, id, 'start-process').expect(200);
    await officer(winner, id, 'approve').expect(200);
    expect((await officer(winner, id, 'mark-ready', {})).status).toBe(400);
    // To download, a result must be issued first: refused and nothing changed.
    const noResult = await officer(winner, id, 'mark-ready', { delivery: 'download' });
    expect({ status: noResult.status, code: noResult.body.code }).toEqual({ status: 422, code: 'RESULT_DOCUMENT_MISSING' });
    expect(((await db().query('SELECT state FROM application WHERE id = $1', [id])) as { state: string }[])[0].state).toBe('approved');
    const ready = (await officer(winner, id, 'mark-ready', { delivery: 'collect_at_site' }).expect(200)).body as ApplicationResponse;
    expect(ready).toMatchObject({ state: 'ready', resultDelivery: 'collect_at_site', clock: { phase: 'stopped' } });
    const done = (await officer(winner, id, 'finish').expect(200)).body as ApplicationResponse;
    expect(done.state).toBe('done');
    // Final: the citizen cannot withdraw any more.
    const late = await citizen(code, secret, 'withdraw');
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'NO_SUCH_TRANSITION' });

    // The trail: every step, who took it and from where; append-only.
    const steps = await trail(id);
    const transitions = steps.filter((s) => s.from_state !== s.to_state).map((s) => `${s.from_state ?? '-'}>${s.to_state}:${s.actor_kind}`);
    expect(transitions).toEqual([
      '->draft:citizen',
      'draft>submitted:citizen',
      'submitted>in_verification:officer',
      'in_verification>returned:officer',
      'returned>resubmitted:citizen',
      'resubmitted>complete:officer',
      'complete>in_process:officer',
      'in_process>returned:officer',
      'returned>resubmitted:citizen',
      'resubmitted>complete:officer',
      'complete>in_process:officer',
      'in_process>approved:officer',
      'approved>ready:officer',
      'ready>done:officer',
    ]);
    expect(steps[0]).toMatchObject({ action: 'create', user_agent: 'uji-peramban/1.0' });
    expect(steps[0].ip).toEqual(expect.any(String));
    await expect(db().query(`UPDATE application_event SET to_state = 'approved' WHERE application_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM application_event WHERE application_id = $1`, [id])).rejects.toThrow(/append-only/);

    // The outbox: one SMS and one email per change of state, in the citizen's language, the secret only in the first.
    const messages = await messagesAbout(code);
    const states = transitions.map((s) => s.split('>')[1].split(':')[0]);
    expect(messages.filter((m) => m.channel === 'sms').map((m) => m.template)).toEqual(states.map((s) => `application-${s}`));
    expect(messages.filter((m) => m.channel === 'email').map((m) => m.template)).toEqual(states.map((s) => `application-${s}`));
    expect(new Set(messages.filter((m) => m.channel === 'sms').map((m) => m.to))).toEqual(new Set([PHONE_E164]));
    expect(messages.filter((m) => m.body.includes(secret)).map((m) => m.template)).toEqual(['application-draft', 'application-draft']);
    expect(messages.every((m) => m.language === 'id' && !m.body.includes(NAME) && !m.body.includes(NIK))).toBe(true);
    // Only the closing message offers the SKM survey, the same link by SMS and email.
    expect(messages.filter((m) => surveyTokensIn(m.body).length > 0).map((m) => m.template)).toEqual(['application-done', 'application-done']);
    const [smsToken, emailToken] = messages.filter((m) => m.template === 'application-done').map((m) => surveyTokensIn(m.body));
    expect(smsToken).toHaveLength(1);
    expect(emailToken).toEqual(smsToken);
  }, 180_000);

  it('should offer the survey in the closing message of a finished application: its link opens the form of its service and day, answerable once', async () => {
    clock.set(FRIDAY_0900_WITA);
    const { application } = await submitted();
    await officer(officerA, application.id, 'start-verification').expect(200);
    await acceptAll(officerA, application.id);
    await officer(officerA, application.id, 'accept').expect(200);
    await officer(officerA, application.id, 'start-process').expect(200);
    await officer(officerA, application.id, 'approve').expect(200);
    await officer(officerA, application.id, 'mark-ready', { delivery: 'collect_at_site' }).expect(200);
    clock.advance(2 * DAY);
    await officer(officerA, application.id, 'finish').expect(200);
    const closing = (await messagesAbout(application.code)).filter((m) => m.template === 'application-done');
    expect(closing.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    const [token] = surveyTokensIn(closing[0].body);
    expect(closing[0].body).toContain('Isi survei kepuasan');

    const siteTimeZone = (await db().query(`SELECT s.time_zone FROM application a JOIN site s ON s.id = a.site_id WHERE a.id = $1`, [application.id]))[0].time_zone as string;
    const sut = (await t.http().get(`/api/v1/survey/${token}`).expect(200)).body as SurveyFormResponse;
    expect(sut).toMatchObject({ kind: 'application', date: localDate(clock.now(), siteTimeZone) });
    const service = (await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as ServiceResponse;
    expect(sut.service.name).toBe(service.name);
    await t.http().post(`/api/v1/survey/${token}`).send({ scores: Array(9).fill(3) }).expect(201);
    expect((await t.http().post(`/api/v1/survey/${token}`).send({ scores: Array(9).fill(4) }).expect(409)).body.code).toBe('SURVEY_ALREADY_ANSWERED');
  }, 120_000);

  it('should open an application only to its owner: the secret, or the account it was made from; anything else is 404', async () => {
    const anonymous = await newApplication();
    expect((await citizen(anonymous.application.code, null)).status).toBe(404);
    expect((await citizen(anonymous.application.code, 'x'.repeat(32))).status).toBe(404);
    await uploadMandatoryDocuments(t, anonymous.application, { secret: anonymous.secret });
    expect((await citizen(anonymous.application.code, anonymous.secret, 'submit')).status).toBe(200);

    const cookie = await signInByCode(t, '0812-7777-1111', '+6281277771111');
    const mine = (await create({}, cookie).expect(201)).body as ApplicationCreatedResponse;
    expect(mine.secret).toBeNull();
    expect((await citizen(mine.application.code, null, undefined, cookie).expect(200)).body.code).toBe(mine.application.code);
    // Another citizen, or the same citizen's session on an application made without it, finds nothing.
    const otherCookie = await signInByCode(t, '0812-7777-2222', '+6281277772222', '10.9.0.2');
    const refused = await citizen(mine.application.code, null, undefined, otherCookie);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
    expect(refused.body.message.id).toBeTruthy();
    expect((await citizen(mine.application.code, null, 'withdraw', otherCookie)).status).toBe(404);
    expect((await citizen(anonymous.application.code, null, undefined, cookie)).status).toBe(404);
    // Only the citizen withdraws; the owner may, before a decision.
    expect((await citizen(mine.application.code, null, 'withdraw', cookie).expect(200)).body.state).toBe('withdrawn');
    const gone = await officer(officerA, anonymous.application.id, 'start-verification');
    expect(gone.status).toBe(200);
    expect((await citizen(anonymous.application.code, anonymous.secret, 'withdraw').expect(200)).body.state).toBe('withdrawn');
    expect((await officer(officerA, anonymous.application.id, 'accept')).status).toBe(409);
    // Bad input to create: 400 with the field named, nothing written.
    const before = Number((await db().query(`SELECT count(*) FROM application`))[0].count);
    const bad = await create({ nik: '123' });
    expect(bad.status).toBe(400);
    expect((await create({ serviceId: randomUUID() })).status).toBe(404);
    expect(Number((await db().query(`SELECT count(*) FROM application`))[0].count)).toBe(before);
  }, 120_000);

  it('should reject with a reason and close; refuse a rejection without one', async () => {
    const { application } = await submitted();
    await officer(officerA, application.id, 'start-verification').expect(200);
    await acceptAll(officerA, application.id);
    await officer(officerA, application.id, 'accept').expect(200);
    await officer(officerA, application.id, 'start-process').expect(200);
    expect((await officer(officerA, application.id, 'reject', {})).status).toBe(400);
    const blank = await officer(officerA, application.id, 'reject', { reason: '   ' });
    expect({ status: blank.status, code: blank.body.code }).toEqual({ status: 422, code: 'REASON_MISSING' });
    const rejected = (await officer(officerA, application.id, 'reject', { reason: 'Bukan penduduk Kota Kupang.' }).expect(200)).body as ApplicationResponse;
    expect(rejected).toMatchObject({ state: 'rejected', decisionReason: 'Bukan penduduk Kota Kupang.', clock: { phase: 'stopped' } });
    expect((await officer(officerA, application.id, 'finish').expect(200)).body.state).toBe('done');
    // A refusal is a service given too (docs/survey.md): its closing message offers the survey as well.
    const closing = (await messagesAbout(application.code)).filter((m) => m.template === 'application-done');
    expect(closing.map((m) => surveyTokensIn(m.body).length)).toEqual([1, 1]);
    await t.http().get(`/api/v1/survey/${surveyTokensIn(closing[0].body)[0]}`).expect(200);
  }, 120_000);

  it('should expire a returned application once its correction deadline has passed, and only then', async () => {
    const { application, secret } = await submitted();
    await officer(officerA, application.id, 'start-verification').expect(200);
    await review(officerA, application.id, requirementIds[0], { state: 'needs_revision', reason: 'Akta kelahiran tidak terbaca.' }).expect(200);
    await officer(officerA, application.id, 'return', { citizenDeadline: new Date(clock.now().getTime() + DAY).toISOString() }).expect(200);
    const sut = t.app.get(ApplicationService);
    expect(await sut.expireOverdueCorrections()).toBe(0);
    clock.advance(DAY + 1000);
    expect(await sut.expireOverdueCorrections()).toBe(1);
    const expired = (await citizen(application.code, secret).expect(200)).body as ApplicationResponse;
    expect(expired.state).toBe('expired');
    expect((await citizen(application.code, secret, 'resubmit')).status).toBe(409);
    expect((await trail(application.id)).at(-1)).toMatchObject({ action: 'expire', from_state: 'returned', to_state: 'expired', actor_kind: 'system' });
  }, 120_000);

  it("should page the agency's inbox without personal data, filter by state and by due date, and show nothing of another agency", async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit: 2, cursor } : { limit: 2 };
      const page = (await t.http().get('/api/v1/agency/applications').query(query).auth(officerA, { type: 'bearer' }).expect(200)).body as ApplicationInboxResponse;
      expectNoPersonalData(page);
      all.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = (await db().query(`SELECT id FROM application WHERE agency_id = $1 AND state <> 'draft' ORDER BY created_at DESC, id DESC`, [staff.dukcapil.id])) as { id: string }[];
    expect(all).toEqual(expected.map((r) => r.id));
    expect(all.length).toBeGreaterThan(2);

    const byState = (await t.http().get('/api/v1/agency/applications').query({ state: 'done' }).auth(officerA, { type: 'bearer' }).expect(200)).body as ApplicationInboxResponse;
    expect(byState.items.length).toBeGreaterThan(0);
    expect(byState.items.every((i) => i.state === 'done')).toBe(true);

    // One in process, then the clock moves past its due date: overdue.
    const { application } = await submitted();
    await officer(officerA, application.id, 'start-verification').expect(200);
    await acceptAll(officerA, application.id);
    const complete = (await officer(officerA, application.id, 'accept').expect(200)).body as ApplicationResponse;
    const due = new Date(complete.clock.dueAt!);
    const dueSoon = async () => ((await t.http().get('/api/v1/agency/applications').query({ due: 'due_soon' }).auth(officerA, { type: 'bearer' }).expect(200)).body as ApplicationInboxResponse).items.map((i) => i.id);
    const overdue = async () => ((await t.http().get('/api/v1/agency/applications').query({ due: 'overdue' }).auth(officerA, { type: 'bearer' }).expect(200)).body as ApplicationInboxResponse).items.map((i) => i.id);
    expect(await overdue()).not.toContain(application.id);
    clock.set(new Date(due.getTime() - HOUR));
    expect(await dueSoon()).toContain(application.id);
    clock.set(new Date(due.getTime() + HOUR));
    expect(await overdue()).toContain(application.id);
    expect(await dueSoon()).not.toContain(application.id);

    const polresta = (await t.http().get('/api/v1/agency/applications').auth(staff.polrestaAdmin, { type: 'bearer' }).expect(200)).body as ApplicationInboxResponse;
    expect(polresta.items).toEqual([]);
    expect((await t.http().get('/api/v1/agency/applications').auth(staff.kupangSiteAdmin, { type: 'bearer' })).status).toBe(403);
    expect((await t.http().get('/api/v1/agency/applications').query({ due: 'later' }).auth(officerA, { type: 'bearer' })).status).toBe(400);
    expect((await t.http().get('/api/v1/agency/applications').query({ cursor: 'bm90LWEtY3Vyc29y' }).auth(officerA, { type: 'bearer' })).status).toBe(400);
  }, 120_000);

  it('should keep the applicant out of every log line', () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) {
      for (const secret of [NIK, NAME, PHONE_E164, 'yohana@example.go.id']) expect(line).not.toContain(secret);
    }
  });
});
