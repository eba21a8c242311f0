/**
 * Indonesian mobile numbers (docs/domain.md §5): +62 followed by `8[1-35-9]\d{7,10}`, i.e. 9–12
 * digits after the country code, or 10–13 digits in the domestic form 08…. Stored as E.164
 * ("+6281234567890"). Landlines (e.g. Kupang 0380…) and foreign numbers are rejected: the number
 * is used for SMS/WhatsApp reminders.
 */
import type { LocalizedText } from '@mpp/contracts';

export type PhoneInvalidReason = 'empty' | 'characters' | 'country_code' | 'not_mobile' | 'operator' | 'length';

export type PhoneNormalizeResult = { valid: true; e164: string } | { valid: false; reason: PhoneInvalidReason };

/** What to tell the citizen or officer for each reason, Indonesian first. */
export const PHONE_MESSAGES: Readonly<Record<PhoneInvalidReason, LocalizedText>> = {
  empty: {
    id: 'Nomor HP wajib diisi.',
    en: 'The mobile number is required.',
  },
  characters: {
    id: 'Nomor HP hanya boleh berisi angka, spasi, tanda hubung, titik, tanda kurung, dan tanda + di depan.',
    en: 'A mobile number may contain only digits, spaces, dashes, dots, parentheses and a leading +.',
  },
  country_code: {
    id: 'Hanya nomor HP Indonesia (+62) yang dapat digunakan.',
    en: 'Only Indonesian mobile numbers (+62) can be used.',
  },
  not_mobile: {
    id: 'Ini bukan nomor HP. Nomor HP Indonesia diawali 08 atau +628; nomor telepon rumah/kantor tidak dapat digunakan.',
    en: 'This is not a mobile number. Indonesian mobile numbers start with 08 or +628; landline numbers cannot be used.',
  },
  operator: {
    id: 'Awalan nomor HP tidak dikenal. Nomor HP Indonesia diawali 081, 082, 083, 085, 086, 087, 088, atau 089.',
    en: 'Unknown mobile prefix. Indonesian mobile numbers start with 081, 082, 083, 085, 086, 087, 088 or 089.',
  },
  length: {
    id: 'Panjang nomor HP tidak sesuai: nomor yang diawali 08 terdiri dari 10–13 digit.',
    en: 'The mobile number has the wrong length: a number starting with 08 has 10–13 digits.',
  },
};

const invalid = (reason: PhoneInvalidReason): PhoneNormalizeResult => ({ valid: false, reason });

/**
 * Normalizes an Indonesian mobile number to E.164.
 *
 * Accepts "0812-3456-7890", "62 812 3456 7890", "+62 (812) 3456.7890", "0062812…", the
 * "+62 (0)812…" habit, and the bare "812…" typed after a fixed "+62" prefix in a form.
 */
export function normalizeIndonesianMobile(input: string): PhoneNormalizeResult {
  const raw = typeof input === 'string' ? input.trim() : '';
  if (!/^\+?[\d\s\-.()]*$/.test(raw)) return invalid('characters');
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 0) return invalid('empty');

  let national: string;
  if (raw.startsWith('+') || digits.startsWith('00')) {
    const international = raw.startsWith('+') ? digits : digits.slice(2);
    if (!international.startsWith('62')) return invalid('country_code');
    national = international.slice(2);
  } else if (digits.startsWith('62')) {
    national = digits.slice(2);
  } else if (digits.startsWith('0')) {
    national = digits.slice(1);
  } else {
    national = digits;
  }
  // "+62 (0)812…": the trunk 0 written after the country code.
  if (national !== digits && national.startsWith('0')) national = national.slice(1);

  if (national.length === 0) return invalid('length');
  if (!national.startsWith('8')) return invalid('not_mobile');
  if (national.length >= 2 && !/^8[1-35-9]/.test(national)) return invalid('operator');
  if (national.length < 9 || national.length > 12) return invalid('length');
  return { valid: true, e164: `+62${national}` };
}

/**
 * Masks a mobile number for display: country code, the first 3 digits of the subscriber number
 * and the last 4 stay, each hidden digit becomes "*": "+6281234567890" → "+62 812****7890"
 * (a 12-digit number shows 5 stars, a 9-digit one 2). Accepts any form normalizeIndonesianMobile
 * accepts; anything else becomes "****", so a typo never leaks.
 */
export function maskPhone(e164: string): string {
  const normalized = normalizeIndonesianMobile(e164);
  if (!normalized.valid) return '****';
  const subscriber = normalized.e164.slice(3);
  return `+62 ${subscriber.slice(0, 3)}${'*'.repeat(subscriber.length - 7)}${subscriber.slice(-4)}`;
}
