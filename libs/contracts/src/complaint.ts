/** Complaints and consultation (pengaduan, issue 16): the shapes the API answers and accepts. */
import type { LocalizedText } from './errors';

export type ComplaintStatusName = 'received' | 'verified' | 'in_progress' | 'waiting_for_citizen' | 'answered' | 'closed' | 'reopened';
export type ComplaintKindName = 'complaint' | 'consultation';
export type ComplaintSubjectName = 'service' | 'agency' | 'officer_conduct' | 'facilities';
export type ComplaintAnonymityName = 'named' | 'confidential' | 'anonymous';
export type ComplaintReferenceKind = 'ticket' | 'application' | 'booking';

export interface CreateComplaintRequest {
  siteCode: string;
  kind: ComplaintKindName;
  subject: ComplaintSubjectName;
  agencyId?: string | null;
  serviceId?: string | null;
  text: string;
  anonymity: ComplaintAnonymityName;
  /** Named or confidential: a name and a phone (for the status messages); anonymous: none. */
  reporterName?: string | null;
  reporterPhone?: string | null;
  reporterEmail?: string | null;
  language?: 'id' | 'en';
  reference?: { kind: ComplaintReferenceKind; code: string } | null;
  /** Where it happened, optional: picked on a map or taken from the phone. */
  location?: ComplaintLocation | null;
}

/** A point in WGS 84, picked on a map (`map`) or read from the phone's location (`device`). */
export interface ComplaintLocation {
  lat: number;
  lng: number;
  /** Metres, as the phone reported it (device only). */
  accuracyM?: number | null;
  source: 'map' | 'device';
}

/** Photos a complaint may carry, each at most this size before re-encoding. */
export const COMPLAINT_MAX_PHOTOS = 3;
export const COMPLAINT_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A photo of a complaint, re-encoded as JPEG without EXIF/GPS. Citizen: POST /v1/complaints/{code}/photos
 * (multipart field `photo`, X-Complaint-Secret), read at GET /v1/complaints/{code}/photos/{id};
 * handlers: GET /v1/admin/sites/{site}/complaints/{complaintId}/photos/{id}.
 */
export interface ComplaintPhotoResponse {
  id: string;
  width: number;
  height: number;
  bytes: number;
  createdAt: string;
}

/** Answered once: the tracking code and the secret (never shown again; also sent by SMS when a phone was given). */
export interface ComplaintCreatedResponse {
  code: string;
  secret: string;
  complaint: ComplaintCitizenResponse;
}

/** One public step of the trail, as the reporter sees it (no internal notes, no staff names). */
export interface ComplaintCitizenEvent {
  at: string;
  action: string;
  from: ComplaintStatusName | null;
  to: ComplaintStatusName | null;
  by: 'citizen' | 'handler';
  /** The text the step carried (the answer, the question, the reply). */
  text: string | null;
}

export interface ComplaintClockResponse {
  dueAt: string;
  state: 'on_time' | 'due_soon' | 'overdue' | null;
  phase: 'not_started' | 'running' | 'paused' | 'stopped';
  source: 'site' | 'legal_default';
}

/** The reporter's view, opened with the code and the secret: no personal data, no internal notes. */
export interface ComplaintCitizenResponse {
  code: string;
  kind: ComplaintKindName;
  subject: ComplaintSubjectName;
  status: ComplaintStatusName;
  statusLabel: LocalizedText;
  siteCode: string;
  agency: { id: string; name: string } | null;
  text: string;
  createdAt: string;
  answeredAt: string | null;
  rating: number | null;
  /** Until when the reporter may reopen (null unless answered or closed). */
  reopenUntil: string | null;
  events: ComplaintCitizenEvent[];
  photos: ComplaintPhotoResponse[];
  location: ComplaintLocation | null;
}

export interface ComplaintStaffEvent {
  id: string;
  at: string;
  action: string;
  from: ComplaintStatusName | null;
  to: ComplaintStatusName | null;
  actorKind: 'citizen' | 'staff' | 'system';
  actorId: string | null;
  internal: boolean;
  text: string | null;
  details: Record<string, unknown>;
}

/** A complaint as a handler sees it. `reporter` is null when anonymous, or confidential and the caller is not a site handler. */
export interface ComplaintStaffResponse {
  id: string;
  code: string;
  siteCode: string;
  kind: ComplaintKindName;
  subject: ComplaintSubjectName;
  anonymity: ComplaintAnonymityName;
  status: ComplaintStatusName;
  agencyId: string | null;
  serviceId: string | null;
  assignedStaffId: string | null;
  mergedIntoCode: string | null;
  reference: { kind: ComplaintReferenceKind; code: string } | null;
  text: string;
  reporter: { name: string | null; phone: string | null; email: string | null } | null;
  /** True when a confidential reporter exists but is hidden from this caller. */
  reporterHidden: boolean;
  firstResponse: ComplaintClockResponse;
  resolution: ComplaintClockResponse;
  untouched: boolean;
  rating: number | null;
  createdAt: string;
  updatedAt: string;
  events: ComplaintStaffEvent[];
  version: number;
  photos: ComplaintPhotoResponse[];
  location: ComplaintLocation | null;
}

export interface ComplaintInboxItem {
  id: string;
  code: string;
  kind: ComplaintKindName;
  subject: ComplaintSubjectName;
  status: ComplaintStatusName;
  agencyId: string | null;
  assignedStaffId: string | null;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  untouched: boolean;
  /** A clock ran out and the agency's and site's admins were told (the escalation job): first response, resolution, or both. */
  escalated: ComplaintClockName[];
  createdAt: string;
}

/** The two clocks of a complaint. */
export type ComplaintClockName = 'first_response' | 'resolution';

export interface ComplaintInboxResponse {
  items: ComplaintInboxItem[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

export type ComplaintStaffAction = 'verify' | 'start' | 'ask_citizen' | 'answer' | 'close';

/** One agency's line on the command view (agencyId null: complaints about the MPP itself). */
export interface ComplaintAgencySummary {
  agencyId: string | null;
  agencyName: string | null;
  counts: Record<ComplaintStatusName, number>;
  /** Not answered or closed. */
  open: number;
  /** Open and untouched by a handler for the site's untouched days (7 by default; red). */
  untouched: number;
  firstResponseOverdue: number;
  resolutionOverdue: number;
  /** Open and escalated for at least one clock (the escalation job told the agency's and site's admins). */
  escalated: number;
  oldestOpenAt: string | null;
}

/** The supervisors' live counts: per agency and status, the oldest open first. No personal data. */
export interface ComplaintSummaryResponse {
  siteCode: string;
  evaluatedAt: string;
  agencies: ComplaintAgencySummary[];
  /** Up to 20 open complaints, oldest first. */
  oldestOpen: { id: string; code: string; agencyId: string | null; status: ComplaintStatusName; createdAt: string; untouched: boolean; escalated: ComplaintClockName[] }[];
}

/** One line of a site's public complaint statistics (the site's total, or one agency's). */
export interface ComplaintStatsLine {
  /** null for the site's total and for complaints about the MPP itself (facilities) */
  agencyId: string | null;
  agencyName: string | null;
  /** Complaints and consultations received in the period (merged duplicates counted once). */
  received: number;
  complaints: number;
  consultations: number;
  /** Answered or closed by now. */
  answered: number;
  /** First responses given by their due time, out of those given or already due (null when none). */
  firstResponseOnTimeRate: number | null;
  /** Answers given by the resolution due time, out of those given or already due (null when none). */
  resolvedOnTimeRate: number | null;
  /** The reporters' ratings of the answer (1–5), mean to two decimals; null without a rating. */
  averageRating: number | null;
  ratings: number;
}

/** `GET /v1/sites/{code}/complaints/stats`: public, no personal data and no complaint text. */
export interface ComplaintStatsResponse {
  siteCode: string;
  siteName: string;
  /** Site-local dates, inclusive. */
  from: string;
  to: string;
  evaluatedAt: string;
  total: ComplaintStatsLine;
  /** Agencies with at least one complaint in the period, most received first. */
  agencies: ComplaintStatsLine[];
}

/**
 * One line of the monthly complaint report (the site's total, one agency's, or the MPP's own
 * facilities with agencyId null): volumes, response and resolution times, ratings. Times are
 * calendar hours from receipt (a working-day clock decides "on time"; the hours say how long the
 * reporter waited).
 */
export interface ComplaintReportLine {
  agencyId: string | null;
  agencyName: string | null;
  /** Received in the month (merged duplicates counted once, in the complaint they repeat). */
  received: number;
  complaints: number;
  consultations: number;
  /** Answered or closed by the time of the report. */
  answered: number;
  /** Neither answered nor closed. */
  open: number;
  /** Reopened by the reporter at least once. */
  reopened: number;
  firstResponse: ComplaintReportTimes;
  resolution: ComplaintReportTimes;
  ratings: number;
  averageRating: number | null;
  /** How many ratings gave 1, 2, 3, 4 and 5 (index 0 = 1 star). */
  ratingCounts: [number, number, number, number, number];
}

export interface ComplaintReportTimes {
  /** Given (a first response, an answer). */
  count: number;
  meanHours: number | null;
  medianHours: number | null;
  /** Given by the due time. */
  onTime: number;
  /** onTime out of those given or already due (null when none). */
  onTimeRate: number | null;
}

/** GET /v1/admin/sites/{code}/complaints/report?month=YYYY-MM (&format=csv|xlsx). */
export interface ComplaintReportResponse {
  siteCode: string;
  siteName: string;
  timeZone: string;
  month: string;
  from: string;
  to: string;
  generatedAt: string;
  /** Set when an agency admin asks: the report holds their agency only. */
  agencyId: string | null;
  total: ComplaintReportLine;
  agencies: ComplaintReportLine[];
}
