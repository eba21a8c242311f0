/**
 * How long a waiting citizen will probably wait until they are called: shown on the ticket page,
 * the kiosk and the printed ticket. Built from the calling order (queue-position.ts: who is
 * ahead at the counters that may call the ticket) and measured call→finish times (how long a
 * counter is taken by a ticket, from its call to its finish or no-show).
 *
 * With `n` tickets ahead and `c` counters that may call the ticket, `i` of them free now:
 *   - n < i: a free counter calls it now: 0 minutes;
 *   - otherwise the free counters take the first `i` tickets ahead at once, then the ticket waits
 *     for the first of the `c` counters to free (the expected minimum of their remaining times:
 *     for a busy counter, a recent duration of the service it is serving, given how long it has
 *     already been at it; for one that just took a ticket, a whole duration) and then for the
 *     remaining `n − i` tickets, one each `mean ÷ c` minutes, `mean` being the mean call→finish
 *     time of the services of the tickets ahead.
 * For exponential times this is the exact M/M/c expectation, (n + 1) × mean ÷ c when all are busy.
 * A fractional `n` (`HallPlace.expectedAhead` when the place is a range) is interpolated between
 * its neighbours.
 * Tickets that arrive later with a priority that goes before this one are not foreseen.
 *
 * The mean, not the median: the wait is a sum of service times, and a sum's expectation is built
 * from means (the median of exponential times is 0.69 of the mean, which made the old estimate
 * about a third too low). The figures of the simulated halls are in docs/queue.md.
 */

/** Recent durations needed before they replace the service's expected minutes. */
export const MIN_RECENT_SAMPLES = 5;

/** Quantiles standing for an exponential distribution when too few durations are known. */
const EXPONENTIAL_POINTS = 24;

/** A counter that may call the ticket, as the estimate sees it. */
export interface CounterWork {
  /** Minutes since it called the ticket it holds; null when it holds none. */
  busyForMinutes: number | null;
  /** Recent call→finish minutes of the service of the ticket it holds (when free: of the tickets it will take). */
  durations: readonly number[];
  /** The service standard's expected minutes, used when fewer than MIN_RECENT_SAMPLES durations are known. */
  expectedMinutes: number;
}

export interface WaitEstimateInput {
  /** Tickets its counters will call before it (`HallPlace.expectedAhead`; may be fractional). */
  ahead: number;
  /** Mean call→finish minutes of the tickets ahead (see `meanMinutes`). */
  meanAheadMinutes: number;
  /** The counters that may call the ticket (at least one). */
  counters: readonly CounterWork[];
  /**
   * `firstFreeMinutes(counters)` when the caller already has it: it depends on the counters
   * alone, so a page of many tickets with the same counters computes it once.
   */
  firstFreeMinutes?: number;
}

function usable(values: readonly number[]): number[] {
  return values.filter((m) => Number.isFinite(m) && m >= 0);
}

/** Mean of the recent durations, or `expectedMinutes` when fewer than MIN_RECENT_SAMPLES are known. */
export function meanMinutes(durations: readonly number[], expectedMinutes: number): number {
  const samples = usable(durations);
  if (samples.length < MIN_RECENT_SAMPLES) return expectedMinutes;
  return samples.reduce((sum, m) => sum + m, 0) / samples.length;
}

function exponentialPoints(mean: number): number[] {
  return Array.from({ length: EXPONENTIAL_POINTS }, (_, j) => -mean * Math.log((j + 0.5) / EXPONENTIAL_POINTS));
}

/** Equally likely remaining minutes of a counter's current ticket. */
function remainingMinutes(counter: CounterWork, busyFor: number): number[] {
  const samples = usable(counter.durations);
  if (samples.length < MIN_RECENT_SAMPLES) return exponentialPoints(Math.max(counter.expectedMinutes, 0));
  const left = samples.filter((s) => s > busyFor).map((s) => s - busyFor);
  // Longer at it than any recent ticket took: assume it ends like a fresh exponential one.
  return left.length > 0 ? left : exponentialPoints(meanMinutes(samples, counter.expectedMinutes));
}

/** E[min of independent variables], each given by equally likely values: ∫ Π P(X_k > t) dt. */
export function expectedMinimum(distributions: readonly (readonly number[])[]): number {
  if (distributions.length === 0) return 0;
  const steps: { at: number; k: number }[] = [];
  distributions.forEach((values, k) => values.forEach((at) => steps.push({ at: Math.max(0, at), k })));
  steps.sort((a, b) => a.at - b.at);
  const left = distributions.map((values) => values.length);
  if (left.some((n) => n === 0)) return 0;
  let survival = 1;
  let previous = 0;
  let total = 0;
  for (const { at, k } of steps) {
    total += (at - previous) * survival;
    previous = at;
    survival *= (left[k] - 1) / left[k];
    left[k] -= 1;
    if (survival === 0) break;
  }
  return total;
}

/** Expected minutes until the first of these counters frees (each busy one from how long it has been at it). */
export function firstFreeMinutes(counters: readonly CounterWork[]): number {
  return expectedMinimum(counters.map((k) => remainingMinutes(k, k.busyForMinutes ?? 0)));
}

/** Expected minutes until the ticket is called (a real number; see the rule above). */
export function estimateWaitMinutes({ ahead, meanAheadMinutes, counters, firstFreeMinutes: known }: WaitEstimateInput): number {
  if (!Number.isFinite(ahead) || ahead < 0) throw new RangeError(`ahead must be a number of at least 0, got ${String(ahead)}`);
  if (counters.length === 0) throw new RangeError('A wait needs at least one counter that may call the ticket');
  const mean = Number.isFinite(meanAheadMinutes) && meanAheadMinutes > 0 ? meanAheadMinutes : 0;
  const free = counters.filter((k) => k.busyForMinutes === null).length;
  // The wait for the first counter to free does not depend on the place: computed once, when needed.
  let firstFree: number | undefined = known;
  const estimateFor = (n: number): number => {
    if (n < free) return 0;
    firstFree ??= firstFreeMinutes(counters);
    return firstFree + ((n - free) * mean) / counters.length;
  };
  const low = Math.floor(ahead);
  const share = ahead - low;
  const at = estimateFor(low);
  return share === 0 ? at : at + share * (estimateFor(low + 1) - at);
}

/** Whole minutes to show: 0 only when a free counter will call the ticket now, otherwise at least 1. */
export function shownWaitMinutes(input: WaitEstimateInput): number {
  const minutes = estimateWaitMinutes(input);
  return minutes === 0 ? 0 : Math.max(1, Math.round(minutes));
}
