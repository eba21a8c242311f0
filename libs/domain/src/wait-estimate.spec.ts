import { estimateWaitMinutes, median, type WaitEstimateInput } from './wait-estimate';

function newInput(overrides: Partial<WaitEstimateInput> = {}): WaitEstimateInput {
  return { position: 1, recentServiceMinutes: [], expectedServiceMinutes: 10, openCounters: 1, ...overrides };
}

describe(median.name, () => {
  it('should return the middle value of an odd count, in any order', () => {
    expect(median([9, 1, 4])).toBe(4);
    expect(median([7])).toBe(7);
  });

  it('should return the mean of the two middle values of an even count', () => {
    expect(median([10, 2, 4, 3])).toBe(3.5);
  });

  it('should sort numerically, not as text', () => {
    expect(median([100, 9, 20])).toBe(20);
  });

  it('should not reorder the array it is given', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('should throw a RangeError for no values', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe(estimateWaitMinutes.name, () => {
  it('should give 0 minutes to the ticket called next', () => {
    expect(estimateWaitMinutes(newInput({ position: 1, recentServiceMinutes: [30, 30, 30] }))).toBe(0);
  });

  it('should use the median of recent durations: 4 ahead × 5 min / 2 counters = 10', () => {
    // One 100-minute case does not move the median of 4, 6, 5, 100, 5 (= 5).
    const sut = estimateWaitMinutes(newInput({ position: 5, recentServiceMinutes: [4, 6, 5, 100, 5], openCounters: 2 }));
    expect(sut).toBe(10);
  });

  it('should use the expected minutes with fewer than 3 recent durations: 2 ahead × 7 = 14', () => {
    expect(estimateWaitMinutes(newInput({ position: 3, recentServiceMinutes: [1, 1], expectedServiceMinutes: 7 }))).toBe(14);
  });

  it('should switch to recent durations at exactly 3: 2 ahead × 2 = 4', () => {
    expect(estimateWaitMinutes(newInput({ position: 3, recentServiceMinutes: [1, 2, 3], expectedServiceMinutes: 7 }))).toBe(4);
  });

  it('should ignore negative and non-finite durations when counting samples', () => {
    const sut = estimateWaitMinutes(newInput({ position: 2, recentServiceMinutes: [1, -5, NaN, Infinity, 1], expectedServiceMinutes: 12 }));
    expect(sut).toBe(12);
  });

  it('should round up: 1 ahead × 5 min / 3 counters = 1.67 → 2', () => {
    expect(estimateWaitMinutes(newInput({ position: 2, recentServiceMinutes: [5, 5, 5], openCounters: 3 }))).toBe(2);
  });

  it('should not round up a floating-point error: 25 × 2.2 / 5 is 11', () => {
    expect(estimateWaitMinutes(newInput({ position: 26, recentServiceMinutes: [2.2, 2.2, 2.2], openCounters: 5 }))).toBe(11);
  });

  it('should count no open counter as one', () => {
    expect(estimateWaitMinutes(newInput({ position: 4, expectedServiceMinutes: 6, openCounters: 0 }))).toBe(18);
  });

  it('should throw a RangeError for a position below 1 or not whole', () => {
    expect(() => estimateWaitMinutes(newInput({ position: 0 }))).toThrow(RangeError);
    expect(() => estimateWaitMinutes(newInput({ position: 1.5 }))).toThrow(RangeError);
  });

  it('should throw a RangeError for negative expected minutes', () => {
    expect(() => estimateWaitMinutes(newInput({ position: 2, expectedServiceMinutes: -1 }))).toThrow(RangeError);
  });
});
