/**
 * When a booked citizen may check in at the kiosk: from `earlyMinutes` before the slot starts to
 * `lateMinutes` after it, both ends included. Earlier they are asked to come back; later the
 * booking lapses and they take a walk-in ticket.
 */

export type CheckInStatus = 'too_early' | 'open' | 'too_late';

export interface CheckInWindow {
  opensAt: Date;
  closesAt: Date;
}

const MINUTE_MS = 60_000;

function assertInstant(instant: Date, label: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${label} must be a valid Date, got ${String(instant)}`);
  }
}

function assertMinutes(minutes: number, label: string): void {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`${label} must be a number of minutes of at least 0, got ${String(minutes)}`);
  }
}

/** The instants between which check-in is allowed for a slot starting at `startsAt`. */
export function checkInWindow(startsAt: Date, earlyMinutes: number, lateMinutes: number): CheckInWindow {
  assertInstant(startsAt, 'startsAt');
  assertMinutes(earlyMinutes, 'earlyMinutes');
  assertMinutes(lateMinutes, 'lateMinutes');
  return {
    opensAt: new Date(startsAt.getTime() - earlyMinutes * MINUTE_MS),
    closesAt: new Date(startsAt.getTime() + lateMinutes * MINUTE_MS),
  };
}

/** Where `now` falls against the check-in window; 'open' includes both opensAt and closesAt. */
export function checkInStatus(now: Date, startsAt: Date, earlyMinutes: number, lateMinutes: number): CheckInStatus {
  assertInstant(now, 'now');
  const { opensAt, closesAt } = checkInWindow(startsAt, earlyMinutes, lateMinutes);
  if (now.getTime() < opensAt.getTime()) return 'too_early';
  if (now.getTime() > closesAt.getTime()) return 'too_late';
  return 'open';
}

/** What a site does with a booked citizen who arrives after the check-in window. */
export type LateArrivalPolicy = 'walk_in' | 'refuse';

/**
 * Until when a booking not yet checked in can still be honoured at the kiosk; after it, nobody
 * came and the booking is a no-show. Where late arrivals are refused, that is the end of the
 * check-in window. Where they become walk-ins, it is the site's closing time on the slot's day
 * (`siteClosesAt`; null when the site does not open that day), never earlier than the window's
 * end: a sweep must not take away the walk-in ticket the policy grants.
 */
export function lateArrivalDeadline(startsAt: Date, lateMinutes: number, policy: LateArrivalPolicy, siteClosesAt: Date | null): Date {
  const windowCloses = checkInWindow(startsAt, 0, lateMinutes).closesAt;
  if (policy === 'refuse' || siteClosesAt === null) return windowCloses;
  assertInstant(siteClosesAt, 'siteClosesAt');
  return siteClosesAt.getTime() > windowCloses.getTime() ? siteClosesAt : windowCloses;
}
