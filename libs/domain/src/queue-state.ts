/**
 * The ticket state machine: which action moves a ticket from which status to which, and the
 * bilingual words for statuses, actions and priority groups (docs/domain.md §3). The API refuses any
 * transition this table does not list; the apps use the same table to show only the buttons that
 * can work.
 *
 *   call       waiting → called          no_show    called → no_show
 *   recall     called  → called          transfer   called | serving → waiting (keeps number
 *   start      called  → serving                    and place in line; usually to another counter)
 *   finish     serving → done            return     called → waiting
 *   cancel     waiting → cancelled       close_day  waiting | called | serving → not_served
 *
 * How many recalls make a no-show (QueuePolicy.maxRecalls) and who may take which action are
 * decided by the API; this table only says what is possible.
 */
import type { LocalizedText, PriorityClass, TicketAction, TicketStatus } from '@mpp/contracts';
import { TICKET_ACTIONS } from '@mpp/contracts';

export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, Readonly<Partial<Record<TicketAction, TicketStatus>>>>> = {
  waiting: { call: 'called', cancel: 'cancelled', close_day: 'not_served' },
  called: { recall: 'called', start: 'serving', no_show: 'no_show', transfer: 'waiting', return: 'waiting', close_day: 'not_served' },
  serving: { finish: 'done', transfer: 'waiting', close_day: 'not_served' },
  done: {},
  no_show: {},
  cancelled: {},
  not_served: {},
};

/** Actions the system takes (the end-of-day job), never offered to a person. */
export const SYSTEM_TICKET_ACTIONS: readonly TicketAction[] = ['close_day'];

/**
 * The status `action` moves a ticket in `status` to, or null when the action is not allowed
 * (also for a status or action that does not exist, e.g. a bad value from a request).
 */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus | null {
  if (!Object.hasOwn(TICKET_TRANSITIONS, status)) return null;
  const row = TICKET_TRANSITIONS[status];
  return Object.hasOwn(row, action) ? (row[action] ?? null) : null;
}

/** Every action allowed from `status`, in the order of TICKET_ACTIONS (close_day included). */
export function allowedActions(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => nextStatus(status, action) !== null);
}

/** Called or serving: the ticket occupies a counter. */
export function isActive(status: TicketStatus): boolean {
  return status === 'called' || status === 'serving';
}

/** Waiting, called or serving: the ticket is still in the day's queue. */
export function isOpen(status: TicketStatus): boolean {
  return status === 'waiting' || isActive(status);
}

/** Done, no-show, cancelled or not served: nothing more can happen to the ticket. */
export function isFinal(status: TicketStatus): boolean {
  return status === 'done' || status === 'no_show' || status === 'cancelled' || status === 'not_served';
}

export const TICKET_STATUS_LABELS: Readonly<Record<TicketStatus, LocalizedText>> = {
  waiting: { id: 'menunggu', en: 'waiting' },
  called: { id: 'dipanggil', en: 'called' },
  serving: { id: 'sedang dilayani', en: 'being served' },
  done: { id: 'selesai', en: 'done' },
  no_show: { id: 'tidak hadir', en: 'no-show' },
  cancelled: { id: 'dibatalkan', en: 'cancelled' },
  not_served: { id: 'tidak terlayani', en: 'not served' },
};

/** Button words: what a person does. */
export const TICKET_ACTION_LABELS: Readonly<Record<TicketAction, LocalizedText>> = {
  call: { id: 'panggil', en: 'call' },
  recall: { id: 'panggil ulang', en: 'recall' },
  start: { id: 'mulai layani', en: 'start serving' },
  finish: { id: 'selesai', en: 'finish' },
  no_show: { id: 'tidak hadir', en: 'mark no-show' },
  transfer: { id: 'alihkan', en: 'transfer' },
  return: { id: 'kembalikan ke antrean', en: 'return to queue' },
  cancel: { id: 'batalkan', en: 'cancel' },
  close_day: { id: 'tutup hari', en: 'close day' },
};

/** What happens to the ticket, for "cannot be …" sentences. */
const TICKET_ACTION_PASSIVE: Readonly<Record<TicketAction, LocalizedText>> = {
  call: { id: 'dipanggil', en: 'called' },
  recall: { id: 'dipanggil ulang', en: 'recalled' },
  start: { id: 'mulai dilayani', en: 'started' },
  finish: { id: 'diselesaikan', en: 'finished' },
  no_show: { id: 'ditandai tidak hadir', en: 'marked no-show' },
  transfer: { id: 'dialihkan', en: 'transferred' },
  return: { id: 'dikembalikan ke antrean', en: 'returned to the queue' },
  cancel: { id: 'dibatalkan', en: 'cancelled' },
  close_day: { id: 'ditutup pada akhir hari', en: 'closed at the end of the day' },
};

/** UU 25/2009 Pasal 29 groups (docs/domain.md §3), plus regular. */
export const PRIORITY_LABELS: Readonly<Record<PriorityClass, LocalizedText>> = {
  disability: { id: 'Penyandang disabilitas', en: 'Persons with disabilities' },
  elderly: { id: 'Lanjut usia', en: 'Elderly' },
  pregnant: { id: 'Ibu hamil', en: 'Pregnant women' },
  child: { id: 'Anak-anak', en: 'Children' },
  disaster_victim: { id: 'Korban bencana', en: 'Disaster victims' },
  regular: { id: 'Umum', en: 'General' },
};

/**
 * The message for a refused transition, naming what a person can do instead (system actions such
 * as close_day are not offered). Throws a RangeError when the transition is in fact allowed:
 * asking for this message then is a bug in the caller.
 *
 *   transitionError('waiting', 'start') →
 *     id: "Tiket berstatus 'menunggu' tidak dapat 'mulai dilayani'. Yang bisa dilakukan: panggil, batalkan."
 *     en: "A ticket that is 'waiting' cannot be 'started'. Allowed: call, cancel."
 */
export function transitionError(status: TicketStatus, action: TicketAction): LocalizedText {
  if (nextStatus(status, action) !== null) {
    throw new RangeError(`'${action}' is allowed for a ticket that is '${status}'; there is no error to describe`);
  }
  const statusLabel = TICKET_STATUS_LABELS[status] ?? { id: String(status), en: String(status) };
  const actionLabel = TICKET_ACTION_PASSIVE[action] ?? { id: String(action), en: String(action) };
  const offered = allowedActions(status).filter((a) => !SYSTEM_TICKET_ACTIONS.includes(a));
  const head = {
    id: `Tiket berstatus '${statusLabel.id}' tidak dapat '${actionLabel.id}'.`,
    en: `A ticket that is '${statusLabel.en}' cannot be '${actionLabel.en}'.`,
  };
  if (offered.length === 0) {
    return {
      id: `${head.id} Status ini sudah final: tidak ada tindakan lain.`,
      en: `${head.en} This status is final: no further action is possible.`,
    };
  }
  return {
    id: `${head.id} Yang bisa dilakukan: ${offered.map((a) => TICKET_ACTION_LABELS[a].id).join(', ')}.`,
    en: `${head.en} Allowed: ${offered.map((a) => TICKET_ACTION_LABELS[a].en).join(', ')}.`,
  };
}
