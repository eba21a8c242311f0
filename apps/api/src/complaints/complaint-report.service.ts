import { Injectable } from '@nestjs/common';
import type { ComplaintReportLine, ComplaintReportResponse, ComplaintReportTimes } from '@mpp/contracts';
import { addDaysToLocalDate, localDate, rate, zonedToUtc } from '@mpp/domain';
import type { StaffPrincipal } from '../auth/principal';
import { AccessPolicy } from '../auth/access-policy';
import { AUTH_MESSAGES } from '../auth/auth.messages';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { ComplaintMessages } from './complaint.messages';
import { ComplaintReportRepository, type ComplaintReportRow } from './complaint-report.repository';
import type { ComplaintReportQueryDto } from './dto/complaint-report-query.dto';

/**
 * The monthly complaint report (issue 16, docs/complaints.md "Monthly report"): per agency and
 * for the MPP, volumes, how long the first response and the answer took and how many came on
 * time, reopenings and the reporters' ratings. The site's handlers see every agency; an agency
 * admin their own agency only. Counts and durations only: no text, no code, no identity.
 */
@Injectable()
export class ComplaintReportService {
  constructor(
    private readonly repo: ComplaintReportRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
  ) {}

  async monthly(staff: StaffPrincipal, siteCode: string, query: ComplaintReportQueryDto): Promise<ComplaintReportResponse> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', ComplaintMessages.siteNotFound);
    const agencyId = staff.role === 'agency_admin' ? staff.agencyId : null;
    if (staff.role === 'agency_admin') {
      if (staff.siteId !== site.id || !agencyId) throw ApiException.forbidden('OTHER_SITE', AUTH_MESSAGES.otherSite);
    } else {
      AccessPolicy.assertSite(staff, site.id);
    }
    const now = this.clock.now();
    const month = query.month ?? localDate(now, site.timeZone).slice(0, 7);
    if (month > localDate(now, site.timeZone).slice(0, 7)) {
      throw ApiException.unprocessable('MONTH_IN_FUTURE', ComplaintMessages.reportMonthInFuture, [{ field: 'month', message: ComplaintMessages.reportMonthInFuture }]);
    }
    const from = `${month}-01`;
    const next = addDaysToLocalDate(`${month}-28`, 4).slice(0, 7);
    const to = addDaysToLocalDate(`${next}-01`, -1);
    const start = zonedToUtc(from, '00:00', site.timeZone);
    const end = zonedToUtc(`${next}-01`, '00:00', site.timeZone);
    const rows = await this.repo.perAgency(site.id, start, end, now, agencyId);
    const medians = await this.repo.medians(site.id, start, end, agencyId);
    const agencies = rows
      .map(lineOf)
      .sort((a, b) => b.received - a.received || (a.agencyName ?? '').localeCompare(b.agencyName ?? ''));
    const total = lineOf({ ...sum(rows), first_hours_median: medians.first, resolution_hours_median: medians.resolution });
    return { siteCode: site.code, siteName: site.name, timeZone: site.timeZone, month, from, to, generatedAt: now.toISOString(), agencyId, total: { ...total, agencyId: null, agencyName: null }, agencies };
  }
}

const COUNTS = [
  'received', 'complaints', 'consultations', 'answered', 'reopened', 'first_given', 'first_hours_sum', 'first_due', 'first_on_time',
  'resolution_given', 'resolution_hours_sum', 'resolution_due', 'resolution_on_time', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5',
] as const;

function sum(rows: readonly ComplaintReportRow[]): ComplaintReportRow {
  const total = { agency_id: null, agency_name: null, first_hours_median: null, resolution_hours_median: null } as ComplaintReportRow;
  for (const key of COUNTS) total[key] = rows.reduce((s, r) => s + r[key], 0);
  return total;
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

function times(given: number, hoursSum: number, median: number | null, due: number, onTime: number): ComplaintReportTimes {
  return { count: given, meanHours: given === 0 ? null : round1(hoursSum / given), medianHours: round1(median), onTime, onTimeRate: rate(onTime, due) };
}

function lineOf(row: ComplaintReportRow): ComplaintReportLine {
  const ratingCounts: ComplaintReportLine['ratingCounts'] = [row.rating_1, row.rating_2, row.rating_3, row.rating_4, row.rating_5];
  const ratings = ratingCounts.reduce((s, n) => s + n, 0);
  const ratingSum = ratingCounts.reduce((s, n, i) => s + n * (i + 1), 0);
  return {
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    received: row.received,
    complaints: row.complaints,
    consultations: row.consultations,
    answered: row.answered,
    open: row.received - row.answered,
    reopened: row.reopened,
    firstResponse: times(row.first_given, row.first_hours_sum, row.first_hours_median, row.first_due, row.first_on_time),
    resolution: times(row.resolution_given, row.resolution_hours_sum, row.resolution_hours_median, row.resolution_due, row.resolution_on_time),
    ratings,
    averageRating: ratings === 0 ? null : Math.round((ratingSum / ratings) * 100) / 100,
    ratingCounts,
  };
}
