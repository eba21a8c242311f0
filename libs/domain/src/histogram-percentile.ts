/**
 * Percentiles from a histogram of durations (docs/reports.md, "The rollup"): the reports over
 * past days read summed 1-minute histograms instead of every ticket. The SQL that fills the
 * histograms buckets a duration exactly as `durationBucket()` does (this function is its
 * specification).
 */

/** Width of one bucket: one minute. */
export const HISTOGRAM_BUCKET_SECONDS = 60;
/** The last bucket holds every duration of 4 h or more (bucket 240). */
export const HISTOGRAM_LAST_BUCKET = 240;
/** Where the last bucket starts: a percentile there is "4 h or more". */
export const HISTOGRAM_CAP_SECONDS = HISTOGRAM_LAST_BUCKET * HISTOGRAM_BUCKET_SECONDS;
/** A percentile from the histogram is within this many seconds of percentile_cont over the values (below the cap). */
export const HISTOGRAM_PRECISION_SECONDS = HISTOGRAM_BUCKET_SECONDS / 2;

/** One non-zero bucket: `n` durations in [bucket × 60, bucket × 60 + 60) seconds (the last: 4 h or more). */
export interface HistogramBucket {
  bucket: number;
  n: number;
}

/** The bucket of a duration in seconds (negative counts as 0). */
export function durationBucket(seconds: number): number {
  return Math.min(Math.floor(Math.max(seconds, 0) / HISTOGRAM_BUCKET_SECONDS), HISTOGRAM_LAST_BUCKET);
}

export interface HistogramPercentile {
  seconds: number;
  /** A rank used fell in the last bucket: the true value is at least `seconds` ("4 h or more"). */
  atLeast: boolean;
}

/**
 * The p-th percentile (0..1) of the durations a histogram counts, as PostgreSQL's percentile_cont
 * does over the values: the values of ranks ⌊p(n−1)⌋ and ⌈p(n−1)⌉, interpolated. Each rank's value
 * is taken as its bucket's midpoint, so it is within 30 s of the real one and so is the
 * interpolation between two of them (taking only the bucket holding the rank would be half an hour
 * off for two waits of 0 s and 60 min). A rank in the last bucket counts as 4 h (`atLeast`).
 * Buckets may come unsorted and repeated (they are added up). Null when the histogram is empty.
 */
export function histogramPercentile(buckets: readonly HistogramBucket[], p: number): HistogramPercentile | null {
  const summed = new Map<number, number>();
  for (const b of buckets) if (b.n > 0) summed.set(b.bucket, (summed.get(b.bucket) ?? 0) + b.n);
  const sorted = [...summed.entries()].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const position = p * (total - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const bucketOfRank = (rank: number): number => {
    let seen = 0;
    for (const [bucket, n] of sorted) {
      seen += n;
      if (rank < seen) return bucket;
    }
    return sorted[sorted.length - 1]![0];
  };
  const valueOf = (bucket: number) => (bucket >= HISTOGRAM_LAST_BUCKET ? HISTOGRAM_CAP_SECONDS : (bucket + 0.5) * HISTOGRAM_BUCKET_SECONDS);
  const lo = bucketOfRank(lower);
  const hi = bucketOfRank(upper);
  const fraction = position - lower;
  const seconds = valueOf(lo) + (valueOf(hi) - valueOf(lo)) * fraction;
  const atLeast = lo >= HISTOGRAM_LAST_BUCKET || (hi >= HISTOGRAM_LAST_BUCKET && fraction > 0);
  return { seconds, atLeast };
}
