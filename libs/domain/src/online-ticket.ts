/**
 * A ticket taken from home ("antrean daring", docs/queue.md "Online tickets"): when the site
 * takes one, when the ticket will probably be called, and when the citizen should set off.
 *
 * The site takes an online ticket only while it serves (an opening day, between opening and
 * closing time, not in a break) and only when the estimated call, pushed past the breaks to come
 * (no counter calls during a break), leaves the service's own minutes before closing: a ticket
 * called later would be closed as not served when the site closes.
 */
import type { OpeningHours } from '@mpp/contracts';
import { dayStatus, localDate, localTime, localTimeToMinutes, type SiteClosure } from './calendar';

const MINUTE_MS = 60_000;

/** Travel times the portal offers, in minutes. */
export const TRAVEL_MINUTE_CHOICES = [15, 30, 60, 90] as const;

/** Minutes the citizen is advised to arrive before the estimated call. */
export const ARRIVE_BEFORE_MINUTES = 10;

/** Why the site takes no online ticket now. */
export type OnlineTicketRefusal =
  /** `name`: the closure's (a holiday, a local closure); null on the weekly day off. */
  | { reason: 'closed_today'; name: string | null }
  | { reason: 'before_opening'; opensAt: string }
  | { reason: 'after_closing'; closedAt: string }
  | { reason: 'on_break'; until: string }
  | { reason: 'no_counter_open' }
  | { reason: 'wait_past_closing'; closesAt: string; estimatedCallAt: Date };

export type OnlineTicketWindow = { open: true; closesAt: string; estimatedCallAt: Date } | ({ open: false } & OnlineTicketRefusal);

export interface OnlineTicketWindowInput {
  now: Date;
  timeZone: string;
  hours: OpeningHours[];
  /** Closures the site observes (as for the kiosk and booking). */
  closures: SiteClosure[];
  /** The queue's estimated wait for a ticket joining now (wait-estimate.ts); null when no counter that may call it is open. */
  waitMinutes: number | null;
  /** The service's expected minutes: the call must leave them before closing. */
  serviceMinutes: number;
}

function assertInstant(instant: Date, label: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError(`${label} must be a valid Date, got ${String(instant)}`);
}

function assertMinutes(minutes: number, label: string): void {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`${label} must be a number of minutes of at least 0, got ${String(minutes)}`);
}

/** Minutes since the site's local midnight, with the seconds (Indonesian zones are whole hours from UTC). */
function minuteOfDay(instant: Date, timeZone: string): number {
  return localTimeToMinutes(localTime(instant, timeZone)) + (instant.getTime() % MINUTE_MS) / MINUTE_MS;
}

/** The day's serving periods: opening to closing time without its breaks, in minutes of the day. */
function servingPeriods(hours: OpeningHours): [number, number][] {
  const breaks = hours.breaks.map((b) => [localTimeToMinutes(b.start), localTimeToMinutes(b.end)] as const).sort((a, b) => a[0] - b[0]);
  const periods: [number, number][] = [];
  let from = localTimeToMinutes(hours.open);
  const close = localTimeToMinutes(hours.close);
  for (const [start, end] of breaks) {
    if (start > from) periods.push([from, Math.min(start, close)]);
    from = Math.max(from, end);
  }
  if (close > from) periods.push([from, close]);
  return periods;
}

/**
 * The minute of the day `waitMinutes` of serving time after `from`, skipping breaks; null when
 * the day's serving time runs out first.
 */
function servingMinuteAfter(periods: [number, number][], from: number, waitMinutes: number): number | null {
  let left = waitMinutes;
  for (const [start, end] of periods) {
    if (end <= from) continue;
    const at = Math.max(start, from);
    if (left <= end - at) return at + left;
    left -= end - at;
  }
  return null;
}

/**
 * When a ticket whose estimated wait is `waitMinutes` at `now` will probably be called: now plus
 * the wait, pushed past the breaks of the day still to come. Null when the day has no serving
 * time left for it (or the site does not open that day).
 */
export function estimatedCallAt(input: { now: Date; timeZone: string; hours: OpeningHours[]; closures: SiteClosure[]; waitMinutes: number }): Date | null {
  assertInstant(input.now, 'now');
  assertMinutes(input.waitMinutes, 'waitMinutes');
  const day = dayStatus(localDate(input.now, input.timeZone), input.hours, input.closures);
  if (!day.open) return null;
  const now = minuteOfDay(input.now, input.timeZone);
  const at = servingMinuteAfter(servingPeriods(day.hours), now, input.waitMinutes);
  return at === null ? null : new Date(input.now.getTime() + (at - now) * MINUTE_MS);
}

/** Whether the site takes an online ticket at `now`, and if so when it will probably be called. */
export function onlineTicketWindow(input: OnlineTicketWindowInput): OnlineTicketWindow {
  assertInstant(input.now, 'now');
  assertMinutes(input.serviceMinutes, 'serviceMinutes');
  if (input.waitMinutes !== null) assertMinutes(input.waitMinutes, 'waitMinutes');
  const day = dayStatus(localDate(input.now, input.timeZone), input.hours, input.closures);
  if (!day.open) return { open: false, reason: 'closed_today', name: day.reason === 'weekly_closed' ? null : day.name };
  const hours = day.hours;
  const now = minuteOfDay(input.now, input.timeZone);
  if (now < localTimeToMinutes(hours.open)) return { open: false, reason: 'before_opening', opensAt: hours.open };
  if (now >= localTimeToMinutes(hours.close)) return { open: false, reason: 'after_closing', closedAt: hours.close };
  const pause = hours.breaks.find((b) => localTimeToMinutes(b.start) <= now && now < localTimeToMinutes(b.end));
  if (pause) return { open: false, reason: 'on_break', until: pause.end };
  if (input.waitMinutes === null) return { open: false, reason: 'no_counter_open' };

  const periods = servingPeriods(hours);
  const callAt = servingMinuteAfter(periods, now, input.waitMinutes);
  const lastCall = localTimeToMinutes(hours.close) - input.serviceMinutes;
  // The call as if the day went on, for the message; the site closes before it.
  const estimatedCallAt = new Date(input.now.getTime() + ((callAt ?? now + input.waitMinutes) - now) * MINUTE_MS);
  if (callAt === null || callAt > lastCall) return { open: false, reason: 'wait_past_closing', closesAt: hours.close, estimatedCallAt };
  return { open: true, closesAt: hours.close, estimatedCallAt };
}

export interface DepartureAdvice {
  /** True when the citizen should leave at once (the time to leave has come or passed). */
  leaveNow: boolean;
  /** When to leave, site-local "HH:MM" (rounded down to 5 minutes); equal to now's time when leaving now. */
  leaveAt: string;
  /** The same instant. */
  leaveAtInstant: Date;
  /** The estimated call, site-local "HH:MM". */
  callAt: string;
}

/**
 * When to set off to be at the site `arriveBeforeMinutes` before the estimated call, given the
 * travel time the citizen picked: "berangkat sekarang" or "berangkat pukul HH:MM". Rounded down
 * to five minutes, so the advice never makes them later.
 */
export function departureAdvice(input: {
  now: Date;
  estimatedCallAt: Date;
  travelMinutes: number;
  timeZone: string;
  arriveBeforeMinutes?: number;
}): DepartureAdvice {
  assertInstant(input.now, 'now');
  assertInstant(input.estimatedCallAt, 'estimatedCallAt');
  assertMinutes(input.travelMinutes, 'travelMinutes');
  const before = input.arriveBeforeMinutes ?? ARRIVE_BEFORE_MINUTES;
  assertMinutes(before, 'arriveBeforeMinutes');
  const callAt = localTime(input.estimatedCallAt, input.timeZone);
  const latest = input.estimatedCallAt.getTime() - (input.travelMinutes + before) * MINUTE_MS;
  // Round down to 5 minutes of local time (zones are whole hours or half hours from UTC).
  const rounded = Math.floor(latest / (5 * MINUTE_MS)) * 5 * MINUTE_MS;
  if (rounded <= input.now.getTime()) {
    return { leaveNow: true, leaveAt: localTime(input.now, input.timeZone), leaveAtInstant: new Date(input.now.getTime()), callAt };
  }
  const leaveAtInstant = new Date(rounded);
  return { leaveNow: false, leaveAt: localTime(leaveAtInstant, input.timeZone), leaveAtInstant, callAt };
}
