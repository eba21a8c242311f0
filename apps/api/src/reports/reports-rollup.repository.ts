import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HISTOGRAM_BUCKET_SECONDS, HISTOGRAM_LAST_BUCKET } from '@mpp/domain';
import { DataSource } from 'typeorm';

export interface RollupSite {
  id: string;
  time_zone: string;
}

/** The bucket of a duration in SQL, as durationBucket() in libs/domain. */
/** Every grouping the rollup holds (site and agency figures are sums of the service rows). */
const GROUPINGS = `ARRAY['service', 'counter', 'officer', 'hour']::varchar[]`;

export const SQL_BUCKET = (seconds: string) => `least(floor(greatest(${seconds}, 0) / ${HISTOGRAM_BUCKET_SECONDS}), ${HISTOGRAM_LAST_BUCKET})::smallint`;

/**
 * The rollup's writes (docs/reports.md, "The rollup"): one past day of a site at a time, in one
 * transaction, so a report never sees half a day.
 */
@Injectable()
export class ReportsRollupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async sites(): Promise<RollupSite[]> {
    return (await this.db.query(`SELECT id, time_zone FROM site ORDER BY code`)) as RollupSite[];
  }

  /**
   * The site's days from its first ticket to `lastDay` that are not built and hold no open
   * ticket (a day still open is read live until the day-end close), oldest first, at most `limit`.
   */
  async daysToBuild(siteId: string, lastDay: string, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day
         FROM generate_series((SELECT min(local_date) FROM ticket WHERE site_id = $1), $2::date, interval '1 day') d
        WHERE NOT EXISTS (SELECT 1 FROM hall_day_built b WHERE b.site_id = $1 AND b.local_date = d::date)
          AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.site_id = $1 AND t.local_date = d::date AND t.status IN ('waiting', 'called', 'serving'))
        ORDER BY d
        LIMIT $3`,
      [siteId, lastDay, limit],
    )) as { day: string }[];
    return rows.map((r) => r.day);
  }

  /**
   * Builds one day again: its figures and histograms per grouping from the tickets and their
   * closing events, its month's histogram, and marks it built. Serialized per site and month
   * (advisory lock), so two processes building the same day (or two days of a month) leave one
   * set of rows. The day's tickets are read FOR SHARE: a day-end close running at the same time
   * (it updates the tickets, then deletes the day's hall_day_built row) either finishes first and
   * is read, or waits for this build and then marks the day unbuilt again.
   */
  async buildDay(site: RollupSite, day: string, at: Date): Promise<void> {
    const month = `${day.slice(0, 7)}-01`;
    await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('reports.rollup:' || $1 || ':' || $2, 0))`, [site.id, month]);
      await m.query(`DELETE FROM hall_day_figures WHERE site_id = $1 AND group_by = ANY(${GROUPINGS}) AND local_date = $2`, [site.id, day]);
      await m.query(`DELETE FROM hall_day_histogram WHERE site_id = $1 AND group_by = ANY(${GROUPINGS}) AND local_date = $2`, [site.id, day]);
      await m.query(
        `WITH locked AS (
           SELECT t.id, t.service_id, t.counter_id, t.source, t.status, t.issued_at, t.first_called_at, t.started_at, t.finished_at
             FROM ticket t WHERE t.site_id = $1 AND t.local_date = $2
              FOR SHARE
         ), base AS (
           SELECT s.agency_id, t.source, t.status,
                  t.service_id::text AS service_key,
                  coalesce(t.counter_id::text, '') AS counter_key,
                  coalesce(o.actor_user_id::text, '') AS officer_key,
                  lpad(extract(hour FROM t.issued_at AT TIME ZONE $3)::int::text, 2, '0') AS hour_key,
                  extract(epoch FROM t.first_called_at - t.issued_at)::float8 AS w,
                  CASE WHEN t.status = 'done' THEN extract(epoch FROM t.finished_at - t.started_at)::float8 END AS sv
             FROM locked t
             JOIN service s ON s.id = t.service_id
             LEFT JOIN LATERAL (
               SELECT e.actor_user_id FROM ticket_event e
                WHERE e.ticket_id = t.id AND e.action IN ('finish', 'no_show')
                ORDER BY e.id DESC LIMIT 1
             ) o ON true
         ), keyed AS (
           SELECT g.group_by,
                  CASE g.group_by WHEN 'service' THEN b.service_key WHEN 'counter' THEN b.counter_key WHEN 'officer' THEN b.officer_key ELSE b.hour_key END AS key,
                  b.agency_id, b.source, b.status, b.w, b.sv
             FROM base b CROSS JOIN (VALUES ('service'), ('counter'), ('officer'), ('hour')) g (group_by)
         ), figures AS (
           INSERT INTO hall_day_figures (site_id, local_date, group_by, key, agency_id, kiosk, booking, online, staff, tickets,
                                         served, no_show, not_served, cancelled, open, wait_count, wait_sum, service_count, service_sum)
           SELECT $1, $2, group_by, key, agency_id,
                  count(*) FILTER (WHERE source = 'kiosk'), count(*) FILTER (WHERE source = 'booking'),
                  count(*) FILTER (WHERE source = 'online'), count(*) FILTER (WHERE source = 'staff'), count(*),
                  count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'no_show'),
                  count(*) FILTER (WHERE status = 'not_served'), count(*) FILTER (WHERE status = 'cancelled'),
                  count(*) FILTER (WHERE status IN ('waiting', 'called', 'serving')),
                  count(w), coalesce(sum(w), 0), count(sv), coalesce(sum(sv), 0)
             FROM keyed GROUP BY group_by, key, agency_id
           RETURNING 1
         ), histogram AS (
           INSERT INTO hall_day_histogram (site_id, local_date, group_by, key, agency_id, measure, bucket, n)
           SELECT $1, $2, k.group_by, k.key, k.agency_id, d.measure, ${SQL_BUCKET('d.seconds')}, count(*)
             FROM keyed k CROSS JOIN LATERAL (VALUES ('wait', k.w), ('service', k.sv)) d (measure, seconds)
            WHERE d.seconds IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 7
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM figures) AS figures, (SELECT count(*) FROM histogram) AS histogram`,
        [site.id, day, site.time_zone],
      );
      await m.query(
        `INSERT INTO hall_day_built (site_id, local_date, built_at) VALUES ($1, $2, $3)
         ON CONFLICT (site_id, local_date) DO UPDATE SET built_at = EXCLUDED.built_at`,
        [site.id, day, at],
      );
      await m.query(`DELETE FROM hall_month_histogram WHERE site_id = $1 AND group_by = ANY(${GROUPINGS}) AND month = $2`, [site.id, month]);
      await m.query(
        `INSERT INTO hall_month_histogram (site_id, month, group_by, key, agency_id, measure, bucket, n)
         SELECT site_id, $2::date, group_by, key, agency_id, measure, bucket, sum(n)
           FROM hall_day_histogram
          WHERE site_id = $1 AND group_by = ANY(${GROUPINGS}) AND local_date >= $2::date AND local_date < ($2::date + interval '1 month')
          GROUP BY site_id, group_by, key, agency_id, measure, bucket`,
        [site.id, month],
      );
    });
  }
}
