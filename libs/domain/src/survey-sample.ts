/**
 * The SKM survey's arithmetic over stored answers (PermenPANRB 14/2017, docs/survey.md).
 *
 * Sample size (Krejcie & Morgan, 1970), the table the regulation's annex reproduces:
 *
 *   s = χ² N P(1−P) / (d² (N−1) + χ² P(1−P)),   χ² = 3.841, P = 0.5, d = 0.05, rounded up
 *
 * With those constants s = 3841 N / (10 (N−1) + 3841), computed here in whole numbers, so the
 * rounding up is exact (N = 1,500 → 306, N = 100 → 80).
 */
import { IKM_BAND_LABELS, IKM_ELEMENT_COUNT, type IkmResult } from './ikm';

/** The respondents Krejcie–Morgan asks for a population of `population` (0 for none). */
export function krejcieMorganSample(population: number): number {
  if (!Number.isInteger(population) || population < 0) {
    throw new RangeError(`The population must be a whole number ≥ 0, got ${String(population)}`);
  }
  if (population === 0) return 0;
  const numerator = 3841 * population;
  const denominator = 10 * (population - 1) + 3841;
  // Whole numbers below 2^53 for any real population: the ceiling is exact.
  return Math.floor((numerator + denominator - 1) / denominator);
}

/**
 * The IKM from the sums the database keeps: `totals[i]` is the sum of every score for element
 * U(i+1), `respondents` how many answered. Exactly computeIkm's result for the same answers
 * (1/9 weight, rounded half up to two decimals in whole numbers, band from the rounded value).
 * Null when nobody answered.
 */
export function ikmFromTotals(totals: readonly number[], respondents: number): IkmResult | null {
  if (!Number.isInteger(respondents) || respondents < 0) throw new RangeError(`respondents must be a whole number ≥ 0, got ${String(respondents)}`);
  if (totals.length !== IKM_ELEMENT_COUNT) throw new RangeError(`Exactly ${IKM_ELEMENT_COUNT} element totals are needed, got ${totals.length}`);
  if (respondents === 0) return null;
  totals.forEach((total, e) => {
    if (!Number.isInteger(total) || total < respondents || total > 4 * respondents) {
      throw new RangeError(`Element U${e + 1}: a total of ${String(total)} is impossible for ${respondents} answers scored 1–4`);
    }
  });
  const total = totals.reduce((sum, t) => sum + t, 0);
  const numerator = total * 2500;
  const denominator = IKM_ELEMENT_COUNT * respondents;
  const hundredths = Math.floor((2 * numerator + denominator) / (2 * denominator));
  const band = hundredths >= 8831 ? 'A' : hundredths >= 7661 ? 'B' : hundredths >= 6500 ? 'C' : 'D';
  return { nrr: totals.map((t) => t / respondents), ikm: hundredths / 100, band, label: IKM_BAND_LABELS[band].label, respondents };
}

/** A value rounded half up to two decimals from an exact ratio `numerator / denominator` (whole numbers). */
export function roundRatio2(numerator: number, denominator: number): number {
  return Math.floor((200 * numerator + denominator) / (2 * denominator)) / 100;
}

/**
 * The element codes (U1…U9) ordered lowest NRR first (ties in questionnaire order): the elements
 * the follow-up plan (rencana tindak lanjut) starts with.
 */
export function lowestElementsFirst(totals: readonly number[]): number[] {
  return totals.map((total, index) => ({ total, index })).sort((a, b) => a.total - b.total || a.index - b.index).map((e) => e.index);
}
