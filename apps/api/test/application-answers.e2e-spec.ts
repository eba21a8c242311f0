import type { ApplicationCreatedResponse, ApplicationEventResponse, ApplicationResponse, ServiceResponse } from '@mpp/contracts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { uploadMandatoryDocuments } from './support/application-documents';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp, testConfig } from './support/test-app';

/** Tuesday 8 September 2026, 09:00 WITA in Kupang. */
const TUESDAY_0900_WITA = '2026-09-08T01:00:00Z';
const MINUTE = 60_000;

type Detail = ApplicationResponse & { events: ApplicationEventResponse[] };

describe('Application answers: the site zone, review times, who holds it, the trail with names, the citizen timeline', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let serviceId: string;
  let requirementIds: string[];
  const clock = new FixedClock(new Date(TUESDAY_0900_WITA));
  const db = () => t.app.get(DataSource);

  const citizenRead = async (code: string, secret: string) =>
    (await t.http().get(`/api/v1/applications/${code}`).set('X-Application-Secret', secret).expect(200)).body as ApplicationResponse;
  const staffRead = (token: string, id: string) => t.http().get(`/api/v1/agency/applications/${id}`).auth(token, { type: 'bearer' });
  const officer = (token: string, id: string, action: string, body: object = {}) => t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(token, { type: 'bearer' }).send(body);

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { files: { ...testConfig().files, dir: mkdtempSync(join(tmpdir(), 'mpp-application-answers-')) } } });
    staff = await createStaff(t);
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    serviceId = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    requirementIds = ((await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as ServiceResponse).requirements.map((r) => r.id);
    expect(requirementIds.length).toBeGreaterThan(1);
  }, 180_000);
  afterAll(async () => t?.close());

  it('should answer the new fields from the stored rows, and keep officers and origins out of the citizen answer', async () => {
    clock.set(TUESDAY_0900_WITA);
    const created = (
      await t
        .http()
        .post('/api/v1/applications')
        .set('User-Agent', 'peramban-uji-jawaban/2.0')
        .send({ serviceId, nik: '5371014101900456', fullName: 'Maria Goreti Lake', phone: '0813-3333-5566' })
        .expect(201)
    ).body as ApplicationCreatedResponse;
    const { id, code } = created.application;
    const secret = created.secret!;

    // The site's zone, from its row.
    const [site] = (await db().query(`SELECT s.time_zone FROM application a JOIN site s ON s.id = a.site_id WHERE a.id = $1`, [id])) as { time_zone: string }[];
    expect(created.application.timeZone).toBe(site.time_zone);
    expect(created.application.items.every((i) => i.reviewedAt === null)).toBe(true);

    await uploadMandatoryDocuments(t, created.application, { secret });
    clock.advance(10 * MINUTE);
    await t.http().post(`/api/v1/applications/${code}/submit`).set('X-Application-Secret', secret).set('User-Agent', 'peramban-uji-jawaban/2.0').expect(200);

    // Nobody holds it yet.
    const unclaimed = (await staffRead(staff.dukcapilOfficer, id).expect(200)).body as Detail;
    expect(unclaimed.assignedOfficer).toBeNull();

    clock.advance(30 * MINUTE);
    await officer(staff.dukcapilOfficer, id, 'start-verification').expect(200);
    clock.advance(5 * MINUTE);
    await officer(staff.dukcapilOfficer, id, `items/${requirementIds[0]}`, { state: 'accepted' }).expect(200);

    const [holder] = (await db().query(`SELECT s.id, s.full_name FROM application a JOIN staff_user s ON s.id = a.assigned_officer_id WHERE a.id = $1`, [id])) as {
      id: string;
      full_name: string;
    }[];
    expect(holder).toBeDefined();
    const items = (await db().query(`SELECT requirement_id, reviewed_at FROM application_item WHERE application_id = $1`, [id])) as { requirement_id: string; reviewed_at: Date | null }[];
    const reviewedAt = new Map(items.map((i) => [i.requirement_id, i.reviewed_at?.toISOString() ?? null]));
    expect(reviewedAt.get(requirementIds[0])).toBe(clock.now().toISOString());
    const events = (await db().query(
      `SELECT e.from_state, e.to_state, e.actor_kind, e.actor_id, e.at, e.ip, e.user_agent, s.full_name
         FROM application_event e LEFT JOIN staff_user s ON s.id = e.actor_id WHERE e.application_id = $1 ORDER BY e.id`,
      [id],
    )) as { from_state: string | null; to_state: string; actor_kind: string; actor_id: string | null; at: Date; ip: string | null; user_agent: string | null; full_name: string | null }[];
    const timeline = events.filter((e) => e.from_state !== e.to_state).map((e) => ({ state: e.to_state, at: e.at.toISOString() }));
    expect(timeline.map((e) => e.state)).toEqual(['draft', 'submitted', 'in_verification']);
    expect(events.length).toBeGreaterThan(timeline.length); // the item's review is in the trail but changes no state

    // The staff answer: who holds it (by name), each event's officer name, the items' review times.
    const detail = (await staffRead(staff.dukcapilOfficer, id).expect(200)).body as Detail;
    expect(detail.assignedOfficerId).toBe(holder.id);
    expect(detail.assignedOfficer).toEqual({ id: holder.id, fullName: holder.full_name });
    expect(detail.timeZone).toBe(site.time_zone);
    expect(detail.items.map((i) => [i.requirementId, i.reviewedAt])).toEqual(detail.items.map((i) => [i.requirementId, reviewedAt.get(i.requirementId)]));
    expect(detail.events.map((e) => e.actorName)).toEqual(events.map((e) => (e.actor_kind === 'officer' ? e.full_name : null)));
    expect(detail.events.filter((e) => e.actorKind === 'officer').every((e) => e.actorName === holder.full_name)).toBe(true);
    expect(detail.events.some((e) => e.actorKind === 'officer')).toBe(true);
    expect(detail.timeline).toEqual(timeline);

    // The citizen's answer: the same zone, review times and timeline; no officer, no origin.
    const mine = await citizenRead(code, secret);
    expect(mine.timeZone).toBe(site.time_zone);
    expect(mine.items.map((i) => i.reviewedAt)).toEqual(mine.items.map((i) => reviewedAt.get(i.requirementId)));
    expect(mine.timeline).toEqual(timeline);
    expect(mine.timeline.every((e) => Object.keys(e).sort().join() === 'at,state')).toBe(true);
    expect(mine.assignedOfficer).toBeNull();
    expect(mine.assignedOfficerId).toBeNull();
    const text = JSON.stringify(mine);
    expect(text).not.toContain(holder.id);
    expect(text).not.toContain(holder.full_name);
    expect(text).not.toContain('peramban-uji-jawaban');
    const origins = events.map((e) => e.ip).filter((ip): ip is string => Boolean(ip));
    expect(origins.length).toBeGreaterThan(0);
    for (const ip of origins) expect(text).not.toContain(`"${ip}"`);
    expect(text).not.toMatch(/"(ip|userAgent|actorId|actorName|actorKind)"/);

    // Another agency's staff: the application does not exist for them.
    const other = await staffRead(staff.polrestaAdmin, id);
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
  }, 180_000);
});
