import { Injectable } from '@nestjs/common';
import type {
  DurationFigures,
  HallReportResponse,
  HallReportRow,
  LiveCounterFigures,
  LivePerformanceResponse,
  LiveServiceFigures,
  OpeningHours,
  ReportGroup,
} from '@mpp/contracts';
import {
  addDaysToLocalDate,
  bookableDailyCapacity,
  bookableSeatsOfDay,
  dayStatus,
  generateDaySlots,
  HISTOGRAM_CAP_SECONDS,
  HISTOGRAM_PRECISION_SECONDS,
  hourLabel,
  localDate,
  rate,
  reportRangeProblem,
  roundSeconds,
  zonedToUtc,
} from '@mpp/domain';
import { AccessPolicy } from '../auth/access-policy';
import { AUTH_MESSAGES } from '../auth/auth.messages';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueMessages } from '../catalogue/catalogue.messages';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { ApiException } from '../common/errors/api-exception';
import { Clock } from '../common/clock';
import type { HallReportQueryDto } from './dto/hall-report-query.dto';
import { ReportsMessages } from './reports.messages';
import { ApplicationFiguresRow, ReportsRepository, ReportWindow, TicketFiguresRow } from './reports.repository';

/** Whose figures a caller sees at a site: all of it, or one agency's. */
interface Scope {
  site: SiteEntity;
  agencyId: string | null;
}

const NO_KEY = '\u0000none';

/** The hall's performance (docs/reports.md): live figures and period reports, within the caller's scope. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
  ) {}

  // ---- live --------------------------------------------------------------------------------

  async live(staff: StaffPrincipal, siteCode: string): Promise<LivePerformanceResponse> {
    const { site, agencyId } = await this.scope(staff, siteCode, undefined);
    const now = this.clock.now();
    const today = localDate(now, site.timeZone);
    const dayStart = zonedToUtc(today, '00:00', site.timeZone);
    const [services, counters] = await Promise.all([
      this.repo.liveServices(site.id, today, agencyId),
      this.repo.liveCounters(site.id, today, dayStart, agencyId),
    ]);
    const seconds = (since: Date | null) => (since ? Math.max(0, Math.round((now.getTime() - new Date(since).getTime()) / 1000)) : null);
    const serviceFigures: LiveServiceFigures[] = services.map((s) => ({
      serviceId: s.id,
      serviceName: s.name,
      agencyId: s.agency_id,
      waiting: s.waiting,
      longestWaitSeconds: s.waiting > 0 ? seconds(s.oldest_queue_at) : null,
      servedToday: s.served,
      noShowsToday: s.no_show,
    }));
    const counterList: LiveCounterFigures[] = counters.map((c) => ({
      counterId: c.id,
      number: c.number,
      name: c.name,
      state: c.state,
      busy: c.busy,
      idle: c.state === 'open' && !c.busy && c.has_waiting,
      sinceLastActionSeconds: seconds(c.last_action_at),
    }));
    const waits = serviceFigures.map((s) => s.longestWaitSeconds).filter((s): s is number => s !== null);
    return {
      siteCode: site.code,
      timeZone: site.timeZone,
      localDate: today,
      at: now.toISOString(),
      agencyId,
      waiting: serviceFigures.reduce((sum, s) => sum + s.waiting, 0),
      longestWaitSeconds: waits.length ? Math.max(...waits) : null,
      counters: {
        open: counterList.filter((c) => c.state === 'open').length,
        paused: counterList.filter((c) => c.state === 'paused').length,
        closed: counterList.filter((c) => c.state === 'closed').length,
        idle: counterList.filter((c) => c.idle).length,
      },
      servedToday: serviceFigures.reduce((sum, s) => sum + s.servedToday, 0),
      noShowsToday: serviceFigures.reduce((sum, s) => sum + s.noShowsToday, 0),
      services: serviceFigures,
      counterList,
    };
  }

  // ---- period report -----------------------------------------------------------------------

  async hall(staff: StaffPrincipal, query: HallReportQueryDto): Promise<HallReportResponse> {
    const problem = reportRangeProblem(query.from, query.to);
    if (problem) {
      throw ApiException.unprocessable('REPORT_RANGE', problem === 'order' ? ReportsMessages.rangeOrder : ReportsMessages.rangeTooLong, [
        { field: 'to', message: problem === 'order' ? ReportsMessages.rangeOrder : ReportsMessages.rangeTooLong },
      ]);
    }
    const { site, agencyId } = await this.scope(staff, query.site, query.agencyId);
    const groupBy: ReportGroup = query.groupBy ?? 'site';
    const w: ReportWindow = { siteId: site.id, timeZone: site.timeZone, from: query.from, to: query.to, agencyId };
    // Past days the rollup holds are read from it (p50/p90 within 30 s); a period with none is read exactly.
    const ticketFigures = async () => {
      const rolled = await this.repo.rolledTicketFigures(w, groupBy);
      return rolled ? { rows: rolled, precision: HISTOGRAM_PRECISION_SECONDS } : { rows: await this.repo.ticketFigures(w, groupBy), precision: 0 };
    };
    const [{ rows: tickets, precision }, applications, booking] = await Promise.all([
      ticketFigures(),
      this.repo.applicationFigures(w, groupBy),
      this.bookingFigures(site, w),
    ]);
    const keyOf = (key: string | null) => (groupBy === 'site' ? site.code : key);
    const rows = new Map<string, HallReportRow>();
    const row = (key: string | null): HallReportRow => {
      const id = key ?? NO_KEY;
      let found = rows.get(id);
      if (!found) {
        found = emptyRow(key);
        rows.set(id, found);
      }
      return found;
    };
    const total = emptyRow(null);
    for (const t of tickets) {
      applyTickets(t.is_total ? total : row(keyOf(t.key)), t);
      // By site the query computes only the total (one group): the site's row is the same.
      if (t.is_total && groupBy === 'site') applyTickets(row(site.code), t);
    }
    for (const a of applications) applyApplications(a.is_total ? total : row(keyOf(a.key)), a);

    // Bookings belong to services' slots: by site, agency or service only.
    const bookingKey = (serviceId: string, agencyIdOfService: string): string | null | undefined =>
      groupBy === 'site' ? site.code : groupBy === 'agency' ? agencyIdOfService : groupBy === 'service' ? serviceId : undefined;
    total.booking = { booked: 0, capacity: 0, utilisation: null };
    for (const b of booking) {
      addBooking(total, b.booked, b.capacity);
      const key = bookingKey(b.serviceId, b.agencyId);
      if (key !== undefined && (b.booked > 0 || b.capacity > 0)) addBooking(row(key), b.booked, b.capacity);
    }
    if (groupBy === 'site' && rows.size === 0) row(site.code);
    const labelled = await this.label(site, groupBy, [...rows.values()]);
    for (const r of [total, ...labelled]) finish(r);
    total.key = null;
    total.label = 'Total';
    return {
      site: { code: site.code, name: site.name, timeZone: site.timeZone },
      from: query.from,
      to: query.to,
      groupBy,
      agencyId,
      generatedAt: this.clock.now().toISOString(),
      percentilePrecisionSeconds: precision,
      percentileCapSeconds: HISTOGRAM_CAP_SECONDS,
      total,
      rows: labelled,
    };
  }

  /** Per service: bookings for the period's slots and the seats its open days offered (current settings). */
  private async bookingFigures(site: SiteEntity, w: ReportWindow): Promise<{ serviceId: string; agencyId: string; booked: number; capacity: number }[]> {
    const booked = await this.repo.bookedPerService(w);
    const services = await this.repo.bookableServices(
      w,
      booked.map((b) => b.service_id),
    );
    if (services.length === 0) return [];
    const closures = await this.catalogue.listClosuresBetween(site, w.from, w.to);
    const openDays: OpeningHours[] = [];
    for (let date = w.from; date <= w.to; date = addDaysToLocalDate(date, 1)) {
      const status = dayStatus(date, site.openingHours, closures);
      if (status.open) openDays.push(status.hours);
    }
    const bookedOf = new Map(booked.map((b) => [b.service_id, b.booked]));
    // A year has a handful of distinct weekly hours: count each one's slots once per slot length.
    const slotCounts = new Map<string, number>();
    const slotsOn = (hours: OpeningHours, minutes: number) => {
      const key = `${JSON.stringify(hours)}|${minutes}`;
      let n = slotCounts.get(key);
      if (n === undefined) {
        n = generateDaySlots(hours, minutes).length;
        slotCounts.set(key, n);
      }
      return n;
    };
    return services.map((s) => {
      const perQuota = bookableDailyCapacity(s.daily_quota, s.booking_walk_in_share);
      const capacity = openDays.reduce((sum, d) => sum + bookableSeatsOfDay(slotsOn(d, s.booking_slot_minutes), s.booking_slot_capacity, perQuota), 0);
      return { serviceId: s.id, agencyId: s.agency_id, booked: bookedOf.get(s.id) ?? 0, capacity };
    });
  }

  private async label(site: SiteEntity, groupBy: ReportGroup, rows: HallReportRow[]): Promise<HallReportRow[]> {
    const none = { id: 'Tanpa', en: 'None' };
    let names: Map<string, string>;
    switch (groupBy) {
      case 'site':
        names = new Map([[site.code, site.name]]);
        break;
      case 'agency':
        names = await this.repo.agencyNames(site.id);
        break;
      case 'service':
        names = await this.repo.serviceNames(site.id);
        break;
      case 'counter':
        names = await this.repo.counterNames(site.id);
        break;
      case 'officer':
        names = await this.repo.staffNames(rows.map((r) => r.key).filter((k): k is string => k !== null));
        break;
      case 'hour':
        names = new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, hourLabel(Number(r.key))]));
        break;
    }
    for (const r of rows) {
      r.label = r.key === null ? `${none.id} (${groupBy === 'officer' ? 'tanpa petugas' : groupBy === 'counter' ? 'tanpa loket' : '—'})` : (names.get(r.key) ?? r.key);
    }
    return rows.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : groupBy === 'hour' ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label, 'id')));
  }

  // ---- scope -------------------------------------------------------------------------------

  /**
   * Site and system admins see a whole site (or one of its agencies, if asked); an agency admin
   * sees only their own agency, at its site: asking for another agency or site is a 403.
   */
  private async scope(staff: StaffPrincipal, siteCode: string, agencyId: string | undefined): Promise<Scope> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(siteCode));
    if (staff.role === 'agency_admin') {
      if (!staff.agencyId || !(await this.repo.agencyOfSite(staff.agencyId, site.id))) {
        throw ApiException.forbidden('OTHER_SITE', ReportsMessages.agencyAdminOtherSite);
      }
      if (agencyId !== undefined && agencyId !== staff.agencyId) throw ApiException.forbidden('OTHER_AGENCY', ReportsMessages.agencyAdminOwnAgency);
      return { site, agencyId: staff.agencyId };
    }
    if (!AccessPolicy.canManageSite(staff, site.id)) throw ApiException.forbidden('OTHER_SITE', AUTH_MESSAGES.otherSite);
    if (agencyId !== undefined && !(await this.repo.agencyOfSite(agencyId, site.id))) {
      throw ApiException.unprocessable('AGENCY_NOT_AT_SITE', ReportsMessages.agencyNotAtSite, [{ field: 'agencyId', message: ReportsMessages.agencyNotAtSite }]);
    }
    return { site, agencyId: agencyId ?? null };
  }
}

function emptyDuration(): DurationFigures {
  return { count: 0, meanSeconds: null, p50Seconds: null, p90Seconds: null };
}

function emptyRow(key: string | null): HallReportRow {
  return {
    key,
    label: '',
    volumes: { kiosk: 0, booking: 0, online: 0, staff: 0, tickets: 0, applications: 0 },
    outcomes: { served: 0, noShow: 0, notServed: 0, cancelled: 0, open: 0 },
    noShowRate: null,
    wait: emptyDuration(),
    service: emptyDuration(),
    booking: null,
    applications: { decided: 0, onTime: 0, onTimeRate: null },
  };
}

const duration = (count: number, mean: number | null, p50: number | null, p90: number | null): DurationFigures =>
  count === 0
    ? emptyDuration()
    : { count, meanSeconds: roundSeconds(mean!), p50Seconds: roundSeconds(p50!), p90Seconds: roundSeconds(p90!) };

function applyTickets(r: HallReportRow, t: TicketFiguresRow): void {
  r.volumes = { ...r.volumes, kiosk: t.kiosk, booking: t.booking, online: t.online, staff: t.staff, tickets: t.tickets };
  r.outcomes = { served: t.served, noShow: t.no_show, notServed: t.not_served, cancelled: t.cancelled, open: t.open };
  r.wait = duration(t.wait_count, t.wait_mean, t.wait_p?.[0] ?? null, t.wait_p?.[1] ?? null);
  r.service = duration(t.service_count, t.service_mean, t.service_p?.[0] ?? null, t.service_p?.[1] ?? null);
}

function applyApplications(r: HallReportRow, a: ApplicationFiguresRow): void {
  r.volumes.applications = a.submitted;
  r.applications = { decided: a.decided, onTime: a.on_time, onTimeRate: null };
}

function addBooking(r: HallReportRow, booked: number, capacity: number): void {
  r.booking ??= { booked: 0, capacity: 0, utilisation: null };
  r.booking.booked += booked;
  r.booking.capacity += capacity;
}

/** The rates, from the counts. */
function finish(r: HallReportRow): void {
  r.noShowRate = rate(r.outcomes.noShow, r.outcomes.served + r.outcomes.noShow);
  r.applications.onTimeRate = rate(r.applications.onTime, r.applications.decided);
  if (r.booking) r.booking.utilisation = rate(r.booking.booked, r.booking.capacity);
}
