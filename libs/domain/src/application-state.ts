/**
 * The digital application (permohonan) state machine: which step moves an application from which
 * state to which, who may take it (citizen, officer or the system) and what it needs (reasons per
 * requirement and a deadline for a return, a reason for a rejection, ...). The API refuses any
 * transition this table does not allow; the apps use the same table to offer only the buttons
 * that can work. docs/applications.md draws the diagram and explains each arrow.
 *
 *   draft ─submit→ submitted ─start_verification→ in_verification ─accept→ complete
 *   in_verification | resubmitted | in_process ─return→ returned ─resubmit→ resubmitted
 *   resubmitted ─accept→ complete ─start_process→ in_process ─approve→ approved ─mark_ready→ ready
 *   in_process ─reject→ rejected;  ready | rejected ─finish→ done
 *   draft … in_process ─withdraw (citizen)→ withdrawn;  returned ─expire (system)→ expired
 *
 * The SLA clock (application-clock.ts) reads the same states: it starts at the first `complete`,
 * pauses while `returned` and stops at the decision.
 *
 * The states and actions live here until the applications module adds its wire types to
 * @mpp/contracts; they are plain string unions, so moving them changes no value.
 */
import type { LocalizedText } from '@mpp/contracts';

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'in_verification',
  'returned',
  'resubmitted',
  'complete',
  'in_process',
  'approved',
  'ready',
  'done',
  'rejected',
  'withdrawn',
  'expired',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_ACTIONS = [
  'submit',
  'start_verification',
  'return',
  'resubmit',
  'accept',
  'start_process',
  'approve',
  'reject',
  'mark_ready',
  'finish',
  'withdraw',
  'expire',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const APPLICATION_ACTORS = ['citizen', 'officer', 'system'] as const;
export type ApplicationActor = (typeof APPLICATION_ACTORS)[number];

/**
 * What a transition needs besides the right state and actor:
 * - `returned_items`: at least one requirement named, each once, each with a reason the citizen reads;
 * - `citizen_deadline`: the date by which the citizen corrects them, after `now`;
 * - `reason`: a reason (a rejection's, shown to the citizen and printed on the letter);
 * - `all_items_accepted`: no requirement still missing, unreviewed or marked for revision;
 * - `result_delivery`: how the citizen gets the result (collect at the MPP, or download);
 * - `correction_deadline_passed`: the current return's deadline is at or before `now`.
 */
export const APPLICATION_TRANSITION_NEEDS = [
  'returned_items',
  'citizen_deadline',
  'reason',
  'all_items_accepted',
  'result_delivery',
  'correction_deadline_passed',
] as const;
export type ApplicationTransitionNeed = (typeof APPLICATION_TRANSITION_NEEDS)[number];

/** How a ready result reaches the citizen (issue 14: collect at the MPP, or a digital result). */
export type ApplicationResultDelivery = 'collect_at_site' | 'download';

export interface ApplicationTransitionRule {
  from: ApplicationState;
  to: ApplicationState;
  action: ApplicationAction;
  /** Who may take this step; the API also checks the officer's agency, this table does not. */
  actors: readonly ApplicationActor[];
  needs: readonly ApplicationTransitionNeed[];
}

/** The states from which the citizen may withdraw: everything before a decision. */
export const WITHDRAWABLE_APPLICATION_STATES: readonly ApplicationState[] = [
  'draft',
  'submitted',
  'in_verification',
  'returned',
  'resubmitted',
  'complete',
  'in_process',
];

const RETURN_NEEDS: readonly ApplicationTransitionNeed[] = ['returned_items', 'citizen_deadline'];

/** Every allowed transition. A (from, to) pair appears at most once. */
export const APPLICATION_TRANSITIONS: readonly ApplicationTransitionRule[] = [
  // A walk-in's application is opened and submitted by the officer at the counter.
  { from: 'draft', to: 'submitted', action: 'submit', actors: ['citizen', 'officer'], needs: [] },
  { from: 'submitted', to: 'in_verification', action: 'start_verification', actors: ['officer'], needs: [] },
  { from: 'in_verification', to: 'returned', action: 'return', actors: ['officer'], needs: RETURN_NEEDS },
  { from: 'in_verification', to: 'complete', action: 'accept', actors: ['officer'], needs: ['all_items_accepted'] },
  // The citizen fixes the items online, or brings them to the counter where the officer uploads them.
  { from: 'returned', to: 'resubmitted', action: 'resubmit', actors: ['citizen', 'officer'], needs: [] },
  { from: 'returned', to: 'expired', action: 'expire', actors: ['system'], needs: ['correction_deadline_passed'] },
  { from: 'resubmitted', to: 'complete', action: 'accept', actors: ['officer'], needs: ['all_items_accepted'] },
  { from: 'resubmitted', to: 'returned', action: 'return', actors: ['officer'], needs: RETURN_NEEDS },
  { from: 'complete', to: 'in_process', action: 'start_process', actors: ['officer'], needs: [] },
  { from: 'in_process', to: 'returned', action: 'return', actors: ['officer'], needs: RETURN_NEEDS },
  { from: 'in_process', to: 'approved', action: 'approve', actors: ['officer'], needs: [] },
  { from: 'in_process', to: 'rejected', action: 'reject', actors: ['officer'], needs: ['reason'] },
  { from: 'approved', to: 'ready', action: 'mark_ready', actors: ['officer'], needs: ['result_delivery'] },
  // Handed over at the counter (officer), or the digital result downloaded (system).
  { from: 'ready', to: 'done', action: 'finish', actors: ['officer', 'system'], needs: [] },
  { from: 'rejected', to: 'done', action: 'finish', actors: ['officer', 'system'], needs: [] },
  ...WITHDRAWABLE_APPLICATION_STATES.map(
    (from): ApplicationTransitionRule => ({ from, to: 'withdrawn', action: 'withdraw', actors: ['citizen'], needs: [] }),
  ),
];

/** The rule for (from, to), or null when there is no such arrow (or a state does not exist). */
export function applicationTransitionRule(from: ApplicationState, to: ApplicationState): ApplicationTransitionRule | null {
  return APPLICATION_TRANSITIONS.find((rule) => rule.from === from && rule.to === to) ?? null;
}

/** The state `action` moves an application in `from` to, or null when that action is not possible there. */
export function applicationNextState(from: ApplicationState, action: ApplicationAction): ApplicationState | null {
  return APPLICATION_TRANSITIONS.find((rule) => rule.from === from && rule.action === action)?.to ?? null;
}

/** The rules leaving `from`, in table order; with `actor`, only those that actor may take. */
export function applicationTransitionsFrom(from: ApplicationState, actor?: ApplicationActor): ApplicationTransitionRule[] {
  return APPLICATION_TRANSITIONS.filter((rule) => rule.from === from && (actor === undefined || rule.actors.includes(actor)));
}

/** Approved or rejected, or after: the decision (Keputusan) has been made. */
export function isApplicationDecided(state: ApplicationState): boolean {
  return state === 'approved' || state === 'ready' || state === 'rejected' || state === 'done';
}

/** Done, withdrawn or expired: nothing more can happen to the application. */
export function isApplicationFinal(state: ApplicationState): boolean {
  return state === 'done' || state === 'withdrawn' || state === 'expired';
}

/** The application waits for the citizen (the SLA clock does not run). */
export function isWithCitizen(state: ApplicationState): boolean {
  return state === 'draft' || state === 'returned';
}

export const APPLICATION_STATE_LABELS: Readonly<Record<ApplicationState, LocalizedText>> = {
  draft: { id: 'draf', en: 'draft' },
  submitted: { id: 'diajukan', en: 'submitted' },
  in_verification: { id: 'sedang diverifikasi', en: 'in verification' },
  returned: { id: 'dikembalikan untuk perbaikan', en: 'returned for correction' },
  resubmitted: { id: 'diajukan ulang', en: 'resubmitted' },
  complete: { id: 'berkas lengkap', en: 'complete' },
  in_process: { id: 'sedang diproses', en: 'in process' },
  approved: { id: 'disetujui', en: 'approved' },
  ready: { id: 'hasil siap', en: 'result ready' },
  done: { id: 'selesai', en: 'done' },
  rejected: { id: 'ditolak', en: 'rejected' },
  withdrawn: { id: 'ditarik kembali', en: 'withdrawn' },
  expired: { id: 'kedaluwarsa', en: 'expired' },
};

/** Button words: what a person does. */
export const APPLICATION_ACTION_LABELS: Readonly<Record<ApplicationAction, LocalizedText>> = {
  submit: { id: 'ajukan', en: 'submit' },
  start_verification: { id: 'mulai verifikasi', en: 'start verification' },
  return: { id: 'kembalikan untuk perbaikan', en: 'return for correction' },
  resubmit: { id: 'ajukan ulang', en: 'resubmit' },
  accept: { id: 'nyatakan lengkap', en: 'mark complete' },
  start_process: { id: 'mulai proses', en: 'start processing' },
  approve: { id: 'setujui', en: 'approve' },
  reject: { id: 'tolak', en: 'reject' },
  mark_ready: { id: 'nyatakan hasil siap', en: 'mark the result ready' },
  finish: { id: 'selesaikan', en: 'finish' },
  withdraw: { id: 'tarik kembali', en: 'withdraw' },
  expire: { id: 'nyatakan kedaluwarsa', en: 'expire' },
};

/** Who, in sentences ("Hanya petugas …" / "Only an officer …"). */
export const APPLICATION_ACTOR_LABELS: Readonly<Record<ApplicationActor, LocalizedText>> = {
  citizen: { id: 'pemohon', en: 'the applicant' },
  officer: { id: 'petugas', en: 'an officer' },
  system: { id: 'sistem', en: 'the system' },
};

/** What the caller knows about the step being asked for; only the fields its rule needs are read. */
export interface ApplicationTransitionDetails {
  /** The moment of the request; deadlines are compared with it. */
  now?: Date;
  /** For a return: the requirements to correct, each with the reason the citizen reads. */
  returnedItems?: readonly { requirementId: string; reason: string }[];
  /** For a return: by when the citizen must correct them. */
  citizenDeadline?: Date;
  /** For a rejection. */
  reason?: string;
  /** For marking complete: how many requirements are still missing, unreviewed or marked for revision. */
  unacceptedItemCount?: number;
  /** For marking the result ready. */
  resultDelivery?: ApplicationResultDelivery;
  /** For expiry: the deadline of the return in force. */
  correctionDeadline?: Date;
}

export type ApplicationTransitionProblemCode =
  | 'no_such_transition'
  | 'actor_not_allowed'
  | 'returned_items_missing'
  | 'returned_item_reason_missing'
  | 'returned_item_duplicate'
  | 'citizen_deadline_missing'
  | 'citizen_deadline_not_future'
  | 'reason_missing'
  | 'items_not_accepted'
  | 'result_delivery_missing'
  | 'correction_deadline_not_passed';

export interface ApplicationTransitionProblem {
  code: ApplicationTransitionProblemCode;
  /** For item problems: the requirement concerned. */
  requirementId?: string;
  message: LocalizedText;
}

export type ApplicationTransitionCheck =
  | { allowed: true; rule: ApplicationTransitionRule }
  | { allowed: false; problems: ApplicationTransitionProblem[]; message: LocalizedText };

const isBlank = (text: string | undefined): boolean => typeof text !== 'string' || text.trim().length === 0;
const isInstant = (value: Date | undefined): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/** Lists the things a person may do from `from` (system steps left out), for "Allowed: …". */
function offeredText(from: ApplicationState): LocalizedText | null {
  const offered = applicationTransitionsFrom(from).filter((rule) => rule.actors.some((a) => a !== 'system'));
  const actions = [...new Set(offered.map((rule) => rule.action))];
  if (actions.length === 0) return null;
  return {
    id: actions.map((a) => APPLICATION_ACTION_LABELS[a].id).join(', '),
    en: actions.map((a) => APPLICATION_ACTION_LABELS[a].en).join(', '),
  };
}

function joinLabels(items: readonly LocalizedText[], lang: 'id' | 'en'): string {
  const words = items.map((item) => item[lang]);
  if (words.length <= 1) return words.join('');
  const last = lang === 'id' ? ' atau ' : ' or ';
  return `${words.slice(0, -1).join(', ')}${last}${words[words.length - 1]}`;
}

function needProblems(rule: ApplicationTransitionRule, details: ApplicationTransitionDetails): ApplicationTransitionProblem[] {
  const problems: ApplicationTransitionProblem[] = [];
  const now = isInstant(details.now) ? details.now : new Date();
  for (const need of rule.needs) {
    switch (need) {
      case 'returned_items': {
        const items = details.returnedItems ?? [];
        if (items.length === 0) {
          problems.push({
            code: 'returned_items_missing',
            message: {
              id: 'Sebutkan minimal satu persyaratan yang harus diperbaiki, beserta alasannya.',
              en: 'Name at least one requirement to correct, with its reason.',
            },
          });
        }
        const seen = new Set<string>();
        for (const item of items) {
          if (seen.has(item.requirementId)) {
            problems.push({
              code: 'returned_item_duplicate',
              requirementId: item.requirementId,
              message: {
                id: 'Setiap persyaratan hanya boleh disebut sekali; gabungkan alasannya.',
                en: 'Name each requirement once; merge its reasons.',
              },
            });
          }
          seen.add(item.requirementId);
          if (isBlank(item.reason)) {
            problems.push({
              code: 'returned_item_reason_missing',
              requirementId: item.requirementId,
              message: {
                id: 'Tuliskan alasan untuk setiap persyaratan yang dikembalikan: pemohon perlu tahu apa yang harus diperbaiki.',
                en: 'Give a reason for every requirement returned: the applicant needs to know what to fix.',
              },
            });
          }
        }
        break;
      }
      case 'citizen_deadline':
        if (!isInstant(details.citizenDeadline)) {
          problems.push({
            code: 'citizen_deadline_missing',
            message: {
              id: 'Tentukan batas waktu perbaikan bagi pemohon.',
              en: 'Set the deadline by which the applicant must correct the items.',
            },
          });
        } else if (details.citizenDeadline.getTime() <= now.getTime()) {
          problems.push({
            code: 'citizen_deadline_not_future',
            message: {
              id: 'Batas waktu perbaikan harus setelah saat ini.',
              en: 'The correction deadline must be in the future.',
            },
          });
        }
        break;
      case 'reason':
        if (isBlank(details.reason)) {
          problems.push({
            code: 'reason_missing',
            message: {
              id: 'Tuliskan alasan penolakan: alasan ini dicantumkan dalam surat kepada pemohon.',
              en: 'Give the reason for the rejection: it is printed in the letter to the applicant.',
            },
          });
        }
        break;
      case 'all_items_accepted':
        if (details.unacceptedItemCount === undefined || !(details.unacceptedItemCount === 0)) {
          problems.push({
            code: 'items_not_accepted',
            message: {
              id: 'Permohonan baru lengkap bila setiap persyaratan sudah diterima.',
              en: 'An application is complete only when every requirement has been accepted.',
            },
          });
        }
        break;
      case 'result_delivery':
        if (details.resultDelivery !== 'collect_at_site' && details.resultDelivery !== 'download') {
          problems.push({
            code: 'result_delivery_missing',
            message: {
              id: 'Tentukan cara pemohon menerima hasil: diambil di MPP atau diunduh.',
              en: 'Say how the applicant receives the result: collected at the MPP or downloaded.',
            },
          });
        }
        break;
      case 'correction_deadline_passed':
        if (!isInstant(details.correctionDeadline) || details.correctionDeadline.getTime() > now.getTime()) {
          problems.push({
            code: 'correction_deadline_not_passed',
            message: {
              id: 'Permohonan baru kedaluwarsa setelah batas waktu perbaikan lewat.',
              en: 'An application expires only after its correction deadline has passed.',
            },
          });
        }
        break;
      default: {
        const unknown: never = need;
        throw new RangeError(`Unknown transition need ${String(unknown)}`);
      }
    }
  }
  return problems;
}

function refused(problems: ApplicationTransitionProblem[]): ApplicationTransitionCheck {
  return {
    allowed: false,
    problems,
    message: { id: problems.map((p) => p.message.id).join(' '), en: problems.map((p) => p.message.en).join(' ') },
  };
}

/**
 * Whether `actor` may move an application from `from` to `to` with these details: allowed with
 * the rule, or refused with every problem found, each in Indonesian and English.
 *
 *   checkApplicationTransition('draft', 'approved', 'officer') → refused:
 *     id: "Permohonan berstatus 'draf' tidak dapat menjadi 'disetujui'. Yang bisa dilakukan: ajukan, tarik kembali."
 *     en: "An application that is 'draft' cannot become 'approved'. Allowed: submit, withdraw."
 *
 * A state that does not exist (a bad value from a request) is refused like a missing arrow.
 */
export function checkApplicationTransition(
  from: ApplicationState,
  to: ApplicationState,
  actor: ApplicationActor,
  details: ApplicationTransitionDetails = {},
): ApplicationTransitionCheck {
  const rule = applicationTransitionRule(from, to);
  if (!rule) {
    const fromLabel = Object.hasOwn(APPLICATION_STATE_LABELS, from) ? APPLICATION_STATE_LABELS[from] : { id: String(from), en: String(from) };
    const toLabel = Object.hasOwn(APPLICATION_STATE_LABELS, to) ? APPLICATION_STATE_LABELS[to] : { id: String(to), en: String(to) };
    const head = {
      id: `Permohonan berstatus '${fromLabel.id}' tidak dapat menjadi '${toLabel.id}'.`,
      en: `An application that is '${fromLabel.en}' cannot become '${toLabel.en}'.`,
    };
    const offered = Object.hasOwn(APPLICATION_STATE_LABELS, from) ? offeredText(from) : null;
    const message = offered
      ? { id: `${head.id} Yang bisa dilakukan: ${offered.id}.`, en: `${head.en} Allowed: ${offered.en}.` }
      : { id: `${head.id} Status ini sudah final: tidak ada tindakan lain.`, en: `${head.en} This status is final: no further action is possible.` };
    return refused([{ code: 'no_such_transition', message }]);
  }
  if (!rule.actors.includes(actor)) {
    const action = APPLICATION_ACTION_LABELS[rule.action];
    const who = rule.actors.map((a) => APPLICATION_ACTOR_LABELS[a]);
    const message: LocalizedText = rule.actors.length === 1 && rule.actors[0] === 'system'
      ? {
          id: `Langkah '${action.id}' dilakukan otomatis oleh sistem, tidak oleh ${APPLICATION_ACTOR_LABELS[actor].id}.`,
          en: `'${capitalize(action.en)}' is done by the system itself, not by ${APPLICATION_ACTOR_LABELS[actor].en}.`,
        }
      : {
          id: `Hanya ${joinLabels(who, 'id')} yang dapat '${action.id}' permohonan ini.`,
          en: `Only ${joinLabels(who, 'en')} may '${action.en}' this application.`,
        };
    return refused([{ code: 'actor_not_allowed', message }]);
  }
  const problems = needProblems(rule, details);
  return problems.length === 0 ? { allowed: true, rule } : refused(problems);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
