import { CounterWork, estimateWaitMinutes, expectedMinimum, meanMinutes, MIN_RECENT_SAMPLES, shownWaitMinutes, type WaitEstimateInput } from './wait-estimate';

function newCounter(overrides: Partial<CounterWork> = {}): CounterWork {
  return { busyForMinutes: 0, durations: [], expectedMinutes: 10, ...overrides };
}

function newInput(overrides: Partial<WaitEstimateInput> = {}): WaitEstimateInput {
  return { ahead: 0, meanAheadMinutes: 10, counters: [newCounter()], ...overrides };
}

describe(expectedMinimum.name, () => {
  it('should be the mean of a single distribution', () => {
    expect(expectedMinimum([[2, 4, 9]])).toBeCloseTo(5, 9);
  });

  it('should be the expected smaller of two independent draws', () => {
    // min over {1,3}×{2,4}: 1, 1, 2, 3 → 7/4.
    expect(expectedMinimum([[1, 3], [2, 4]])).toBeCloseTo(1.75, 9);
  });
});

describe(meanMinutes.name, () => {
  it('should use the expected minutes until enough durations are known', () => {
    expect(meanMinutes([4, 6], 10)).toBe(10);
    expect(meanMinutes(Array.from({ length: MIN_RECENT_SAMPLES }, () => 6), 10)).toBe(6);
  });

  it('should ignore durations that are not finite or negative', () => {
    expect(meanMinutes([6, 6, 6, 6, 6, -1, Number.NaN], 10)).toBe(6);
  });
});

describe(estimateWaitMinutes.name, () => {
  it.each([
    [1, 0],
    [3, 0],
    [3, 5],
    [5, 12],
  ])('should give the M/M/c expectation (n + 1) × mean ÷ c for exponential times (c = %i, n = %i)', (c, n) => {
    const sut = estimateWaitMinutes(newInput({ ahead: n, counters: Array.from({ length: c }, () => newCounter({ busyForMinutes: 4 })) }));
    expect(sut / (((n + 1) * 10) / c)).toBeCloseTo(1, 1);
  });

  it('should be 0 when a free counter will call the ticket now', () => {
    const counters = [newCounter({ busyForMinutes: null }), newCounter({ busyForMinutes: null }), newCounter()];
    expect(estimateWaitMinutes(newInput({ ahead: 1, counters }))).toBe(0);
    expect(estimateWaitMinutes(newInput({ ahead: 2, counters }))).toBeGreaterThan(0);
  });

  it('should make the first in line wait for the first counter to free', () => {
    const durations = [10, 10, 10, 10, 10, 10];
    const sut = estimateWaitMinutes(newInput({ counters: [newCounter({ durations, busyForMinutes: 7 }), newCounter({ durations, busyForMinutes: 2 })] }));
    expect(sut).toBeCloseTo(3, 9);
  });

  it('should count the tickets ahead at their own services mean', () => {
    const counters = [newCounter({ busyForMinutes: 5, durations: [5, 5, 5, 5, 5, 5] })];
    const short = estimateWaitMinutes(newInput({ ahead: 4, meanAheadMinutes: 6, counters }));
    const long = estimateWaitMinutes(newInput({ ahead: 4, meanAheadMinutes: 15, counters }));
    expect(long - short).toBeCloseTo(4 * 9, 9);
  });

  it('should interpolate a place given as the middle of a range', () => {
    const counters = [newCounter(), newCounter()];
    const at = (ahead: number) => estimateWaitMinutes(newInput({ ahead, counters }));
    expect(at(2.5)).toBeCloseTo((at(2) + at(3)) / 2, 9);
  });

  it('should refuse a negative count ahead or no counter', () => {
    expect(() => estimateWaitMinutes(newInput({ ahead: -1 }))).toThrow(RangeError);
    expect(() => estimateWaitMinutes(newInput({ counters: [] }))).toThrow(RangeError);
  });
});

describe(shownWaitMinutes.name, () => {
  it('should never show 0 minutes while every counter is busy', () => {
    const counters = [newCounter({ durations: [1, 1, 1, 1, 1, 1], busyForMinutes: 0.9 })];
    expect(shownWaitMinutes(newInput({ counters }))).toBe(1);
  });

  it('should show 0 when a free counter will call the ticket now', () => {
    expect(shownWaitMinutes(newInput({ counters: [newCounter({ busyForMinutes: null })] }))).toBe(0);
  });
});
