/**
 * IKM (Indeks Kepuasan Masyarakat), the public satisfaction index of the SKM survey,
 * PermenPANRB 14/2017 (docs/domain.md §4):
 *
 *   NRR_i = sum of the scores for element i / number of respondents      (i = 1…9)
 *   IKM   = (Σ NRR_i × 1/9) × 25                                          (25.00–100.00)
 *
 * The exact weight 1/9 is used, not the 0.111 often printed (which caps the index at 99.90 and
 * can move a result across a band edge). The index is rounded to two decimals, half up, and the
 * band is read from the rounded value.
 */
import type { LocalizedText } from '@mpp/contracts';

export type IkmBand = 'A' | 'B' | 'C' | 'D';
export type IkmLabel = 'Sangat Baik' | 'Baik' | 'Kurang Baik' | 'Tidak Baik';

export interface IkmResult {
  /** Average score (1–4) per element U1…U9, unrounded; round for display only. */
  nrr: number[];
  /** 25.00–100.00, rounded to two decimals. */
  ikm: number;
  band: IkmBand;
  label: IkmLabel;
  respondents: number;
}

export const IKM_ELEMENT_COUNT = 9;

/** The nine elements (unsur) of PermenPANRB 14/2017, in questionnaire order. */
export const IKM_ELEMENTS: readonly { code: string; name: LocalizedText }[] = [
  { code: 'U1', name: { id: 'Persyaratan', en: 'Requirements' } },
  { code: 'U2', name: { id: 'Sistem, mekanisme, dan prosedur', en: 'System, mechanism and procedure' } },
  { code: 'U3', name: { id: 'Waktu penyelesaian', en: 'Completion time' } },
  { code: 'U4', name: { id: 'Biaya/tarif', en: 'Cost/fee' } },
  { code: 'U5', name: { id: 'Produk spesifikasi jenis pelayanan', en: 'Service product specification' } },
  { code: 'U6', name: { id: 'Kompetensi pelaksana', en: 'Staff competence' } },
  { code: 'U7', name: { id: 'Perilaku pelaksana', en: 'Staff conduct' } },
  { code: 'U8', name: { id: 'Penanganan pengaduan, saran, dan masukan', en: 'Handling of complaints, suggestions and feedback' } },
  { code: 'U9', name: { id: 'Sarana dan prasarana', en: 'Facilities and infrastructure' } },
];

export const IKM_BAND_LABELS: Readonly<Record<IkmBand, { label: IkmLabel; en: string }>> = {
  A: { label: 'Sangat Baik', en: 'Very good' },
  B: { label: 'Baik', en: 'Good' },
  C: { label: 'Kurang Baik', en: 'Less than good' },
  D: { label: 'Tidak Baik', en: 'Not good' },
};

/** Lowest index (in hundredths) of each band, highest band first. */
const BAND_FLOORS: readonly [IkmBand, number][] = [
  ['A', 8831],
  ['B', 7661],
  ['C', 6500],
  ['D', 2500],
];

function bandOfHundredths(hundredths: number): IkmBand {
  for (const [band, floor] of BAND_FLOORS) {
    if (hundredths >= floor) return band;
  }
  throw new RangeError(`IKM ${hundredths / 100} is below the minimum of 25.00`);
}

/**
 * The band of an index: 88.31–100.00 A, 76.61–88.30 B, 65.00–76.60 C, 25.00–64.99 D.
 * The value is first rounded to two decimals (half up), so 88.305 is A and 88.3049 is B.
 */
export function ikmBand(ikm: number): IkmBand {
  if (typeof ikm !== 'number' || !Number.isFinite(ikm)) {
    throw new RangeError(`IKM must be a finite number, got ${String(ikm)}`);
  }
  // At the three band edges the product is exact (64.995 * 100 === 6499.5, likewise 76.605 and
  // 88.305), so Math.round rounds them half up as the rule requires.
  const hundredths = Math.round(ikm * 100);
  if (hundredths < 2500 || hundredths > 10000) {
    throw new RangeError(`IKM must be between 25.00 and 100.00, got ${ikm}`);
  }
  return bandOfHundredths(hundredths);
}

/**
 * Computes NRR per element, the IKM and its band from survey responses, each an array of nine
 * whole scores 1–4 in the order U1…U9. Throws a RangeError for no responses or a malformed one
 * (naming the respondent and element), so bad data never turns into a published index.
 */
export function computeIkm(responses: number[][]): IkmResult {
  if (!Array.isArray(responses) || responses.length === 0) {
    throw new RangeError('At least one survey response is needed to compute the IKM');
  }
  const totals: number[] = new Array<number>(IKM_ELEMENT_COUNT).fill(0);
  responses.forEach((response, r) => {
    if (!Array.isArray(response) || response.length !== IKM_ELEMENT_COUNT) {
      throw new RangeError(`Response ${r} must have exactly ${IKM_ELEMENT_COUNT} scores`);
    }
    response.forEach((score, e) => {
      if (!Number.isInteger(score) || score < 1 || score > 4) {
        throw new RangeError(`Response ${r}, element U${e + 1}: score must be a whole number 1–4, got ${String(score)}`);
      }
      totals[e] += score;
    });
  });

  const n = responses.length;
  const total = totals.reduce((sum, t) => sum + t, 0);
  // IKM = total / (9n) × 25 = total × 2500 / (9n) hundredths; rounded half up in integers, exactly.
  const numerator = total * 2500;
  const denominator = IKM_ELEMENT_COUNT * n;
  const hundredths = Math.floor((2 * numerator + denominator) / (2 * denominator));
  const band = bandOfHundredths(hundredths);
  return {
    nrr: totals.map((t) => t / n),
    ikm: hundredths / 100,
    band,
    label: IKM_BAND_LABELS[band].label,
    respondents: n,
  };
}
