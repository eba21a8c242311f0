import type { ComplaintCreatedResponse, ComplaintInboxResponse, ComplaintSummaryResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { PiiCipher } from '../src/common/pii-cipher';
import { ComplaintEscalation } from '../src/complaints/complaint-escalation';
import { NotificationsService } from '../src/notifications/notifications.service';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const NAME = 'Fransiska Luruk Bere';
const PHONE = '0812-4660-3198';
const EMAIL = 'fransiska.bere@contoh.id';
const TEXT = 'Berkas pindah domisili saya hilang dua kali dan harus diulang dari awal.';
const MINUTE = 60_000;

interface EscalationMail {
  complaintCode: string;
  to: string;
  subject: string;
  body: string;
}

/** Escalation when a complaint's clock runs out (docs/complaints.md, Escalation): once, to the right people, nothing personal. */
describe(ComplaintEscalation.name, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let sut: ComplaintEscalation;
  // Thursday 3 December 2026, 10:00 WITA.
  const start = new Date('2026-12-03T02:00:00Z');
  const clock = new FixedClock(start);
  const db = () => t.app.get(DataSource);
  const admin = (id?: string, tail = '') => `/api/v1/admin/sites/kota-kupang/complaints${id ? `/${id}` : ''}${tail}`;

  async function file(body: Record<string, unknown>): Promise<ComplaintCreatedResponse & { id: string }> {
    const created = (await t.http().post('/api/v1/complaints').send({ siteCode: 'kota-kupang', kind: 'complaint', text: TEXT, language: 'id', ...body }).expect(201)).body as ComplaintCreatedResponse;
    const [{ id }] = (await db().query(`SELECT id FROM complaint WHERE code = $1`, [created.code])) as { id: string }[];
    return { ...created, id };
  }
  const row = async (id: string) =>
    ((await db().query(`SELECT status, site_id, agency_id, first_response_due_at, resolution_due_at, first_response_escalated_at, resolution_escalated_at FROM complaint WHERE id = $1`, [id])) as {
      status: string;
      site_id: string;
      agency_id: string | null;
      first_response_due_at: Date;
      resolution_due_at: Date;
      first_response_escalated_at: Date | null;
      resolution_escalated_at: Date | null;
    }[])[0];
  const escalatedEvents = async (id: string) =>
    (await db().query(`SELECT actor_kind, actor_id, internal, note_cipher, details FROM complaint_event WHERE complaint_id = $1 AND action = 'escalated' ORDER BY id`, [id])) as {
      actor_kind: string;
      actor_id: string | null;
      internal: boolean;
      note_cipher: string | null;
      details: { clock: string; dueAt: string };
    }[];
  /** Every escalation email in the outbox, decrypted. */
  async function mails(): Promise<EscalationMail[]> {
    const cipher = t.app.get(PiiCipher);
    const rows = (await db().query(`SELECT recipient_cipher, subject, body_cipher FROM outbox_message WHERE template = 'complaint-escalated' ORDER BY id`)) as { recipient_cipher: string; subject: string; body_cipher: string }[];
    return rows.map((r) => {
      const body = cipher.decrypt(r.body_cipher);
      return { complaintCode: /Pengaduan ([0-9A-Z]{8})/.exec(body)![1], to: cipher.decrypt(r.recipient_cipher), subject: r.subject, body };
    });
  }
  /** The people the rule names, read from the stored accounts: the agency's active admins and the site's (site admins alone without an agency). */
  async function expectedRecipients(siteId: string, agencyId: string | null): Promise<string[]> {
    const rows = (await db().query(`SELECT email, role, site_id, agency_id, active FROM staff_user`)) as { email: string; role: string; site_id: string | null; agency_id: string | null; active: boolean }[];
    return rows
      .filter((u) => u.active && ((u.role === 'site_admin' && u.site_id === siteId) || (agencyId !== null && u.role === 'agency_admin' && u.agency_id === agencyId)))
      .map((u) => u.email)
      .sort();
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    sut = t.app.get(ComplaintEscalation);
  }, 180_000);
  afterAll(async () => {
    await t?.app.get(NotificationsService).drain();
    await t?.close();
  });

  it('should escalate a first response that ran out once, even when two runs race, to the agency admins and the site admins only, with nothing personal', async () => {
    const named = await file({ subject: 'service', agencyId: staff.dukcapil.id, anonymity: 'named', reporterName: NAME, reporterPhone: PHONE, reporterEmail: EMAIL });
    const facilities = await file({ subject: 'facilities', anonymity: 'anonymous' });
    expect(await sut.run()).toEqual({ complaints: [], messages: 0 });

    const due = (await row(named.id)).first_response_due_at;
    clock.set(new Date(due.getTime() - MINUTE));
    expect((await sut.run()).complaints).toEqual([]);
    clock.set(new Date(due.getTime() + MINUTE));

    // Two passes at once (two API processes): each complaint is escalated by one of them only.
    const [a, b] = await Promise.all([sut.run(), sut.run()]);
    expect([...a.complaints, ...b.complaints].sort()).toEqual([named.id, facilities.id].sort());
    expect(await sut.run()).toEqual({ complaints: [], messages: 0 });

    const namedRow = await row(named.id);
    const facilitiesRow = await row(facilities.id);
    const toNamed = await expectedRecipients(namedRow.site_id, staff.dukcapil.id);
    const toFacilities = await expectedRecipients(facilitiesRow.site_id, null);
    expect(toNamed).toEqual(['admin.dukcapil@mpp.test', 'admin.kupang@mpp.test']);
    expect(toFacilities).toEqual(['admin.kupang@mpp.test']);
    const sent = await mails();
    expect(a.messages + b.messages).toBe(sent.length);
    expect(sent.filter((m) => m.complaintCode === named.code).map((m) => m.to).sort()).toEqual(toNamed);
    expect(sent.filter((m) => m.complaintCode === facilities.code).map((m) => m.to).sort()).toEqual(toFacilities);

    // The trail: one system event per clock, internal, without text; the row marked at the run's time.
    for (const id of [named.id, facilities.id]) {
      const events = await escalatedEvents(id);
      expect(events).toEqual([{ actor_kind: 'system', actor_id: null, internal: true, note_cipher: null, details: { clock: 'first_response', dueAt: (await row(id)).first_response_due_at.toISOString() } }]);
      expect((await row(id)).first_response_escalated_at).toEqual(clock.now());
      expect((await row(id)).resolution_escalated_at).toBeNull();
    }

    // The message: the code, the clock, the due time and the staff app's link; never the reporter or the text.
    const mail = sent.find((m) => m.complaintCode === named.code)!;
    expect(mail.body).toContain(`/counter/pengaduan/${named.id}`);
    expect(mail.body).toContain(staff.dukcapil.name);
    expect(mail.body).toContain('tanggapan pertama');
    expect(mail.subject).toContain(named.code);
    const outbox = JSON.stringify(await db().query(`SELECT * FROM outbox_message WHERE template = 'complaint-escalated'`));
    for (const m of sent) {
      for (const personal of [NAME, PHONE, '4660', EMAIL, TEXT.slice(0, 20), named.secret, facilities.secret]) {
        expect(m.body).not.toContain(personal);
        expect(m.subject).not.toContain(personal);
        expect(outbox).not.toContain(personal);
      }
    }

    // The inbox flags it and the summary counts it (the facilities line too).
    const inbox = (await t.http().get(admin()).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintInboxResponse;
    expect(inbox.items.find((i) => i.id === named.id)?.escalated).toEqual(['first_response']);
    const summary = (await t.http().get(admin(undefined, '/summary')).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintSummaryResponse;
    const escalatedBySql = (await db().query(
      `SELECT agency_id, count(*)::int AS n FROM complaint WHERE site_id = $1 AND status NOT IN ('answered', 'closed') AND (first_response_escalated_at IS NOT NULL OR resolution_escalated_at IS NOT NULL) GROUP BY agency_id`,
      [namedRow.site_id],
    )) as { agency_id: string | null; n: number }[];
    for (const line of summary.agencies) expect(line.escalated).toBe(escalatedBySql.find((r) => r.agency_id === line.agencyId)?.n ?? 0);
    expect(summary.agencies.find((l) => l.agencyId === staff.dukcapil.id)?.escalated).toBe(1);
    expect(summary.oldestOpen.find((o) => o.id === named.id)?.escalated).toEqual(['first_response']);
  });

  it('should skip a complaint another transaction holds and escalate it at the next run', async () => {
    clock.set(start);
    const held = await file({ subject: 'service', agencyId: staff.polresta.id, anonymity: 'anonymous' });
    clock.set(new Date((await row(held.id)).first_response_due_at.getTime() + MINUTE));
    const runner = db().createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM complaint WHERE id = $1 FOR UPDATE`, [held.id]);
      expect((await sut.run()).complaints).not.toContain(held.id);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    const next = await sut.run();
    expect(next.complaints).toEqual([held.id]);
    expect((await mails()).filter((m) => m.complaintCode === held.code).map((m) => m.to).sort()).toEqual(await expectedRecipients((await row(held.id)).site_id, staff.polresta.id));
    expect((await mails()).some((m) => m.complaintCode === held.code && m.to === 'admin.dukcapil@mpp.test')).toBe(false);
  });

  it("should escalate the resolution once, and again after a reopen's new resolution clock runs out", async () => {
    clock.set(start);
    const c = await file({ subject: 'service', agencyId: staff.dukcapil.id, anonymity: 'named', reporterName: NAME, reporterPhone: PHONE });
    await t.http().post(admin(c.id, '/steps/verify')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({}).expect(200);
    clock.set(new Date((await row(c.id)).resolution_due_at.getTime() + MINUTE));
    expect((await sut.run()).complaints).toContain(c.id);
    expect((await sut.run()).complaints).not.toContain(c.id);
    // The first response was given in time: only the resolution is escalated.
    expect((await escalatedEvents(c.id)).map((e) => e.details.clock)).toEqual(['resolution']);

    await t.http().post(admin(c.id, '/steps/start')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({}).expect(200);
    await t.http().post(admin(c.id, '/steps/answer')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: 'Berkas sudah ditemukan dan diproses.' }).expect(200);
    await t.http().post(`/api/v1/complaints/${c.code}/reopen`).set('X-Complaint-Secret', c.secret).send({ text: 'Belum selesai juga.' }).expect(200);
    const reopened = await row(c.id);
    expect(reopened).toMatchObject({ status: 'reopened', resolution_escalated_at: null });
    expect(reopened.resolution_due_at.getTime()).toBeGreaterThan(clock.now().getTime());
    expect((await sut.run()).complaints).not.toContain(c.id);

    clock.set(new Date(reopened.resolution_due_at.getTime() + MINUTE));
    expect((await sut.run()).complaints).toContain(c.id);
    const events = await escalatedEvents(c.id);
    expect(events.map((e) => e.details)).toEqual([
      { clock: 'resolution', dueAt: expect.any(String) },
      { clock: 'resolution', dueAt: reopened.resolution_due_at.toISOString() },
    ]);
    expect((await mails()).filter((m) => m.complaintCode === c.code)).toHaveLength(2 * (await expectedRecipients(reopened.site_id, staff.dukcapil.id)).length);
  });

  it('should not escalate the resolution while the reporter is asked, nor an answered complaint', async () => {
    clock.set(start);
    const waiting = await file({ subject: 'service', agencyId: staff.dukcapil.id, anonymity: 'named', reporterName: NAME, reporterPhone: PHONE });
    const answered = await file({ subject: 'service', agencyId: staff.dukcapil.id, anonymity: 'anonymous' });
    for (const step of ['verify', 'start']) await t.http().post(admin(waiting.id, `/steps/${step}`)).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({}).expect(200);
    await t.http().post(admin(waiting.id, '/steps/ask-citizen')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: 'Kapan berkas diserahkan?' }).expect(200);
    await t.http().post(admin(answered.id, '/steps/answer')).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: 'Sudah kami tindak lanjuti.' }).expect(200);
    clock.advance(400 * 86_400_000);
    const result = await sut.run();
    expect(result.complaints).not.toContain(waiting.id);
    expect(result.complaints).not.toContain(answered.id);
    expect(await escalatedEvents(waiting.id)).toEqual([]);
    expect(await escalatedEvents(answered.id)).toEqual([]);
  });
});
