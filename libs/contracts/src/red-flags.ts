/**
 * Red flags of a site (issue 15, docs/red-flags.md): thresholds per site, the live list a manager
 * acts on, and the daily summary email. No citizen's personal data ever travels here: a flag names
 * services, counters, officers (staff) and application ids only.
 */
import type { LocalizedText } from './errors';

export const RED_FLAG_KINDS = ['long_wait', 'idle_counter', 'picked_calls', 'overdue_applications', 'untouched_complaints', 'low_ikm', 'national_calendar'] as const;
export type RedFlagKind = (typeof RED_FLAG_KINDS)[number];

export const RED_FLAG_SEVERITIES = ['warning', 'critical'] as const;
export type RedFlagSeverity = (typeof RED_FLAG_SEVERITIES)[number];

/** IKM bands of PermenPANRB 14/2017 a site may require at least (D is the floor: nothing below it). */
export const RED_FLAG_IKM_BANDS = ['A', 'B', 'C'] as const;
export type RedFlagIkmBand = (typeof RED_FLAG_IKM_BANDS)[number];

/**
 * `GET/PUT /api/v1/admin/sites/{code}/red-flags/settings`. A threshold set to null switches its
 * flag off. Every minute and hour is the site's own (its time zone).
 */
export interface RedFlagSettings {
  /** A ticket waiting longer than this many minutes since it was issued (5–480; default 60). */
  waitMinutes: number | null;
  /** An open counter with nothing called or served for this many minutes while its services have people waiting (5–240; default 15). */
  idleMinutes: number | null;
  /** An officer's calls today that were picked (not call-next) above this share, in % (1–100; default 20)… */
  pickedSharePercent: number | null;
  /** …once the officer has made at least this many calls today (1–1000; default 20). */
  pickedMinCalls: number;
  /** A service with at least this many applications past their service due date (1–1000; default 1). */
  overdueApplications: number | null;
  /** A service's IKM over the last `ikmDays` days below this band (default B: C or D raises it). */
  ikmMinBand: RedFlagIkmBand | null;
  /** The IKM period in days (7–365; default 90) and the respondents it needs before it counts (1–1000; default 30). */
  ikmDays: number;
  ikmMinRespondents: number;
  /** Days before the booking horizon reaches a year without a national calendar (1–365; default 60). */
  calendarDaysBefore: number | null;
  /** Local hour (0–23) of the daily summary email to the site's admins; null: no email (default 17). */
  summaryHour: number | null;
}

export type UpdateRedFlagSettingsRequest = RedFlagSettings;

export interface RedFlagSettingsResponse extends RedFlagSettings {
  siteCode: string;
  /** Null while the site uses the defaults. */
  updatedAt: string | null;
}

/** What a flag is about: ids to open the service, counter, officer or applications in the console. */
export interface RedFlagLinks {
  serviceId?: string;
  counterId?: string;
  officerId?: string;
  /** Up to 20 of the applications concerned, the oldest due first. */
  applicationIds?: string[];
  /** The national calendar's missing year. */
  year?: number;
  /** Up to 20 of the untouched complaints' tracking codes, the longest untouched first. */
  complaintCodes?: string[];
}

export interface RedFlagResponse {
  /** Stable while the flag holds: kind and subject (`long_wait:<serviceId>`). */
  key: string;
  kind: RedFlagKind;
  severity: RedFlagSeverity;
  /** When the flag began to hold (ISO 8601). */
  since: string;
  /** What is wrong, with the figures, and what a manager can do (Indonesian and English). */
  title: LocalizedText;
  action: LocalizedText;
  /** The measured value and the site's threshold (minutes, %, count, IKM, days). */
  value: number;
  threshold: number;
  /** The agencies the flag concerns; empty for a site-wide flag (the national calendar). */
  agencyIds: string[];
  links: RedFlagLinks;
}

/** `GET /api/v1/admin/sites/{code}/red-flags`: the flags that hold now, critical first, then the oldest. */
export interface RedFlagListResponse {
  siteCode: string;
  timeZone: string;
  evaluatedAt: string;
  items: RedFlagResponse[];
  /** False while no IKM can be read (the SKM survey's answers are not available): low_ikm is not evaluated. */
  ikmAvailable: boolean;
}
