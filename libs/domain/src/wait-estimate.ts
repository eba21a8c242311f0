/**
 * How long a waiting citizen will probably wait, shown on the ticket page and the kiosk.
 *
 *   average = median of the recent service durations (minutes), when there are at least 3;
 *             otherwise the service's expected minutes (the service standard's figure)
 *   ahead   = position − 1                      (position 1 is called next: 0 minutes)
 *   wait    = ⌈ ahead × average / max(1, openCounters) ⌉   minutes
 *
 * The median, not the mean, so one long case (a lost document, a system outage) does not inflate
 * every estimate. Recent durations that are not finite or are negative are ignored. A counter
 * count below 1 (all paused) is taken as 1, so the estimate never divides by zero.
 */

/** Recent durations needed before they replace the expected minutes. */
export const MIN_RECENT_SAMPLES = 3;

/** Floating-point slack, so 25 × 2.2 / 5 (= 11.000000000000002) rounds up to 11, not 12. */
const EPSILON = 1e-9;

/** The middle value, or the mean of the two middle values; throws a RangeError for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('The median of no values is undefined');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface WaitEstimateInput {
  /** 1-based place in the calling order (1 = next). */
  position: number;
  /** Minutes the latest finished tickets of the service took, any order. */
  recentServiceMinutes: readonly number[];
  /** The service standard's expected service time, in minutes. */
  expectedServiceMinutes: number;
  /** Counters open for the service now. */
  openCounters: number;
}

/** Whole minutes until the ticket is called (see the formula above). */
export function estimateWaitMinutes({ position, recentServiceMinutes, expectedServiceMinutes, openCounters }: WaitEstimateInput): number {
  if (!Number.isInteger(position) || position < 1) {
    throw new RangeError(`position must be a whole number of at least 1, got ${String(position)}`);
  }
  if (!Number.isFinite(expectedServiceMinutes) || expectedServiceMinutes < 0) {
    throw new RangeError(`expectedServiceMinutes must be a number of at least 0, got ${String(expectedServiceMinutes)}`);
  }
  const ahead = position - 1;
  if (ahead === 0) return 0;
  const samples = recentServiceMinutes.filter((m) => Number.isFinite(m) && m >= 0);
  const average = samples.length >= MIN_RECENT_SAMPLES ? median(samples) : expectedServiceMinutes;
  const counters = Number.isFinite(openCounters) ? Math.max(1, openCounters) : 1;
  return Math.max(0, Math.ceil((ahead * average) / counters - EPSILON));
}
