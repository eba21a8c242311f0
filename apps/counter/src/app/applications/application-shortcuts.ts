import { isTyping } from '../queue/shortcuts';

/**
 * The applications screens' keyboard, in the console's style (queue/shortcuts.ts): one letter per
 * action, shown on its button and in the "?" help, never while typing in a field or with Ctrl, Alt
 * or Meta held. Letters follow the Indonesian words where they can.
 */

/** Inbox: move, open, filter. */
export const INBOX_KEYS = {
  down: ['j', 'ArrowDown'],
  up: ['k', 'ArrowUp'],
  filter: '/',
  more: 'm',
} as const;

/** The review screen's steps. */
export const REVIEW_ACTIONS = [
  'submit',
  'claim',
  'start-verification',
  'item-accept',
  'item-revise',
  'return',
  'resubmit',
  'accept',
  'start-process',
  'approve',
  'reject',
  'mark-ready',
  'finish',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const REVIEW_KEYS: Readonly<Record<ReviewAction, string>> = {
  submit: 'I', // kIrim (a walk-in's draft)
  claim: 'C', // ambil (Claim)
  'start-verification': 'V', // mulai Verifikasi
  'item-accept': 'A', // Accept item (diterima)
  'item-revise': 'R', // perlu Revisi / perbaikan
  return: 'B', // kemBalikan ke pemohon (K moves up the checklist)
  resubmit: 'U', // ajukan Ulang
  accept: 'L', // nyatakan Lengkap
  'start-process': 'P', // mulai Proses
  approve: 'S', // Setujui
  reject: 'T', // Tolak
  'mark-ready': 'H', // Hasil siap
  finish: 'E', // sElesaikan (S is setujui)
};

export const HELP_KEY = '?';
/** Focuses the internal note field (Catatan); Ctrl+Enter in it saves. */
export const NOTE_KEY = 'N';

/** The review action a key press asks for, or null. */
export function reviewActionForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): ReviewAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return null;
  const key = event.key.toUpperCase();
  return REVIEW_ACTIONS.find((action) => REVIEW_KEYS[action] === key) ?? null;
}

/** True when a key press moves down (j, ↓) or up (k, ↑) a list; 0 otherwise. */
export function listMove(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): -1 | 0 | 1 {
  if (event.ctrlKey || event.metaKey || event.altKey) return 0;
  if ((INBOX_KEYS.down as readonly string[]).includes(event.key)) return 1;
  if ((INBOX_KEYS.up as readonly string[]).includes(event.key)) return -1;
  return 0;
}

/** What an inbox page (applications, complaints) offers its keys. */
export interface InboxKeyTarget {
  helpShown(): boolean;
  setHelp(shown: boolean): void;
  focusFilter(): void;
  hasMore(): boolean;
  more(): void;
  rowCount(): number;
  active(): number;
  moveTo(index: number): void;
  /** Opens the active row (Enter when no link, button or select has the focus). */
  openActive(): void;
}

/**
 * An inbox's keys, the same on every inbox: Esc closes the help, `?` toggles it, `/` the filter,
 * M loads more, J/K or the arrows move, Enter opens the active row. Nothing while typing or with a
 * modifier; Enter on a link, button or select keeps its own meaning.
 */
export function inboxKeydown(event: KeyboardEvent, inbox: InboxKeyTarget): void {
  if (event.key === 'Escape' && inbox.helpShown()) {
    event.preventDefault();
    inbox.setHelp(false);
    return;
  }
  if (event.defaultPrevented || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === HELP_KEY) {
    event.preventDefault();
    inbox.setHelp(!inbox.helpShown());
    return;
  }
  if (event.key === INBOX_KEYS.filter) {
    event.preventDefault();
    inbox.focusFilter();
    return;
  }
  if (event.key.toLowerCase() === INBOX_KEYS.more) {
    if (!inbox.hasMore()) return;
    event.preventDefault();
    inbox.more();
    return;
  }
  const move = listMove(event);
  if (move !== 0 && inbox.rowCount() > 0) {
    event.preventDefault();
    inbox.moveTo(inbox.active() + move);
    return;
  }
  const target = event.target;
  if (event.key === 'Enter' && !(target instanceof HTMLAnchorElement || target instanceof HTMLButtonElement || target instanceof HTMLSelectElement)) {
    if (inbox.active() >= inbox.rowCount()) return;
    event.preventDefault();
    inbox.openActive();
  }
}
