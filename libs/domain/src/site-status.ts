/**
 * What a citizen asks of a site before setting off: is it open now, until when, and if not, when
 * does it open next. Built on the site calendar (calendar.ts: dayStatus, local dates and times),
 * so holidays, cuti bersama the site observes and local closures count exactly as they do for
 * booking slots and the queue.
 */
import type { IsoWeekday, OpeningHours, SiteDayClosure, SiteNowState } from '@mpp/contracts';
import { addDaysToLocalDate, dayStatus, isoWeekdayOfDate, localDate, localTime, localTimeToMinutes, type SiteClosure } from './calendar';

export interface SiteStatus {
  /** The site's local date and time of the instant. */
  date: string;
  localTime: string;
  weekday: IsoWeekday;
  /** Today's hours, or null with the reason when the site does not open today. */
  hours: OpeningHours | null;
  closure: SiteDayClosure | null;
  state: SiteNowState;
  /** Today's local time the state changes; null when it stays so for the rest of the day. */
  until: string | null;
  /** When it next opens, if not open now; null when open or when no opening day is found. */
  nextOpen: { date: string; time: string } | null;
}

/** How far ahead the next opening is looked for; the caller's closures should cover it. */
export const NEXT_OPEN_HORIZON_DAYS = 31;

/**
 * The site's state at an instant. `closures` are the ones the site observes (cuti bersama already
 * dropped for a site that stays open on those days), covering today and the next
 * NEXT_OPEN_HORIZON_DAYS days. A break 12:00–13:00 covers 12:00 up to 12:59; at closing time
 * the site is closed.
 */
export function siteStatusAt(instant: Date, timeZone: string, hours: OpeningHours[], closures: SiteClosure[]): SiteStatus {
  const date = localDate(instant, timeZone);
  const time = localTime(instant, timeZone);
  const now = localTimeToMinutes(time);
  const day = dayStatus(date, hours, closures);
  const base = { date, localTime: time, weekday: isoWeekdayOfDate(date) };

  if (!day.open) {
    const closure: SiteDayClosure = day.reason === 'weekly_closed' ? { kind: 'weekly_closed', name: null } : { kind: day.reason, name: day.name };
    return { ...base, hours: null, closure, state: 'closed', until: null, nextOpen: nextOpening(date, hours, closures) };
  }

  const today = day.hours;
  const open = localTimeToMinutes(today.open);
  const close = localTimeToMinutes(today.close);
  const withToday = { ...base, hours: today, closure: null };
  if (now < open) return { ...withToday, state: 'closed', until: today.open, nextOpen: { date, time: today.open } };
  if (now >= close) return { ...withToday, state: 'closed', until: null, nextOpen: nextOpening(date, hours, closures) };

  const pause = today.breaks.find((b) => localTimeToMinutes(b.start) <= now && now < localTimeToMinutes(b.end));
  if (pause) return { ...withToday, state: 'on_break', until: pause.end, nextOpen: { date, time: pause.end } };

  // Open: until the next break starts, or closing time.
  const nextBreak = today.breaks
    .filter((b) => localTimeToMinutes(b.start) > now)
    .sort((a, b) => localTimeToMinutes(a.start) - localTimeToMinutes(b.start))[0];
  return { ...withToday, state: 'open', until: nextBreak ? nextBreak.start : today.close, nextOpen: null };
}

/** The first opening after `date`, within the horizon. */
function nextOpening(date: string, hours: OpeningHours[], closures: SiteClosure[]): { date: string; time: string } | null {
  for (let i = 1; i <= NEXT_OPEN_HORIZON_DAYS; i++) {
    const candidate = addDaysToLocalDate(date, i);
    const status = dayStatus(candidate, hours, closures);
    if (status.open) return { date: candidate, time: status.hours.open };
  }
  return null;
}
