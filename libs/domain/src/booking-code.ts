/**
 * Booking codes people read aloud, type on a phone and scan: eight symbols of Crockford's base 32
 * (40 random bits), shown in two groups of four, "K7M3-9QXA".
 *
 * The alphabet has no I, L, O or U, so nothing looks like 1 or 0 and no rude words form by accident.
 * Reading a code back is forgiving as Crockford intends: case, spaces and dashes do not matter,
 * I and L are read as 1 and O as 0.
 *
 * The random source is passed in (the API gives `crypto.randomBytes`, the tests a seeded
 * generator) so this module stays free of I/O and runs in the browser too.
 */

export const BOOKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Symbols in a code; 8 × 5 bits = 40 bits, about 1.1 × 10¹² codes. */
export const BOOKING_CODE_LENGTH = 8;

const RANDOM_BYTES = (BOOKING_CODE_LENGTH * 5) / 8;
const CANONICAL = new RegExp(`^[${BOOKING_CODE_ALPHABET}]{${BOOKING_CODE_LENGTH}}$`);
const IGNORED = /[\s-]+/g;

/** A new code of 8 symbols, from 5 bytes of `randomBytes`. Throws a RangeError if fewer come back. */
export function generateBookingCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(RANDOM_BYTES);
  if (!bytes || bytes.length < RANDOM_BYTES) {
    throw new RangeError(`generateBookingCode needs ${RANDOM_BYTES} random bytes, got ${bytes?.length ?? 0}`);
  }
  let code = '';
  let buffer = 0; // Bits not yet turned into symbols, at most 12 at a time.
  let bits = 0;
  for (let i = 0; i < RANDOM_BYTES; i++) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += BOOKING_CODE_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return code;
}

/**
 * The canonical code (8 symbols, upper case, no dash) for what someone typed or a scanner read,
 * or null when it is not a booking code.
 */
export function normalizeBookingCode(input: string): string | null {
  if (typeof input !== 'string') return null;
  const code = input.replace(IGNORED, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return CANONICAL.test(code) ? code : null;
}

/** The code as printed and shown: "K7M39QXA" → "K7M3-9QXA". Throws a RangeError for a non-code. */
export function formatBookingCode(code: string): string {
  const canonical = normalizeBookingCode(code);
  if (canonical === null) throw new RangeError(`Not a booking code: ${JSON.stringify(code)}`);
  return `${canonical.slice(0, 4)}-${canonical.slice(4)}`;
}
