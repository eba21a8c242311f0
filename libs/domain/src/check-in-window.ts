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
