import type { BookingPublicResponse } from '@mpp/contracts';
import { LANG_LOCALES, formatClock, timeZoneLabel, type Lang } from '@mpp/ui';

/** "Selasa, 24 November 2026" for the site-local date "2026-11-24" (a date, so no zone applies). */
export function formatLocalDate(date: string, lang: Lang, style: 'long' | 'short' = 'long'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'long' ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : { weekday: 'short', day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(LANG_LOCALES[lang], { timeZone: 'UTC', ...options }).format(new Date(`${date}T00:00:00Z`));
}

/** The parts of a date chip in the strip: "Sel", "24", "Nov". */
export function dateChip(date: string, lang: Lang): { weekday: string; day: string; month: string } {
  const at = new Date(`${date}T00:00:00Z`);
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(LANG_LOCALES[lang], { timeZone: 'UTC', ...options }).format(at);
  return { weekday: part({ weekday: 'short' }), day: part({ day: 'numeric' }), month: part({ month: 'short' }) };
}

/** A local "HH:MM" as the portal writes times: "08.30" in Indonesian, "08:30" in English. */
export function hoursMinutes(time: string, lang: Lang): string {
  return lang === 'id' ? time.replace(':', '.') : time;
}

/** When a booking is, in its site's zone: "Selasa, 24 November 2026", "10.00–10.30", check-in "09.30–10.15", "WITA". */
export function bookingWhen(
  booking: Pick<BookingPublicResponse, 'date' | 'start' | 'end' | 'timeZone' | 'checkIn'>,
  lang: Lang,
): { date: string; slot: string; checkIn: string; zone: string } {
  const clock = (iso: string) => formatClock(new Date(iso), booking.timeZone, lang, { seconds: false }).time;
  return {
    date: formatLocalDate(booking.date, lang),
    // "10.00–10.30" in Indonesian, like every other time on the portal; "10:00–10:30" in English.
    slot: `${hoursMinutes(booking.start, lang)}–${hoursMinutes(booking.end, lang)}`,
    checkIn: `${clock(booking.checkIn.opensAt)}–${clock(booking.checkIn.closesAt)}`,
    zone: timeZoneLabel(booking.timeZone),
  };
}
