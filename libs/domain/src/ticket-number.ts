/**
 * Ticket numbers as printed ("A001") and as the hall display speaks them
 * ("Nomor antrean A nol nol satu, silakan ke loket tiga").
 *
 * The number is read digit by digit, as MPP halls do, so "A120" is never heard as
 * "seratus dua puluh" and confused with "A12"; the counter is read as a number ("loket dua belas").
 */

const PREFIX = /^[A-Z]+$/;
const DISPLAY = /^([A-Z]+)(\d+)$/;

const DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

/**
 * The printed number: the prefix and at least three digits (A001, A042, A999, A1000).
 * The prefix is one or more capital letters (the database allows one, `ticket_prefix`); `n` a whole
 * number of at least 1. Throws a RangeError otherwise.
 */
export function formatTicketNumber(prefix: string, n: number): string {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new RangeError(`A ticket prefix is one or more capital letters A–Z, got ${JSON.stringify(prefix)}`);
  }
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`A ticket number is a whole number of at least 1, got ${String(n)}`);
  }
  return `${prefix}${String(n).padStart(3, '0')}`;
}

/** Indonesian words for 0–999: 11 "sebelas", 15 "lima belas", 111 "seratus sebelas", 250 "dua ratus lima puluh". */
export function indonesianNumberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) {
    throw new RangeError(`indonesianNumberWords reads whole numbers 0–999, got ${String(n)}`);
  }
  if (n < 10) return DIGITS[n];
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${DIGITS[n - 10]} belas`;
  if (n < 100) {
    const rest = n % 10;
    return `${DIGITS[Math.floor(n / 10)]} puluh${rest === 0 ? '' : ` ${DIGITS[rest]}`}`;
  }
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds === 1 ? 'seratus' : `${DIGITS[hundreds]} ratus`;
  return rest === 0 ? head : `${head} ${indonesianNumberWords(rest)}`;
}

/** A printed number read letter by letter and digit by digit: "A001" → "A nol nol satu". */
export function spokenTicketNumber(display: string): string {
  const match = typeof display === 'string' ? DISPLAY.exec(display.trim()) : null;
  if (!match) {
    throw new RangeError(`A ticket number is capital letters followed by digits, got ${JSON.stringify(display)}`);
  }
  const [, letters, digits] = match;
  return [...letters, ...[...digits].map((d) => DIGITS[Number(d)])].join(' ');
}

/** What the hall display says: "Nomor antrean A nol nol satu, silakan ke loket tiga". */
export function callAnnouncement(display: string, counterNumber: number): string {
  if (!Number.isInteger(counterNumber) || counterNumber < 1 || counterNumber > 999) {
    throw new RangeError(`A counter number is a whole number 1–999, got ${String(counterNumber)}`);
  }
  return `Nomor antrean ${spokenTicketNumber(display)}, silakan ke loket ${indonesianNumberWords(counterNumber)}`;
}
