import type { ComplaintCitizenResponse, ComplaintCreatedResponse, ComplaintInboxResponse, ComplaintStaffResponse, ComplaintSummaryResponse, SiteResponse } from '@mpp/contracts';
import { COMPLAINT_REOPEN_DAYS, COMPLAINT_UNTOUCHED_DAYS, complaintClocks, isComplaintUntouched, type ComplaintStatus } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { COMPLAINT_RATE_LIMIT } from '../src/complaints/complaint-throttler.guard';
import { ComplaintService } from '../src/complaints/complaint.service';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const NAME = 'Maria Goreti Lay';
const PHONE = '0812-3777-4411';
const E164 = '+6281237774411';
const TEXT = 'Antrean KTP elektronik berhenti dua jam tanpa penjelasan dari petugas.';

/** Complaints over HTTP (docs/complaints.md): the lifecycle with refusals, scope, confidentiality, no PII in public answers. */
describe(`${ComplaintService.name} over HTTP`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let posted = 0;
  // Thursday 3 December 2026, 10:00 WITA: a working day in Kupang.
  const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
  const db = () => t.app.get(DataSource);
  const admin = (id?: string, tail = '') => `/api/v1/admin/sites/kota-kupang/complaints${id ? `/${id}` : ''}${tail}`;

  async function file(body: Record<string, unknown>, status = 201) {
    posted++;
    return t.http().post('/api/v1/complaints').send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'service', text: TEXT, language: 'id', ...body }).expect(status);
  }
  async function fileNamed(extra: Record<string, unknown> = {}): Promise<ComplaintCreatedResponse> {
    return (await file({ agencyId: staff.dukcapil.id, anonymity: 'named', reporterName: NAME, reporterPhone: PHONE, ...extra })).body as ComplaintCreatedResponse;
  }
  const idOf = async (code: string) => ((await db().query(`SELECT id FROM complaint WHERE code = $1`, [code])) as { id: string }[])[0].id;
  const step = (token: string, id: string, name: string, text?: string) => t.http().post(admin(id, `/steps/${name}`)).auth(token, { type: 'bearer' }).send(text === undefined ? {} : { text });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
  }, 180_000);
  afterAll(async () => t?.close());

  it('should file a named complaint: code and secret once, nothing personal in the answer, text and identity encrypted', async () => {
    const created = await fileNamed();
    expect(created.code).toMatch(/^[0-9A-Z]{8}$/);
    expect(created.secret.length).toBeGreaterThanOrEqual(24);
    expect(created.complaint).toMatchObject({ status: 'received', text: TEXT, agency: { id: staff.dukcapil.id } });
    const publicJson = JSON.stringify(created.complaint);
    for (const pii of [NAME, PHONE, E164, '3777']) expect(publicJson).not.toContain(pii);

    const [row] = (await db().query(`SELECT * FROM complaint WHERE code = $1`, [created.code])) as Record<string, unknown>[];
    const stored = JSON.stringify(row);
    for (const clear of [NAME, E164, 'KTP elektronik', created.secret]) expect(stored).not.toContain(clear);
    // The legal default (UU 25/2009 Pasal 50): 14 days for the first response, 60 for the resolution.
    // The legal default on Kupang's calendar as the public site API gives it (hours, closures from today).
    const site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
    const closures = site.upcomingClosures.map((c) => ({ date: c.date, name: c.name, kind: c.kind }));
    const expected = complaintClocks({
      firstResponse: null,
      resolution: null,
      calendar: { timeZone: site.timeZone, openingHours: site.openingHours, closures, closesOnCutiBersama: site.closesOnCutiBersama },
      history: [{ status: 'received', at: clock.now() }],
      now: clock.now(),
    });
    expect(row.first_response_due_at).toEqual(expected.firstResponse.due);
    expect(row.resolution_due_at).toEqual(expected.resolution.due);
    expect((row.resolution_due_at as Date).getTime()).toBeGreaterThan(clock.now().getTime() + 59 * 86_400_000);
    const asStaff = (await t.http().get(admin(row.id as string)).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintStaffResponse;
    expect(asStaff.firstResponse).toEqual({ dueAt: expected.firstResponse.due!.toISOString(), state: 'on_time', phase: 'running', source: 'legal_default' });

    // The secret opens it, nothing else does; the SMS carries the code and the secret.
    await t.http().get(`/api/v1/complaints/${created.code}`).set('X-Complaint-Secret', created.secret).expect(200);
    expect((await t.http().get(`/api/v1/complaints/${created.code}`).set('X-Complaint-Secret', 'salah')).status).toBe(404);
    expect((await t.http().get(`/api/v1/complaints/${created.code}`)).status).toBe(404);
    const messages = (await db().query(`SELECT channel, template FROM outbox_message WHERE template = 'complaint-received'`)) as { channel: string }[];
    expect(messages.map((m) => m.channel)).toEqual(['sms']);
  });

  it('should refuse bad input with 400/422 and write nothing', async () => {
    const before = ((await db().query(`SELECT count(*)::int AS n FROM complaint`)) as { n: number }[])[0].n;
    expect((await file({ anonymity: 'anonymous', reporterName: NAME }, 422)).body.code).toBe('ANONYMOUS_WITH_IDENTITY');
    expect((await file({ anonymity: 'named', reporterName: NAME }, 422)).body.code).toBe('REPORTER_REQUIRED');
    expect((await file({ anonymity: 'named', kind: 'gripe' }, 400)).body.message).toHaveProperty('id');
    await file({ anonymity: 'anonymous', text: 'pendek' }, 400);
    expect((await file({ anonymity: 'anonymous', text: `   ${'  '.repeat(10)}ok    ` }, 400)).body.code).toBe('COMPLAINT_TEXT_TOO_SHORT');
    expect((await file({ anonymity: 'anonymous', agencyId: '00000000-0000-4000-8000-000000000000' }, 422)).body.code).toBe('AGENCY_NOT_AT_SITE');
    await file({ anonymity: 'anonymous', siteCode: 'tidak-ada' }, 404);
    expect(((await db().query(`SELECT count(*)::int AS n FROM complaint`)) as { n: number }[])[0].n).toBe(before);
  });

  it('should walk the lifecycle over HTTP, refusing wrong steps, notifying the reporter and hiding internal notes', async () => {
    const created = await fileNamed();
    const id = await idOf(created.code);
    const officer = staff.dukcapilOfficer;
    const secretHeader = { 'X-Complaint-Secret': created.secret };

    expect((await step(officer, id, 'start')).status).toBe(409);
    expect((await step(officer, id, 'verify')).body.status).toBe('verified');
    expect((await step(officer, id, 'verify')).status).toBe(409);
    expect((await step(officer, id, 'start')).body.status).toBe('in_progress');
    expect((await step(officer, id, 'ask-citizen')).status).toBe(400);
    expect((await step(officer, id, 'ask-citizen', 'Pukul berapa Anda datang?')).body.status).toBe('waiting_for_citizen');
    expect((await step(officer, id, 'fly')).status).toBe(400);

    await t.http().post(admin(id, '/notes')).auth(officer, { type: 'bearer' }).send({ text: 'catatan internal 5521' }).expect(201);
    const reply = (await t.http().post(`/api/v1/complaints/${created.code}/reply`).set(secretHeader).send({ text: 'Sekitar pukul 08.30.' }).expect(200)).body as ComplaintCitizenResponse;
    expect(reply.status).toBe('in_progress');
    expect((await t.http().post(`/api/v1/complaints/${created.code}/reply`).set(secretHeader).send({ text: 'lagi' })).status).toBe(409);
    expect((await t.http().post(`/api/v1/complaints/${created.code}/rating`).set(secretHeader).send({ rating: 5 })).status).toBe(409);

    const answered = (await step(officer, id, 'answer', 'Server perekaman sempat mati; sudah diganti.')).body as ComplaintStaffResponse;
    expect(answered.status).toBe('answered');
    expect(answered.firstResponse.phase).toBe('stopped');
    expect(answered.resolution.phase).toBe('stopped');
    const rated = (await t.http().post(`/api/v1/complaints/${created.code}/rating`).set(secretHeader).send({ rating: 4 }).expect(200)).body as ComplaintCitizenResponse;
    expect(rated.rating).toBe(4);
    expect((await t.http().post(`/api/v1/complaints/${created.code}/rating`).set(secretHeader).send({ rating: 9 })).status).toBe(400);

    const view = (await t.http().get(`/api/v1/complaints/${created.code}`).set(secretHeader).expect(200)).body as ComplaintCitizenResponse;
    expect(JSON.stringify(view)).not.toContain('catatan internal 5521');
    expect(view.events.map((e) => e.to).filter(Boolean)).toEqual(['received', 'verified', 'in_progress', 'waiting_for_citizen', 'in_progress', 'answered']);
    expect(view.events.find((e) => e.to === 'answered')?.text).toContain('Server perekaman');
    const staffView = (await t.http().get(admin(id)).auth(officer, { type: 'bearer' }).expect(200)).body as ComplaintStaffResponse;
    expect(staffView.events.find((e) => e.internal)?.text).toBe('catatan internal 5521');

    // Every handler step reached the reporter through the outbox; the citizen's own did not.
    const sent = (await db().query(`SELECT template FROM outbox_message WHERE template LIKE 'complaint-%' ORDER BY id`)) as { template: string }[];
    const handlerSteps = ['complaint-verified', 'complaint-in_progress', 'complaint-waiting_for_citizen', 'complaint-answered'];
    for (const template of handlerSteps) expect(sent.map((m) => m.template)).toContain(template);

    // Reopen within the period, and not after it.
    const reopened = (await t.http().post(`/api/v1/complaints/${created.code}/reopen`).set(secretHeader).send({ text: 'Masih terjadi hari ini.' }).expect(200)).body as ComplaintCitizenResponse;
    expect(reopened.status).toBe('reopened');
    await step(officer, id, 'answer', 'Kami tambah satu perangkat cadangan.').expect(200);
    await t.http().post(`/api/v1/complaints/${created.code}/close`).set(secretHeader).expect(200);
    expect((await step(officer, id, 'close', 'x')).status).toBe(409);
    clock.advance((COMPLAINT_REOPEN_DAYS + 1) * 86_400_000);
    const late = await t.http().post(`/api/v1/complaints/${created.code}/reopen`).set(secretHeader).send({ text: 'Lagi.' });
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 422, code: 'COMPLAINT_REOPEN_PERIOD_OVER' });
    clock.advance(-(COMPLAINT_REOPEN_DAYS + 1) * 86_400_000);

    // The trail is append-only.
    await expect(db().query(`UPDATE complaint_event SET internal = true WHERE complaint_id = $1`, [id])).rejects.toThrow();
  });

  it('should keep each agency to its own complaints: another agency 404, another site 403, inbox filtered and paged', async () => {
    const created = await fileNamed();
    const id = await idOf(created.code);
    expect((await t.http().get(admin(id)).auth(staff.polrestaAdmin, { type: 'bearer' })).status).toBe(404);
    expect((await step(staff.polrestaAdmin, id, 'verify')).status).toBe(404);
    expect((await t.http().get(admin()).auth(staff.probolinggoSiteAdmin, { type: 'bearer' })).status).toBe(403);
    expect((await t.http().get(admin())).status).toBe(401);

    const polrestaInbox = (await t.http().get(admin()).auth(staff.polrestaAdmin, { type: 'bearer' }).expect(200)).body as ComplaintInboxResponse;
    expect(polrestaInbox.items.every((i) => i.agencyId === staff.polresta.id)).toBe(true);
    expect(polrestaInbox.items.map((i) => i.code)).not.toContain(created.code);

    const expected = ((await db().query(`SELECT code FROM complaint WHERE agency_id = $1 ORDER BY created_at, id`, [staff.dukcapil.id])) as { code: string }[]).map((r) => r.code);
    expect(expected.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await t.http().get(admin()).query({ limit: 2, ...(cursor ? { cursor } : {}) }).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as ComplaintInboxResponse;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    const inboxJson = JSON.stringify(seen);
    expect(inboxJson).not.toContain(NAME);
  });

  it('should show a confidential reporter to the site admin only, never to the agency', async () => {
    const created = (await file({ agencyId: staff.dukcapil.id, anonymity: 'confidential', reporterName: NAME, reporterPhone: PHONE })).body as ComplaintCreatedResponse;
    const id = await idOf(created.code);
    for (const token of [staff.dukcapilOfficer, staff.dukcapilAdmin]) {
      const seen = (await t.http().get(admin(id)).auth(token, { type: 'bearer' }).expect(200)).body as ComplaintStaffResponse;
      expect(seen).toMatchObject({ reporter: null, reporterHidden: true, anonymity: 'confidential' });
      expect(JSON.stringify(seen)).not.toContain(NAME);
      expect(JSON.stringify(seen)).not.toContain(E164);
    }
    const site = (await t.http().get(admin(id)).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintStaffResponse;
    expect(site.reporter).toEqual({ name: NAME, phone: E164, email: null });

    const anonymous = (await file({ agencyId: staff.dukcapil.id, anonymity: 'anonymous' })).body as ComplaintCreatedResponse;
    const anon = (await t.http().get(admin(await idOf(anonymous.code))).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintStaffResponse;
    expect(anon).toMatchObject({ reporter: null, reporterHidden: false });
  });

  it('should re-route "bukan wewenang" to another agency with a reason, merge a duplicate, and close out of the MPP', async () => {
    const created = await fileNamed();
    const id = await idOf(created.code);
    expect((await t.http().post(admin(id, '/reroute')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ agencyId: staff.polresta.id })).status).toBe(400);
    const moved = (await t.http().post(admin(id, '/reroute')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ agencyId: staff.polresta.id, reason: 'SKCK adalah layanan Polresta' }).expect(200)).body as ComplaintStaffResponse;
    expect(moved.agencyId).toBe(staff.polresta.id);
    expect((await t.http().get(admin(id)).auth(staff.dukcapilOfficer, { type: 'bearer' })).status).toBe(404);
    await t.http().get(admin(id)).auth(staff.polrestaAdmin, { type: 'bearer' }).expect(200);
    const citizen = (await t.http().get(`/api/v1/complaints/${created.code}`).set('X-Complaint-Secret', created.secret).expect(200)).body as ComplaintCitizenResponse;
    expect(citizen.events.find((e) => e.action === 'reroute')?.text).toBe('SKCK adalah layanan Polresta');

    const original = await fileNamed({ agencyId: staff.polresta.id });
    const duplicate = await fileNamed({ agencyId: staff.polresta.id });
    const merged = (await t.http().post(admin(await idOf(duplicate.code), '/merge')).auth(staff.polrestaAdmin, { type: 'bearer' }).send({ intoCode: original.code }).expect(200)).body as ComplaintStaffResponse;
    expect(merged).toMatchObject({ status: 'closed', mergedIntoCode: original.code });
    expect((await t.http().post(admin(await idOf(original.code), '/merge')).auth(staff.polrestaAdmin, { type: 'bearer' }).send({ intoCode: original.code })).status).toBe(409);

    // Never across sites, even for a system admin.
    posted++;
    const elsewhere = (await t.http().post('/api/v1/complaints').send({ siteCode: 'kota-probolinggo', kind: 'complaint', subject: 'facilities', text: TEXT, anonymity: 'anonymous' }).expect(201)).body as ComplaintCreatedResponse;
    const across = await t.http().post(admin(await idOf(original.code), '/merge')).auth(staff.system, { type: 'bearer' }).send({ intoCode: elsewhere.code });
    expect({ status: across.status, code: across.body.code }).toEqual({ status: 404, code: 'COMPLAINT_NOT_FOUND' });

    const outside = await fileNamed({ agencyId: staff.polresta.id });
    const closed = (await t.http().post(admin(await idOf(outside.code), '/reroute')).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ agencyId: null, reason: 'Urusan PLN, bukan layanan MPP' }).expect(200)).body as ComplaintStaffResponse;
    expect(closed.status).toBe('closed');
  });

  it('should count per agency and status for the command view, red after a week untouched, the agency only its own line', async () => {
    const fresh = await fileNamed();
    await step(staff.dukcapilOfficer, await idOf(fresh.code), 'verify').expect(200);
    clock.advance((COMPLAINT_UNTOUCHED_DAYS + 1) * 86_400_000);
    try {
      const summary = (await t.http().get(admin(undefined, '/summary')).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintSummaryResponse;
      const rows = (await db().query(
        `SELECT c.agency_id, c.code, c.status, c.last_handler_action_at, c.created_at FROM complaint c JOIN site s ON s.id = c.site_id WHERE s.code = 'kota-kupang' ORDER BY c.created_at, c.id`,
      )) as { agency_id: string | null; code: string; status: ComplaintStatus; last_handler_action_at: Date; created_at: Date }[];
      const now = clock.now();
      for (const agencyId of [...new Set(rows.map((r) => r.agency_id))]) {
        const mine = rows.filter((r) => r.agency_id === agencyId);
        const line = summary.agencies.find((a) => a.agencyId === agencyId)!;
        for (const status of new Set(mine.map((r) => r.status))) expect(line.counts[status]).toBe(mine.filter((r) => r.status === status).length);
        expect(line.open).toBe(mine.filter((r) => r.status !== 'answered' && r.status !== 'closed').length);
        expect(line.untouched).toBe(mine.filter((r) => isComplaintUntouched(r.status, r.last_handler_action_at, now)).length);
      }
      const dukcapil = summary.agencies.find((a) => a.agencyId === staff.dukcapil.id)!;
      expect(dukcapil.untouched).toBeGreaterThan(0);
      const open = rows.filter((r) => r.status !== 'answered' && r.status !== 'closed');
      expect(summary.oldestOpen.map((o) => o.code)).toEqual(open.slice(0, 20).map((r) => r.code));
      expect(JSON.stringify(summary)).not.toContain(NAME);

      const own = (await t.http().get(admin(undefined, '/summary')).auth(staff.polrestaAdmin, { type: 'bearer' }).expect(200)).body as ComplaintSummaryResponse;
      expect(own.agencies.map((a) => a.agencyId)).toEqual([staff.polresta.id]);
      expect(own.oldestOpen.every((o) => o.agencyId === staff.polresta.id)).toBe(true);
      expect((await t.http().get(admin(undefined, '/summary')).auth(staff.probolinggoSiteAdmin, { type: 'bearer' })).status).toBe(403);
    } finally {
      clock.advance(-(COMPLAINT_UNTOUCHED_DAYS + 1) * 86_400_000);
    }
  });

  it('should let a hall sharing one address file many complaints, and hold back a script past the limit', async () => {
    // Bad bodies are cheap and still counted by the guard (it runs before validation).
    let accepted = 0;
    let limited = false;
    for (let i = 0; i <= COMPLAINT_RATE_LIMIT; i++) {
      const res = await t.http().post('/api/v1/complaints').send({});
      if (res.status === 429) {
        limited = true;
        break;
      }
      expect(res.status).toBe(400);
      accepted++;
    }
    expect(limited).toBe(true);
    // Earlier tests' complaints count in the same minute (unless their window ended).
    expect(accepted + posted).toBeGreaterThanOrEqual(COMPLAINT_RATE_LIMIT);
    expect(accepted).toBeLessThanOrEqual(COMPLAINT_RATE_LIMIT);
  });
});
