import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RedFlagIkmBand, RedFlagSettings } from '@mpp/contracts';
import { DataSource, type EntityManager } from 'typeorm';

interface SettingRow {
  wait_minutes: number | null;
  idle_minutes: number | null;
  picked_share_percent: number | null;
  picked_min_calls: number;
  overdue_applications: number | null;
  ikm_min_band: RedFlagIkmBand | null;
  ikm_days: number;
  ikm_min_respondents: number;
  calendar_days_before: number | null;
  summary_hour: number | null;
  updated_at: Date;
}

export interface StoredRedFlagSettings {
  settings: RedFlagSettings;
  updatedAt: Date;
}

export interface ServiceRef {
  service_id: string;
  service_name: string;
  service_name_en: string;
  agency_id: string;
}

export interface LongWaitRow extends ServiceRef {
  waiting: number;
  oldest_issued_at: Date;
}

export interface IdleCounterRow {
  id: string;
  number: number;
  name: string;
  last_active_at: Date;
  waiting: number;
  agency_ids: string[];
}

export interface OfficerCallRow {
  officer_id: string;
  full_name: string;
  agency_id: string | null;
  counter_id: string | null;
  at: Date;
  picked: boolean;
}

export interface UntouchedComplaintsRow {
  agency_id: string | null;
  agency_name: string | null;
  untouched: number;
  oldest_touch: Date;
  codes: string[];
}

export interface OverdueRow extends ServiceRef {
  overdue: number;
  /** The due date of the `min`-th oldest overdue application (from then on, `min` were overdue). */
  nth_due_at: Date | null;
  application_ids: string[];
}

export interface DayWaitRow extends ServiceRef {
  over: number;
  longest_minutes: number;
}

export interface SummarySiteRow {
  id: string;
  code: string;
  name: string;
  time_zone: string;
  /** Null when the site has no settings row (the defaults apply). */
  has_settings: boolean;
  summary_hour: number | null;
}

/** The red flags' queries, by name (docs/red-flags.md says what each flag reads). */
@Injectable()
export class RedFlagsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Serialises changes of one site's settings (the audit's before is what the change replaced). */
  async lockSiteSettings(tx: EntityManager, siteId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM site WHERE id = $1 FOR NO KEY UPDATE`, [siteId]);
  }

  async findSettings(siteId: string, runner: Pick<EntityManager, 'query'> = this.db): Promise<StoredRedFlagSettings | null> {
    const [row] = (await runner.query(
      `SELECT wait_minutes, idle_minutes, picked_share_percent, picked_min_calls, overdue_applications, ikm_min_band,
              ikm_days, ikm_min_respondents, calendar_days_before, summary_hour, updated_at
         FROM red_flag_setting WHERE site_id = $1`,
      [siteId],
    )) as SettingRow[];
    return row ? { settings: toSettings(row), updatedAt: row.updated_at } : null;
  }

  async saveSettings(tx: EntityManager, siteId: string, s: RedFlagSettings, by: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO red_flag_setting (site_id, wait_minutes, idle_minutes, picked_share_percent, picked_min_calls, overdue_applications, ikm_min_band,
                                     ikm_days, ikm_min_respondents, calendar_days_before, summary_hour, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (site_id) DO UPDATE SET wait_minutes = EXCLUDED.wait_minutes, idle_minutes = EXCLUDED.idle_minutes,
              picked_share_percent = EXCLUDED.picked_share_percent, picked_min_calls = EXCLUDED.picked_min_calls,
              overdue_applications = EXCLUDED.overdue_applications, ikm_min_band = EXCLUDED.ikm_min_band, ikm_days = EXCLUDED.ikm_days,
              ikm_min_respondents = EXCLUDED.ikm_min_respondents, calendar_days_before = EXCLUDED.calendar_days_before,
              summary_hour = EXCLUDED.summary_hour, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [siteId, s.waitMinutes, s.idleMinutes, s.pickedSharePercent, s.pickedMinCalls, s.overdueApplications, s.ikmMinBand, s.ikmDays, s.ikmMinRespondents, s.calendarDaysBefore, s.summaryHour, at, by],
    );
  }

  /** The site an agency belongs to (an agency admin's scope). */
  async siteOfAgency(agencyId: string): Promise<string | null> {
    const [row] = (await this.db.query(`SELECT site_id FROM agency WHERE id = $1`, [agencyId])) as { site_id: string }[];
    return row?.site_id ?? null;
  }

  /** Active site admins of a site with their email: the summary's recipients. */
  async siteAdminEmails(siteId: string, tx?: EntityManager): Promise<string[]> {
    const rows = (await (tx ?? this.db).query(`SELECT email FROM staff_user WHERE active AND role = 'site_admin' AND site_id = $1 ORDER BY email`, [siteId])) as { email: string }[];
    return rows.map((r) => r.email);
  }

  /** Per service, today's tickets still waiting that were issued before `issuedBefore` (waited longer than the threshold). */
  async longWaitsByService(siteId: string, localDate: string, issuedBefore: Date): Promise<LongWaitRow[]> {
    return (await this.db.query(
      `SELECT t.service_id, s.name AS service_name, s.name_en AS service_name_en, s.agency_id, count(*)::int AS waiting, min(t.issued_at) AS oldest_issued_at
         FROM ticket t JOIN service s ON s.id = t.service_id
        WHERE t.site_id = $1 AND t.local_date = $2 AND t.status = 'waiting' AND t.issued_at < $3
        GROUP BY t.service_id, s.name, s.name_en, s.agency_id
        ORDER BY min(t.issued_at), t.service_id`,
      [siteId, localDate, issuedBefore],
    )) as LongWaitRow[];
  }

  /**
   * Open counters with nothing called or being served: their last activity (the latest ticket event
   * there since `dayStart`, or their opening, whichever is later) and today's tickets waiting for
   * their services (not targeted at another counter), with those services' agencies.
   */
  async freeOpenCounters(siteId: string, localDate: string, dayStart: Date): Promise<IdleCounterRow[]> {
    return (await this.db.query(
      `WITH free AS (
         SELECT c.id, c.number, c.name, c.updated_at FROM counter c
          WHERE c.site_id = $1 AND c.state = 'open' AND c.retired_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.counter_id = c.id AND t.status IN ('called', 'serving'))
       ), last_event AS (
         SELECT e.counter_id, max(e.at) AS at FROM ticket_event e
          WHERE e.site_id = $1 AND e.at >= $3 AND e.counter_id IN (SELECT id FROM free)
          GROUP BY e.counter_id
       ), waiting AS (
         SELECT cs.counter_id, count(*)::int AS waiting, array_agg(DISTINCT s.agency_id) AS agency_ids
           FROM free f
           JOIN counter_service cs ON cs.counter_id = f.id
           JOIN ticket t ON t.service_id = cs.service_id AND t.site_id = $1 AND t.local_date = $2 AND t.status = 'waiting'
                        AND (t.target_counter_id IS NULL OR t.target_counter_id = f.id)
           JOIN service s ON s.id = t.service_id
          GROUP BY cs.counter_id
       )
       SELECT f.id, f.number, f.name, GREATEST(f.updated_at, le.at) AS last_active_at, w.waiting, w.agency_ids
         FROM free f JOIN waiting w ON w.counter_id = f.id LEFT JOIN last_event le ON le.counter_id = f.id
        ORDER BY f.number`,
      [siteId, localDate, dayStart],
    )) as IdleCounterRow[];
  }

  /** Every call of the day by an officer of the site (in time order), whether it was picked. */
  async callsSince(siteId: string, dayStart: Date, until: Date): Promise<OfficerCallRow[]> {
    return (await this.db.query(
      `SELECT e.actor_user_id AS officer_id, u.full_name, u.agency_id, e.counter_id, e.at, coalesce((e.details->>'picked')::boolean, false) AS picked
         FROM ticket_event e JOIN staff_user u ON u.id = e.actor_user_id
        WHERE e.site_id = $1 AND e.action = 'call' AND e.at >= $2 AND e.at <= $3
        ORDER BY e.at, e.id`,
      [siteId, dayStart, until],
    )) as OfficerCallRow[];
  }

  /** Per service, open applications whose clock runs and whose service due date has passed. */
  async overdueApplicationsByService(siteId: string, states: readonly string[], now: Date, min: number): Promise<OverdueRow[]> {
    return (await this.db.query(
      `SELECT a.service_id, s.name AS service_name, s.name_en AS service_name_en, a.agency_id, count(*)::int AS overdue,
              (array_agg(a.due_at ORDER BY a.due_at, a.id))[$4] AS nth_due_at,
              (array_agg(a.id ORDER BY a.due_at, a.id))[1:20] AS application_ids
         FROM application a JOIN service s ON s.id = a.service_id
        WHERE a.agency_id IN (SELECT id FROM agency WHERE site_id = $1) AND a.due_at < $3
          -- ix_application_due's own predicate, spelled out so the planner can use it (per agency, by due date).
          AND a.state NOT IN ('draft', 'ready', 'done', 'rejected', 'withdrawn', 'expired')
          AND a.site_id = $1 AND a.clock_phase = 'running' AND a.state = ANY($2::text[])
        GROUP BY a.service_id, s.name, s.name_en, a.agency_id
        ORDER BY min(a.due_at), a.service_id`,
      [siteId, states, now, min],
    )) as OverdueRow[];
  }

  /**
   * Per agency (null: the MPP's own), open complaints no handler has touched since `before`
   * (waiting for the reporter does not count), with the oldest touch and up to 20 codes.
   */
  async untouchedComplaintsByAgency(siteId: string, before: Date): Promise<UntouchedComplaintsRow[]> {
    return (await this.db.query(
      `SELECT c.agency_id, g.name AS agency_name, count(*)::int AS untouched, min(c.last_handler_action_at) AS oldest_touch,
              (array_agg(c.code ORDER BY c.last_handler_action_at, c.id))[1:20] AS codes
         FROM complaint c LEFT JOIN agency g ON g.id = c.agency_id
        WHERE c.site_id = $1 AND c.status NOT IN ('answered', 'closed', 'waiting_for_citizen') AND c.last_handler_action_at <= $2
        GROUP BY c.agency_id, g.name
        ORDER BY min(c.last_handler_action_at)`,
      [siteId, before],
    )) as UntouchedComplaintsRow[];
  }

  /** The site's "untouched" days (complaint_setting), or null when it saved none (the default applies). */
  async complaintUntouchedDays(siteId: string): Promise<number | null> {
    const rows = (await this.db.query(`SELECT untouched_days FROM complaint_setting WHERE site_id = $1`, [siteId])) as { untouched_days: number }[];
    return rows[0]?.untouched_days ?? null;
  }

  /** How far ahead the site's active services take bookings: the largest booking_days_ahead (0 without online booking). */
  async bookingHorizonDays(siteId: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT coalesce(max(booking_days_ahead), 0)::int AS days FROM service WHERE site_id = $1 AND retired_at IS NULL AND online_booking_enabled`,
      [siteId],
    )) as { days: number }[];
    return row.days;
  }

  /** The years from `fromYear` on that have national calendar days. */
  async nationalCalendarYears(fromYear: number): Promise<number[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT extract(year FROM date)::int AS year FROM national_calendar_day WHERE date >= make_date($1, 1, 1) ORDER BY 1`,
      [fromYear],
    )) as { year: number }[];
    return rows.map((r) => r.year);
  }

  /** Per service, today's tickets that waited (until called, closed, or now) longer than `minutes`. */
  async dayLongWaitsByService(siteId: string, localDate: string, now: Date, minutes: number): Promise<DayWaitRow[]> {
    return (await this.db.query(
      `WITH waits AS (
         SELECT t.service_id, extract(epoch FROM (coalesce(t.first_called_at, t.finished_at, $3) - t.issued_at)) / 60 AS minutes
           FROM ticket t WHERE t.site_id = $1 AND t.local_date = $2
       )
       SELECT w.service_id, s.name AS service_name, s.name_en AS service_name_en, s.agency_id, count(*)::int AS over, floor(max(w.minutes))::int AS longest_minutes
         FROM waits w JOIN service s ON s.id = w.service_id
        WHERE w.minutes > $4
        GROUP BY w.service_id, s.name, s.name_en, s.agency_id
        ORDER BY count(*) DESC, w.service_id`,
      [siteId, localDate, now, minutes],
    )) as DayWaitRow[];
  }

  /** Every site with its summary hour (null settings: the default hour applies). */
  async sitesForSummary(): Promise<SummarySiteRow[]> {
    return (await this.db.query(
      `SELECT s.id, s.code, s.name, s.time_zone, r.site_id IS NOT NULL AS has_settings, r.summary_hour
         FROM site s LEFT JOIN red_flag_setting r ON r.site_id = s.id
        WHERE s.retired_at IS NULL
        ORDER BY s.code`,
    )) as SummarySiteRow[];
  }

  /**
   * Takes the site's summary of `localDate` (in `tx`): true for the one transaction that wrote the
   * row, false when another has (it waits for that one to commit, then finds the key taken).
   */
  async claimSummary(tx: EntityManager, siteId: string, localDate: string, at: Date, flags: number, recipients: number): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO red_flag_summary (site_id, local_date, sent_at, flags, recipients) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (site_id, local_date) DO NOTHING RETURNING site_id`,
      [siteId, localDate, at, flags, recipients],
    )) as unknown[];
    return rows.length === 1;
  }

  async summaryExists(siteId: string, localDate: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM red_flag_summary WHERE site_id = $1 AND local_date = $2`, [siteId, localDate])) as unknown[];
    return rows.length > 0;
  }
}

function toSettings(row: SettingRow): RedFlagSettings {
  return {
    waitMinutes: row.wait_minutes,
    idleMinutes: row.idle_minutes,
    pickedSharePercent: row.picked_share_percent,
    pickedMinCalls: row.picked_min_calls,
    overdueApplications: row.overdue_applications,
    ikmMinBand: row.ikm_min_band,
    ikmDays: row.ikm_days,
    ikmMinRespondents: row.ikm_min_respondents,
    calendarDaysBefore: row.calendar_days_before,
    summaryHour: row.summary_hour,
  };
}
