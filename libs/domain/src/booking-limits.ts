/**
 * Limits on online booking: the ISO week a per-citizen weekly limit counts in, and how much of a
 * service's daily quota online booking may take so walk-in citizens are never shut out.
 */
import { addDaysToLocalDate, isoWeekdayOfDate } from './calendar';

/** Floating-point slack, so 3 × (100 − 66.666…) / 100 (= 0.9999999999999999) gives 1, not 0. */
const EPSILON = 1e-9;

/**
 * Monday to Sunday of the ISO week that contains a local date "YYYY-MM-DD" (both ends included).
 * The week may span two years: 2026-12-31 (Thursday) lies in 2026-12-28..2027-01-03.
 * Throws a RangeError for a malformed date.
 */
export function isoWeekRange(localDate: string): { start: string; end: string } {
  const start = addDaysToLocalDate(localDate, 1 - isoWeekdayOfDate(localDate));
  return { start, end: addDaysToLocalDate(start, 6) };
}

/**
 * Places per day open to online booking: the daily quota less the share kept for walk-ins,
 * rounded down so walk-ins never get less than their share. null = no quota, so no limit.
 *
 *   bookable = ⌊ dailyQuota × (100 − walkInSharePercent) / 100 ⌋
 *
 * Throws a RangeError for a negative or fractional quota, or a share outside 0–100.
 */
export function bookableDailyCapacity(dailyQuota: number | null, walkInSharePercent: number): number | null {
  if (!Number.isFinite(walkInSharePercent) || walkInSharePercent < 0 || walkInSharePercent > 100) {
    throw new RangeError(`walkInSharePercent must be between 0 and 100, got ${String(walkInSharePercent)}`);
  }
  if (dailyQuota === null) return null;
  if (!Number.isSafeInteger(dailyQuota) || dailyQuota < 0) {
    throw new RangeError(`dailyQuota must be a whole number of at least 0 or null, got ${String(dailyQuota)}`);
  }
  return Math.floor((dailyQuota * (100 - walkInSharePercent)) / 100 + EPSILON);
}
