/**
 * Digital applications (permohonan, issue 14): what crosses the wire. The lifecycle's rules are in
 * libs/domain (application-state.ts, application-clock.ts); these are the shapes only.
 */
import type { ApplicationFlagKindName } from './application-flag';
import type { LocalizedText } from './errors';

/** The states of an application, as the API answers them (libs/domain APPLICATION_STATES). */
export type ApplicationStateName =
  | 'draft'
  | 'submitted'
  | 'in_verification'
  | 'returned'
  | 'resubmitted'
  | 'complete'
  | 'in_process'
  | 'approved'
  | 'ready'
  | 'done'
  | 'rejected'
  | 'withdrawn'
  | 'expired';

export type ApplicationItemState = 'pending' | 'accepted' | 'needs_revision';
export type ApplicationResultDeliveryName = 'collect_at_site' | 'download';
export type ApplicationClockPhaseName = 'not_started' | 'running' | 'paused' | 'stopped';

/** One requirement of the checklist (the version the application was made against). */
export interface ApplicationItemResponse {
  requirementId: string;
  position: number;
  name: string;
  nameEn: string | null;
  mandatory: boolean;
  state: ApplicationItemState;
  /** Why it needs revision: what the citizen must fix. */
  reason: string | null;
  /** When an officer last marked it (accepted / needs revision); null while pending. */
  reviewedAt: string | null;
  /** Every uploaded version of this item's document, oldest first (the last is the current one). */
  documents: ApplicationDocumentResponse[];
}

/** The types an uploaded document may have, told by its content (never by its name). */
export type ApplicationDocumentContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** One immutable version of an item's document (docs/applications.md, Documents). */
export interface ApplicationDocumentResponse {
  id: string;
  /** 1, 2, … per item. */
  version: number;
  contentType: ApplicationDocumentContentType;
  /** Bytes as stored (an image: after re-encoding without metadata). */
  size: number;
  /** SHA-256 (hex) of the bytes a download gives. */
  sha256: string;
  /** The name the uploading device gave (cleaned); only the owner and the agency's staff see it. */
  fileName: string | null;
  uploadedAt: string;
  uploadedBy: 'citizen' | 'officer';
  /** When the retention period's job deleted the file (a download answers 410); null while it is kept. */
  purgedAt: string | null;
}

/** One read of a document (staff only): who, when, from where. */
export interface ApplicationDocumentAccessResponse {
  documentId: string;
  requirementId: string;
  version: number;
  actorKind: 'citizen' | 'officer';
  /** The officer's id; a citizen's account id or null (by the secret). */
  actorId: string | null;
  at: string;
  ip: string | null;
  userAgent: string | null;
  purpose: 'download' | 'view';
}

/** An officer's internal note on an application (staff only; never shown to the citizen). */
export interface ApplicationNoteResponse {
  id: string;
  authorId: string;
  authorName: string;
  at: string;
  text: string;
}

/** A walk-in's application, opened by the officer serving the citizen's ticket at their counter. */
export interface CreateWalkInApplicationRequest {
  ticketId: string;
  nik: string;
  fullName: string;
  phone: string;
  email?: string;
  language?: 'id' | 'en';
}

/** The application as its owner (the citizen) or the agency's staff sees it: the NIK and phone masked. */
export interface ApplicationResponse {
  id: string;
  code: string;
  state: ApplicationStateName;
  stateLabel: LocalizedText;
  service: { id: string; name: string; nameEn: string };
  siteCode: string;
  siteName: string;
  /** The site's IANA time zone (e.g. Asia/Jakarta): dates are shown in it. */
  timeZone: string;
  agencyId: string;
  requirementsVersion: number;
  applicant: { nikMasked: string; phoneMasked: string };
  items: ApplicationItemResponse[];
  /** While returned: by when the citizen must correct the items. */
  citizenDeadline: string | null;
  resultDelivery: ApplicationResultDeliveryName | null;
  /** A rejection's reason. */
  decisionReason: string | null;
  clock: { phase: ApplicationClockPhaseName; startedAt: string | null; dueAt: string | null; legalDueAt: string | null };
  /** The officer who claimed it (staff only; null for the citizen's view). */
  assignedOfficerId: string | null;
  /** The officer who claimed it, with their name (staff only; null for the citizen's view). */
  assignedOfficer: { id: string; fullName: string } | null;
  /** The state changes so far (from the trail, oldest first): when it became what. No actor, no origin. */
  timeline: ApplicationTimelineEntry[];
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** The largest upload the service takes per document, in bytes (its limit in MB × 1,048,576). */
  maxUploadBytes: number;
  /** A walk-in's application: opened by an officer at the counter from a ticket. */
  walkIn: boolean;
}

/** One state change of an application, as its owner may see it. */
export interface ApplicationTimelineEntry {
  state: ApplicationStateName;
  at: string;
}

/** The answer to creating an application: the secret only for a citizen without an account, once. */
export interface ApplicationCreatedResponse {
  application: ApplicationResponse;
  /** Send as X-Application-Secret with the code to read or act on it; never shown again. Null when signed in. */
  secret: string | null;
}

/** A row of the agency's inbox: no personal data. */
export interface ApplicationInboxItem {
  id: string;
  code: string;
  state: ApplicationStateName;
  serviceId: string;
  serviceName: string;
  assignedOfficerId: string | null;
  dueAt: string | null;
  legalDueAt: string | null;
  citizenDeadline: string | null;
  createdAt: string;
  /**
   * The most urgent of `flags` (at_risk, then overdue, then due_soon), or null. The rule is the flag
   * job's (libs/domain applicationFlagsAt): only while the SLA clock runs.
   */
  flag: ApplicationFlagKindName | null;
  /**
   * due_soon: due by the close of the site's current working day; overdue: past the due date;
   * at_risk: past the legal deadline undecided (dianggap dikabulkan secara hukum).
   */
  flags: ApplicationFlagKindName[];
}

export interface ApplicationInboxResponse {
  items: ApplicationInboxItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** One entry of the trail (staff only). */
export interface ApplicationEventResponse {
  action: string;
  from: ApplicationStateName | null;
  to: ApplicationStateName;
  actorKind: 'citizen' | 'officer' | 'system';
  actorId: string | null;
  /** An officer's full name (staff names are not citizen data); null for a citizen or the system. */
  actorName: string | null;
  at: string;
}
