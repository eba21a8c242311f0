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
  createdAt: string;
}

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
  /** Open and untouched by a handler for 7 days (red). */
  untouched: number;
  firstResponseOverdue: number;
  resolutionOverdue: number;
  oldestOpenAt: string | null;
}

/** The supervisors' live counts: per agency and status, the oldest open first. No personal data. */
export interface ComplaintSummaryResponse {
  siteCode: string;
  evaluatedAt: string;
  agencies: ComplaintAgencySummary[];
  /** Up to 20 open complaints, oldest first. */
  oldestOpen: { id: string; code: string; agencyId: string | null; status: ComplaintStatusName; createdAt: string; untouched: boolean }[];
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
