/**
 * Online booking slots: which local start times a site offers on a date, and whether each can
 * still be booked. The portal shows them and the API checks a booking against them; both call
 * the same functions so they never disagree.
 *
 *   slots     consecutive runs of `slotMinutes` from opening, while start + slotMinutes ≤ close;
 *             a slot that would overlap a break is skipped and the next one starts when the break
 *             ends (open 08:00, break 10:00–10:30, 45-minute slots: 08:00, 08:45, 10:30, 11:15)
 *   window    from today to today + daysAhead, on the site's local calendar (today included)
 *   bookable  startsAt − cutoffMinutes > now, so a slot closes `cutoffMinutes` before it begins
 *
 * Capacity and remaining places are the API's business (they need the database); this module only
 * knows the calendar. Malformed arguments throw a RangeError, as in calendar.ts.
 */
import type { ClosedDayReason, ClosureKind, LocalizedText, OpeningHours } from '@mpp/contracts';
import { addDaysToLocalDate, dayStatus, isValidLocalDate, localDate, localTimeToMinutes, zonedToUtc } from './calendar';

/** One slot of a day, local "HH:MM" times. */
export interface DaySlot {
  start: string;
  end: string;
}

/** A slot on a given local date, with its start as an instant. */
export interface DatedSlot extends DaySlot {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  startsAt: Date;
  /** False once the booking cut-off before the slot has passed. */
  bookable: boolean;
}

export interface SlotsForDateInput {
  /** The requested local date, YYYY-MM-DD. */
  date: string;
  /** The site's IANA time zone, e.g. "Asia/Makassar". */
  timeZone: string;
  /** The site's weekly opening hours. */
  hours: OpeningHours[];
  /** Closures the site observes (cuti bersama already dropped for a site that opens then). */
  closures: { date: string; name: string; kind: ClosureKind }[];
  slotMinutes: number;
  now: Date;
  /** How many days after today can be booked (0 = today only). */
  daysAhead: number;
  /** Minutes before a slot's start after which it can no longer be booked. */
  cutoffMinutes: number;
}

export type SlotsForDateResult =
  | { open: true; slots: DatedSlot[] }
  | { open: false; reason: ClosedDayReason; name: string | null };

const pad = (n: number): string => String(n).padStart(2, '0');

function minutesToLocalTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function assertWholeMinutes(value: number, label: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${label} must be a whole number of at least ${min}, got ${String(value)}`);
  }
}

/**
 * The slots of one opening day, in order. A slot may touch a break or closing time but never
 * overlap them; when one would, the search resumes at the end of that break.
 */
export function generateDaySlots(hours: OpeningHours, slotMinutes: number): DaySlot[] {
  assertWholeMinutes(slotMinutes, 'slotMinutes', 1);
  const close = localTimeToMinutes(hours.close);
  const breaks = (hours.breaks ?? [])
    .map((pause) => ({ start: localTimeToMinutes(pause.start), end: localTimeToMinutes(pause.end) }))
    .sort((a, b) => a.start - b.start);

  const slots: DaySlot[] = [];
  let start = localTimeToMinutes(hours.open);
  while (start + slotMinutes <= close) {
    const end = start + slotMinutes;
    const blocking = breaks.find((pause) => pause.start < end && start < pause.end);
    if (blocking) {
      start = blocking.end; // Always later than `start`, since the break overlaps [start, end).
      continue;
    }
    slots.push({ start: minutesToLocalTime(start), end: minutesToLocalTime(end) });
    start = end;
  }
  return slots;
}

/**
 * The slots offered on a local date, or why there are none: outside the booking window (a past
 * date included), the weekly day off, or a closure (by its name).
 */
export function slotsForDate(input: SlotsForDateInput): SlotsForDateResult {
  const { date, timeZone, hours, closures, slotMinutes, now, daysAhead, cutoffMinutes } = input;
  if (!isValidLocalDate(date)) throw new RangeError(`Expected a local date YYYY-MM-DD, got "${String(date)}"`);
  assertWholeMinutes(slotMinutes, 'slotMinutes', 1);
  assertWholeMinutes(daysAhead, 'daysAhead', 0);
  assertWholeMinutes(cutoffMinutes, 'cutoffMinutes', 0);

  const today = localDate(now, timeZone);
  // "YYYY-MM-DD" strings order as the dates do.
  if (date < today || date > addDaysToLocalDate(today, daysAhead)) {
    return { open: false, reason: 'outside_booking_window', name: null };
  }

  const status = dayStatus(date, hours, closures);
  if (!status.open) {
    return status.reason === 'weekly_closed'
      ? { open: false, reason: 'weekly_closed', name: null }
      : { open: false, reason: status.reason, name: status.name };
  }

  const cutoffMs = cutoffMinutes * 60_000;
  return {
    open: true,
    slots: generateDaySlots(status.hours, slotMinutes).map((slot) => {
      const startsAt = zonedToUtc(date, slot.start, timeZone);
      return { date, ...slot, startsAt, bookable: startsAt.getTime() - cutoffMs > now.getTime() };
    }),
  };
}

/**
 * Why a day has no slots, in words for the citizen. `name` is the holiday or closure name;
 * `daysAhead` lets the booking-window message say how far ahead bookings go.
 */
export function closedDayMessage(reason: ClosedDayReason, name: string | null, daysAhead?: number): LocalizedText {
  const named = name && name.trim() ? ` (${name.trim()})` : '';
  switch (reason) {
    case 'weekly_closed':
      return {
        id: 'MPP tutup pada hari ini (libur mingguan).',
        en: 'The MPP is closed on this day (weekly day off).',
      };
    case 'national_holiday':
      return { id: `Tutup: hari libur nasional${named}.`, en: `Closed: national holiday${named}.` };
    case 'cuti_bersama':
      return { id: `Tutup: cuti bersama${named}.`, en: `Closed: collective leave day (cuti bersama)${named}.` };
    case 'local_closure':
      return {
        id: `Tutup: MPP tidak melayani pada hari ini${named}.`,
        en: `Closed: the MPP is not serving on this day${named}.`,
      };
    case 'outside_booking_window':
      if (daysAhead === undefined || !Number.isSafeInteger(daysAhead) || daysAhead < 0) {
        return {
          id: 'Tanggal ini di luar jangka waktu pemesanan.',
          en: 'This date is outside the booking window.',
        };
      }
      if (daysAhead === 0) {
        return { id: 'Pemesanan hanya untuk hari ini.', en: 'Bookings are only open for today.' };
      }
      return {
        id: `Pemesanan hanya untuk hari ini sampai ${daysAhead} hari ke depan.`,
        en: `Bookings are only open from today up to ${daysAhead} ${daysAhead === 1 ? 'day' : 'days'} ahead.`,
      };
    case 'online_booking_disabled':
      return {
        id: 'Layanan ini tidak menerima pemesanan daring; silakan ambil antrean langsung di MPP.',
        en: 'This service does not take online bookings; please take a ticket at the MPP.',
      };
  }
}
