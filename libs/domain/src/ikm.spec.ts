import { computeIkm, IKM_ELEMENTS, ikmBand } from './ikm';

/**
 * Builds `respondents` responses whose scores for element i add up to `elementTotals[i]`
 * (each score 1–4), so a test can state NRRs instead of listing every questionnaire.
 */
function newResponses(respondents: number, elementTotals: number[]): number[][] {
  const responses = Array.from({ length: respondents }, () => [] as number[]);
  for (const total of elementTotals) {
    const base = Math.floor(total / respondents);
    const extra = total % respondents;
    responses.forEach((response, r) => response.push(base + (r < extra ? 1 : 0)));
  }
  return responses;
}

/** Spreads a grand total over the nine elements as evenly as possible. */
function newResponsesWithGrandTotal(respondents: number, grandTotal: number): number[][] {
  const totals = Array.from({ length: 9 }, (_, i) => Math.floor(grandTotal / 9) + (i < grandTotal % 9 ? 1 : 0));
  return newResponses(respondents, totals);
}

describe(computeIkm.name, () => {
  it('should reproduce the worked example of PermenPANRB 14/2017: 81.39, B (not 81.31 as with 0.111)', () => {
    // NRR 3.20, 3.10, 2.90, 3.80, 3.30, 3.40, 3.50, 3.00, 3.10 from 10 respondents; Σ 29.30.
    // 29.30 / 9 × 25 = 81.3888… → 81.39.
    const sut = computeIkm(newResponses(10, [32, 31, 29, 38, 33, 34, 35, 30, 31]));
    expect(sut.nrr).toEqual([3.2, 3.1, 2.9, 3.8, 3.3, 3.4, 3.5, 3.0, 3.1]);
    expect(sut.ikm).toBe(81.39);
    expect(sut.band).toBe('B');
    expect(sut.label).toBe('Baik');
    expect(sut.respondents).toBe(10);
  });

  it('should give 100.00 (A, Sangat Baik) when everyone answers 4', () => {
    const sut = computeIkm(newResponses(7, Array(9).fill(28)));
    expect(sut).toMatchObject({ ikm: 100, band: 'A', label: 'Sangat Baik' });
    expect(sut.nrr).toEqual(Array(9).fill(4));
  });

  it('should give 25.00 (D, Tidak Baik) when everyone answers 1', () => {
    const sut = computeIkm([Array(9).fill(1), Array(9).fill(1)]);
    expect(sut).toMatchObject({ ikm: 25, band: 'D', label: 'Tidak Baik' });
  });

  it('should average each element over respondents', () => {
    const sut = computeIkm([
      [1, 2, 3, 4, 1, 2, 3, 4, 1],
      [4, 4, 4, 4, 2, 2, 2, 2, 3],
    ]);
    expect(sut.nrr).toEqual([2.5, 3, 3.5, 4, 1.5, 2, 2.5, 3, 2]);
    // Σ NRR = 24; 24 / 9 × 25 = 66.666… → 66.67, C.
    expect(sut).toMatchObject({ ikm: 66.67, band: 'C', label: 'Kurang Baik' });
  });

  it.each([
    // grand total T over 5,000 respondents: IKM = T × 25 / 45,000
    [116990, 64.99, 'D'], // 64.9944…
    [116991, 65.0, 'C'], // 64.995 exactly, rounds half up
    [137888, 76.6, 'C'], // 76.6044…
    [137889, 76.61, 'B'], // 76.605 exactly
    [158948, 88.3, 'B'], // 88.3044…
    [158949, 88.31, 'A'], // 88.305 exactly
  ])('should band a grand total of %d from 5,000 respondents as %d, %s', (grandTotal, ikm, band) => {
    const sut = computeIkm(newResponsesWithGrandTotal(5000, grandTotal));
    expect(sut.ikm).toBe(ikm);
    expect(sut.band).toBe(band);
  });

  it('should give 65.00 exactly for 5 respondents scoring 117 in all', () => {
    // 117 / 45 × 25 = 65
    expect(computeIkm(newResponsesWithGrandTotal(5, 117))).toMatchObject({ ikm: 65, band: 'C' });
  });

  it('should reject no responses', () => {
    expect(() => computeIkm([])).toThrow(RangeError);
  });

  it('should reject a response without exactly nine scores', () => {
    expect(() => computeIkm([[4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError);
    expect(() => computeIkm([[4, 4, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError);
    expect(() => computeIkm([null as unknown as number[]])).toThrow(RangeError);
  });

  it.each([[0], [5], [2.5], [NaN], ['3' as unknown as number]])('should reject the score %p', (score) => {
    const response = [3, 3, 3, 3, 3, 3, 3, 3, 3];
    response[4] = score;
    expect(() => computeIkm([Array(9).fill(3), response])).toThrow(/Response 1, element U5/);
  });
});

describe(ikmBand.name, () => {
  it.each([
    [25, 'D'],
    [64.99, 'D'],
    [65, 'C'],
    [76.6, 'C'],
    [76.61, 'B'],
    [88.3, 'B'],
    [88.31, 'A'],
    [100, 'A'],
  ])('should put %d in band %s', (ikm, band) => {
    expect(ikmBand(ikm)).toBe(band);
  });

  it('should round to two decimals, half up, before banding', () => {
    expect(ikmBand(88.305)).toBe('A');
    expect(ikmBand(88.3049)).toBe('B');
    expect(ikmBand(64.995)).toBe('C');
    expect(ikmBand(64.9949)).toBe('D');
  });

  it('should reject values outside 25.00–100.00 and non-numbers', () => {
    expect(() => ikmBand(24.99)).toThrow(RangeError);
    expect(() => ikmBand(100.01)).toThrow(RangeError);
    expect(() => ikmBand(NaN)).toThrow(RangeError);
    expect(() => ikmBand(Infinity)).toThrow(RangeError);
  });
});

describe('IKM_ELEMENTS', () => {
  it('should list the nine elements U1–U9 of PermenPANRB 14/2017, ending with sarana dan prasarana', () => {
    expect(IKM_ELEMENTS.map((e) => e.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
    expect(IKM_ELEMENTS[8].name.id).toBe('Sarana dan prasarana');
  });
});
