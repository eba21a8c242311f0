import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CounterState, ReportGroup } from '@mpp/contracts';
import { DataSource } from 'typeorm';

/** The scope and period of one report: site-local dates, both included, and their instants. */
export interface ReportWindow {
  siteId: string;
  timeZone: string;
  from: string;
  to: string;
  /** Only this agency's services, or null for the whole site. */
  agencyId: string | null;
}

export interface LiveServiceRow {
  id: string;
  name: string;
  agency_id: string;
  waiting: number;
  oldest_queue_at: Date | null;
  served: number;
  no_show: number;
}

export interface LiveCounterRow {
  id: string;
  number: number;
  name: string;
  state: CounterState;
  busy: boolean;
  has_waiting: boolean;
  last_action_at: Date | null;
}

/** One group's ticket figures; `is_total` marks the row over every group. */
export interface TicketFiguresRow {
  is_total: boolean;
  key: string | null;
  kiosk: number;
  booking: number;
  online: number;
  staff: number;
  tickets: number;
  served: number;
  no_show: number;
  not_served: number;
  cancelled: number;
  open: number;
  wait_count: number;
  wait_mean: number | null;
  /** [p50, p90] in one sort (percentile_cont with an array). */
  wait_p: [number | null, number | null];
  service_count: number;
  service_mean: number | null;
  service_p: [number | null, number | null];
}

export interface KeyedCount {
  is_total: boolean;
  key: string | null;
}

export interface ApplicationFiguresRow extends KeyedCount {
  submitted: number;
  decided: number;
  on_time: number;
}

export interface BookedRow {
  service_id: string;
  booked: number;
}

export interface BookableServiceRow {
  id: string;
  agency_id: string;
  booking_slot_minutes: number;
  booking_slot_capacity: number;
  daily_quota: number | null;
  booking_walk_in_share: number;
}

/** Memory for the report's sorts, per sort (SET LOCAL, this transaction only). */
const REPORT_WORK_MEM = '64MB';

const FLOAT = (expression: string, name: string) => `(${expression})::float8 AS ${name}`;

/** The group a ticket row (alias t, service s, closing officer o) falls into. */
function ticketGroupKey(groupBy: ReportGroup): string {
  switch (groupBy) {
    case 'site':
      return `NULL::text`;
    case 'agency':
      return `s.agency_id::text`;
    case 'service':
      return `t.service_id::text`;
    case 'counter':
      return `t.counter_id::text`;
    case 'officer':
      return `o.actor_user_id::text`;
    case 'hour':
      return `lpad(extract(hour FROM t.issued_at AT TIME ZONE $5)::int::text, 2, '0')`;
  }
}

/**
 * The report's queries (docs/reports.md): every figure straight from the ticket, booking and
 * application rows of the period, one pass per kind, so they are always what the events say.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ---- live --------------------------------------------------------------------------------

  /** Each active service of the site (or of one agency) with today's queue. */
  async liveServices(siteId: string, today: string, agencyId: string | null): Promise<LiveServiceRow[]> {
    return (await this.db.query(
      `SELECT s.id, s.name, s.agency_id,
              count(t.id) FILTER (WHERE t.status = 'waiting')::int AS waiting,
              min(t.queue_at) FILTER (WHERE t.status = 'waiting') AS oldest_queue_at,
              count(t.id) FILTER (WHERE t.status = 'done')::int AS served,
              count(t.id) FILTER (WHERE t.status = 'no_show')::int AS no_show
         FROM service s
         LEFT JOIN ticket t ON t.site_id = s.site_id AND t.service_id = s.id AND t.local_date = $2
        WHERE s.site_id = $1 AND s.retired_at IS NULL AND ($3::uuid IS NULL OR s.agency_id = $3)
        GROUP BY s.id
        ORDER BY s.name, s.id`,
      [siteId, today, agencyId],
    )) as LiveServiceRow[];
  }

  /**
   * The site's counters (an agency's: those serving one of its services), whether each holds a
   * ticket, whether one of its services (of that agency) has people waiting, and its last act today.
   */
  async liveCounters(siteId: string, today: string, dayStart: Date, agencyId: string | null): Promise<LiveCounterRow[]> {
    return (await this.db.query(
      `SELECT c.id, c.number, c.name, c.state,
              EXISTS (SELECT 1 FROM ticket t WHERE t.counter_id = c.id AND t.status IN ('called', 'serving')) AS busy,
              EXISTS (SELECT 1 FROM counter_service cs
                        JOIN service s ON s.id = cs.service_id
                        JOIN ticket t ON t.site_id = c.site_id AND t.service_id = cs.service_id AND t.local_date = $2 AND t.status = 'waiting'
                       WHERE cs.counter_id = c.id AND ($4::uuid IS NULL OR s.agency_id = $4)) AS has_waiting,
              (SELECT max(e.at) FROM ticket_event e WHERE e.site_id = c.site_id AND e.at >= $3 AND e.counter_id = c.id) AS last_action_at
         FROM counter c
        WHERE c.site_id = $1 AND c.retired_at IS NULL
          AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM counter_service cs JOIN service s ON s.id = cs.service_id
                                           WHERE cs.counter_id = c.id AND s.agency_id = $4))
        ORDER BY c.number`,
      [siteId, today, dayStart, agencyId],
    )) as LiveCounterRow[];
  }

  // ---- period report -----------------------------------------------------------------------

  /**
   * Ticket volumes, outcomes, waits (issued → first called) and service times (started →
   * finished, served tickets) per group and over all groups, from the tickets of the period's
   * local dates. The officer is the one who closed the ticket (its finish or no-show event). By
   * site there is one group: only the total is computed (the service copies it into the row).
   */
  async ticketFigures(w: ReportWindow, groupBy: ReportGroup): Promise<TicketFiguresRow[]> {
    const officerJoin =
      groupBy === 'officer'
        ? `LEFT JOIN (
             SELECT DISTINCT ON (e.ticket_id) e.ticket_id, e.actor_user_id
               FROM ticket_event e
              WHERE e.site_id = $1 AND e.action IN ('finish', 'no_show')
                AND e.at >= ($2::date::timestamp AT TIME ZONE $5) AND e.at < (($3::date + 2)::timestamp AT TIME ZONE $5)
              ORDER BY e.ticket_id, e.id DESC
           ) o ON o.ticket_id = t.id`
        : '';
    const sql =
      `SELECT ${groupBy === 'site' ? 'true AS is_total, NULL::text AS key' : 'GROUPING(k) = 1 AS is_total, k AS key'},
              count(*) FILTER (WHERE source = 'kiosk')::int AS kiosk,
              count(*) FILTER (WHERE source = 'booking')::int AS booking,
              count(*) FILTER (WHERE source = 'online')::int AS online,
              count(*) FILTER (WHERE source = 'staff')::int AS staff,
              count(*)::int AS tickets,
              count(*) FILTER (WHERE status = 'done')::int AS served,
              count(*) FILTER (WHERE status = 'no_show')::int AS no_show,
              count(*) FILTER (WHERE status = 'not_served')::int AS not_served,
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE status IN ('waiting', 'called', 'serving'))::int AS open,
              count(w)::int AS wait_count,
              ${FLOAT('avg(w)', 'wait_mean')},
              percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY w) AS wait_p,
              count(sv)::int AS service_count,
              ${FLOAT('avg(sv)', 'service_mean')},
              percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY sv) AS service_p
         FROM (
           SELECT ${ticketGroupKey(groupBy)} AS k, t.source, t.status,
                  extract(epoch FROM t.first_called_at - t.issued_at)::float8 AS w,
                  CASE WHEN t.status = 'done' THEN extract(epoch FROM t.finished_at - t.started_at)::float8 END AS sv
             FROM ticket t
             JOIN service s ON s.id = t.service_id
             ${officerJoin}
            WHERE t.site_id = $1 AND t.local_date BETWEEN $2 AND $3 AND ($4::uuid IS NULL OR s.agency_id = $4)
         ) x
        GROUP BY GROUPING SETS (${groupBy === 'site' ? '()' : '(k), ()'})`;
    // The zone ($5) is only sent to the groupings that read it.
    const params = groupBy === 'hour' || groupBy === 'officer' ? [w.siteId, w.from, w.to, w.agencyId, w.timeZone] : [w.siteId, w.from, w.to, w.agencyId];
    // The percentiles sort every duration of the period in memory: a year (~500,000 values) spills
    // to disk under the default 4 MB work_mem; this query alone gets more (docs/reports.md, Speed).
    return this.db.transaction(async (m) => {
      await m.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      return (await m.query(sql, params)) as TicketFiguresRow[];
    });
  }

  /**
   * Applications submitted in the period, and decided in it (approved or rejected) with how many
   * by their due date, per group. Counters have no applications (key null); the officer is the one
   * assigned (submitted) or who decided (decided).
   */
  async applicationFigures(w: ReportWindow, groupBy: ReportGroup): Promise<ApplicationFiguresRow[]> {
    const key = (at: string, officer: string) => {
      switch (groupBy) {
        case 'site':
        case 'counter':
          return `NULL::text`;
        case 'agency':
          return `a.agency_id::text`;
        case 'service':
          return `a.service_id::text`;
        case 'officer':
          return `${officer}::text`;
        case 'hour':
          return `lpad(extract(hour FROM ${at} AT TIME ZONE $5)::int::text, 2, '0')`;
      }
    };
    return (await this.db.query(
      `WITH bounds AS (
         SELECT ($2::date::timestamp AT TIME ZONE $5) AS lo, (($3::date + 1)::timestamp AT TIME ZONE $5) AS hi
       ), facts AS (
         SELECT ${key('a.submitted_at', 'a.assigned_officer_id')} AS k, 1 AS submitted, 0 AS decided, 0 AS on_time
           FROM application a, bounds
          WHERE a.site_id = $1 AND a.submitted_at >= bounds.lo AND a.submitted_at < bounds.hi AND ($4::uuid IS NULL OR a.agency_id = $4)
         UNION ALL
         SELECT ${key('e.at', "CASE WHEN e.actor_kind = 'officer' THEN e.actor_id END")} AS k, 0, 1,
                CASE WHEN a.due_at IS NOT NULL AND e.at <= a.due_at THEN 1 ELSE 0 END
           FROM application_event e
           JOIN application a ON a.id = e.application_id, bounds
          WHERE a.site_id = $1 AND e.to_state IN ('approved', 'rejected') AND e.at >= bounds.lo AND e.at < bounds.hi
            AND ($4::uuid IS NULL OR a.agency_id = $4)
       )
       SELECT GROUPING(k) = 1 AS is_total, k AS key,
              coalesce(sum(submitted), 0)::int AS submitted, coalesce(sum(decided), 0)::int AS decided, coalesce(sum(on_time), 0)::int AS on_time
         FROM facts
        GROUP BY GROUPING SETS ((k), ())`,
      [w.siteId, w.from, w.to, w.agencyId, w.timeZone],
    )) as ApplicationFiguresRow[];
  }

  /** Bookings (not cancelled) for slots on the period's dates, per service. */
  async bookedPerService(w: ReportWindow): Promise<BookedRow[]> {
    return (await this.db.query(
      `SELECT b.service_id, count(*)::int AS booked
         FROM booking b JOIN service s ON s.id = b.service_id
        WHERE b.site_id = $1 AND b.slot_date BETWEEN $2 AND $3 AND b.status <> 'cancelled' AND ($4::uuid IS NULL OR s.agency_id = $4)
        GROUP BY b.service_id`,
      [w.siteId, w.from, w.to, w.agencyId],
    )) as BookedRow[];
  }

  /** Services that take bookings now, or had bookings in the period (`ids`), with their booking settings. */
  async bookableServices(w: ReportWindow, ids: string[]): Promise<BookableServiceRow[]> {
    return (await this.db.query(
      `SELECT id, agency_id, booking_slot_minutes, booking_slot_capacity, daily_quota, booking_walk_in_share
         FROM service
        WHERE site_id = $1 AND ($2::uuid IS NULL OR agency_id = $2)
          AND ((online_booking_enabled AND retired_at IS NULL) OR id = ANY($3::uuid[]))`,
      [w.siteId, w.agencyId, ids],
    )) as BookableServiceRow[];
  }

  // ---- names -------------------------------------------------------------------------------

  async agencyNames(siteId: string): Promise<Map<string, string>> {
    return this.names(`SELECT id::text AS id, name FROM agency WHERE site_id = $1`, [siteId]);
  }

  async serviceNames(siteId: string): Promise<Map<string, string>> {
    return this.names(`SELECT id::text AS id, name FROM service WHERE site_id = $1`, [siteId]);
  }

  async counterNames(siteId: string): Promise<Map<string, string>> {
    return this.names(`SELECT id::text AS id, name FROM counter WHERE site_id = $1`, [siteId]);
  }

  async staffNames(ids: string[]): Promise<Map<string, string>> {
    return this.names(`SELECT id::text AS id, full_name AS name FROM staff_user WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async agencyOfSite(agencyId: string, siteId: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM agency WHERE id = $1 AND site_id = $2`, [agencyId, siteId])) as unknown[];
    return rows.length === 1;
  }

  private async names(sql: string, params: unknown[]): Promise<Map<string, string>> {
    const rows = (await this.db.query(sql, params)) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
