import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CounterState, ReportGroup } from '@mpp/contracts';
import { addDaysToLocalDate, histogramPercentile, type HistogramBucket } from '@mpp/domain';
import { DataSource, EntityManager } from 'typeorm';
import { SQL_BUCKET } from './reports-rollup.repository';

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

/** The group a rollup row (alias f) falls into: site and agency are sums of the service rows. */
function rollupGroup(groupBy: ReportGroup): { groupBy: string; key: string } {
  switch (groupBy) {
    case 'site':
      return { groupBy: 'service', key: `NULL::text` };
    case 'agency':
      return { groupBy: 'service', key: `f.agency_id::text` };
    case 'service':
    case 'counter':
    case 'officer':
    case 'hour':
      return { groupBy, key: `nullif(f.key, '')` };
  }
}

/** How a period is read with the rollup: whole built months, other built days, the rest live. */
export interface RollupPlan {
  /** First days of the months read from hall_month_histogram (every day of them built). */
  months: string[];
  /** Built days whose histograms are read from hall_day_histogram (not in those months). */
  days: string[];
  /** Every built day (their counts are read from hall_day_figures). */
  built: string[];
  /** Days read from the tickets: today, unbuilt and future days. */
  live: string[];
}

/** Splits a period into the rollup's parts, from the days that are built. */
export function planRollup(from: string, to: string, builtDays: ReadonlySet<string>): RollupPlan {
  const all: string[] = [];
  for (let d = from; d <= to; d = addDaysToLocalDate(d, 1)) all.push(d);
  const byMonth = new Map<string, string[]>();
  for (const d of all) byMonth.set(d.slice(0, 7), [...(byMonth.get(d.slice(0, 7)) ?? []), d]);
  const months: string[] = [];
  const inMonths = new Set<string>();
  for (const [month, days] of byMonth) {
    const first = `${month}-01`;
    const next = addDaysToLocalDate(first, 32).slice(0, 7);
    const whole = days[0] === first && addDaysToLocalDate(days[days.length - 1]!, 1).slice(0, 7) === next;
    if (whole && days.every((d) => builtDays.has(d))) {
      months.push(first);
      for (const d of days) inMonths.add(d);
    }
  }
  return {
    months,
    days: all.filter((d) => builtDays.has(d) && !inMonths.has(d)),
    built: all.filter((d) => builtDays.has(d)),
    live: all.filter((d) => !builtDays.has(d)),
  };
}

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
   * The same figures as ticketFigures(), with past days read from the rollup (docs/reports.md,
   * "The rollup"): counts and duration sums from hall_day_figures for built days, the durations'
   * histograms from hall_month_histogram for whole built months and hall_day_histogram for the
   * other built days, and every other day (today, a day not built yet or changed since) from the
   * tickets, bucketed the same way. p50 and p90 come from the summed histograms (within 30 s).
   * Null when no day of the period is built: the caller reads it all exactly. One REPEATABLE READ
   * transaction, so the parts agree with each other even while the job builds a day.
   */
  async rolledTicketFigures(w: ReportWindow, groupBy: ReportGroup): Promise<TicketFiguresRow[] | null> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const built = (await m.query(
        `SELECT to_char(local_date, 'YYYY-MM-DD') AS day FROM hall_day_built WHERE site_id = $1 AND local_date BETWEEN $2 AND $3`,
        [w.siteId, w.from, w.to],
      )) as { day: string }[];
      if (built.length === 0) return null;
      const plan = planRollup(w.from, w.to, new Set(built.map((b) => b.day)));
      return this.rolledFigures(m, w, groupBy, plan);
    });
  }

  private async rolledFigures(m: EntityManager, w: ReportWindow, groupBy: ReportGroup, plan: RollupPlan): Promise<TicketFiguresRow[]> {
    const officerJoin =
      groupBy === 'officer'
        ? `LEFT JOIN LATERAL (
             SELECT e.actor_user_id FROM ticket_event e
              WHERE e.ticket_id = t.id AND e.action IN ('finish', 'no_show')
              ORDER BY e.id DESC LIMIT 1
           ) o ON true`
        : '';
    const rolled = rollupGroup(groupBy);
    // $1 site, $2 agency or null, $3 rollup grouping, $4 zone, $5 live days; counts: $6 built days; histograms: $6 months, $7 other built days.
    const live = `live AS (
      SELECT ${ticketGroupKey(groupBy).replace('$5', '$4')} AS k, t.source, t.status,
             extract(epoch FROM t.first_called_at - t.issued_at)::float8 AS w,
             CASE WHEN t.status = 'done' THEN extract(epoch FROM t.finished_at - t.started_at)::float8 END AS sv
        FROM ticket t
        JOIN service s ON s.id = t.service_id
        ${officerJoin}
       WHERE t.site_id = $1 AND t.local_date = ANY($5::date[]) AND ($2::uuid IS NULL OR s.agency_id = $2)
         AND $4::text IS NOT NULL -- the zone, read by the hour's key only: typed here for the other groupings
    )`;
    const sets = groupBy === 'site' ? '()' : '(k), ()';
    const head = groupBy === 'site' ? 'true AS is_total, NULL::text AS key' : 'GROUPING(k) = 1 AS is_total, k AS key';
    const params = [w.siteId, w.agencyId, rolled.groupBy, w.timeZone, plan.live];
    const counts = (await m.query(
      `WITH ${live}, parts AS (
         SELECT ${rolled.key} AS k, f.kiosk, f.booking, f.online, f.staff, f.tickets, f.served, f.no_show, f.not_served, f.cancelled, f.open,
                f.wait_count, f.wait_sum, f.service_count, f.service_sum
           FROM hall_day_figures f
          WHERE f.site_id = $1 AND f.group_by = $3 AND f.local_date = ANY($6::date[]) AND ($2::uuid IS NULL OR f.agency_id = $2)
         UNION ALL
         SELECT k, (source = 'kiosk')::int, (source = 'booking')::int, (source = 'online')::int, (source = 'staff')::int, 1,
                (status = 'done')::int, (status = 'no_show')::int, (status = 'not_served')::int, (status = 'cancelled')::int,
                (status IN ('waiting', 'called', 'serving'))::int,
                (w IS NOT NULL)::int, coalesce(w, 0), (sv IS NOT NULL)::int, coalesce(sv, 0)
           FROM live
       )
       SELECT ${head},
              sum(kiosk)::int AS kiosk, sum(booking)::int AS booking, sum(online)::int AS online, sum(staff)::int AS staff,
              sum(tickets)::int AS tickets, sum(served)::int AS served, sum(no_show)::int AS no_show, sum(not_served)::int AS not_served,
              sum(cancelled)::int AS cancelled, sum(open)::int AS open,
              sum(wait_count)::int AS wait_count, sum(wait_sum)::float8 AS wait_sum,
              sum(service_count)::int AS service_count, sum(service_sum)::float8 AS service_sum
         FROM parts
        GROUP BY GROUPING SETS (${sets})`,
      [...params, plan.built],
    )) as (Omit<TicketFiguresRow, 'wait_mean' | 'wait_p' | 'service_mean' | 'service_p'> & { wait_sum: number; service_sum: number })[];
    const histograms = (await m.query(
      `WITH ${live}, h AS (
         SELECT ${rolled.key} AS k, f.measure, f.bucket, f.n FROM hall_month_histogram f
          WHERE f.site_id = $1 AND f.group_by = $3 AND f.month = ANY($6::date[]) AND ($2::uuid IS NULL OR f.agency_id = $2)
         UNION ALL
         SELECT ${rolled.key} AS k, f.measure, f.bucket, f.n FROM hall_day_histogram f
          WHERE f.site_id = $1 AND f.group_by = $3 AND f.local_date = ANY($7::date[]) AND ($2::uuid IS NULL OR f.agency_id = $2)
         UNION ALL
         SELECT k, 'wait', ${SQL_BUCKET('w')}, 1 FROM live WHERE w IS NOT NULL
         UNION ALL
         SELECT k, 'service', ${SQL_BUCKET('sv')}, 1 FROM live WHERE sv IS NOT NULL
       )
       SELECT ${groupBy === 'site' ? 'true AS is_total, NULL::text AS key' : 'GROUPING(k) = 1 AS is_total, k AS key'}, measure, bucket, sum(n)::int AS n
         FROM h
        GROUP BY GROUPING SETS (${groupBy === 'site' ? '(measure, bucket)' : '(k, measure, bucket), (measure, bucket)'})`,
      [...params, plan.months, plan.days],
    )) as { is_total: boolean; key: string | null; measure: 'wait' | 'service'; bucket: number; n: number }[];
    const bucketsOf = new Map<string, HistogramBucket[]>();
    for (const hRow of histograms) {
      const id = `${hRow.is_total ? 'T' : 'K'}|${hRow.key ?? ''}|${hRow.measure}`;
      let list = bucketsOf.get(id);
      if (!list) bucketsOf.set(id, (list = []));
      list.push({ bucket: hRow.bucket, n: hRow.n });
    }
    const percentiles = (c: { is_total: boolean; key: string | null }, measure: 'wait' | 'service'): [number | null, number | null] => {
      const buckets = bucketsOf.get(`${c.is_total ? 'T' : 'K'}|${c.key ?? ''}|${measure}`) ?? [];
      return [histogramPercentile(buckets, 0.5)?.seconds ?? null, histogramPercentile(buckets, 0.9)?.seconds ?? null];
    };
    return counts.map((c) => ({
      ...c,
      wait_mean: c.wait_count > 0 ? c.wait_sum / c.wait_count : null,
      wait_p: percentiles(c, 'wait'),
      service_mean: c.service_count > 0 ? c.service_sum / c.service_count : null,
      service_p: percentiles(c, 'service'),
    }));
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
