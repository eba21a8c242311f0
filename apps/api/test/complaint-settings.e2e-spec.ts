import type { ComplaintCreatedResponse, ComplaintInboxResponse, ComplaintSettingsResponse, ComplaintStaffResponse, RedFlagListResponse, SiteResponse } from '@mpp/contracts';
import { complaintClocks, DEFAULT_COMPLAINT_SETTINGS, isComplaintUntouched, type ComplaintStatus } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { ComplaintSettingsService } from '../src/complaints/complaint-settings.service';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const NAME = 'Yohanes Bria Seran';
const PHONE = '0813-3955-2107';
const TEXT = 'Petugas loket meminta uang tambahan untuk mempercepat pengurusan akta.';

interface AuditRowSeen {
  action: string;
  entity_type: string;
  entity_id: string;
  entity_label: string | null;
  site_id: string | null;
  agency_id: string | null;
  actor_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Per-site complaint settings over HTTP (docs/complaints.md): round trip, refusals, audit, the clocks and the flag that read them; handler changes in admin_audit. */
describe(`${ComplaintSettingsService.name} over HTTP`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  // Tuesday 22 December 2026, 10:00 WITA: before cuti bersama (24), Christmas (25) and a weekend.
  const clock = new FixedClock(new Date('2026-12-22T02:00:00Z'));
  const db = () => t.app.get(DataSource);
  const url = (site = 'kota-kupang') => `/api/v1/admin/sites/${site}/complaint-settings`;
  const admin = (id?: string, tail = '') => `/api/v1/admin/sites/kota-kupang/complaints${id ? `/${id}` : ''}${tail}`;
  const valid = { firstResponseDays: 3, resolutionDays: 10, untouchedDays: 2, reopenDays: 5 };

  async function fileNamed(agencyId: string): Promise<ComplaintCreatedResponse> {
    const res = await t
      .http()
      .post('/api/v1/complaints')
      .send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'officer_conduct', text: TEXT, language: 'id', agencyId, anonymity: 'named', reporterName: NAME, reporterPhone: PHONE })
      .expect(201);
    return res.body as ComplaintCreatedResponse;
  }
  const rowOf = async (code: string) => ((await db().query(`SELECT * FROM complaint WHERE code = $1`, [code])) as Record<string, unknown>[])[0];
  const auditRows = async (entityId: string) =>
    (await db().query(`SELECT action, entity_type, entity_id, entity_label, site_id, agency_id, actor_id, before, after FROM admin_audit WHERE entity_id = $1 ORDER BY at, id`, [entityId])) as AuditRowSeen[];
  const staffIdOf = async (email: string) => ((await db().query(`SELECT id FROM staff_user WHERE email = $1`, [email])) as { id: string }[])[0].id;

  /** The clocks libs/domain computes for this history on Kupang's calendar (as the public site API gives it) with these settings. */
  async function expectedClocks(history: { status: ComplaintStatus; at: Date }[], s: { firstResponseDays: number | null; resolutionDays: number | null }) {
    const site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
    return complaintClocks({
      firstResponse: s.firstResponseDays === null ? null : { value: s.firstResponseDays, unit: 'working_days' },
      resolution: s.resolutionDays === null ? null : { value: s.resolutionDays, unit: 'working_days' },
      calendar: { timeZone: site.timeZone, openingHours: site.openingHours, closures: site.upcomingClosures.map((c) => ({ date: c.date, name: c.name, kind: c.kind })), closesOnCutiBersama: site.closesOnCutiBersama },
      history,
      now: clock.now(),
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
  }, 180_000);
  afterAll(async () => t?.close());

  it('should answer the defaults until saved, and refuse agency staff, another MPP and bad values without saving', async () => {
    const initial = (await t.http().get(url()).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintSettingsResponse;
    expect(initial).toEqual({ siteCode: 'kota-kupang', ...DEFAULT_COMPLAINT_SETTINGS, legalDefault: { firstResponseDays: 14, resolutionDays: 60, unit: 'calendar_days' }, updatedAt: null });

    for (const token of [staff.dukcapilAdmin, staff.dukcapilOfficer, staff.probolinggoSiteAdmin]) {
      expect((await t.http().get(url()).auth(token, { type: 'bearer' })).status).toBe(403);
      expect((await t.http().put(url()).auth(token, { type: 'bearer' }).send(valid)).status).toBe(403);
    }
    expect((await t.http().put(url()).send(valid)).status).toBe(401);
    expect((await t.http().get(url('tidak-ada')).auth(staff.system, { type: 'bearer' })).status).toBe(404);

    const put = (body: object) => t.http().put(url()).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send(body);
    for (const bad of [{ firstResponseDays: 0 }, { resolutionDays: 61 }, { untouchedDays: 0 }, { reopenDays: 91 }]) {
      const res = await put({ ...valid, ...bad });
      expect({ status: res.status, code: res.body.code, field: res.body.fields?.[0]?.field }).toEqual({ status: 422, code: 'COMPLAINT_SETTINGS_OUT_OF_RANGE', field: Object.keys(bad)[0] });
      expect(res.body.message.id).toMatch(/harus/);
      expect(res.body.message.en).toMatch(/must be/);
    }
    const order = await put({ ...valid, firstResponseDays: 11, resolutionDays: 10 });
    expect({ status: order.status, code: order.body.code }).toEqual({ status: 422, code: 'COMPLAINT_FIRST_RESPONSE_AFTER_RESOLUTION' });
    expect(order.body.message).toEqual({ id: expect.stringContaining('tanggapan pertama'), en: expect.stringContaining('first response') });
    expect((await put({ ...valid, untouchedDays: undefined })).status).toBe(400);
    expect((await put({ ...valid, reopenDays: 'lima' })).status).toBe(400);
    expect((await put({ ...valid, extra: 1 })).status).toBe(400);

    expect((await db().query(`SELECT count(*)::int AS n FROM complaint_setting`)) as { n: number }[]).toEqual([{ n: 0 }]);
    expect((await db().query(`SELECT count(*)::int AS n FROM admin_audit WHERE action = 'site.complaint_settings'`)) as { n: number }[]).toEqual([{ n: 0 }]);
  });

  it("should recompute an open complaint's due dates on save, write the audit row and read back what was saved", async () => {
    const before = await fileNamed(staff.dukcapil.id);
    const legal = await expectedClocks([{ status: 'received', at: clock.now() }], { firstResponseDays: null, resolutionDays: null });
    expect((await rowOf(before.code)).first_response_due_at).toEqual(legal.firstResponse.due);

    const saved = (await t.http().put(url()).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send(valid).expect(200)).body as ComplaintSettingsResponse;
    expect(saved).toMatchObject({ siteCode: 'kota-kupang', ...valid, updatedAt: clock.now().toISOString() });
    expect((await t.http().get(url()).auth(staff.system, { type: 'bearer' }).expect(200)).body).toEqual(saved);

    // The open complaint follows the new times at once (the inbox and the escalation job read these columns).
    const site = await expectedClocks([{ status: 'received', at: clock.now() }], valid);
    const row = await rowOf(before.code);
    expect(row.first_response_due_at).toEqual(site.firstResponse.due);
    expect(row.resolution_due_at).toEqual(site.resolution.due);
    expect(site.firstResponse.due).not.toEqual(legal.firstResponse.due);

    const siteId = ((await db().query(`SELECT id FROM site WHERE code = 'kota-kupang'`)) as { id: string }[])[0].id;
    const audit = await auditRows(siteId);
    expect(audit.filter((a) => a.action === 'site.complaint_settings')).toEqual([
      expect.objectContaining({
        entity_type: 'site',
        site_id: siteId,
        actor_id: await staffIdOf('admin.kupang@mpp.test'),
        before: { firstResponseDays: null, resolutionDays: null, untouchedDays: 7, reopenDays: 14 },
        after: valid,
      }),
    ]);
  });

  it("should count the site's working days across cuti bersama, Christmas and the weekend, and flag untouched after the site's days", async () => {
    const created = await fileNamed(staff.dukcapil.id);
    const row = await rowOf(created.code);
    const expected = await expectedClocks([{ status: 'received', at: clock.now() }], valid);
    expect(row.first_response_due_at).toEqual(expected.firstResponse.due);
    expect(row.resolution_due_at).toEqual(expected.resolution.due);
    // 3 working days from Tuesday 22 December on Kupang's calendar (open Monday–Saturday): Wednesday 23, (24 cuti bersama,
    // 25 Christmas), Saturday 26, (Sunday 27), Monday 28 at closing; the legal default would count calendar days.
    const due = expected.firstResponse.due!;
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(due)).toBe('2026-12-28');
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(due)).toBe('15:30');
    const view = (await t.http().get(admin(row.id as string)).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintStaffResponse;
    expect(view.firstResponse).toMatchObject({ dueAt: due.toISOString(), source: 'site' });
    expect(view.resolution).toMatchObject({ dueAt: expected.resolution.due!.toISOString(), source: 'site' });

    // Untouched after the site's 2 days (not the default 7): the inbox, the view and the red flag agree with isComplaintUntouched.
    clock.advance(2 * 86_400_000);
    try {
      const inbox = (await t.http().get(admin()).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintInboxResponse;
      const item = inbox.items.find((i) => i.code === created.code)!;
      expect(item.untouched).toBe(isComplaintUntouched('received', row.last_handler_action_at as Date, clock.now(), valid.untouchedDays));
      expect(item.untouched).toBe(true);
      expect(isComplaintUntouched('received', row.last_handler_action_at as Date, clock.now())).toBe(false);
      const flags = (await t.http().get('/api/v1/admin/sites/kota-kupang/red-flags').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as RedFlagListResponse;
      const flag = flags.items.find((f) => f.key === `untouched_complaints:${staff.dukcapil.id}`);
      expect(flag).toMatchObject({ threshold: valid.untouchedDays });
      expect((flag!.links as { complaintCodes: string[] }).complaintCodes).toContain(created.code);
    } finally {
      clock.advance(-2 * 86_400_000);
    }
  });

  it("should let the reporter reopen within the site's reopen period only", async () => {
    const created = await fileNamed(staff.dukcapil.id);
    const id = (await rowOf(created.code)).id as string;
    await t.http().post(admin(id, '/steps/answer')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: 'Petugas sudah ditegur.' }).expect(200);
    const view = (await t.http().get(`/api/v1/complaints/${created.code}`).set('X-Complaint-Secret', created.secret).expect(200)).body as { reopenUntil: string };
    expect(view.reopenUntil).toBe(new Date(clock.now().getTime() + valid.reopenDays * 86_400_000).toISOString());
    clock.advance(valid.reopenDays * 86_400_000 + 60_000);
    try {
      const late = await t.http().post(`/api/v1/complaints/${created.code}/reopen`).set('X-Complaint-Secret', created.secret).send({ text: 'Masih terjadi.' });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 422, code: 'COMPLAINT_REOPEN_PERIOD_OVER' });
    } finally {
      clock.advance(-(valid.reopenDays * 86_400_000 + 60_000));
    }
    await t.http().post(`/api/v1/complaints/${created.code}/reopen`).set('X-Complaint-Secret', created.secret).send({ text: 'Masih terjadi.' }).expect(200);
  });

  it('should write a step, an assignment, a re-route and a merge to admin_audit with the changed fields only, never the text or the reporter; a note not at all', async () => {
    const created = await fileNamed(staff.dukcapil.id);
    const id = (await rowOf(created.code)).id as string;
    const officerId = await staffIdOf('petugas.dukcapil@mpp.test');
    await t.http().post(admin(id, '/steps/verify')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({}).expect(200);
    await t.http().post(admin(id, '/notes')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: 'catatan internal 8812' }).expect(201);
    await t.http().put(admin(id, '/assignee')).auth(staff.dukcapilAdmin, { type: 'bearer' }).send({ staffId: officerId }).expect(200);
    await t.http().post(admin(id, '/reroute')).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ agencyId: staff.polresta.id, reason: 'Pungutan liar: ranah Polresta' }).expect(200);
    const duplicate = await fileNamed(staff.polresta.id);
    const duplicateId = (await rowOf(duplicate.code)).id as string;
    await t.http().post(admin(duplicateId, '/merge')).auth(staff.polrestaAdmin, { type: 'bearer' }).send({ intoCode: created.code }).expect(200);

    const siteId = ((await db().query(`SELECT id FROM site WHERE code = 'kota-kupang'`)) as { id: string }[])[0].id;
    const rows = await auditRows(id);
    expect(rows.map((r) => ({ action: r.action, before: r.before, after: r.after, agency: r.agency_id, actor: r.actor_id }))).toEqual([
      { action: 'complaint.step', before: { status: 'received' }, after: { status: 'verified' }, agency: staff.dukcapil.id, actor: officerId },
      { action: 'complaint.assign', before: { assignedStaffId: null }, after: { assignedStaffId: officerId }, agency: staff.dukcapil.id, actor: await staffIdOf('admin.dukcapil@mpp.test') },
      {
        action: 'complaint.reroute',
        before: { agencyId: staff.dukcapil.id, assignedStaffId: officerId },
        after: { agencyId: staff.polresta.id, assignedStaffId: null },
        agency: staff.dukcapil.id,
        actor: await staffIdOf('admin.kupang@mpp.test'),
      },
    ]);
    for (const r of rows) expect(r).toMatchObject({ entity_type: 'complaint', entity_label: created.code, site_id: siteId });
    const merge = await auditRows(duplicateId);
    expect(merge.map((r) => ({ action: r.action, before: r.before, after: r.after, agency: r.agency_id }))).toEqual([
      { action: 'complaint.merge', before: { status: 'received', mergedInto: null }, after: { status: 'closed', mergedInto: created.code }, agency: staff.polresta.id },
    ]);

    // Nothing the reporter wrote or is: not the text, the note, the reason, the name or the phone.
    const all = JSON.stringify(await db().query(`SELECT * FROM admin_audit WHERE entity_type = 'complaint'`));
    for (const secret of [TEXT, 'catatan internal 8812', 'Pungutan liar', NAME, '3955', created.secret]) expect(all).not.toContain(secret);
    // The audit screen's reader sees them: the site admin by site, the agency admin by their agency.
    const asAgency = (await t.http().get(`/api/v1/admin/audit?entityId=${id}`).auth(staff.dukcapilAdmin, { type: 'bearer' }).expect(200)).body as { items: { action: string }[] };
    expect(asAgency.items.map((i) => i.action).sort()).toEqual(['complaint.assign', 'complaint.reroute', 'complaint.step']);
  });
});
