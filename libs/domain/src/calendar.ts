/**
 * The site calendar: every "day" (ticket numbering, quotas, reports, opening hours) is the
 * site's local day in its IANA time zone (docs/domain.md §1, §6). Indonesia has no daylight saving
 * time, but nothing here assumes a fixed offset: local dates and times are read through Intl,
 * so the same code is right for any zone.
 *
 * Formats used throughout: local dates are "YYYY-MM-DD", local times are "HH:MM" (24 h,
 * 00:00–23:59). Malformed arguments throw a RangeError; functions named `isValid…` and
 * `validate…` never throw.
 */
import type { ClosureKind, IsoWeekday, LocalizedText, OpeningHours } from '@mpp/contracts';

/** A closure the site observes on one local date (national holiday, cuti bersama, local). */
export interface SiteClosure {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  name: string;
  kind: ClosureKind;
}

export type DayStatus =
  | { open: true; hours: OpeningHours }
  | { open: false; reason: 'weekly_closed' }
  | { open: false; reason: ClosureKind; name: string };

export type OpeningHoursProblemCode =
  | 'invalid_weekday'
  | 'duplicate_weekday'
  | 'invalid_time'
  | 'close_not_after_open'
  | 'break_not_after_start'
  | 'break_outside_hours'
  | 'breaks_overlap';

export interface OpeningHoursProblem {
  /** The weekday of the offending entry as given (may be out of range for 'invalid_weekday'). */
  weekday: number;
  /** Position of the offending entry in the array passed in, for building a field path. */
  index: number;
  /** Position of the offending break inside that entry, when the problem is about a break. */
  breakIndex?: number;
  code: OpeningHoursProblemCode;
  message: LocalizedText;
}

/** Weekday names by ISO weekday (1 = Monday … 7 = Sunday), Indonesian and English. */
export const WEEKDAY_NAMES: Readonly<Record<IsoWeekday, LocalizedText>> = {
  1: { id: 'Senin', en: 'Monday' },
  2: { id: 'Selasa', en: 'Tuesday' },
  3: { id: 'Rabu', en: 'Wednesday' },
  4: { id: 'Kamis', en: 'Thursday' },
  5: { id: 'Jumat', en: 'Friday' },
  6: { id: 'Sabtu', en: 'Saturday' },
  7: { id: 'Minggu', en: 'Sunday' },
};

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for an unknown zone, which is what callers of this module expect.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Expected a valid Date, got ${String(instant)}`);
  }
}

/**
 * The last wall clock read per zone. Reading one costs ~10 µs (Intl formatToParts), a busy API
 * asks several times per request for the same second, and a wall clock is whole seconds: so one
 * reading per zone and second serves them all. Treat the result as read-only.
 */
const lastReading = new Map<string, { second: number; wallClock: WallClock }>();

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const second = Math.floor(epochMs / 1000);
  const last = lastReading.get(timeZone);
  if (last?.second === second) return last.wallClock;
  const wallClock = readWallClock(second * 1000, timeZone);
  lastReading.set(timeZone, { second, wallClock });
  return wallClock;
}

function readWallClock(epochMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields['year'],
    month: fields['month'],
    day: fields['day'],
    // Some engines print midnight as "24" even with h23; normalise it.
    hour: fields['hour'] % 24,
    minute: fields['minute'],
    second: fields['second'],
  };
}

/** Milliseconds since the epoch for a wall clock read as if it were UTC (years 0–99 kept). */
function wallClockAsUtc(w: WallClock): number {
  const date = new Date(Date.UTC(2000, 0, 1, w.hour, w.minute, w.second));
  date.setUTCFullYear(w.year, w.month - 1, w.day);
  return date.getTime();
}

/** The zone's offset from UTC, in ms, at an instant (positive east of Greenwich). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtc(wallClockAt(wholeSeconds, timeZone)) - wholeSeconds;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function formatDate(w: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

function parseLocalDate(date: string): { year: number; month: number; day: number } | null {
  const match = typeof date === 'string' ? LOCAL_DATE.exec(date) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function requireLocalDate(date: string): { year: number; month: number; day: number } {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new RangeError(`Expected a local date YYYY-MM-DD, got "${String(date)}"`);
  return parsed;
}

/** Number of days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `date` is a real calendar date written "YYYY-MM-DD" (so 2026-02-29 is not). */
export function isValidLocalDate(date: string): boolean {
  return parseLocalDate(date) !== null;
}

/** Whether `time` is a local time "HH:MM" between 00:00 and 23:59. */
export function isValidLocalTime(time: string): boolean {
  return typeof time === 'string' && LOCAL_TIME.test(time);
}

/** Minutes since local midnight for "HH:MM"; throws a RangeError for anything else. */
export function localTimeToMinutes(time: string): number {
  const match = typeof time === 'string' ? LOCAL_TIME.exec(time) : null;
  if (!match) throw new RangeError(`Expected a local time HH:MM, got "${String(time)}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Orders two "HH:MM" times: negative if a is earlier, 0 if equal, positive if later. */
export function compareLocalTime(a: string, b: string): number {
  return Math.sign(localTimeToMinutes(a) - localTimeToMinutes(b));
}

/**
 * Whether `timeZone` is an IANA zone name this runtime knows, written as IANA writes it
 * ("Asia/Makassar", "UTC"). Lower-case spellings and UTC offsets ("+08:00") are rejected so a
 * site is always stored with its canonical name.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  // An offset ("+08:00", "-0500") is a time zone to Intl from Node 22 (ECMA-402 2024), never an
  // IANA name ("Etc/GMT-8" is one): refused before asking Intl, so every Node answers alike.
  if (/^[+\-\u2212]/.test(timeZone)) return false;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  if (resolved === timeZone) return true;
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return supported.includes(timeZone);
}

/** The site's local calendar date of an instant, "YYYY-MM-DD". */
export function localDate(instant: Date, timeZone: string): string {
  assertInstant(instant);
  return formatDate(wallClockAt(instant.getTime(), timeZone));
}

/** The site's local time of an instant, "HH:MM" (seconds dropped, never rounded up). */
export function localTime(instant: Date, timeZone: string): string {
  assertInstant(instant);
  const w = wallClockAt(instant.getTime(), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date "YYYY-MM-DD". */
export function isoWeekdayOfDate(date: string): IsoWeekday {
  const { year, month, day } = requireLocalDate(date);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return (utc.getUTCDay() || 7) as IsoWeekday;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an instant, on the site's local calendar. */
export function isoWeekdayIn(instant: Date, timeZone: string): IsoWeekday {
  return isoWeekdayOfDate(localDate(instant, timeZone));
}

/** Adds whole days to a local date "YYYY-MM-DD" (negative to go back). */
export function addDaysToLocalDate(date: string, days: number): string {
  const { year, month, day } = requireLocalDate(date);
  if (!Number.isInteger(days)) throw new RangeError(`Expected a whole number of days, got ${days}`);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day + days);
  return formatDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` `time`.
 *
 * Zone-generic: where a clock change makes the wall time ambiguous (clocks turned back) the
 * earlier instant is returned; where it does not exist (clocks turned forward) the time is read
 * with the offset in force before the change, i.e. moved forward by the size of the gap. This
 * is the "compatible" rule of Temporal and RFC 5545. Indonesian zones never hit either case.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const { year, month, day } = requireLocalDate(date);
  const minutes = localTimeToMinutes(time);
  const wall = wallClockAsUtc({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 });
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const matching = [wall - offsetBefore, wall - offsetAfter].filter(
    (candidate) => wallClockAsUtc(wallClockAt(candidate, timeZone)) === wall,
  );
  return new Date(matching.length > 0 ? Math.min(...matching) : wall - offsetBefore);
}

function rangeText(hours: { open: string; close: string }): string {
  return `${hours.open}–${hours.close}`;
}

/**
 * Checks a site's weekly opening hours and returns every problem found (empty when valid), each
 * with a message in Indonesian and English naming the weekday and the times involved.
 *
 * Rules: weekday 1–7 and at most once; times "HH:MM"; close after open; each break ends after it
 * starts and lies within opening hours (it may touch open or close); breaks do not overlap
 * (touching breaks, 12:00–13:00 and 13:00–13:30, are allowed).
 */
export function validateOpeningHours(hours: OpeningHours[]): OpeningHoursProblem[] {
  const problems: OpeningHoursProblem[] = [];
  const seen = new Set<number>();

  hours.forEach((entry, index) => {
    const weekday = entry.weekday as number;
    const names: LocalizedText = Number.isInteger(weekday) && weekday >= 1 && weekday <= 7
      ? WEEKDAY_NAMES[weekday as IsoWeekday]
      : { id: `Hari ${String(weekday)}`, en: `Day ${String(weekday)}` };
    const problem = (code: OpeningHoursProblemCode, id: string, en: string, breakIndex?: number): void => {
      problems.push({
        weekday,
        index,
        ...(breakIndex === undefined ? {} : { breakIndex }),
        code,
        message: { id: `${names.id}: ${id}`, en: `${names.en}: ${en}` },
      });
    };

    if (!(Number.isInteger(weekday) && weekday >= 1 && weekday <= 7)) {
      problem(
        'invalid_weekday',
        'hari harus berupa angka 1 (Senin) sampai 7 (Minggu).',
        'the weekday must be a number from 1 (Monday) to 7 (Sunday).',
      );
    } else if (seen.has(weekday)) {
      problem(
        'duplicate_weekday',
        'jam buka untuk hari ini diisi lebih dari sekali; gabungkan menjadi satu baris.',
        'opening hours for this day are given more than once; merge them into one row.',
      );
    }
    seen.add(weekday);

    if (!isValidLocalTime(entry.open) || !isValidLocalTime(entry.close)) {
      problem(
        'invalid_time',
        `jam buka dan jam tutup harus berformat JJ:MM antara 00:00 dan 23:59 (diisi "${String(entry.open)}" dan "${String(entry.close)}").`,
        `opening and closing times must be HH:MM between 00:00 and 23:59 (got "${String(entry.open)}" and "${String(entry.close)}").`,
      );
      return; // Breaks cannot be checked against hours we cannot read.
    }
    if (compareLocalTime(entry.close, entry.open) <= 0) {
      problem(
        'close_not_after_open',
        `jam tutup (${entry.close}) harus setelah jam buka (${entry.open}).`,
        `the closing time (${entry.close}) must be after the opening time (${entry.open}).`,
      );
    }

    const readable: { start: string; end: string; breakIndex: number }[] = [];
    (entry.breaks ?? []).forEach((pause, breakIndex) => {
      if (!isValidLocalTime(pause.start) || !isValidLocalTime(pause.end)) {
        problem(
          'invalid_time',
          `jam istirahat harus berformat JJ:MM antara 00:00 dan 23:59 (diisi "${String(pause.start)}" dan "${String(pause.end)}").`,
          `break times must be HH:MM between 00:00 and 23:59 (got "${String(pause.start)}" and "${String(pause.end)}").`,
          breakIndex,
        );
        return;
      }
      const range = `${pause.start}–${pause.end}`;
      if (compareLocalTime(pause.end, pause.start) <= 0) {
        problem(
          'break_not_after_start',
          `istirahat ${range} harus berakhir setelah dimulai.`,
          `the break ${range} must end after it starts.`,
          breakIndex,
        );
        return;
      }
      if (compareLocalTime(pause.start, entry.open) < 0 || compareLocalTime(pause.end, entry.close) > 0) {
        problem(
          'break_outside_hours',
          `istirahat ${range} harus berada di dalam jam buka ${rangeText(entry)}.`,
          `the break ${range} must fall within the opening hours ${rangeText(entry)}.`,
          breakIndex,
        );
      }
      readable.push({ start: pause.start, end: pause.end, breakIndex });
    });

    for (let i = 0; i < readable.length; i++) {
      for (let j = i + 1; j < readable.length; j++) {
        const [a, b] = [readable[i], readable[j]];
        if (compareLocalTime(a.start, b.end) < 0 && compareLocalTime(b.start, a.end) < 0) {
          problem(
            'breaks_overlap',
            `istirahat ${a.start}–${a.end} dan ${b.start}–${b.end} bertumpang tindih.`,
            `the breaks ${a.start}–${a.end} and ${b.start}–${b.end} overlap.`,
            b.breakIndex,
          );
        }
      }
    }
  });

  return problems;
}

/** When several closures fall on one date, the one reported is the most general. */
const CLOSURE_PRECEDENCE: Record<ClosureKind, number> = {
  national_holiday: 0,
  cuti_bersama: 1,
  local_closure: 2,
};

/**
 * Whether the site is open on a local date, and with which hours.
 *
 * `closures` are the ones the site observes (the caller has already dropped cuti bersama for a
 * site that stays open on those days). A closure wins over the weekly schedule, so a holiday on
 * a Sunday is reported by its name rather than as 'weekly_closed'.
 */
export function dayStatus(date: string, hours: OpeningHours[], closures: SiteClosure[]): DayStatus {
  const weekday = isoWeekdayOfDate(date);
  const closure = closures
    .filter((candidate) => candidate.date === date)
    .sort((a, b) => CLOSURE_PRECEDENCE[a.kind] - CLOSURE_PRECEDENCE[b.kind])[0];
  if (closure) return { open: false, reason: closure.kind, name: closure.name };
  const today = hours.find((entry) => entry.weekday === weekday);
  return today ? { open: true, hours: today } : { open: false, reason: 'weekly_closed' };
}

/**
 * Whether the site serves at an instant: on an open local day, at or after opening, before
 * closing, and not inside a break (a break 12:00–13:00 covers 12:00 up to 12:59).
 */
export function isOpenAt(instant: Date, timeZone: string, hours: OpeningHours[], closures: SiteClosure[]): boolean {
  const status = dayStatus(localDate(instant, timeZone), hours, closures);
  if (!status.open) return false;
  const now = localTimeToMinutes(localTime(instant, timeZone));
  const within = (start: string, end: string): boolean =>
    localTimeToMinutes(start) <= now && now < localTimeToMinutes(end);
  return within(status.hours.open, status.hours.close) && !status.hours.breaks.some((b) => within(b.start, b.end));
}

/** Indonesia's zones by their everyday names. */
const INDONESIAN_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** "WIB", "WITA", "WIT" for Indonesian zones; the IANA name otherwise. */
export function timeZoneAbbreviation(timeZone: string): string {
  return INDONESIAN_ZONE_NAMES[timeZone] ?? timeZone;
}
