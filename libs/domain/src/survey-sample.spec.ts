import { computeIkm } from './ikm';
import { ikmFromTotals, krejcieMorganSample, lowestElementsFirst, roundRatio2 } from './survey-sample';

/** The formula as printed, in floating point, for comparison away from exact integers. */
function printedFormula(n: number): number {
  const chi2 = 3.841;
  const p = 0.5;
  const d = 0.05;
  return (chi2 * n * p * (1 - p)) / (d * d * (n - 1) + chi2 * p * (1 - p));
}

describe(krejcieMorganSample.name, () => {
  it('should ask 306 respondents of a population of 1,500 (the issue\'s case)', () => {
    // 3841 × 1500 / (10 × 1499 + 3841) = 5,761,500 / 18,831 = 305.96… → 306
    expect(krejcieMorganSample(1500)).toBe(306);
  });

  it('should match hand-computed rows of the Krejcie–Morgan table', () => {
    // N = 100: 384,100 / 4,831 = 79.51 → 80; N = 10: 38,410 / 3,931 = 9.77 → 10;
    // N = 1,000,000: 3,841,000,000 / 10,003,831 = 383.95 → 384.
    expect(krejcieMorganSample(100)).toBe(80);
    expect(krejcieMorganSample(10)).toBe(10);
    expect(krejcieMorganSample(1_000_000)).toBe(384);
  });

  it('should ask nobody of no population and the one person of a population of one', () => {
    expect(krejcieMorganSample(0)).toBe(0);
    expect(krejcieMorganSample(1)).toBe(1);
  });

  it('should round the printed formula up for every population up to 20,000', () => {
    for (let n = 1; n <= 20_000; n++) {
      const exact = printedFormula(n);
      const sut = krejcieMorganSample(n);
      // the float formula may land a hair off a whole number: the exact result lies within it
      expect(Math.abs(sut - Math.ceil(exact - 1e-9))).toBe(0);
    }
  });

  it('should refuse a negative or fractional population', () => {
    expect(() => krejcieMorganSample(-1)).toThrow(RangeError);
    expect(() => krejcieMorganSample(2.5)).toThrow(RangeError);
  });
});

describe(ikmFromTotals.name, () => {
  /** Sums of each element over the given answers, as the database keeps them. */
  const totalsOf = (answers: number[][]) => Array.from({ length: 9 }, (_, e) => answers.reduce((sum, a) => sum + a[e], 0));

  it('should give computeIkm\'s result for the same answers', () => {
    const answers = [
      [4, 3, 3, 4, 2, 3, 4, 1, 3],
      [3, 3, 2, 4, 3, 3, 3, 2, 4],
      [2, 4, 3, 4, 3, 4, 4, 3, 3],
    ];
    expect(ikmFromTotals(totalsOf(answers), answers.length)).toEqual(computeIkm(answers));
  });

  it('should band the edges from the value rounded to two decimals', () => {
    // One respondent, grand total T: IKM = T × 25 / 9. T = 21 → 58.33 (D); T = 24 → 66.67 (C);
    // T = 28 → 77.78 (B); T = 32 → 88.89 (A).
    const one = (t: number) => ikmFromTotals(Array.from({ length: 9 }, (_, i) => Math.floor(t / 9) + (i < t % 9 ? 1 : 0)), 1);
    expect(one(21)).toMatchObject({ ikm: 58.33, band: 'D' });
    expect(one(24)).toMatchObject({ ikm: 66.67, band: 'C' });
    expect(one(28)).toMatchObject({ ikm: 77.78, band: 'B' });
    expect(one(32)).toMatchObject({ ikm: 88.89, band: 'A' });
  });

  it('should put an exact 88.31 in A and an exact 88.30 in B (band edges)', () => {
    // IKM = total × 2500 / (9n) hundredths. n = 10,000 respondents: 88.31 needs total = 8831 × 9 × 10,000 / 2500 = 317,916.
    const n = 10_000;
    const totalFor = (hundredths: number) => (hundredths * 9 * n) / 2500;
    const spread = (total: number) => Array.from({ length: 9 }, (_, i) => Math.floor(total / 9) + (i < total % 9 ? 1 : 0));
    expect(ikmFromTotals(spread(totalFor(8831)), n)).toMatchObject({ ikm: 88.31, band: 'A' });
    expect(ikmFromTotals(spread(totalFor(8830)), n)).toMatchObject({ ikm: 88.3, band: 'B' });
    expect(ikmFromTotals(spread(totalFor(7661)), n)).toMatchObject({ ikm: 76.61, band: 'B' });
    expect(ikmFromTotals(spread(totalFor(7660)), n)).toMatchObject({ ikm: 76.6, band: 'C' });
    expect(ikmFromTotals(spread(totalFor(6500)), n)).toMatchObject({ ikm: 65, band: 'C' });
    expect(ikmFromTotals(spread(totalFor(6499)), n)).toMatchObject({ ikm: 64.99, band: 'D' });
  });

  it('should answer null when nobody answered', () => {
    expect(ikmFromTotals(Array(9).fill(0), 0)).toBeNull();
  });

  it('should refuse totals no set of 1–4 answers can give', () => {
    expect(() => ikmFromTotals(Array(9).fill(9), 2)).toThrow(RangeError);
    expect(() => ikmFromTotals(Array(9).fill(1), 2)).toThrow(RangeError);
    expect(() => ikmFromTotals(Array(8).fill(4), 1)).toThrow(RangeError);
  });
});

describe(roundRatio2.name, () => {
  it('should round half up in whole numbers', () => {
    expect(roundRatio2(1, 8)).toBe(0.13); // 0.125
    expect(roundRatio2(2, 3)).toBe(0.67);
    expect(roundRatio2(29, 10)).toBe(2.9);
  });
});

describe(lowestElementsFirst.name, () => {
  it('should list the lowest totals first, ties in questionnaire order', () => {
    expect(lowestElementsFirst([30, 20, 25, 20, 40, 35, 30, 10, 36])).toEqual([7, 1, 3, 2, 0, 6, 5, 8, 4]);
  });
});
