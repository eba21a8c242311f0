import type { ApplicationCreatedResponse, ApplicationFlagKindName, ApplicationInboxItem, ApplicationInboxResponse, ApplicationResponse } from '@mpp/contracts';
import { addDaysToLocalDate, applicationFlagsAt, currentWorkingDayClose, dueDateFrom, localDate, zonedToUtc, type FlagCalendar } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { ApplicationFlags } from '../src/applications/application-flags';
import { ApplicationService } from '../src/applications/application.service';
import { CatalogueRepository } from '../src/catalogue/catalogue.repository';
import { FixedClock } from '../src/common/clock';
import { uploadMandatoryDocuments } from './support/application-documents';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The inbox's flags follow the flag job's rule (libs/domain applicationFlagsAt): due_soon is "due by
 * the close of the site's current working day", not "within 24 hours", and at_risk is in the inbox.
 * Kupang (WITA) opens Monday–Saturday (Saturday mornings only); Monday 17 August 2026 is
 * Independence Day. Every expectation is computed from the site's calendar as the catalogue holds it.
 */
const KUPANG = 'Asia/Makassar';
const wita = (date: string, time: string): Date => zonedToUtc(date, time, KUPANG);
/** Thursday: the application becomes complete (its clock starts). */
const THURSDAY_0900 = wita('2026-08-13', '09:00');
const DAY_MS = 86_400_000;

const FLAG_FILTERS: readonly ApplicationFlagKindName[] = ['due_soon', 'overdue', 'at_risk'];

describe(`${ApplicationService.name}: the inbox's flags across a weekend and a holiday`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let kartuKeluarga: string;
  let calendar: FlagCalendar;
  const clock = new FixedClock(THURSDAY_0900);
  const db = () => t.app.get(DataSource);

  const officer = (id: string, action: string, body: object = {}) =>
    t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send(body);

  const inbox = async (query: Record<string, string> = {}): Promise<ApplicationInboxItem[]> =>
    ((await t.http().get('/api/v1/agency/applications').query({ limit: 100, ...query }).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as ApplicationInboxResponse).items;

  const openJobFlags = async (applicationId: string): Promise<string[]> =>
    ((await db().query(`SELECT kind FROM application_flag WHERE application_id = $1 AND resolved_at IS NULL ORDER BY kind`, [applicationId])) as { kind: string }[]).map((r) => r.kind);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    kartuKeluarga = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
    const catalogue = t.app.get(CatalogueRepository);
    const site = (await catalogue.findSiteByCode('kota-kupang'))!;
    const closures = await catalogue.listClosuresBetween(site, '2026-08-01', '2026-10-31');
    calendar = { timeZone: site.timeZone, openingHours: site.openingHours, closures, closesOnCutiBersama: site.closesOnCutiBersama };
  }, 180_000);
  afterAll(async () => t?.close());

  /** A new application, submitted, verified and complete now (its clock running), by the Dukcapil officer. */
  const completeApplication = async (): Promise<ApplicationResponse> => {
    const created = (await t.http().post('/api/v1/applications').send({ serviceId: kartuKeluarga, nik: '5371014101900123', fullName: 'Maria Goreti Lake', phone: '0813-5555-6666' }).expect(201))
      .body as ApplicationCreatedResponse;
    await uploadMandatoryDocuments(t, created.application, { secret: created.secret });
    await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set('X-Application-Secret', created.secret!).send({}).expect(200);
    const { id } = created.application;
    await officer(id, 'start-verification').expect(200);
    for (const item of created.application.items) await officer(id, `items/${item.requirementId}`, { state: 'accepted' }).expect(200);
    return (await officer(id, 'accept').expect(200)).body as ApplicationResponse;
  };

  it('should flag due soon by the site’s working day (Saturday’s close, over Sunday and the holiday), then overdue and at risk, as the flag job does', async () => {
    clock.set(THURSDAY_0900);
    const complete = await completeApplication();
    const { id } = complete;
    const service = (await t.http().get(`/api/v1/services/${kartuKeluarga}`).expect(200)).body as { completionTime: { value: number; unit: 'working_days' } };
    const due = dueDateFrom(THURSDAY_0900, service.completionTime, calendar);
    expect(complete.clock.dueAt).toBe(due.toISOString());
    const legalDue = new Date(complete.clock.legalDueAt!);

    // Every hour from Thursday to two days past the legal deadline, and each minute around each close.
    const instants: Date[] = [];
    for (let at = THURSDAY_0900.getTime(); at <= legalDue.getTime() + 2 * DAY_MS; at += 3_600_000) instants.push(new Date(at));
    for (let date = localDate(THURSDAY_0900, KUPANG); date <= localDate(new Date(legalDue.getTime() + DAY_MS), KUPANG); date = addDaysToLocalDate(date, 1)) {
      const close = currentWorkingDayClose(wita(date, '00:00'), calendar);
      if (close) instants.push(new Date(close.getTime() - 60_000), close, new Date(close.getTime() + 60_000));
    }
    instants.push(due, new Date(due.getTime() + 1), legalDue, new Date(legalDue.getTime() + 1));
    instants.sort((a, b) => a.getTime() - b.getTime());

    const seen = new Set<string>();
    let differsFrom24h = 0;
    for (const now of instants) {
      clock.set(now);
      const expected = applicationFlagsAt({ state: 'complete', clockPhase: 'running', dueAt: due, legalDueAt: legalDue }, now, currentWorkingDayClose(now, calendar)).map((f) => f.kind).sort();
      const row = (await inbox()).find((r) => r.id === id)!;
      expect({ now, flags: [...row.flags].sort() }).toEqual({ now, flags: expected });
      expect({ now, flag: row.flag }).toEqual({ now, flag: expected.includes('at_risk') ? 'at_risk' : expected.includes('overdue') ? 'overdue' : expected[0] ?? null });
      for (const due of FLAG_FILTERS) {
        const listed = (await inbox({ due })).some((r) => r.id === id);
        expect({ now, due, listed }).toEqual({ now, due, listed: expected.includes(due) });
      }
      // The flag job, on the same clock, holds the same flags.
      await t.app.get(ApplicationFlags).sweep();
      expect({ now, job: await openJobFlags(id) }).toEqual({ now, job: expected });
      seen.add(expected.join('+') || 'none');
      const within24h = now.getTime() <= due.getTime() && due.getTime() - now.getTime() < DAY_MS;
      if (within24h !== expected.includes('due_soon')) differsFrom24h += 1;
    }
    // The walk met every case, and the old "within 24 hours" rule would have answered differently on the way.
    expect({ none: seen.has('none'), dueSoon: seen.has('due_soon'), atRisk: seen.has('at_risk+overdue') }).toEqual({ none: true, dueSoon: true, atRisk: true });
    expect(differsFrom24h).toBeGreaterThan(0);

    // Saturday after the site's noon close, the due date on Tuesday (Monday the holiday) is already due soon.
    const saturdayAfterClose = new Date(currentWorkingDayClose(wita('2026-08-15', '00:00'), calendar)!.getTime() + 60_000);
    expect(localDate(saturdayAfterClose, KUPANG)).toBe('2026-08-15');
    clock.set(saturdayAfterClose);
    expect((await inbox({ due: 'due_soon' })).map((r) => r.id)).toContain(id);
    clock.set(new Date(saturdayAfterClose.getTime() - 120_000));
    expect((await inbox({ due: 'due_soon' })).map((r) => r.id)).not.toContain(id);
  }, 300_000);

  it('should keep at risk in the inbox, as the job keeps its flag, for an application returned after its legal deadline, and not for one returned before', async () => {
    clock.set(THURSDAY_0900);
    const late = await completeApplication();
    const early = await completeApplication();
    for (const app of [late, early]) await officer(app.id, 'start-process').expect(200);
    const giveBack = async (app: ApplicationResponse) => {
      await officer(app.id, `items/${app.items[0].requirementId}`, { state: 'needs_revision', reason: 'Tanda tangan belum ada.' }).expect(200);
      return (await officer(app.id, 'return', { citizenDeadline: wita('2026-08-28', '15:00').toISOString() }).expect(200)).body as ApplicationResponse;
    };
    // Early is returned while still on time; late once past its legal deadline, after the job flagged it.
    expect((await giveBack(early)).clock.phase).toBe('paused');
    const pastLegal = new Date(new Date(late.clock.legalDueAt!).getTime() + 60_000);
    clock.set(pastLegal);
    const flags = t.app.get(ApplicationFlags);
    await flags.sweep();
    expect(await openJobFlags(late.id)).toEqual(['at_risk', 'overdue']);
    await giveBack(late);
    for (const now of [pastLegal, new Date(pastLegal.getTime() + 3 * DAY_MS)]) {
      clock.set(now);
      await flags.sweep();
      const rows = await inbox({ state: 'returned' });
      const row = (id: string) => rows.find((r) => r.id === id)!;
      expect({ now, late: row(late.id).flags, early: row(early.id).flags, flag: row(late.id).flag }).toEqual({ now, late: ['at_risk'], early: [], flag: 'at_risk' });
      expect({ now, job: [await openJobFlags(late.id), await openJobFlags(early.id)] }).toEqual({ now, job: [['at_risk'], []] });
      const atRisk = (await inbox({ due: 'at_risk' })).map((r) => r.id);
      expect({ now, late: atRisk.includes(late.id), early: atRisk.includes(early.id) }).toEqual({ now, late: true, early: false });
    }
  }, 300_000);

  it('should refuse an unknown flag filter with a message naming the three', async () => {
    const res = await t.http().get('/api/v1/agency/applications').query({ due: 'soon' }).auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(400);
    expect(JSON.stringify(res.body)).toContain('at_risk');
  });
});
