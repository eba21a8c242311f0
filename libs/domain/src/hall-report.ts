/**
 * The hall report's arithmetic (issue 15, docs/reports.md): the period a manager picks, the
 * summaries of waits and service times, rates. The SQL in apps/api/src/reports computes the same
 * percentiles with percentile_cont; this is its executable specification.
 */
import { addDaysToLocalDate, isoWeekdayOfDate, isValidLocalDate } from './calendar';

export type ReportPeriodKind = 'day' | 'week' | 'month';

/** The longest period one report covers (a leap year), in days. */
export const MAX_REPORT_DAYS = 366;

/** Days from `from` to `to`, both included (1 for the same day). */
export function daysInRange(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}

/** The local dates of the day, the ISO week (Monday to Sunday) or the calendar month holding `date`. */
export function reportPeriod(kind: ReportPeriodKind, date: string): { from: string; to: string } {
  if (!isValidLocalDate(date)) throw new RangeError(`not a date: ${date}`);
  switch (kind) {
    case 'day':
      return { from: date, to: date };
    case 'week': {
      const from = addDaysToLocalDate(date, 1 - isoWeekdayOfDate(date));
      return { from, to: addDaysToLocalDate(from, 6) };
    }
    case 'month': {
      const from = `${date.slice(0, 7)}-01`;
      const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      return { from, to: addDaysToLocalDate(next, -1) };
    }
  }
}

/** Why a from/to pair cannot be reported, or null when it can. */
export function reportRangeProblem(from: string, to: string): 'order' | 'too_long' | null {
  if (to < from) return 'order';
  if (daysInRange(from, to) > MAX_REPORT_DAYS) return 'too_long';
  return null;
}

/** Rounded to one decimal, the precision every duration of the report is given in. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

/** A rate 0..1 to four decimals, null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * The p-th percentile (0..1) of values sorted ascending, interpolated between the two nearest
 * ranks exactly as PostgreSQL's percentile_cont does; null for no values.
 */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return lower === upper ? a : a + (b - a) * (position - lower);
}

export interface DurationSummary {
  count: number;
  meanSeconds: number | null;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

/** Count, mean, median and 90th percentile of durations in seconds, each to one decimal. */
export function summariseDurations(seconds: readonly number[]): DurationSummary {
  if (seconds.length === 0) return { count: 0, meanSeconds: null, p50Seconds: null, p90Seconds: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, s) => sum + s, 0) / sorted.length;
  return {
    count: sorted.length,
    meanSeconds: roundSeconds(mean),
    p50Seconds: roundSeconds(percentileCont(sorted, 0.5)!),
    p90Seconds: roundSeconds(percentileCont(sorted, 0.9)!),
  };
}

/**
 * Seats a service offers for booking on one open day: its slots times the seats per slot, no more
 * than the share of the daily quota that may be booked (null = no such limit).
 */
export function bookableSeatsOfDay(slots: number, seatsPerSlot: number, bookableOfQuota: number | null): number {
  const seats = slots * seatsPerSlot;
  return bookableOfQuota === null ? seats : Math.min(seats, bookableOfQuota);
}

/** "09:00–09:59" for hour 9 of the day. */
export function hourLabel(hour: number): string {
  const h = String(hour).padStart(2, '0');
  return `${h}:00–${h}:59`;
}
