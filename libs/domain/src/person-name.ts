/**
 * A citizen's full name as typed on a form (booking, later the portal's): checked in Unicode NFC
 * after trimming and folding runs of spaces, so "José" typed with a combining accent is the same
 * name as "José" typed with "é", and "A " is as short as "A". Letters of any script (with their
 * marks), spaces, dots, commas, apostrophes and hyphens; it begins with a letter.
 */
import type { LocalizedText } from '@mpp/contracts';

export type PersonNameProblem = 'empty' | 'too_short' | 'too_long' | 'characters';

export type PersonNameResult = { valid: true; name: string } | { valid: false; reason: PersonNameProblem };

export const PERSON_NAME_MIN_LENGTH = 2;
export const PERSON_NAME_MAX_LENGTH = 120;

const NAME = /^\p{L}\p{M}*(?:[\p{L}\p{M} .,'’-])*$/u;

export const PERSON_NAME_MESSAGES: Readonly<Record<PersonNameProblem, LocalizedText>> = {
  empty: { id: 'Nama lengkap wajib diisi.', en: 'The full name is required.' },
  too_short: {
    id: `Nama lengkap minimal ${PERSON_NAME_MIN_LENGTH} huruf.`,
    en: `The full name must have at least ${PERSON_NAME_MIN_LENGTH} letters.`,
  },
  too_long: {
    id: `Nama lengkap maksimal ${PERSON_NAME_MAX_LENGTH} karakter.`,
    en: `The full name may have at most ${PERSON_NAME_MAX_LENGTH} characters.`,
  },
  characters: {
    id: 'Nama lengkap hanya boleh berisi huruf, spasi, titik, koma, tanda hubung dan apostrof, diawali huruf.',
    en: 'The full name may only contain letters, spaces, dots, commas, hyphens and apostrophes, and must begin with a letter.',
  },
};

/** The name as it is kept (NFC, trimmed, single spaces), or why it cannot be. */
export function checkPersonName(raw: unknown): PersonNameResult {
  if (typeof raw !== 'string') return { valid: false, reason: 'empty' };
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (name.length === 0) return { valid: false, reason: 'empty' };
  if (name.length > PERSON_NAME_MAX_LENGTH) return { valid: false, reason: 'too_long' };
  if (!NAME.test(name)) return { valid: false, reason: 'characters' };
  if ([...name.matchAll(/\p{L}/gu)].length < PERSON_NAME_MIN_LENGTH) return { valid: false, reason: 'too_short' };
  return { valid: true, name };
}
