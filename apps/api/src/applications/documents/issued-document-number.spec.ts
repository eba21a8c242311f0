import { ISSUED_DOCUMENT_NUMBER_PATTERN } from '@mpp/contracts';
import { randomBytes } from 'node:crypto';
import { newDocumentNumber, normalizeDocumentNumber, NUMBER_ALPHABET } from './issued-document-number';

describe(newDocumentNumber.name, () => {
  it('should start with the kind and the year and month of issue in the site’s zone', () => {
    // 31 December 2026, 17:30 UTC: still December in WIB (00:30 on 1 January is WIT).
    const at = new Date('2026-12-31T16:30:00Z');
    expect(newDocumentNumber('receipt', at, 'Asia/Jakarta', randomBytes)).toMatch(/^TT-2612-/);
    expect(newDocumentNumber('result', at, 'Asia/Jayapura', randomBytes)).toMatch(/^HS-2701-/);
    expect(newDocumentNumber('decision_letter', at, 'Asia/Makassar', randomBytes)).toMatch(/^SK-2701-/);
  });

  it('should match the public pattern and draw every symbol of the alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const sut = newDocumentNumber('receipt', new Date(), 'Asia/Makassar', randomBytes);
      expect(sut).toMatch(ISSUED_DOCUMENT_NUMBER_PATTERN);
      for (const c of sut.slice(8)) seen.add(c);
    }
    expect([...seen].sort().join('')).toBe([...NUMBER_ALPHABET].sort().join(''));
  });

  it('should drop bytes that would bias the draw', () => {
    // 248..255 are dropped; 0 → '2', 30 → 'Z', 31 → '2' again.
    const bytes = [255, 248, 0, 30, 31, 62, 1, 2, 3, 4];
    const sut = newDocumentNumber('receipt', new Date('2026-06-01T00:00:00Z'), 'Asia/Jakarta', (n) => Buffer.from(bytes.concat(Array(n).fill(5)).slice(0, n)));
    expect(sut.slice(8)).toBe(`2Z22${NUMBER_ALPHABET[1]}${NUMBER_ALPHABET[2]}${NUMBER_ALPHABET[3]}${NUMBER_ALPHABET[4]}`);
  });
});

describe(normalizeDocumentNumber.name, () => {
  it('should accept a number typed in lower case with spaces around it', () => {
    expect(normalizeDocumentNumber('  tt-2612-7k3q9m2x ')).toBe('TT-2612-7K3Q9M2X');
  });

  it('should refuse what cannot be a number', () => {
    for (const raw of ['', 'TT-2612-7K3Q9M2', 'XX-2612-7K3Q9M2X', 'TT-2612-7K3Q9M20', 'TT-2612-7K3Q9M2O', "TT-2612-7K3Q9M2X' OR 1=1", 'A'.repeat(100)]) {
      expect(normalizeDocumentNumber(raw)).toBeNull();
    }
  });
});
