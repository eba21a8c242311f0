import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One agency's figures (agency null: complaints about the MPP itself), as counted in SQL. */
export interface ComplaintStatsRow {
  agency_id: string | null;
  agency_name: string | null;
  received: number;
  complaints: number;
  consultations: number;
  answered: number;
  first_response_due: number;
  first_response_on_time: number;
  resolution_due: number;
  resolved_on_time: number;
  ratings: number;
  rating_sum: number;
}

/** The public statistics' one query: counts only, never a text or an identity. */
@Injectable()
export class ComplaintStatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Complaints received at the site in [start, end), per agency. A merged duplicate
   * counts in its survivor only. "Due" counts those whose time has come (given, or past due at `now`).
   */
  async perAgency(siteId: string, start: Date, end: Date, now: Date): Promise<ComplaintStatsRow[]> {
    return (await this.db.query(
      `SELECT c.agency_id, a.name AS agency_name,
              count(*)::int AS received,
              count(*) FILTER (WHERE c.kind = 'complaint')::int AS complaints,
              count(*) FILTER (WHERE c.kind = 'consultation')::int AS consultations,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL OR c.closed_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE c.first_responded_at IS NOT NULL OR c.first_response_due_at < $4)::int AS first_response_due,
              count(*) FILTER (WHERE c.first_responded_at <= c.first_response_due_at)::int AS first_response_on_time,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL OR c.resolution_due_at < $4)::int AS resolution_due,
              count(*) FILTER (WHERE c.answered_at <= c.resolution_due_at)::int AS resolved_on_time,
              count(c.rating)::int AS ratings,
              coalesce(sum(c.rating), 0)::int AS rating_sum
         FROM complaint c
         LEFT JOIN agency a ON a.id = c.agency_id
        WHERE c.site_id = $1 AND c.merged_into_id IS NULL
          AND c.created_at >= $2 AND c.created_at < $3
        GROUP BY c.agency_id, a.name`,
      [siteId, start, end, now],
    )) as ComplaintStatsRow[];
  }
}
