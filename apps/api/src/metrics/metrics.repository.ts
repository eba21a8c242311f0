import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SiteRow {
  id: string;
  code: string;
  time_zone: string;
}

export interface SiteDepthRow {
  code: string;
  waiting: number;
}

/** The reads a scrape makes: a handful of rows each, bounded by the number of sites. */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async sites(): Promise<SiteRow[]> {
    return (await this.db.query(`SELECT id, code, time_zone FROM site ORDER BY code`)) as SiteRow[];
  }

  /**
   * Waiting tickets per site on each site's own day, from the tallies the queue keeps with every
   * change (service_day_count), not by counting tickets: one row per site.
   */
  async waitingBySite(days: { siteId: string; localDate: string }[]): Promise<SiteDepthRow[]> {
    if (days.length === 0) return [];
    return (await this.db.query(
      `SELECT s.code, COALESCE(sum(d.waiting_regular + d.waiting_priority), 0)::int AS waiting
         FROM unnest($1::uuid[], $2::date[]) AS day(site_id, local_date)
         JOIN site s ON s.id = day.site_id
         LEFT JOIN service sv ON sv.site_id = day.site_id
         LEFT JOIN service_day_count d ON d.service_id = sv.id AND d.local_date = day.local_date
        GROUP BY s.code
        ORDER BY s.code`,
      [days.map((d) => d.siteId), days.map((d) => d.localDate)],
    )) as SiteDepthRow[];
  }
}
