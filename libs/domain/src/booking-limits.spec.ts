import { bookableDailyCapacity, isoWeekRange } from './booking-limits';

describe(isoWeekRange.name, () => {
  it('should run Monday to Sunday around a midweek date', () => {
    // 2026-11-25 is a Wednesday.
    expect(isoWeekRange('2026-11-25')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
  });

  it('should keep a Monday and a Sunday in their own week', () => {
    expect(isoWeekRange('2026-11-23')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // Monday
    expect(isoWeekRange('2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // Sunday
    expect(isoWeekRange('2026-11-30')).toEqual({ start: '2026-11-30', end: '2026-12-06' }); // next Monday
  });

  it('should span the year boundary: Thursday 2026-12-31 and Friday 2027-01-01 share a week', () => {
    const week = { start: '2026-12-28', end: '2027-01-03' };
    expect(isoWeekRange('2026-12-31')).toEqual(week);
    expect(isoWeekRange('2027-01-01')).toEqual(week);
    expect(isoWeekRange('2026-12-28')).toEqual(week);
    expect(isoWeekRange('2027-01-03')).toEqual(week);
    expect(isoWeekRange('2027-01-04')).toEqual({ start: '2027-01-04', end: '2027-01-10' });
  });

  it('should span a month boundary and a leap day', () => {
    // 2028-02-29 is a Tuesday; its week runs from Monday 28 February to Sunday 5 March.
    expect(isoWeekRange('2028-02-29')).toEqual({ start: '2028-02-28', end: '2028-03-05' });
    // 2026-03-01 is a Sunday.
    expect(isoWeekRange('2026-03-01')).toEqual({ start: '2026-02-23', end: '2026-03-01' });
  });

  it('should reject a malformed or impossible date', () => {
    expect(() => isoWeekRange('2026-02-29')).toThrow(RangeError);
    expect(() => isoWeekRange('31/12/2026')).toThrow(RangeError);
    expect(() => isoWeekRange('')).toThrow(RangeError);
  });
});

describe(bookableDailyCapacity.name, () => {
  it('should keep the walk-in share out of the quota', () => {
    expect(bookableDailyCapacity(100, 30)).toBe(70);
  });

  it('should round down so walk-ins keep at least their share', () => {
    expect(bookableDailyCapacity(7, 30)).toBe(4); // 4.9 → 4, leaving 3 for walk-ins
    expect(bookableDailyCapacity(1, 50)).toBe(0);
  });

  it('should leave nothing to book when walk-ins take everything', () => {
    expect(bookableDailyCapacity(100, 100)).toBe(0);
  });

  it('should offer the whole quota when no share is kept for walk-ins', () => {
    expect(bookableDailyCapacity(42, 0)).toBe(42);
    expect(bookableDailyCapacity(0, 0)).toBe(0);
  });

  it('should not lose a place to floating-point error', () => {
    expect(bookableDailyCapacity(10, 30)).toBe(7);
    expect(bookableDailyCapacity(1000, 70.1)).toBe(299); // 299.0000…
    expect(bookableDailyCapacity(3, 66.66666666666667)).toBe(1);
  });

  it('should mean no limit when there is no quota', () => {
    expect(bookableDailyCapacity(null, 30)).toBeNull();
  });

  it('should reject an invalid quota or share', () => {
    expect(() => bookableDailyCapacity(-1, 30)).toThrow(RangeError);
    expect(() => bookableDailyCapacity(10.5, 30)).toThrow(RangeError);
    expect(() => bookableDailyCapacity(100, -1)).toThrow(RangeError);
    expect(() => bookableDailyCapacity(100, 101)).toThrow(RangeError);
    expect(() => bookableDailyCapacity(100, Number.NaN)).toThrow(RangeError);
    expect(() => bookableDailyCapacity(null, 150)).toThrow(RangeError);
  });
});
