/**
 * Catalogue shapes that cross the wire: sites (MPPs), agencies and services with their
 * service standard (Standar Pelayanan, PermenPANRB 15/2014). Plain types only.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A time of day in the site's local time, "HH:MM" (24 h). */
export type LocalTime = string;

export interface TimeRange {
  start: LocalTime;
  end: LocalTime;
}

/** Opening hours for one weekday; a weekday missing from the list is closed. */
export interface OpeningHours {
  weekday: IsoWeekday;
  open: LocalTime;
  close: LocalTime;
  breaks: TimeRange[];
}

export type ClosureKind = 'national_holiday' | 'cuti_bersama' | 'local_closure';

export interface ClosureResponse {
  id: string;
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  name: string;
  kind: ClosureKind;
}

/**
 * Facilities a site may have, as fixed keys (the apps hold the labels in both languages). Kept in
 * step with the check ck_site_facilities on site.facilities: a new key needs a migration too.
 */
export const SITE_FACILITIES = [
  'laktasi',
  'ramah_anak',
  'jalur_disabilitas',
  'kursi_roda',
  'toilet_disabilitas',
  'juru_bahasa_isyarat',
  'ruang_tunggu_prioritas',
  'ruang_curhat_bestie',
] as const;
export type SiteFacility = (typeof SITE_FACILITIES)[number];

export interface SiteSummaryResponse {
  code: string;
  name: string;
  city: string;
  province: string;
  timeZone: string;
}

export interface SiteResponse extends SiteSummaryResponse {
  id: string;
  address: string;
  phone: string | null;
  email: string | null;
  openingHours: OpeningHours[];
  /** Whether the site closes on cuti bersama (collective leave) days. */
  closesOnCutiBersama: boolean;
  /** Closures from today (site-local) onwards: holidays the site observes and local closures. */
  upcomingClosures: ClosureResponse[];
  agencyCount: number;
  serviceCount: number;
  facilities: SiteFacility[];
  /** Files of finished applications are deleted this many days after their last change; the trail stays. */
  applicationFileRetentionDays: number;
}

/** Whether the site serves at this moment: open, on its break, or closed (for the day or not yet open). */
export type SiteNowState = 'open' | 'on_break' | 'closed';

/** Why a site is closed for a whole day: its weekly day off, or a closure with its name. */
export type SiteDayClosure = { kind: 'weekly_closed'; name: null } | { kind: ClosureKind; name: string };

export interface SiteTodayResponse {
  /** The site's local date, YYYY-MM-DD. */
  date: string;
  weekday: IsoWeekday;
  /** Today's hours with breaks; null when the site does not open today. */
  hours: OpeningHours | null;
  /** Why the site is closed all day; null when it opens today. */
  closure: SiteDayClosure | null;
}

export interface SiteNowResponse {
  state: SiteNowState;
  /** The site's local time the answer was computed at, HH:MM. */
  localTime: string;
  /** Today's local time the state changes (closes, break ends, opens); null when it stays so for the day. */
  until: LocalTime | null;
  /** The next time it opens, when it is not open now (null when open, or none in the next 31 days). */
  nextOpen: { date: string; time: LocalTime } | null;
}

export interface SitePageAgencyResponse {
  code: string;
  name: string;
  shortName: string;
  description: string | null;
  serviceCount: number;
}

/** The citizen's page of one MPP (GET /sites/{code}/page): nothing personal. */
export interface SitePageResponse extends SiteSummaryResponse {
  address: string;
  phone: string | null;
  email: string | null;
  openingHours: OpeningHours[];
  closesOnCutiBersama: boolean;
  today: SiteTodayResponse;
  now: SiteNowResponse;
  /** Closures from today (site-local) to 30 days ahead, holidays included, each with its reason. */
  upcomingClosures: ClosureResponse[];
  facilities: SiteFacility[];
  agencies: SitePageAgencyResponse[];
}

export interface AgencyResponse {
  id: string;
  siteCode: string;
  code: string;
  name: string;
  shortName: string;
  description: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  website: string | null;
  logoUrl: string | null;
  serviceCount: number;
}

/** Whether the citizen brings the original, a photocopy, or both. */
export type DocumentForm = 'original' | 'copy' | 'original_and_copy' | 'none';

export const UPLOADABLE_FILE_TYPES = ['pdf', 'jpg', 'png'] as const;
export type UploadableFileType = (typeof UPLOADABLE_FILE_TYPES)[number];

export interface RequirementResponse {
  id: string;
  position: number;
  name: string;
  nameEn: string | null;
  description: string | null;
  mandatory: boolean;
  form: DocumentForm;
  uploadable: boolean;
  fileTypes: UploadableFileType[];
}

export interface ProcedureStep {
  /** Indonesian text of the step. */
  text: string;
  textEn: string | null;
}

/**
 * Minutes for same-day services; working days of the site's calendar (its opening days, without
 * holidays, the cuti bersama it closes on and its local closures); or calendar days, every day
 * counted, where the service standard says so ("paling lama 30 hari": BPHTB validation).
 */
export const COMPLETION_TIME_UNITS = ['minutes', 'working_days', 'calendar_days'] as const;
export type CompletionTimeUnit = (typeof COMPLETION_TIME_UNITS)[number];

export interface CompletionTime {
  /** In `unit`s: minutes, working days or calendar days. */
  value: number;
  unit: CompletionTimeUnit;
  note: string | null;
}

export interface Fee {
  free: boolean;
  /** Rupiah, whole numbers; 0 when free. */
  amount: number;
  legalBasis: string | null;
  note: string | null;
}

export interface QueueSettings {
  /** One capital letter printed before the ticket number, e.g. "A" for A001. */
  ticketPrefix: string;
  expectedServiceMinutes: number;
  walkInEnabled: boolean;
  onlineBookingEnabled: boolean;
  /** Citizens may take a ticket from home (antrean daring); off by default. */
  onlineTicketEnabled: boolean;
  /** Maximum tickets per site-local day; null = unlimited. */
  dailyQuota: number | null;
}

export interface BookingSettings {
  slotMinutes: number;
  /** Seats per slot. */
  slotCapacity: number;
  /** How many days ahead booking opens (today counts as day 0). */
  daysAhead: number;
  /** Booking closes this many minutes before a slot starts. */
  cutoffMinutes: number;
  /** Percent of the daily quota kept for walk-ins. */
  walkInSharePercent: number;
}

export interface ServiceSummaryResponse {
  id: string;
  code: string;
  siteCode: string;
  agency: { id: string; code: string; shortName: string; name: string };
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  fee: Fee;
  /** The service standard's completion time, or the legal default when it states none (completionTimeSource). */
  completionTime: CompletionTime;
  /**
   * `service`: stated by the service standard; `legal_default`: the standard states none, so the law's
   * applies (5 working days after the application is complete, UU 30/2014 Pasal 53 as amended).
   */
  completionTimeSource: 'service' | 'legal_default';
  walkInEnabled: boolean;
  onlineBookingEnabled: boolean;
}

export interface ServiceResponse extends ServiceSummaryResponse {
  description: string;
  descriptionEn: string;
  synonyms: string[];
  /** The active requirements in order; each keeps its id across edits of the service. */
  requirements: RequirementResponse[];
  /**
   * The version of the requirement set, raised by each edit that adds, changes, reorders or removes
   * a requirement (not by other edits): what an application records it was made against.
   */
  requirementsVersion: number;
  procedure: ProcedureStep[];
  product: string;
  productEn: string | null;
  legalBasis: string[];
  complaintChannel: string;
  queue: QueueSettings;
  booking: BookingSettings;
  /** Whether the service takes digital applications (permohonan daring). */
  applicationsEnabled: boolean;
  /** The largest document an application of the service takes, in MB (1–50): check before uploading. */
  maxUploadMb: number;
}

/** A retired service as its agency's admins see it (GET /admin/agencies/{id}/retired-services): no longer public. */
export interface RetiredServiceResponse {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  ticketPrefix: string;
  /** ISO timestamp. */
  retiredAt: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
