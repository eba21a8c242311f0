/**
 * The console's keyboard: one letter per action, shown on its button and in the "?" help. Letters
 * follow the Indonesian words: panggil berikutNya (N), panggil Ulang, Mulai, Selesai, Tidak hadir,
 * Alihkan, Kembalikan, Jeda, Buka; tutup is X (T is taken). They never fire while the officer
 * types in a field, with a modifier key held, or while a form (finish, transfer) is open.
 */
export const CONSOLE_ACTIONS = [
  'call-next',
  'recall',
  'start',
  'finish',
  'no-show',
  'transfer',
  'return',
  'pause',
  'close',
  'open',
] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

export const SHORTCUT_KEYS: Readonly<Record<ConsoleAction, string>> = {
  'call-next': 'N',
  recall: 'U',
  start: 'M',
  finish: 'S',
  'no-show': 'T',
  transfer: 'A',
  return: 'K',
  pause: 'J',
  close: 'X',
  open: 'B',
};

/** The key that opens the shortcut help. */
export const HELP_KEY = '?';

/** The action a key press asks for, or null (any case; no modifiers but Shift). */
export function actionForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): ConsoleAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return null;
  const key = event.key.toUpperCase();
  return CONSOLE_ACTIONS.find((action) => SHORTCUT_KEYS[action] === key) ?? null;
}

/** Inputs that take no typed text: a letter pressed on them is still a shortcut. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True when the key press belongs to a field the person is typing in. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}
