import type { HallReportResponse, HallReportRow, LivePerformanceResponse, ReportGroup, ServiceResponse, SlotsResponse, TicketResponse } from '@mpp/contracts';
import { HISTOGRAM_CAP_SECONDS, HISTOGRAM_PRECISION_SECONDS, hourLabel, rate, summariseDurations } from '@mpp/domain';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { DayEndService } from '../src/queue/day-end.service';
import { ReportsRollup } from '../src/reports/reports-rollup';
import { REPORT_COLUMNS } from '../src/reports/report-export';
import { counterAction, Hall, issue, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/** Kupang (WITA, UTC+8) on Monday 23 November 2026 at a local time. */
const DAY = '2026-11-23';
const kupang = (hhmm: string, date = DAY) => `${date}T${hhmm}:00+08:00`;
const KUPANG_OFFSET_HOURS = 8;
const nikFor = (serial: number) => `537101010190${String(serial).padStart(4, '0')}`;

interface TicketFacts {
  id: string;
  serviceId: string;
  agencyId: string;
  source: string;
  issuedAt: Date;
  counterId: string | null;
  /** From the events: the last one's to_status, 'waiting' when none. */
  status: string;
  waitSeconds: number | null;
  serviceSeconds: number | null;
  officerId: string | null;
  hour: string;
}

/** Splits RFC 4180 CSV (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('Hall performance reports (issue 15)', () => {
  let t: TestApp;
  let h: Hall;
  const clock = new FixedClock(new Date(kupang('09:00')));
  const at = (hhmm: string, date = DAY) => clock.set(kupang(hhmm, date));
  const db = () => t.app.get(DataSource);
  let siteId: string;
  const issuedToday: TicketResponse[] = [];
  let bookedKtp = 0;
  /** The seats of the day's KTP-el slots, as the booking page offers them. */
  let ktpSeats = 0;

  const report = (token: string, query: Record<string, string>) => t.http().get('/api/v1/admin/reports/hall').auth(token, { type: 'bearer' }).query({ site: 'kota-kupang', from: DAY, to: DAY, ...query });
  const live = (token: string, site = 'kota-kupang') => t.http().get(`/api/v1/admin/sites/${site}/performance/live`).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    const kk = (await t.http().get(`/api/v1/services/${h.services.kk}`).expect(200)).body as ServiceResponse;
    await t.http().patch(`/api/v1/admin/services/${h.services.kk}`).auth(h.system, { type: 'bearer' }).send({ queue: { ...kk.queue, onlineTicketEnabled: true } }).expect(200);
    siteId = ((await db().query(`SELECT id FROM site WHERE code = 'kota-kupang'`)) as { id: string }[])[0]!.id;

    // A known day. 09:00: the morning's tickets from the kiosk, an officer and from home.
    at('09:00');
    for (const service of [h.services.ktpBaru, h.services.ktpBaru, h.services.kk, h.services.skck, h.services.skck, h.services.akta]) {
      issuedToday.push(await issue(t, h.kiosk, service));
    }
    at('09:02');
    issuedToday.push(await issue(t, h.officers.dukcapil1, h.services.kk));
    const online = await t.http().post('/api/v1/queue/online-tickets').send({ serviceId: h.services.kk, nik: nikFor(1), fullName: 'Yohanes Benyamin Nalle', phone: '0813-3901-2277' });
    expect([200, 201]).toContain(online.status);
    const cancelledOnline = await t.http().post('/api/v1/queue/online-tickets').send({ serviceId: h.services.kk, nik: nikFor(2), fullName: 'Maria Goreti Lada', phone: '0812-3456-7890' });
    expect([200, 201]).toContain(cancelledOnline.status);
    await t.http().post(`/api/v1/tickets/${(cancelledOnline.body as { publicCode: string }).publicCode}/cancel`).expect(200);
    const slots = (await t.http().get(`/api/v1/services/${h.services.ktpBaru}/slots`).query({ date: DAY }).expect(200)).body as SlotsResponse;
    ktpSeats = slots.slots.reduce((sum, s) => sum + s.capacity, 0);
    // Two bookings for this afternoon's slots.
    for (const [serial, start] of [[3, '14:00'], [4, '14:30']] as const) {
      await t.http().post('/api/v1/bookings').send({ serviceId: h.services.ktpBaru, date: DAY, start, nik: nikFor(serial), fullName: 'Warga Uji', phone: '0812-3456-7890' }).expect(201);
      bookedKtp++;
    }

    const act = async (hhmm: string, officer: string, counter: { id: string }, action: string) => {
      at(hhmm);
      await counterAction(t, officer, counter, action).expect(200);
    };
    await act('09:05', h.officers.dukcapil1, h.counters.dukcapil1, 'call-next');
    await act('09:06', h.officers.dukcapil1, h.counters.dukcapil1, 'start');
    await act('09:08', h.officers.dukcapil2, h.counters.dukcapil2, 'call-next');
    await act('09:09', h.officers.dukcapil2, h.counters.dukcapil2, 'start');
    await act('09:10', h.officers.polresta, h.counters.polresta, 'call-next');
    await act('09:20', h.officers.dukcapil1, h.counters.dukcapil1, 'finish');
    await act('09:21', h.officers.dukcapil1, h.counters.dukcapil1, 'call-next');
    await act('09:22', h.officers.dukcapil1, h.counters.dukcapil1, 'start');
    await act('09:25', h.officers.polresta, h.counters.polresta, 'no-show');
    await act('09:26', h.officers.polresta, h.counters.polresta, 'call-next');
    await act('09:27', h.officers.polresta, h.counters.polresta, 'start');
    await act('09:31', h.officers.dukcapil2, h.counters.dukcapil2, 'finish');
    await act('09:40', h.officers.polresta, h.counters.polresta, 'finish');
    await act('10:05', h.officers.dukcapil1, h.counters.dukcapil1, 'finish');
    at('10:15');
    issuedToday.push(await issue(t, h.kiosk, h.services.ktpBaru));
    await act('10:16', h.officers.dukcapil2, h.counters.dukcapil2, 'call-next');
    await act('10:30', h.officers.dukcapil2, h.counters.dukcapil2, 'no-show');
    await act('10:31', h.officers.dukcapil2, h.counters.dukcapil2, 'call-next');
    await act('10:33', h.officers.dukcapil2, h.counters.dukcapil2, 'start');
    await act('10:50', h.officers.polresta, h.counters.polresta, 'pause');
    at('11:00');
  }, 180_000);
  afterAll(async () => t?.close());

  /** Every ticket of the day with what its events say: status, wait, service time, closing officer. */
  async function factsOfDay(): Promise<TicketFacts[]> {
    const tickets = (await db().query(
      `SELECT t.id, t.service_id, s.agency_id, t.source, t.issued_at, t.counter_id
         FROM ticket t JOIN service s ON s.id = t.service_id WHERE t.site_id = $1 AND t.local_date = $2`,
      [siteId, DAY],
    )) as { id: string; service_id: string; agency_id: string; source: string; issued_at: Date; counter_id: string | null }[];
    const events = (await db().query(`SELECT ticket_id, action, to_status, at, actor_user_id FROM ticket_event WHERE ticket_id = ANY($1::uuid[]) ORDER BY id`, [
      tickets.map((x) => x.id),
    ])) as { ticket_id: string; action: string; to_status: string; at: Date; actor_user_id: string | null }[];
    return tickets.map((x) => {
      const own = events.filter((e) => e.ticket_id === x.id);
      const firstCall = own.find((e) => e.action === 'call');
      const starts = own.filter((e) => e.action === 'start');
      const finish = own.find((e) => e.action === 'finish');
      const closing = [...own].reverse().find((e) => e.action === 'finish' || e.action === 'no_show');
      const status = own.length ? own[own.length - 1]!.to_status : 'waiting';
      return {
        id: x.id,
        serviceId: x.service_id,
        agencyId: x.agency_id,
        source: x.source,
        issuedAt: x.issued_at,
        counterId: x.counter_id,
        status,
        waitSeconds: firstCall ? (firstCall.at.getTime() - x.issued_at.getTime()) / 1000 : null,
        serviceSeconds: status === 'done' && finish ? (finish.at.getTime() - starts[starts.length - 1]!.at.getTime()) / 1000 : null,
        officerId: closing?.actor_user_id ?? null,
        hour: String((x.issued_at.getUTCHours() + KUPANG_OFFSET_HOURS) % 24).padStart(2, '0'),
      };
    });
  }

  /** The ticket figures a row must show for these tickets. */
  function expectedTicketFigures(list: TicketFacts[]) {
    const count = (f: (x: TicketFacts) => boolean) => list.filter(f).length;
    const served = count((x) => x.status === 'done');
    const noShow = count((x) => x.status === 'no_show');
    return {
      volumes: {
        kiosk: count((x) => x.source === 'kiosk'),
        booking: count((x) => x.source === 'booking'),
        online: count((x) => x.source === 'online'),
        staff: count((x) => x.source === 'staff'),
        tickets: list.length,
      },
      outcomes: {
        served,
        noShow,
        notServed: count((x) => x.status === 'not_served'),
        cancelled: count((x) => x.status === 'cancelled'),
        open: count((x) => ['waiting', 'called', 'serving'].includes(x.status)),
      },
      noShowRate: rate(noShow, served + noShow),
      wait: summariseDurations(list.map((x) => x.waitSeconds).filter((s): s is number => s !== null)),
      service: summariseDurations(list.map((x) => x.serviceSeconds).filter((s): s is number => s !== null)),
    };
  }

  const ticketPart = (row: HallReportRow) => ({
    volumes: { kiosk: row.volumes.kiosk, booking: row.volumes.booking, online: row.volumes.online, staff: row.volumes.staff, tickets: row.volumes.tickets },
    outcomes: row.outcomes,
    noShowRate: row.noShowRate,
    wait: row.wait,
    service: row.service,
  });

  const groupKey: Record<ReportGroup, (x: TicketFacts) => string | null> = {
    site: () => 'kota-kupang',
    agency: (x) => x.agencyId,
    service: (x) => x.serviceId,
    counter: (x) => x.counterId,
    officer: (x) => x.officerId,
    hour: (x) => x.hour,
  };

  describe('GET /admin/sites/:code/performance/live', () => {
    /** What the rows say now: waiting per service, counters' states and whether each holds or has people for it. */
    async function expectedLive(agencyId: string | null) {
      const services = (await db().query(
        `SELECT s.id, count(t.id) FILTER (WHERE t.status = 'waiting')::int AS waiting, min(t.queue_at) FILTER (WHERE t.status = 'waiting') AS oldest,
                count(t.id) FILTER (WHERE t.status = 'done')::int AS served, count(t.id) FILTER (WHERE t.status = 'no_show')::int AS no_show
           FROM service s LEFT JOIN ticket t ON t.service_id = s.id AND t.local_date = $2
          WHERE s.site_id = $1 AND s.retired_at IS NULL AND ($3::uuid IS NULL OR s.agency_id = $3) GROUP BY s.id`,
        [siteId, DAY, agencyId],
      )) as { id: string; waiting: number; oldest: Date | null; served: number; no_show: number }[];
      const counters = (await db().query(
        `SELECT c.id, c.state, array_agg(cs.service_id::text) AS services,
                EXISTS (SELECT 1 FROM ticket t WHERE t.counter_id = c.id AND t.status IN ('called', 'serving')) AS busy
           FROM counter c JOIN counter_service cs ON cs.counter_id = c.id JOIN service s ON s.id = cs.service_id
          WHERE c.site_id = $1 AND c.retired_at IS NULL AND ($2::uuid IS NULL OR s.agency_id = $2) GROUP BY c.id`,
        [siteId, agencyId],
      )) as { id: string; state: string; services: string[]; busy: boolean }[];
      const waitingOf = new Map(services.map((s) => [s.id, s.waiting]));
      const now = clock.now().getTime();
      const waits = services.filter((s) => s.waiting > 0).map((s) => Math.round((now - s.oldest!.getTime()) / 1000));
      const idle = counters.filter((c) => c.state === 'open' && !c.busy && c.services.some((id) => (waitingOf.get(id) ?? 0) > 0));
      return {
        waiting: services.reduce((sum, s) => sum + s.waiting, 0),
        longestWaitSeconds: waits.length ? Math.max(...waits) : null,
        counters: {
          open: counters.filter((c) => c.state === 'open').length,
          paused: counters.filter((c) => c.state === 'paused').length,
          closed: counters.filter((c) => c.state === 'closed').length,
          idle: idle.length,
        },
        servedToday: services.reduce((sum, s) => sum + s.served, 0),
        noShowsToday: services.reduce((sum, s) => sum + s.no_show, 0),
        idleIds: idle.map((c) => c.id).sort(),
      };
    }

    const summary = (sut: LivePerformanceResponse) => ({
      waiting: sut.waiting,
      longestWaitSeconds: sut.longestWaitSeconds,
      counters: sut.counters,
      servedToday: sut.servedToday,
      noShowsToday: sut.noShowsToday,
      idleIds: sut.counterList.filter((c) => c.idle).map((c) => c.counterId).sort(),
    });

    it('should give the figures of the hall now, as the ticket and counter rows say', async () => {
      const sut = (await live(h.kupangSiteAdmin).expect(200)).body as LivePerformanceResponse;

      expect(summary(sut)).toEqual(await expectedLive(null));
      expect(sut.localDate).toBe(DAY);
      expect(sut.waiting).toBeGreaterThan(0);
      expect(sut.counters.paused).toBeGreaterThanOrEqual(1);
    });

    it("should show an agency admin only their agency's services and counters", async () => {
      const sut = (await live(h.dukcapilAdmin).expect(200)).body as LivePerformanceResponse;

      expect(summary(sut)).toEqual(await expectedLive(h.dukcapil.id));
      const [{ count }] = (await db().query(`SELECT count(*)::int AS count FROM service WHERE agency_id <> $1 AND id = ANY($2::uuid[])`, [
        h.dukcapil.id,
        sut.services.map((s) => s.serviceId),
      ])) as { count: number }[];
      expect(count).toBe(0);
      expect(sut.counterList.map((c) => c.counterId)).not.toContain(h.counters.polresta.id);
    });

    it('should refuse another site, an officer and an agency admin at a site that is not theirs', async () => {
      expect((await live(h.probolinggoSiteAdmin).expect(403)).body.code).toBe('OTHER_SITE');
      await live(h.officers.polresta).expect(403);
      expect((await live(h.dukcapilAdmin, 'kota-probolinggo').expect(403)).body.code).toBe('OTHER_SITE');
    });
  });
  describe('GET /admin/reports/hall', () => {
    it('should count every ticket issued on the day and none of the next day', async () => {
      // The next morning: its ticket is not the day's, and the day's open tickets close as not served.
      at('09:00', '2026-11-24');
      await issue(t, h.kiosk, h.services.skck);

      const sut = (await report(h.kupangSiteAdmin, {}).expect(200)).body as HallReportResponse;

      // Every ticket this test issued that day: from the kiosk, the officer and home (one cancelled).
      expect(sut.total.volumes.tickets).toBe(issuedToday.length + 2);
      expect(sut.total.outcomes.cancelled).toBe(1);
      expect(sut.total.outcomes.served).toBeGreaterThan(0);
      expect(sut.total.outcomes.noShow).toBeGreaterThan(0);
      expect(sut.total.outcomes.notServed).toBeGreaterThan(0);
    });

    it.each(['site', 'agency', 'service', 'counter', 'officer', 'hour'] as ReportGroup[])(
      'should give per %s the figures computed from the day’s ticket events',
      async (groupBy) => {
        const facts = await factsOfDay();

        const sut = (await report(h.kupangSiteAdmin, { groupBy }).expect(200)).body as HallReportResponse;

        expect(ticketPart(sut.total)).toEqual(expectedTicketFigures(facts));
        const keys = [...new Set(facts.map(groupKey[groupBy]))];
        const withTickets = sut.rows.filter((r) => r.volumes.tickets > 0);
        expect(withTickets.map((r) => r.key).sort()).toEqual([...keys].sort());
        for (const key of keys) {
          const row = sut.rows.find((r) => r.key === key)!;
          expect({ key, ...ticketPart(row) }).toEqual({ key, ...expectedTicketFigures(facts.filter((x) => groupKey[groupBy](x) === key)) });
        }
        if (groupBy === 'hour') expect(sut.rows.map((r) => r.label)).toEqual(keys.sort().map((k) => hourLabel(Number(k))));
      },
    );

    it('should name officers, counters and services as people know them', async () => {
      const byOfficer = (await report(h.kupangSiteAdmin, { groupBy: 'officer' }).expect(200)).body as HallReportResponse;
      const names = (await db().query(`SELECT id, full_name FROM staff_user WHERE id = ANY($1::uuid[])`, [byOfficer.rows.map((r) => r.key).filter(Boolean)])) as {
        id: string;
        full_name: string;
      }[];
      for (const n of names) expect(byOfficer.rows.find((r) => r.key === n.id)!.label).toBe(n.full_name);
      expect(names.map((n) => n.full_name).sort()).toEqual(['Petugas Dukcapil Dua', 'Petugas Dukcapil Satu', 'Petugas Polresta']);

      const byCounter = (await report(h.kupangSiteAdmin, { groupBy: 'counter' }).expect(200)).body as HallReportResponse;
      expect(byCounter.rows.find((r) => r.key === h.counters.polresta.id)!.label).toBe(h.counters.polresta.name);
    });

    it('should report the bookings of the day against the seats of its slots', async () => {
      const sut = (await report(h.kupangSiteAdmin, { groupBy: 'service' }).expect(200)).body as HallReportResponse;

      const ktp = sut.rows.find((r) => r.key === h.services.ktpBaru)!;
      expect(ktpSeats).toBeGreaterThan(0);
      expect(ktp.booking).toEqual({ booked: bookedKtp, capacity: ktpSeats, utilisation: rate(bookedKtp, ktpSeats) });
      const byHour = (await report(h.kupangSiteAdmin, { groupBy: 'hour' }).expect(200)).body as HallReportResponse;
      expect(byHour.rows.every((r) => r.booking === null)).toBe(true);
      expect(byHour.total.booking!.booked).toBe(sut.total.booking!.booked);
    });

    it('should count applications submitted and decided in the period as the application rows say', async () => {
      const [expected] = (await db().query(
        `SELECT (SELECT count(*) FROM application WHERE site_id = $1 AND submitted_at >= $2 AND submitted_at < $3)::int AS submitted,
                (SELECT count(*) FROM application_event e JOIN application a ON a.id = e.application_id
                  WHERE a.site_id = $1 AND e.to_state IN ('approved', 'rejected') AND e.at >= $2 AND e.at < $3)::int AS decided`,
        [siteId, kupang('00:00'), kupang('00:00', '2026-11-24')],
      )) as { submitted: number; decided: number }[];

      const sut = (await report(h.kupangSiteAdmin, {}).expect(200)).body as HallReportResponse;

      expect(sut.total.volumes.applications).toBe(expected!.submitted);
      expect(sut.total.applications.decided).toBe(expected!.decided);
    });

    it("should give an agency admin only their agency's figures, and refuse another agency's", async () => {
      const facts = (await factsOfDay()).filter((x) => x.agencyId === h.dukcapil.id);

      const sut = (await report(h.dukcapilAdmin, { groupBy: 'service' }).expect(200)).body as HallReportResponse;

      expect(sut.agencyId).toBe(h.dukcapil.id);
      expect(ticketPart(sut.total)).toEqual(expectedTicketFigures(facts));
      expect(sut.rows.map((r) => r.key)).not.toContain(h.services.skck);
      const refused = await report(h.dukcapilAdmin, { agencyId: h.polresta.id }).expect(403);
      expect(refused.body.code).toBe('OTHER_AGENCY');
      expect(refused.body.message.id).toEqual(expect.any(String));
      await report(h.dukcapilAdmin, { agencyId: h.dukcapil.id }).expect(200);
    });

    it('should let a site admin narrow to one agency and refuse one of another site', async () => {
      const facts = (await factsOfDay()).filter((x) => x.agencyId === h.polresta.id);

      const sut = (await report(h.kupangSiteAdmin, { agencyId: h.polresta.id }).expect(200)).body as HallReportResponse;

      expect(ticketPart(sut.total)).toEqual(expectedTicketFigures(facts));
      const [other] = (await db().query(`SELECT a.id FROM agency a JOIN site s ON s.id = a.site_id WHERE s.code = 'kota-probolinggo' LIMIT 1`)) as { id: string }[];
      expect((await report(h.kupangSiteAdmin, { agencyId: other!.id }).expect(422)).body.code).toBe('AGENCY_NOT_AT_SITE');
    });

    it('should refuse other sites, officers and anonymous callers', async () => {
      expect((await report(h.probolinggoSiteAdmin, {}).expect(403)).body.code).toBe('OTHER_SITE');
      await report(h.officers.dukcapil1, {}).expect(403);
      await t.http().get('/api/v1/admin/reports/hall').query({ site: 'kota-kupang', from: DAY, to: DAY }).expect(401);
      expect((await report(h.kupangSiteAdmin, { site: 'tidak-ada' }).expect(404)).body.code).toBe('SITE_NOT_FOUND');
    });

    it('should refuse a reversed or too long period and a wrong group or format, in both languages', async () => {
      const reversed = await report(h.kupangSiteAdmin, { from: '2026-11-24', to: '2026-11-23' }).expect(422);
      expect(reversed.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      await report(h.kupangSiteAdmin, { from: '2026-01-01', to: '2027-01-02' }).expect(422);
      await report(h.kupangSiteAdmin, { from: '2026-02-30' }).expect(400);
      await report(h.kupangSiteAdmin, { groupBy: 'weekday' }).expect(400);
      await report(h.kupangSiteAdmin, { format: 'pdf' }).expect(400);
    });

    it('should export CSV that parses back to the JSON figures', async () => {
      const json = (await report(h.kupangSiteAdmin, { groupBy: 'service' }).expect(200)).body as HallReportResponse;

      const sut = await report(h.kupangSiteAdmin, { groupBy: 'service', format: 'csv' }).expect(200);

      expect(sut.headers['content-type']).toMatch(/^text\/csv/);
      expect(sut.headers['content-disposition']).toBe(`attachment; filename="laporan-kinerja-kota-kupang-${DAY}_${DAY}-service.csv"`);
      expect(sut.text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...lines] = parseCsv(sut.text.slice(1));
      expect(header).toEqual(REPORT_COLUMNS.map((c) => c.key));
      const expected = [...json.rows, json.total].map((r) => REPORT_COLUMNS.map((c) => c.value(r)));
      expect(lines).toEqual(expected.map((cells) => cells.map((v) => (v === null ? '' : String(v)))));
    });

    it('should export XLSX that Excel (exceljs) reads back to the JSON figures', async () => {
      const json = (await report(h.kupangSiteAdmin, { groupBy: 'officer' }).expect(200)).body as HallReportResponse;

      const sut = await report(h.kupangSiteAdmin, { groupBy: 'officer', format: 'xlsx' })
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);

      expect(sut.headers['content-disposition']).toBe(`attachment; filename="laporan-kinerja-kota-kupang-${DAY}_${DAY}-officer.xlsx"`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((sut.body as Buffer).buffer.slice((sut.body as Buffer).byteOffset, (sut.body as Buffer).byteOffset + (sut.body as Buffer).byteLength) as ArrayBuffer);
      const sheet = book.getWorksheet('Laporan')!;
      const read: (string | number | null)[][] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) read.push(REPORT_COLUMNS.map((_, i) => (row.getCell(i + 1).value as string | number | null) ?? null));
      });
      expect(read).toEqual([...json.rows, json.total].map((r) => REPORT_COLUMNS.map((c) => c.value(r))));
      expect(book.getWorksheet('Info')!.getCell('B2').value).toBe('kota-kupang');
    });
  });

  describe(ReportsRollup.name, () => {
    const rollup = () => t.app.get(ReportsRollup);
    const NEXT = '2026-11-24';
    const AFTER = '2026-11-25';
    const built = async (date: string) =>
      ((await db().query(`SELECT 1 FROM hall_day_built WHERE site_id = $1 AND local_date = $2`, [siteId, date])) as unknown[]).length === 1;
    const dayRows = async (date: string) =>
      (await db().query(
        `SELECT group_by, key, agency_id, tickets, served, no_show, not_served, open, wait_count, wait_sum, service_count, service_sum
           FROM hall_day_figures WHERE site_id = $1 AND local_date = $2 ORDER BY group_by, key, agency_id`,
        [siteId, date],
      )) as Record<string, unknown>[];

    /** A row's ticket figures against the expected ones: counts and means exact, p50/p90 within the precision the report states. */
    function expectWithin(actual: HallReportRow, expected: ReturnType<typeof expectedTicketFigures>, precision: number) {
      const { wait, service, ...counts } = ticketPart(actual);
      const { wait: expectedWait, service: expectedService, ...expectedCounts } = expected;
      expect(counts).toEqual(expectedCounts);
      for (const [got, want] of [
        [wait, expectedWait],
        [service, expectedService],
      ] as const) {
        expect({ count: got.count, meanSeconds: got.meanSeconds }).toEqual({ count: want.count, meanSeconds: want.meanSeconds });
        for (const p of ['p50Seconds', 'p90Seconds'] as const) {
          if (want[p] === null) expect(got[p]).toBeNull();
          else expect(Math.abs(got[p]! - want[p]!)).toBeLessThanOrEqual(precision);
        }
      }
    }

    it.each(['site', 'agency', 'service', 'counter', 'officer', 'hour'] as ReportGroup[])(
      'should build the known day and give per %s the counts of its ticket events, percentiles within 30 s of the live report',
      async (groupBy) => {
        at('09:00', NEXT);
        // The known day's open tickets close as not served (as the next morning's first ticket does); a day still open is not built.
        await t.app.get(DayEndService).sweep();
        const liveReport = (await report(h.kupangSiteAdmin, { groupBy }).expect(200)).body as HallReportResponse;
        if (!(await built(DAY))) {
          // Every past day from the site's first ticket (the known day is the first) to yesterday.
          expect(liveReport.percentilePrecisionSeconds).toBe(0);
          expect(await rollup().run()).toBe(1);
        }
        const facts = await factsOfDay();

        const sut = (await report(h.kupangSiteAdmin, { groupBy }).expect(200)).body as HallReportResponse;

        expect(await built(DAY)).toBe(true);
        expect(await built(NEXT)).toBe(false);
        expect(sut.percentilePrecisionSeconds).toBe(HISTOGRAM_PRECISION_SECONDS);
        expect(sut.percentileCapSeconds).toBe(HISTOGRAM_CAP_SECONDS);
        expectWithin(sut.total, expectedTicketFigures(facts), HISTOGRAM_PRECISION_SECONDS);
        const keys = [...new Set(facts.map(groupKey[groupBy]))];
        expect(sut.rows.filter((r) => r.volumes.tickets > 0).map((r) => r.key).sort()).toEqual([...keys].sort());
        for (const key of keys) {
          expectWithin(sut.rows.find((r) => r.key === key)!, expectedTicketFigures(facts.filter((x) => groupKey[groupBy](x) === key)), HISTOGRAM_PRECISION_SECONDS);
          // Built against live: the same counts, percentiles within the precision.
          const liveRow = liveReport.rows.find((r) => r.key === key)!;
          expect(sut.rows.find((r) => r.key === key)!.volumes).toEqual(liveRow.volumes);
        }
      },
    );

    it("should give an agency admin only their agency's figures from the rollup", async () => {
      const facts = (await factsOfDay()).filter((x) => x.agencyId === h.dukcapil.id);

      const sut = (await report(h.dukcapilAdmin, { groupBy: 'counter' }).expect(200)).body as HallReportResponse;

      expect(sut.percentilePrecisionSeconds).toBe(HISTOGRAM_PRECISION_SECONDS);
      expectWithin(sut.total, expectedTicketFigures(facts), HISTOGRAM_PRECISION_SECONDS);
    });

    it('should add the live days to the built ones in a period that has both', async () => {
      // Today (the next day) is read live: one more ticket of it, still waiting.
      at('09:30', NEXT);
      await issue(t, h.kiosk, h.services.skck);
      const counts = (await db().query(`SELECT local_date::text AS day, count(*)::int AS n FROM ticket WHERE site_id = $1 AND local_date IN ($2, $3) GROUP BY 1`, [
        siteId,
        DAY,
        NEXT,
      ])) as { day: string; n: number }[];

      const sut = (await report(h.kupangSiteAdmin, { to: NEXT }).expect(200)).body as HallReportResponse;

      expect(sut.percentilePrecisionSeconds).toBe(HISTOGRAM_PRECISION_SECONDS);
      expect(sut.total.volumes.tickets).toBe(counts.reduce((sum, c) => sum + c.n, 0));
      expect(counts.find((c) => c.day === NEXT)!.n).toBeGreaterThan(0);
    });

    it('should leave one set of rows after two rebuilds of the same day at once', async () => {
      const before = await dayRows(DAY);

      await Promise.all([rollup().buildDay(siteId, DAY), rollup().buildDay(siteId, DAY)]);

      expect(await dayRows(DAY)).toEqual(before);
      const [{ waits }] = (await db().query(
        `SELECT coalesce(sum(n), 0)::int AS waits FROM hall_month_histogram WHERE site_id = $1 AND month = $2 AND group_by = 'service' AND measure = 'wait'`,
        [siteId, '2026-11-01'],
      )) as { waits: number }[];
      expect(waits).toBe((await factsOfDay()).filter((x) => x.waitSeconds !== null).length);
    });

    it('should read a built day live again once the day-end close changes it, and build it again', async () => {
      // The next day, built while one of its tickets still waits (as the job would not: a repair by hand).
      at('07:00', AFTER);
      const open = (await db().query(`SELECT count(*)::int AS n FROM ticket WHERE site_id = $1 AND local_date = $2 AND status IN ('waiting', 'called', 'serving')`, [
        siteId,
        NEXT,
      ])) as { n: number }[];
      expect(open[0]!.n).toBeGreaterThan(0);
      await rollup().buildDay(siteId, NEXT);
      const builtReport = (await report(h.kupangSiteAdmin, { from: NEXT, to: NEXT }).expect(200)).body as HallReportResponse;
      expect(builtReport.total.outcomes.open).toBe(open[0]!.n);

      const closed = await t.app.get(DayEndService).sweep();

      expect(closed).toBe(open[0]!.n);
      expect(await built(NEXT)).toBe(false);
      const liveReport = (await report(h.kupangSiteAdmin, { from: NEXT, to: NEXT }).expect(200)).body as HallReportResponse;
      expect(liveReport.percentilePrecisionSeconds).toBe(0);
      expect(liveReport.total.outcomes).toEqual({ ...builtReport.total.outcomes, open: 0, notServed: builtReport.total.outcomes.notServed + open[0]!.n });
      expect(await rollup().run()).toBe(1);
      expect(await built(NEXT)).toBe(true);
      const rebuilt = (await report(h.kupangSiteAdmin, { from: NEXT, to: NEXT }).expect(200)).body as HallReportResponse;
      expect(rebuilt.percentilePrecisionSeconds).toBe(HISTOGRAM_PRECISION_SECONDS);
      expect(rebuilt.total.outcomes).toEqual(liveReport.total.outcomes);
      expect(rebuilt.total.volumes).toEqual(liveReport.total.volumes);
    });
  });
});
