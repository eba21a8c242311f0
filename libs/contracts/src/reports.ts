/**
 * The hall's performance (issue 15): live figures and period reports for site and agency admins.
 * Definitions of every figure: docs/reports.md. Durations are whole seconds; rates are 0..1.
 */
import type { CounterState } from './queue';

/** One service's queue right now. */
export interface LiveServiceFigures {
  serviceId: string;
  serviceName: string;
  agencyId: string;
  waiting: number;
  /** Seconds the longest-waiting ticket has been in the queue (since it last joined it); null when nobody waits. */
  longestWaitSeconds: number | null;
  servedToday: number;
  noShowsToday: number;
}

/** A counter (loket) right now; `idle` = open, nothing called or being served, while one of its services has people waiting. */
export interface LiveCounterFigures {
  counterId: string;
  number: number;
  name: string;
  state: CounterState;
  busy: boolean;
  idle: boolean;
  /** Seconds since it last called, started or finished a ticket today; null when it has done nothing today. */
  sinceLastActionSeconds: number | null;
}

export interface LivePerformanceResponse {
  siteCode: string;
  timeZone: string;
  /** The site's local date the "today" figures are of. */
  localDate: string;
  /** When these figures were read (ISO 8601). */
  at: string;
  /** The agency the figures are limited to (an agency admin's own), or null for the whole site. */
  agencyId: string | null;
  waiting: number;
  longestWaitSeconds: number | null;
  counters: { open: number; paused: number; closed: number; idle: number };
  servedToday: number;
  noShowsToday: number;
  services: LiveServiceFigures[];
  counterList: LiveCounterFigures[];
}

export const REPORT_GROUPS = ['site', 'agency', 'service', 'counter', 'officer', 'hour'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Count, mean and percentiles of durations in seconds (percentiles interpolated as PostgreSQL's percentile_cont). */
export interface DurationFigures {
  count: number;
  meanSeconds: number | null;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

export interface HallReportRow {
  /** The group's id (agency, service, counter, officer), the hour "00".."23", the site's code; null = none (e.g. tickets no officer closed). */
  key: string | null;
  /** The group's name as people know it (service name, "Loket 3", officer's full name, "09:00–09:59"). */
  label: string;
  volumes: { kiosk: number; booking: number; online: number; staff: number; tickets: number; applications: number };
  outcomes: { served: number; noShow: number; notServed: number; cancelled: number; open: number };
  /** no-shows / (served + no-shows); null when neither. */
  noShowRate: number | null;
  /** issued → first called. */
  wait: DurationFigures;
  /** started → finished, served tickets. */
  service: DurationFigures;
  /** Bookings for slots in the period / seats of those slots; null where the grouping has no slots (counter, officer, hour). */
  booking: { booked: number; capacity: number; utilisation: number | null } | null;
  /** Applications decided in the period and how many were decided by their due date. */
  applications: { decided: number; onTime: number; onTimeRate: number | null };
}

export interface HallReportResponse {
  site: { code: string; name: string; timeZone: string };
  /** Site-local dates, inclusive. */
  from: string;
  to: string;
  groupBy: ReportGroup;
  agencyId: string | null;
  generatedAt: string;
  /**
   * How far p50 and p90 may be from the exact percentile_cont of the durations: 0 when every day
   * of the period was read from the tickets, 30 when past days came from the rollup's 1-minute
   * histograms (docs/reports.md, "The rollup"); a percentile of `percentileCapSeconds` or just
   * below then means "4 h or more".
   */
  percentilePrecisionSeconds: number;
  /** Where the histograms' last bucket ("4 h or more") starts: 14400. */
  percentileCapSeconds: number;
  total: HallReportRow;
  rows: HallReportRow[];
}
