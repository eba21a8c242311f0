/**
 * Complaints and consultation (pengaduan, issue 16): the lifecycle, who may take each step, the
 * two clocks and the "untouched" flag. The API refuses any step this table does not allow; the
 * apps use the same table to offer only the buttons that can work. docs/complaints.md explains it.
 *
 *   received ─verify→ verified ─start→ in_progress ─ask_citizen→ waiting_for_citizen
 *   waiting_for_citizen ─citizen_reply (citizen)→ in_progress
 *   received | verified | in_progress ─answer→ answered ─close (citizen or handler)→ closed
 *   answered | closed ─reopen (citizen, within the reopen period)→ reopened ─start→ in_progress
 *   received | verified | in_progress | waiting_for_citizen ─close (handler: merged, not ours)→ closed
 */
import type { LocalizedText } from '@mpp/contracts';

export * from './complaint-clock';

export const COMPLAINT_STATUSES = ['received', 'verified', 'in_progress', 'waiting_for_citizen', 'answered', 'closed', 'reopened'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_ACTIONS = ['verify', 'start', 'ask_citizen', 'citizen_reply', 'answer', 'close', 'reopen'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export const COMPLAINT_ACTORS = ['citizen', 'handler'] as const;
export type ComplaintActor = (typeof COMPLAINT_ACTORS)[number];

/** A complaint, or a request for consultation (a question, not a grievance). */
export const COMPLAINT_KINDS = ['complaint', 'consultation'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** What it is about: a service, an agency, an officer's conduct, or the MPP's facilities. */
export const COMPLAINT_SUBJECTS = ['service', 'agency', 'officer_conduct', 'facilities'] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

/**
 * named: the handlers and the agency see who complained; confidential: only the site's complaint
 * handlers (site admins) see the identity; anonymous: no identity is kept at all.
 */
export const COMPLAINT_ANONYMITIES = ['named', 'confidential', 'anonymous'] as const;
export type ComplaintAnonymity = (typeof COMPLAINT_ANONYMITIES)[number];

/**
 * What a step needs besides the right status and actor:
 * - `text`: a text the citizen reads (the question to them, the answer, the reply);
 * - `within_reopen_period`: the answer is at most the site's reopen days old (`COMPLAINT_REOPEN_DAYS` by default).
 */
export type ComplaintTransitionNeed = 'text' | 'within_reopen_period';

export interface ComplaintTransitionRule {
  from: ComplaintStatus;
  to: ComplaintStatus;
  action: ComplaintAction;
  actors: readonly ComplaintActor[];
  needs: readonly ComplaintTransitionNeed[];
}

/** Open statuses a handler may close without an answer (a duplicate merged, "bukan wewenang" out of the MPP). */
const CLOSABLE_UNANSWERED: readonly ComplaintStatus[] = ['received', 'verified', 'in_progress', 'waiting_for_citizen', 'reopened'];

/** Every allowed step. A (from, action) pair appears at most once. */
export const COMPLAINT_TRANSITIONS: readonly ComplaintTransitionRule[] = [
  { from: 'received', to: 'verified', action: 'verify', actors: ['handler'], needs: [] },
  { from: 'received', to: 'answered', action: 'answer', actors: ['handler'], needs: ['text'] },
  { from: 'verified', to: 'in_progress', action: 'start', actors: ['handler'], needs: [] },
  { from: 'verified', to: 'answered', action: 'answer', actors: ['handler'], needs: ['text'] },
  { from: 'in_progress', to: 'waiting_for_citizen', action: 'ask_citizen', actors: ['handler'], needs: ['text'] },
  { from: 'in_progress', to: 'answered', action: 'answer', actors: ['handler'], needs: ['text'] },
  { from: 'waiting_for_citizen', to: 'in_progress', action: 'citizen_reply', actors: ['citizen'], needs: ['text'] },
  { from: 'answered', to: 'closed', action: 'close', actors: ['citizen', 'handler'], needs: [] },
  { from: 'answered', to: 'reopened', action: 'reopen', actors: ['citizen'], needs: ['text', 'within_reopen_period'] },
  { from: 'closed', to: 'reopened', action: 'reopen', actors: ['citizen'], needs: ['text', 'within_reopen_period'] },
  { from: 'reopened', to: 'in_progress', action: 'start', actors: ['handler'], needs: [] },
  { from: 'reopened', to: 'answered', action: 'answer', actors: ['handler'], needs: ['text'] },
  ...CLOSABLE_UNANSWERED.map((from): ComplaintTransitionRule => ({ from, to: 'closed', action: 'close', actors: ['handler'], needs: ['text'] })),
];

/** How long after the answer the citizen may reopen (calendar days): the "set period". */
export const COMPLAINT_REOPEN_DAYS = 14;
/** The default "untouched" red flag: no handler step for a week (issue 16). */
export const COMPLAINT_UNTOUCHED_DAYS = 7;

/**
 * The ranges of a site's complaint settings (GET/PUT …/complaint-settings; the table's CHECKs say
 * the same): the two clocks in the site's working days (null: the legal default), the untouched
 * flag in days, the reopen period in calendar days.
 */
export const COMPLAINT_SETTING_LIMITS = {
  firstResponseDays: { min: 1, max: 60 },
  resolutionDays: { min: 1, max: 60 },
  untouchedDays: { min: 1, max: 60 },
  reopenDays: { min: 1, max: 90 },
} as const;

/** A site's settings as the clocks, the flag and the reopen rule read them. */
export interface ComplaintSiteSettings {
  firstResponseDays: number | null;
  resolutionDays: number | null;
  untouchedDays: number;
  reopenDays: number;
}

/** What applies to a site that saved none: the legal clocks, a week untouched, 14 days to reopen. */
export const DEFAULT_COMPLAINT_SETTINGS: Readonly<ComplaintSiteSettings> = { firstResponseDays: null, resolutionDays: null, untouchedDays: COMPLAINT_UNTOUCHED_DAYS, reopenDays: COMPLAINT_REOPEN_DAYS };

/** Whether the settings hang together: a first response due after the resolution makes no sense. */
export function complaintSettingsProblem(s: ComplaintSiteSettings): 'first_response_after_resolution' | null {
  return s.firstResponseDays !== null && s.resolutionDays !== null && s.firstResponseDays > s.resolutionDays ? 'first_response_after_resolution' : null;
}
/** The longest complaint, reply or note text (characters). */
export const COMPLAINT_TEXT_MAX = 4_000;

export type ComplaintTransitionRefusal = 'no_such_step' | 'not_allowed_for_actor' | 'text_required' | 'reopen_period_over';

export interface ComplaintTransitionRequest {
  from: ComplaintStatus;
  action: ComplaintAction;
  actor: ComplaintActor;
  /** The text sent with the step (trimmed by the caller), if any. */
  text?: string | null;
  /** When the complaint was last answered (for a reopen). */
  answeredAt?: Date | null;
  /** The site's reopen period in days (COMPLAINT_REOPEN_DAYS when not given). */
  reopenDays?: number;
  now: Date;
}

export type ComplaintTransitionResult = { ok: true; to: ComplaintStatus; rule: ComplaintTransitionRule } | { ok: false; refusal: ComplaintTransitionRefusal };

/** The rule for `action` from `from`, or null. */
export function complaintTransitionRule(from: ComplaintStatus, action: ComplaintAction): ComplaintTransitionRule | null {
  return COMPLAINT_TRANSITIONS.find((rule) => rule.from === from && rule.action === action) ?? null;
}

/** The steps open from `from`, for `actor` when given (the buttons to offer). */
export function complaintTransitionsFrom(from: ComplaintStatus, actor?: ComplaintActor): ComplaintTransitionRule[] {
  return COMPLAINT_TRANSITIONS.filter((rule) => rule.from === from && (actor === undefined || rule.actors.includes(actor)));
}

/** Whether the step may be taken now, and the status it leads to; else why not. */
export function checkComplaintTransition(request: ComplaintTransitionRequest): ComplaintTransitionResult {
  const rule = complaintTransitionRule(request.from, request.action);
  if (!rule) return { ok: false, refusal: 'no_such_step' };
  if (!rule.actors.includes(request.actor)) return { ok: false, refusal: 'not_allowed_for_actor' };
  if (rule.needs.includes('text') && !(request.text ?? '').trim()) return { ok: false, refusal: 'text_required' };
  if (rule.needs.includes('within_reopen_period')) {
    const answeredAt = request.answeredAt;
    if (!answeredAt || request.now.getTime() - answeredAt.getTime() > (request.reopenDays ?? COMPLAINT_REOPEN_DAYS) * 86_400_000) return { ok: false, refusal: 'reopen_period_over' };
  }
  return { ok: true, to: rule.to, rule };
}

/** Answered or closed: the handlers have nothing left to do (until a reopen). */
export function isComplaintOpen(status: ComplaintStatus): boolean {
  return status !== 'answered' && status !== 'closed';
}

/**
 * Red on the command view: an open complaint that no handler has touched for `days` days (7 by
 * default): measured from the last handler step, or from its receipt when none. Waiting for the
 * citizen is not untouched (the ball is with the citizen).
 */
export function isComplaintUntouched(status: ComplaintStatus, lastHandlerActionAt: Date, now: Date, days: number = COMPLAINT_UNTOUCHED_DAYS): boolean {
  if (!isComplaintOpen(status) || status === 'waiting_for_citizen') return false;
  return now.getTime() - lastHandlerActionAt.getTime() >= days * 86_400_000;
}

export const COMPLAINT_STATUS_LABELS: Readonly<Record<ComplaintStatus, LocalizedText>> = {
  received: { id: 'diterima', en: 'received' },
  verified: { id: 'terverifikasi', en: 'verified' },
  in_progress: { id: 'sedang ditangani', en: 'in progress' },
  waiting_for_citizen: { id: 'menunggu tanggapan pelapor', en: 'waiting for the reporter' },
  answered: { id: 'dijawab', en: 'answered' },
  closed: { id: 'selesai', en: 'closed' },
  reopened: { id: 'dibuka kembali', en: 'reopened' },
};

export const COMPLAINT_KIND_LABELS: Readonly<Record<ComplaintKind, LocalizedText>> = {
  complaint: { id: 'pengaduan', en: 'complaint' },
  consultation: { id: 'konsultasi', en: 'consultation' },
};

export const COMPLAINT_SUBJECT_LABELS: Readonly<Record<ComplaintSubject, LocalizedText>> = {
  service: { id: 'layanan', en: 'a service' },
  agency: { id: 'instansi', en: 'an agency' },
  officer_conduct: { id: 'perilaku petugas', en: "an officer's conduct" },
  facilities: { id: 'sarana dan prasarana MPP', en: "the MPP's facilities" },
};
