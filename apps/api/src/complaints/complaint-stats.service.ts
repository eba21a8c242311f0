import { Injectable } from '@nestjs/common';
import type { ComplaintStatsLine, ComplaintStatsResponse } from '@mpp/contracts';
import { rate } from '@mpp/domain';
import { CatalogueMessages } from '../catalogue/catalogue.messages';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { ComplaintStatsRepository, type ComplaintStatsRow } from './complaint-stats.repository';
import { complaintPeriod } from './complaint-period';
import type { ComplaintPeriodQueryDto } from './dto/complaint-period-query.dto';

/**
 * A site's public complaint statistics (issue 16): how many were received, how many answered, the
 * share answered on time on each clock, and the reporters' average rating, for the site and per
 * agency. Counts only: no text, no code, no identity.
 */
@Injectable()
export class ComplaintStatsService {
  constructor(
    private readonly repo: ComplaintStatsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
  ) {}

  async forSite(siteCode: string, query: ComplaintPeriodQueryDto): Promise<ComplaintStatsResponse> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site || site.retiredAt) throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(siteCode));
    const now = this.clock.now();
    const { from, to, start, end } = complaintPeriod(query, site.timeZone, now);
    const rows = await this.repo.perAgency(site.id, start, end, now);
    const agencies = rows
      .filter((r) => r.agency_id !== null)
      .map(lineOf)
      .sort((a, b) => b.received - a.received || (a.agencyName ?? '').localeCompare(b.agencyName ?? ''));
    return { siteCode: site.code, siteName: site.name, from, to, evaluatedAt: now.toISOString(), total: lineOf(sum(rows)), agencies };
  }
}

function sum(rows: readonly ComplaintStatsRow[]): ComplaintStatsRow {
  const total: ComplaintStatsRow = {
    agency_id: null,
    agency_name: null,
    received: 0,
    complaints: 0,
    consultations: 0,
    answered: 0,
    first_response_due: 0,
    first_response_on_time: 0,
    resolution_due: 0,
    resolved_on_time: 0,
    ratings: 0,
    rating_sum: 0,
  };
  for (const row of rows) {
    for (const key of Object.keys(total) as (keyof ComplaintStatsRow)[]) {
      if (key !== 'agency_id' && key !== 'agency_name') total[key] += row[key];
    }
  }
  return total;
}

function lineOf(row: ComplaintStatsRow): ComplaintStatsLine {
  return {
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    received: row.received,
    complaints: row.complaints,
    consultations: row.consultations,
    answered: row.answered,
    firstResponseOnTimeRate: rate(row.first_response_on_time, row.first_response_due),
    resolvedOnTimeRate: rate(row.resolved_on_time, row.resolution_due),
    averageRating: row.ratings === 0 ? null : Math.round((row.rating_sum / row.ratings) * 100) / 100,
    ratings: row.ratings,
  };
}
