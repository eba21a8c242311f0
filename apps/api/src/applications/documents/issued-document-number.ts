import { ISSUED_DOCUMENT_NUMBER_PATTERN, type IssuedDocumentKind } from '@mpp/contracts';
import { localDate } from '@mpp/domain';

/** The printed prefix of each kind: Tanda Terima, Hasil (Layanan), Surat Keputusan. */
export const NUMBER_PREFIX: Readonly<Record<IssuedDocumentKind, string>> = { receipt: 'TT', result: 'HS', decision_letter: 'SK' };

/** 31 symbols that read back unambiguously (no 0/O, 1/I/L). */
export const NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const NUMBER_RANDOM_LENGTH = 8;

/**
 * A document's public number: `TT-2612-7K3Q9M2X` (prefix, the year and month of issue in the
 * site's zone, 8 symbols drawn uniformly from NUMBER_ALPHABET by the CSPRNG: 31^8 ≈ 8.5 × 10^11 a
 * month, ~39.6 bits, so numbers cannot be walked through behind the verification's rate limit).
 * It says nothing about the application (never its code or secret).
 */
export function newDocumentNumber(kind: IssuedDocumentKind, issuedAt: Date, timeZone: string, randomBytes: (n: number) => Buffer): string {
  const [year, month] = localDate(issuedAt, timeZone).split('-');
  let symbols = '';
  while (symbols.length < NUMBER_RANDOM_LENGTH) {
    for (const byte of randomBytes(NUMBER_RANDOM_LENGTH * 2)) {
      // 248 = 8 × 31: bytes above it are dropped, so each symbol is equally likely.
      if (byte < 248 && symbols.length < NUMBER_RANDOM_LENGTH) symbols += NUMBER_ALPHABET[byte % NUMBER_ALPHABET.length];
    }
  }
  return `${NUMBER_PREFIX[kind]}-${year.slice(2)}${month}-${symbols}`;
}

/** A typed or scanned number in its canonical form (upper case, spaces and a trailing slash gone), or null when it cannot be one. */
export function normalizeDocumentNumber(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const value = raw.trim().replace(/\/+$/, '').toUpperCase();
  return ISSUED_DOCUMENT_NUMBER_PATTERN.test(value) ? value : null;
}
