import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One agency's month (agency null: complaints about the MPP itself), as counted in SQL. */
export interface ComplaintReportRow {
  agency_id: string | null;
  agency_name: string | null;
  received: number;
  complaints: number;
  consultations: number;
  answered: number;
  reopened: number;
  first_given: number;
  first_hours_sum: number;
  first_hours_median: number | null;
  first_due: number;
  first_on_time: number;
  resolution_given: number;
  resolution_hours_sum: number;
  resolution_hours_median: number | null;
  resolution_due: number;
  resolution_on_time: number;
  rating_1: number;
  rating_2: number;
  rating_3: number;
  rating_4: number;
  rating_5: number;
}

/** The monthly report's one query: counts and durations only, never a text or an identity. */
@Injectable()
export class ComplaintReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Complaints received at the site in [start, end), per agency (one agency only when `agencyId`
   * is given). A merged duplicate counts in its survivor only. Hours are calendar hours from
   * receipt to the first handler step and to the (latest) answer; "due" counts those given or
   * past their due time at `now`.
   */
  async perAgency(siteId: string, start: Date, end: Date, now: Date, agencyId: string | null): Promise<ComplaintReportRow[]> {
    const rows = (await this.db.query(
      `WITH c AS (
         SELECT c.*, extract(epoch FROM c.first_responded_at - c.created_at) / 3600 AS first_hours,
                extract(epoch FROM c.answered_at - c.created_at) / 3600 AS resolution_hours,
                EXISTS (SELECT 1 FROM complaint_event e WHERE e.complaint_id = c.id AND e.action = 'reopen') AS was_reopened
           FROM complaint c
          WHERE c.site_id = $1 AND c.merged_into_id IS NULL
            AND c.created_at >= $2 AND c.created_at < $3
            AND ($5::uuid IS NULL OR c.agency_id = $5::uuid))
       SELECT c.agency_id, a.name AS agency_name,
              count(*)::int AS received,
              count(*) FILTER (WHERE c.kind = 'complaint')::int AS complaints,
              count(*) FILTER (WHERE c.kind = 'consultation')::int AS consultations,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL OR c.closed_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE c.was_reopened)::int AS reopened,
              count(c.first_hours)::int AS first_given,
              coalesce(sum(c.first_hours), 0)::float8 AS first_hours_sum,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY c.first_hours))::float8 AS first_hours_median,
              count(*) FILTER (WHERE c.first_responded_at IS NOT NULL OR c.first_response_due_at < $4)::int AS first_due,
              count(*) FILTER (WHERE c.first_responded_at <= c.first_response_due_at)::int AS first_on_time,
              count(c.resolution_hours)::int AS resolution_given,
              coalesce(sum(c.resolution_hours), 0)::float8 AS resolution_hours_sum,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY c.resolution_hours))::float8 AS resolution_hours_median,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL OR c.resolution_due_at < $4)::int AS resolution_due,
              count(*) FILTER (WHERE c.answered_at <= c.resolution_due_at)::int AS resolution_on_time,
              count(*) FILTER (WHERE c.rating = 1)::int AS rating_1,
              count(*) FILTER (WHERE c.rating = 2)::int AS rating_2,
              count(*) FILTER (WHERE c.rating = 3)::int AS rating_3,
              count(*) FILTER (WHERE c.rating = 4)::int AS rating_4,
              count(*) FILTER (WHERE c.rating = 5)::int AS rating_5
         FROM c
         LEFT JOIN agency a ON a.id = c.agency_id
        GROUP BY c.agency_id, a.name`,
      [siteId, start, end, now, agencyId],
    )) as ComplaintReportRow[];
    return rows;
  }

  /** Every complaint's durations of the month, for the site's median (medians do not add up per agency). */
  async medians(siteId: string, start: Date, end: Date, agencyId: string | null): Promise<{ first: number | null; resolution: number | null }> {
    const [row] = (await this.db.query(
      `SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_responded_at - c.created_at) / 3600))::float8 AS first,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.answered_at - c.created_at) / 3600))::float8 AS resolution
         FROM complaint c
        WHERE c.site_id = $1 AND c.merged_into_id IS NULL
          AND c.created_at >= $2 AND c.created_at < $3
          AND ($4::uuid IS NULL OR c.agency_id = $4::uuid)`,
      [siteId, start, end, agencyId],
    )) as { first: number | null; resolution: number | null }[];
    return row;
  }
}
