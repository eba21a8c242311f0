/**
 * The complaint screens' keyboard, in the applications' style (application-shortcuts.ts): one
 * letter per action, shown on its button and in the "?" help, never while typing in a field or
 * with Ctrl, Alt or Meta held. Letters follow the Indonesian words where they can.
 */

export const COMPLAINT_ACTIONS = ['verify', 'start', 'ask-citizen', 'answer', 'close', 'note', 'assign', 'reroute', 'merge'] as const;
export type ComplaintUiAction = (typeof COMPLAINT_ACTIONS)[number];

export const COMPLAINT_KEYS: Readonly<Record<ComplaintUiAction, string>> = {
  verify: 'V', // Verifikasi
  start: 'M', // Mulai tangani
  'ask-citizen': 'T', // Tanya pelapor
  answer: 'J', // Jawab
  close: 'E', // sElesaikan (S is not used: no clash with the applications' Setujui habit)
  note: 'N', // Note / catatan
  assign: 'P', // Penugasan
  reroute: 'W', // bukan Wewenang
  merge: 'G', // Gabungkan
};

/** The action a key press asks for, or null. */
export function complaintActionForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): ComplaintUiAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return null;
  const key = event.key.toUpperCase();
  return COMPLAINT_ACTIONS.find((action) => COMPLAINT_KEYS[action] === key) ?? null;
}
