import {
  BOOKING_CODE_ALPHABET,
  formatBookingCode,
  generateBookingCode,
  normalizeBookingCode,
} from './booking-code';

/** A small seeded PRNG (mulberry32), so the distribution test is repeatable. */
function newSeededBytes(seed: number): (n: number) => Uint8Array {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (n) => Uint8Array.from({ length: n }, () => next() & 0xff);
}

const fixedBytes = (...bytes: number[]) => () => Uint8Array.from(bytes);

describe(generateBookingCode.name, () => {
  it('should ask for exactly 5 bytes (40 bits)', () => {
    const randomBytes = jest.fn((n: number) => new Uint8Array(n));
    generateBookingCode(randomBytes);
    expect(randomBytes).toHaveBeenCalledTimes(1);
    expect(randomBytes).toHaveBeenCalledWith(5);
  });

  it('should map all-zero and all-one bits to the first and last symbols', () => {
    expect(generateBookingCode(fixedBytes(0, 0, 0, 0, 0))).toBe('00000000');
    expect(generateBookingCode(fixedBytes(0xff, 0xff, 0xff, 0xff, 0xff))).toBe('ZZZZZZZZ');
  });

  it('should read the bits most significant first, five at a time', () => {
    // 00001 00010 00011 00100 00101 00110 00111 01000 = 08 86 42 98 E8
    expect(generateBookingCode(fixedBytes(0x08, 0x86, 0x42, 0x98, 0xe8))).toBe('12345678');
    // 10011 10011 11010 00011 10100 11011 10101 01001 = 9C F4 3A 6E A9
    expect(generateBookingCode(fixedBytes(0x9c, 0xf4, 0x3a, 0x6e, 0xa9))).toBe('KKT3MVN9');
  });

  it('should use only the first 5 bytes when given more', () => {
    expect(generateBookingCode(fixedBytes(0x08, 0x86, 0x42, 0x98, 0xe8, 0xff, 0xff))).toBe('12345678');
  });

  it('should refuse a random source that returns too few bytes', () => {
    expect(() => generateBookingCode(fixedBytes(1, 2, 3, 4))).toThrow(RangeError);
  });

  it('should produce codes that survive formatting and normalising', () => {
    const randomBytes = newSeededBytes(42);
    for (let i = 0; i < 200; i++) {
      const code = generateBookingCode(randomBytes);
      expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
      expect(normalizeBookingCode(formatBookingCode(code))).toBe(code);
      expect(normalizeBookingCode(formatBookingCode(code).toLowerCase())).toBe(code);
    }
  });

  it('should use every symbol of the alphabet, roughly evenly, over many draws', () => {
    const randomBytes = newSeededBytes(20261124);
    const counts = new Map<string, number>();
    const draws = 4000; // 32 000 symbols: 1 000 of each expected
    for (let i = 0; i < draws; i++) {
      for (const symbol of generateBookingCode(randomBytes)) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1150);
    }
  });

  it('should not repeat codes over many draws', () => {
    const randomBytes = newSeededBytes(7);
    const codes = new Set(Array.from({ length: 5000 }, () => generateBookingCode(randomBytes)));
    expect(codes.size).toBe(5000);
  });
});

describe(formatBookingCode.name, () => {
  it('should split the code into two groups of four', () => {
    expect(formatBookingCode('K7M39QXA')).toBe('K7M3-9QXA');
  });

  it('should normalise before formatting', () => {
    expect(formatBookingCode('k7m3 9qxa')).toBe('K7M3-9QXA');
    expect(formatBookingCode('K7M3-9QXA')).toBe('K7M3-9QXA');
  });

  it('should refuse something that is not a code', () => {
    expect(() => formatBookingCode('K7M3')).toThrow(RangeError);
    expect(() => formatBookingCode('K7M3-9QXU')).toThrow(RangeError);
  });
});

describe(normalizeBookingCode.name, () => {
  it('should upper-case and drop spaces and dashes', () => {
    expect(normalizeBookingCode('k7m3 9qxa')).toBe('K7M39QXA');
    expect(normalizeBookingCode('K7M3-9QXA')).toBe('K7M39QXA');
    expect(normalizeBookingCode('  k7-m3 9q-xa \n')).toBe('K7M39QXA');
    expect(normalizeBookingCode('K7M39QXA')).toBe('K7M39QXA');
  });

  it('should read I and L as 1 and O as 0, in either case', () => {
    expect(normalizeBookingCode('IL0O-ilo0')).toBe('11001100');
    expect(normalizeBookingCode('KOMI-9QXL')).toBe('K0M19QX1');
  });

  it('should reject the wrong number of symbols', () => {
    expect(normalizeBookingCode('')).toBeNull();
    expect(normalizeBookingCode('K7M3-9QX')).toBeNull();
    expect(normalizeBookingCode('K7M3-9QXAB')).toBeNull();
    expect(normalizeBookingCode(' - - ')).toBeNull();
  });

  it('should reject characters outside the alphabet', () => {
    expect(normalizeBookingCode('K7M3-9QXU')).toBeNull(); // U is not Crockford
    expect(normalizeBookingCode('K7M3_9QXA')).toBeNull();
    expect(normalizeBookingCode('K7M3.9QXA')).toBeNull();
    expect(normalizeBookingCode('K7M3-9QXÄ')).toBeNull();
    expect(normalizeBookingCode('K7M3-9QX*')).toBeNull();
  });

  it('should return null for a value that is not a string', () => {
    expect(normalizeBookingCode(undefined as unknown as string)).toBeNull();
    expect(normalizeBookingCode(12345678 as unknown as string)).toBeNull();
  });

  it('should accept every symbol of the alphabet', () => {
    expect(BOOKING_CODE_ALPHABET).toHaveLength(32);
    for (let i = 0; i < 32; i += 8) {
      const chunk = BOOKING_CODE_ALPHABET.slice(i, i + 8);
      expect(normalizeBookingCode(chunk)).toBe(chunk);
    }
  });
});
