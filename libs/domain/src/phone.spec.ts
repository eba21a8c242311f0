import { maskPhone, normalizeIndonesianMobile, PHONE_MESSAGES, PhoneInvalidReason } from './phone';

function reasonOf(input: string): PhoneInvalidReason | string {
  const result = normalizeIndonesianMobile(input);
  return result.valid ? result.e164 : result.reason;
}

describe(normalizeIndonesianMobile.name, () => {
  it.each([
    ['081234567890'],
    ['6281234567890'],
    ['+6281234567890'],
    ['+62 812-3456-7890'],
    ['0812.3456.7890'],
    ['(0812) 3456 7890'],
    ['+62 (812) 3456-7890'],
    ['0062 812 3456 7890'],
    ['+62 (0)812 3456 7890'],
    ['812 3456 7890'],
    ['  0812 3456 7890  '],
  ])('should normalize %j to +6281234567890', (input) => {
    expect(normalizeIndonesianMobile(input)).toEqual({ valid: true, e164: '+6281234567890' });
  });

  it('should accept 9 to 12 digits after +62 (10 to 13 in the 08 form)', () => {
    expect(reasonOf('081234567')).toBe('length'); // 8 after +62
    expect(reasonOf('0812345678')).toBe('+62812345678'); // 9
    expect(reasonOf('0812345678901')).toBe('+62812345678901'); // 12
    expect(reasonOf('08123456789012')).toBe('length'); // 13
    expect(reasonOf('+62812345678901')).toBe('+62812345678901');
    expect(reasonOf('+628123456789012')).toBe('length');
  });

  it('should accept the prefixes 081, 082, 083, 085, 086, 087, 088 and 089', () => {
    for (const second of ['1', '2', '3', '5', '6', '7', '8', '9']) {
      expect(reasonOf(`08${second}1 2345 6789`)).toBe(`+628${second}123456789`);
    }
  });

  it('should reject the prefixes 080 and 084', () => {
    expect(reasonOf('0801 2345 6789')).toBe('operator');
    expect(reasonOf('+62 841 2345 6789')).toBe('operator');
  });

  it('should reject landline numbers as not mobile', () => {
    expect(reasonOf('0380 821234')).toBe('not_mobile'); // Kupang
    expect(reasonOf('(021) 555-1234')).toBe('not_mobile'); // Jakarta
    expect(reasonOf('+62 335 421234')).toBe('not_mobile'); // Probolinggo
    expect(reasonOf('7123 4567')).toBe('not_mobile');
  });

  it('should reject foreign numbers', () => {
    expect(reasonOf('+65 8123 4567')).toBe('country_code');
    expect(reasonOf('+1 812 345 6789')).toBe('country_code');
    expect(reasonOf('0065 8123 4567')).toBe('country_code');
  });

  it('should reject letters, a + that is not leading, and other symbols', () => {
    expect(reasonOf('0812-3456-789O')).toBe('characters');
    expect(reasonOf('0812+34567890')).toBe('characters');
    expect(reasonOf('0812/3456/7890')).toBe('characters');
    expect(reasonOf('++6281234567890')).toBe('characters');
  });

  it('should report a missing number as empty', () => {
    expect(reasonOf('')).toBe('empty');
    expect(reasonOf('   ')).toBe('empty');
    expect(reasonOf('( - )')).toBe('empty');
  });

  it('should report a bare prefix as too short', () => {
    expect(reasonOf('+62')).toBe('length');
    expect(reasonOf('0')).toBe('length');
    expect(reasonOf('08')).toBe('length');
  });
});

describe('PHONE_MESSAGES', () => {
  it('should give a distinct Indonesian and English message for every reason', () => {
    const reasons: PhoneInvalidReason[] = ['empty', 'characters', 'country_code', 'not_mobile', 'operator', 'length'];
    expect(Object.keys(PHONE_MESSAGES).sort()).toEqual([...reasons].sort());
    const texts = reasons.flatMap((reason) => [PHONE_MESSAGES[reason].id, PHONE_MESSAGES[reason].en]);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.every((text) => text.length > 10)).toBe(true);
  });
});

describe(maskPhone.name, () => {
  it('should keep the country code, the first 3 and the last 4 subscriber digits', () => {
    expect(maskPhone('+6281234567890')).toBe('+62 812****7890');
  });

  it('should hide one star per hidden digit', () => {
    expect(maskPhone('+62812345678')).toBe('+62 812**5678'); // 9 digits
    expect(maskPhone('+62812345678901')).toBe('+62 812*****8901'); // 12 digits
  });

  it('should accept the domestic form', () => {
    expect(maskPhone('0812-3456-7890')).toBe('+62 812****7890');
  });

  it('should mask an invalid number completely', () => {
    expect(maskPhone('+65 8123 4567')).toBe('****');
    expect(maskPhone('')).toBe('****');
  });
});
