import { percentileCont } from './hall-report';
import {
  durationBucket,
  HISTOGRAM_CAP_SECONDS,
  HISTOGRAM_PRECISION_SECONDS,
  HistogramBucket,
  histogramPercentile,
} from './histogram-percentile';

/** The sparse histogram of some durations, as the rollup stores it. */
function histogramOf(seconds: readonly number[]): HistogramBucket[] {
  const counts = new Map<number, number>();
  for (const s of seconds) counts.set(durationBucket(s), (counts.get(durationBucket(s)) ?? 0) + 1);
  return [...counts.entries()].map(([bucket, n]) => ({ bucket, n }));
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe(histogramPercentile.name, () => {
  it('should bucket durations by whole minutes, negatives in the first and 4 h or more in the last', () => {
    expect([-5, 0, 59.9, 60, 3599, 14_399, 14_400, 90_000].map(durationBucket)).toEqual([0, 0, 0, 1, 59, 239, 240, 240]);
  });

  it('should be null for an empty histogram', () => {
    expect(histogramPercentile([], 0.5)).toBeNull();
    expect(histogramPercentile([{ bucket: 3, n: 0 }], 0.9)).toBeNull();
  });

  it('should stay within 30 s of percentile_cont over the values, for random sets of every size', () => {
    const next = random(15);
    for (let run = 0; run < 500; run++) {
      const size = 1 + Math.floor(next() * (run % 10 === 0 ? 3000 : 40));
      const spread = [120, 1800, 14_000][run % 3]!;
      const values = Array.from({ length: size }, () => Math.round(next() * spread * 10) / 10);
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [0, 0.1, 0.5, 0.9, 1]) {
        const exact = percentileCont(sorted, p)!;
        const sut = histogramPercentile(histogramOf(values), p)!;
        expect(sut.atLeast).toBe(false);
        expect(Math.abs(sut.seconds - exact)).toBeLessThanOrEqual(HISTOGRAM_PRECISION_SECONDS);
      }
    }
  });

  it('should interpolate between two far-apart values instead of taking the bucket of the rank', () => {
    // Two waits, 0 s and 60 min: percentile_cont's p50 is 30 min; the bucket of rank 0 alone would say 30 s.
    const values = [0, 3600];
    const exact = percentileCont(values, 0.5)!;

    const sut = histogramPercentile(histogramOf(values), 0.5)!;

    expect(exact).toBe(1800);
    expect(Math.abs(sut.seconds - exact)).toBeLessThanOrEqual(HISTOGRAM_PRECISION_SECONDS);
    const p90 = histogramPercentile(histogramOf(values), 0.9)!;
    expect(Math.abs(p90.seconds - percentileCont(values, 0.9)!)).toBeLessThanOrEqual(HISTOGRAM_PRECISION_SECONDS);
  });

  it('should add up repeated and unsorted buckets (histograms of several days summed)', () => {
    const days = [[10, 70, 75], [3000, 20, 130], [65]];
    const all = days.flat().sort((a, b) => a - b);

    const sut = histogramPercentile(days.flatMap(histogramOf).reverse(), 0.5)!;

    expect(Math.abs(sut.seconds - percentileCont(all, 0.5)!)).toBeLessThanOrEqual(HISTOGRAM_PRECISION_SECONDS);
  });

  it('should say "4 h or more" when a rank falls in the last bucket', () => {
    const values = [100, 200, 15_000, 40_000];

    const p90 = histogramPercentile(histogramOf(values), 0.9)!;
    const p50 = histogramPercentile(histogramOf(values), 0.5)!;
    const p0 = histogramPercentile(histogramOf(values), 0)!;

    // percentile_cont: p90 is between 15,000 and 40,000; the histogram only knows "at least 4 h".
    expect(p90).toEqual({ seconds: HISTOGRAM_CAP_SECONDS, atLeast: true });
    // p50 interpolates 200 s and a value of 4 h or more: a lower bound.
    expect(p50.atLeast).toBe(true);
    expect(p50.seconds).toBeLessThanOrEqual(percentileCont(values, 0.5)! + HISTOGRAM_PRECISION_SECONDS);
    expect(p0.atLeast).toBe(false);
    expect(Math.abs(p0.seconds - 100)).toBeLessThanOrEqual(HISTOGRAM_PRECISION_SECONDS);
  });
});
