import { checkInStatus, checkInWindow, lateArrivalDeadline } from './check-in-window';

// A 09:00 slot in Kupang (UTC+8).
const STARTS_AT = new Date('2026-11-24T01:00:00.000Z');

describe(checkInWindow.name, () => {
  it('should open early minutes before the start and close late minutes after', () => {
    const sut = checkInWindow(STARTS_AT, 30, 15);
    expect(sut.opensAt.toISOString()).toBe('2026-11-24T00:30:00.000Z');
    expect(sut.closesAt.toISOString()).toBe('2026-11-24T01:15:00.000Z');
  });

  it('should cross midnight UTC and the local day when the slot is early', () => {
    const sut = checkInWindow(new Date('2026-11-24T00:00:00.000Z'), 60, 0);
    expect(sut.opensAt.toISOString()).toBe('2026-11-23T23:00:00.000Z');
    expect(sut.closesAt.toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });

  it('should not change the Date passed in', () => {
    const startsAt = new Date(STARTS_AT);
    checkInWindow(startsAt, 30, 15);
    expect(startsAt.toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });

  it('should reject negative or non-finite minutes and an invalid start', () => {
    expect(() => checkInWindow(STARTS_AT, -1, 15)).toThrow(RangeError);
    expect(() => checkInWindow(STARTS_AT, 30, Number.NaN)).toThrow(RangeError);
    expect(() => checkInWindow(STARTS_AT, Infinity, 15)).toThrow(RangeError);
    expect(() => checkInWindow(new Date('nonsense'), 30, 15)).toThrow(RangeError);
  });
});

describe(checkInStatus.name, () => {
  const at = (iso: string) => new Date(iso);

  it('should be too early one millisecond before the window opens', () => {
    expect(checkInStatus(at('2026-11-24T00:29:59.999Z'), STARTS_AT, 30, 15)).toBe('too_early');
  });

  it('should be open at the exact opening instant', () => {
    expect(checkInStatus(at('2026-11-24T00:30:00.000Z'), STARTS_AT, 30, 15)).toBe('open');
  });

  it('should be open at the slot start', () => {
    expect(checkInStatus(STARTS_AT, STARTS_AT, 30, 15)).toBe('open');
  });

  it('should be open at the exact closing instant', () => {
    expect(checkInStatus(at('2026-11-24T01:15:00.000Z'), STARTS_AT, 30, 15)).toBe('open');
  });

  it('should be too late one millisecond after the window closes', () => {
    expect(checkInStatus(at('2026-11-24T01:15:00.001Z'), STARTS_AT, 30, 15)).toBe('too_late');
  });

  it('should allow check-in only at the start instant when both margins are zero', () => {
    expect(checkInStatus(at('2026-11-24T00:59:59.999Z'), STARTS_AT, 0, 0)).toBe('too_early');
    expect(checkInStatus(STARTS_AT, STARTS_AT, 0, 0)).toBe('open');
    expect(checkInStatus(at('2026-11-24T01:00:00.001Z'), STARTS_AT, 0, 0)).toBe('too_late');
  });

  it('should reject an invalid now', () => {
    expect(() => checkInStatus(new Date(Number.NaN), STARTS_AT, 30, 15)).toThrow(RangeError);
  });
});

describe(lateArrivalDeadline.name, () => {
  // The site closes at 15:30 WITA on the slot's day.
  const CLOSES = new Date('2026-11-24T07:30:00.000Z');

  it('should end with the check-in window where late arrivals are refused', () => {
    expect(lateArrivalDeadline(STARTS_AT, 15, 'refuse', CLOSES).toISOString()).toBe('2026-11-24T01:15:00.000Z');
  });

  it("should last until the site closes that day where late arrivals become walk-ins", () => {
    expect(lateArrivalDeadline(STARTS_AT, 15, 'walk_in', CLOSES).toISOString()).toBe(CLOSES.toISOString());
  });

  it('should never end before the window, nor outlast it on a day the site does not open', () => {
    expect(lateArrivalDeadline(STARTS_AT, 15, 'walk_in', new Date('2026-11-24T01:05:00.000Z')).toISOString()).toBe('2026-11-24T01:15:00.000Z');
    expect(lateArrivalDeadline(STARTS_AT, 15, 'walk_in', null).toISOString()).toBe('2026-11-24T01:15:00.000Z');
  });
});
