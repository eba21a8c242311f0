import { bookableSeatsOfDay, daysInRange, hourLabel, percentileCont, rate, reportPeriod, reportRangeProblem, summariseDurations } from './hall-report';

describe('hall report', () => {
  describe(reportPeriod.name, () => {
    it('should give one day for a day', () => {
      expect(reportPeriod('day', '2026-12-02')).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    });

    it('should give Monday to Sunday of the ISO week for a week, across a month end', () => {
      // 2 December 2026 is a Wednesday; its week starts on Monday 30 November.
      expect(reportPeriod('week', '2026-12-02')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
      expect(reportPeriod('week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
      expect(reportPeriod('week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    });

    it('should give the calendar month, with February of a leap year and December', () => {
      expect(reportPeriod('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
      expect(reportPeriod('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
      expect(reportPeriod('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    });

    it('should refuse a date that does not exist', () => {
      expect(() => reportPeriod('day', '2026-02-30')).toThrow(RangeError);
    });
  });

  describe(reportRangeProblem.name, () => {
    it('should accept up to a leap year and refuse a longer range or a reversed one', () => {
      expect(daysInRange('2028-01-01', '2028-12-31')).toBe(366);
      expect(reportRangeProblem('2028-01-01', '2028-12-31')).toBeNull();
      expect(reportRangeProblem('2026-01-01', '2027-01-02')).toBe('too_long');
      expect(reportRangeProblem('2026-01-02', '2026-01-01')).toBe('order');
      expect(reportRangeProblem('2026-01-01', '2026-01-01')).toBeNull();
    });
  });

  describe(percentileCont.name, () => {
    it('should interpolate between ranks as percentile_cont does', () => {
      // 4 values: position of p50 = 1.5 → between 20 and 30; p90 = 2.7 → 30 + 0.7 × 10.
      expect(percentileCont([10, 20, 30, 40], 0.5)).toBe(25);
      expect(percentileCont([10, 20, 30, 40], 0.9)).toBeCloseTo(37, 10);
      expect(percentileCont([7], 0.9)).toBe(7);
      expect(percentileCont([], 0.5)).toBeNull();
    });
  });

  describe(summariseDurations.name, () => {
    it('should summarise unsorted durations to one decimal', () => {
      const sut = summariseDurations([60, 10, 30]);
      expect(sut).toEqual({ count: 3, meanSeconds: 33.3, p50Seconds: 30, p90Seconds: 54 });
    });

    it('should give nulls and a zero count for no durations', () => {
      expect(summariseDurations([])).toEqual({ count: 0, meanSeconds: null, p50Seconds: null, p90Seconds: null });
    });
  });

  describe(rate.name, () => {
    it('should give a share to four decimals and null for nothing to divide by', () => {
      expect(rate(1, 3)).toBe(0.3333);
      expect(rate(2, 2)).toBe(1);
      expect(rate(0, 0)).toBeNull();
    });
  });

  describe(bookableSeatsOfDay.name, () => {
    it('should cap the seats of the slots at the bookable share of the quota', () => {
      expect(bookableSeatsOfDay(12, 2, null)).toBe(24);
      expect(bookableSeatsOfDay(12, 2, 10)).toBe(10);
      expect(bookableSeatsOfDay(0, 2, 10)).toBe(0);
    });
  });

  describe(hourLabel.name, () => {
    it('should name the hour of day', () => {
      expect(hourLabel(9)).toBe('09:00–09:59');
      expect(hourLabel(14)).toBe('14:00–14:59');
    });
  });
});
