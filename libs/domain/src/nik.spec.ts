import { maskNik, NIK_MESSAGES, NikInvalidReason, parseNik } from './nik';

const TODAY = new Date('2026-11-24T03:00:00Z'); // Tuesday 24 Nov 2026, 11:00 in Kupang

interface NikParts {
  area: string;
  day: number;
  month: number;
  yy: number;
  female: boolean;
  serial: string;
}

/** Builds a NIK from its parts, so a test states the birth date rather than the encoded digits. */
function newNik(overrides: Partial<NikParts> = {}): string {
  const p: NikParts = { area: '537101', day: 17, month: 8, yy: 90, female: false, serial: '0001', ...overrides };
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.area}${two(p.female ? p.day + 40 : p.day)}${two(p.month)}${two(p.yy)}${p.serial}`;
}

function reasonOf(input: string, today: Date = TODAY): NikInvalidReason | 'valid' {
  const result = parseNik(input, today);
  return result.valid ? 'valid' : result.reason;
}

describe(parseNik.name, () => {
  it('should read area, birth date, sex and serial from a valid NIK of a man from Kota Kupang', () => {
    expect(parseNik('5371011708900123', TODAY)).toEqual({
      valid: true,
      nik: '5371011708900123',
      provinceCode: '53',
      regencyCode: '5371',
      districtCode: '537101',
      birthDate: '1990-08-17',
      sex: 'male',
      serial: '0123',
    });
  });

  it('should read a woman\'s birth day by subtracting 40', () => {
    const result = parseNik('3574055708900001', TODAY);
    expect(result).toMatchObject({ valid: true, birthDate: '1990-08-17', sex: 'female', regencyCode: '3574' });
  });

  it('should accept encoded days 01–31 for men and 41–71 for women, and nothing else', () => {
    expect(reasonOf(newNik({ day: 1, month: 1 }))).toBe('valid');
    expect(reasonOf(newNik({ day: 31, month: 1 }))).toBe('valid');
    expect(reasonOf(newNik({ day: 1, month: 1, female: true }))).toBe('valid'); // 41
    expect(reasonOf(newNik({ day: 31, month: 1, female: true }))).toBe('valid'); // 71
    for (const encoded of ['00', '32', '39', '40', '72', '80', '99']) {
      expect([encoded, reasonOf(`537101${encoded}01900001`)]).toEqual([encoded, 'birth_date']);
    }
  });

  it('should reject months 00 and 13', () => {
    expect(reasonOf(newNik({ month: 0 }))).toBe('birth_date');
    expect(reasonOf(newNik({ month: 13 }))).toBe('birth_date');
    expect(reasonOf(newNik({ month: 12 }))).toBe('valid');
  });

  it('should reject dates that do not exist, such as 31 April', () => {
    expect(reasonOf(newNik({ day: 30, month: 4 }))).toBe('valid');
    expect(reasonOf(newNik({ day: 31, month: 4 }))).toBe('birth_date');
    expect(reasonOf(newNik({ day: 31, month: 4, female: true }))).toBe('birth_date');
    expect(reasonOf(newNik({ day: 31, month: 6 }))).toBe('birth_date');
    expect(reasonOf(newNik({ day: 31, month: 12 }))).toBe('valid');
  });

  it('should accept 29 February only in a leap year of the chosen century', () => {
    expect(parseNik(newNik({ day: 29, month: 2, yy: 24 }), TODAY)).toMatchObject({ birthDate: '2024-02-29' });
    expect(reasonOf(newNik({ day: 29, month: 2, yy: 23 }))).toBe('birth_date');
    // 2000 is a leap year (divisible by 400).
    expect(parseNik(newNik({ day: 29, month: 2, yy: 0, female: true }), TODAY)).toMatchObject({
      birthDate: '2000-02-29',
      sex: 'female',
    });
    // 28 lies in the future in 2026, so 1928, a leap year.
    expect(parseNik(newNik({ day: 29, month: 2, yy: 28 }), TODAY)).toMatchObject({ birthDate: '1928-02-29' });
    // Seen from 1999, "00" is 1900, which is not a leap year (divisible by 100, not by 400).
    expect(reasonOf(newNik({ day: 29, month: 2, yy: 0 }), new Date('1999-06-01T00:00:00Z'))).toBe('birth_date');
    expect(parseNik(newNik({ day: 28, month: 2, yy: 0 }), new Date('1999-06-01T00:00:00Z'))).toMatchObject({
      birthDate: '1900-02-28',
    });
    // 1930 is not a leap year.
    expect(reasonOf(newNik({ day: 29, month: 2, yy: 30 }))).toBe('birth_date');
  });

  it('should choose the 2000s unless that puts the birth date after today', () => {
    expect(parseNik(newNik({ day: 24, month: 11, yy: 26 }), TODAY)).toMatchObject({ birthDate: '2026-11-24' });
    expect(parseNik(newNik({ day: 25, month: 11, yy: 26 }), TODAY)).toMatchObject({ birthDate: '1926-11-25' });
    expect(parseNik(newNik({ day: 1, month: 12, yy: 26 }), TODAY)).toMatchObject({ birthDate: '1926-12-01' });
    expect(parseNik(newNik({ day: 1, month: 1, yy: 27 }), TODAY)).toMatchObject({ birthDate: '1927-01-01' });
    expect(parseNik(newNik({ day: 1, month: 1, yy: 0 }), TODAY)).toMatchObject({ birthDate: '2000-01-01' });
    expect(parseNik(newNik({ day: 31, month: 12, yy: 99 }), TODAY)).toMatchObject({ birthDate: '1999-12-31' });
  });

  it('should count today as started once it is midnight in Jayapura (UTC+9)', () => {
    const bornOn24Nov = newNik({ day: 24, month: 11, yy: 26 });
    // 2026-11-23T15:00Z is 00:00 on 24 Nov in Jayapura but still 23 Nov in Jakarta and Kupang.
    expect(parseNik(bornOn24Nov, new Date('2026-11-23T15:00:00Z'))).toMatchObject({ birthDate: '2026-11-24' });
    expect(parseNik(bornOn24Nov, new Date('2026-11-23T14:59:59Z'))).toMatchObject({ birthDate: '1926-11-24' });
  });

  it('should use the current date when today is not given', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const nik = newNik({ day: 1, month: 1, yy: nextYear % 100 });
    expect(parseNik(nik)).toMatchObject({ birthDate: `${nextYear - 100}-01-01` });
    expect(parseNik(newNik({ day: 1, month: 1, yy: 0 }))).toMatchObject({ birthDate: '2000-01-01' });
  });

  it('should ignore spaces the citizen typed', () => {
    expect(parseNik(' 5371 0117 0890 0001 ', TODAY)).toMatchObject({ valid: true, nik: '5371011708900001' });
  });

  it('should report a missing NIK as empty', () => {
    expect(reasonOf('')).toBe('empty');
    expect(reasonOf('   ')).toBe('empty');
  });

  it('should report anything but digits before checking the length', () => {
    expect(reasonOf('53710117089000O1')).toBe('digits'); // letter O
    expect(reasonOf('5371-0117-0890-0001')).toBe('digits');
    expect(reasonOf('12a')).toBe('digits');
  });

  it('should require exactly 16 digits', () => {
    const valid = newNik();
    expect(reasonOf(valid.slice(0, 15))).toBe('length');
    expect(reasonOf(`${valid}1`)).toBe('length');
    expect(reasonOf(valid)).toBe('valid');
  });

  it('should accept every province code in use, including the new Papua provinces', () => {
    const codes = [
      11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73,
      74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
    ];
    expect(codes).toHaveLength(38);
    for (const code of codes) {
      expect([code, reasonOf(newNik({ area: `${code}0101` }))]).toEqual([code, 'valid']);
    }
  });

  it('should reject province codes not in use', () => {
    for (const code of ['00', '10', '20', '22', '30', '37', '50', '54', '60', '66', '70', '77', '80', '83', '90', '97', '99']) {
      expect([code, reasonOf(newNik({ area: `${code}0101` }))]).toEqual([code, 'province']);
    }
  });

  it('should reject a regency or district code of 00', () => {
    expect(reasonOf(newNik({ area: '530001' }))).toBe('area');
    expect(reasonOf(newNik({ area: '537100' }))).toBe('area');
    expect(reasonOf(newNik({ area: '539999' }))).toBe('valid');
  });

  it('should reject serial 0000 and accept 0001 and 9999', () => {
    expect(reasonOf(newNik({ serial: '0000' }))).toBe('serial');
    expect(reasonOf(newNik({ serial: '0001' }))).toBe('valid');
    expect(parseNik(newNik({ serial: '9999' }), TODAY)).toMatchObject({ serial: '9999' });
  });
});

describe('NIK_MESSAGES', () => {
  it('should give a distinct Indonesian and English message for every reason', () => {
    const reasons: NikInvalidReason[] = ['empty', 'digits', 'length', 'province', 'area', 'birth_date', 'serial'];
    expect(Object.keys(NIK_MESSAGES).sort()).toEqual([...reasons].sort());
    const texts = reasons.flatMap((reason) => [NIK_MESSAGES[reason].id, NIK_MESSAGES[reason].en]);
    expect(new Set(texts).size).toBe(texts.length);
    expect(NIK_MESSAGES.length.id).toContain('16 digit');
    expect(NIK_MESSAGES.length.en).toContain('16 digits');
  });
});

describe(maskNik.name, () => {
  it('should show the first 4 and last 4 digits only', () => {
    expect(maskNik('5371012345670001')).toBe('5371********0001');
  });

  it('should ignore spaces', () => {
    expect(maskNik('5371 0123 4567 0001')).toBe('5371********0001');
  });

  it('should mask anything that is not 16 digits completely', () => {
    expect(maskNik('537101234567000')).toBe('****************');
    expect(maskNik('53710123456700012')).toBe('****************');
    expect(maskNik('')).toBe('****************');
    expect(maskNik('5371O12345670001')).toBe('****************');
  });
});
