import { checkPersonName, PERSON_NAME_MAX_LENGTH } from './person-name';

describe(checkPersonName.name, () => {
  it('should keep a name trimmed, with single spaces, in NFC', () => {
    expect(checkPersonName('  Maria   Goreti\tLada ')).toEqual({ valid: true, name: 'Maria Goreti Lada' });
    const combining = 'Jose\u0301 Soares';
    expect(checkPersonName(combining)).toEqual({ valid: true, name: 'Jos\u00e9 Soares' });
  });

  it("should accept names with dots, commas, apostrophes, hyphens and other scripts", () => {
    for (const name of ["Ni Luh Putu Ayu", 'Drs. H. Yohanes, M.Si.', "Ma'ruf", 'Siti Nur-Aini', 'O’Neil', 'Nguyễn Thị Minh', '王小明']) {
      expect(checkPersonName(name)).toEqual({ valid: true, name });
    }
  });

  it('should check the length after trimming: "A " is as short as "A"', () => {
    expect(checkPersonName('A ')).toEqual({ valid: false, reason: 'too_short' });
    expect(checkPersonName('A')).toEqual({ valid: false, reason: 'too_short' });
    expect(checkPersonName('   ')).toEqual({ valid: false, reason: 'empty' });
    expect(checkPersonName('')).toEqual({ valid: false, reason: 'empty' });
    expect(checkPersonName(undefined)).toEqual({ valid: false, reason: 'empty' });
    expect(checkPersonName('A'.repeat(PERSON_NAME_MAX_LENGTH + 1))).toEqual({ valid: false, reason: 'too_long' });
  });

  it('should refuse other characters and a name that does not begin with a letter', () => {
    for (const name of ['Robert<script>', '12345', '-Maria', 'Maria 2', '\u0301Maria', 'Maria\u0000']) {
      expect(checkPersonName(name)).toEqual({ valid: false, reason: 'characters' });
    }
  });
});
