import { addDaysToLocalDate } from './calendar';
import {
  DEFAULT_RED_FLAG_SETTINGS,
  horizonReachesYearOn,
  idleCounterFlag,
  longWaitFlag,
  lowIkmHold,
  missingCalendarYear,
  overdueApplicationsHold,
  pickedCallsHold,
  pickedCallsSince,
  pickedShare,
  RED_FLAG_SETTING_LIMITS,
  RED_FLAG_TEXTS,
} from './red-flags';

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

describe('red flags (libs/domain)', () => {
  describe(longWaitFlag.name, () => {
    const issued = at('2026-11-23T01:00:00Z');

    it('should not hold at exactly the threshold and hold one second over it, since issue + threshold', () => {
      const sut = longWaitFlag;
      expect(sut(issued, new Date(issued.getTime() + 60 * MINUTE), 60)).toBeNull();
      const flag = sut(issued, new Date(issued.getTime() + 60 * MINUTE + 1000), 60);
      expect(flag).toEqual({ since: new Date(issued.getTime() + 60 * MINUTE), severity: 'warning', value: 60 });
    });

    it('should be critical from twice the threshold, and off when the threshold is null or nobody waits', () => {
      expect(longWaitFlag(issued, new Date(issued.getTime() + 120 * MINUTE), 60)?.severity).toBe('critical');
      expect(longWaitFlag(issued, new Date(issued.getTime() + 500 * MINUTE), null)).toBeNull();
      expect(longWaitFlag(null, issued, 60)).toBeNull();
    });
  });

  describe(idleCounterFlag.name, () => {
    const last = at('2026-11-23T02:00:00Z');

    it('should hold only over the threshold and only while people wait', () => {
      expect(idleCounterFlag(last, 3, new Date(last.getTime() + 15 * MINUTE), 15)).toBeNull();
      expect(idleCounterFlag(last, 3, new Date(last.getTime() + 16 * MINUTE), 15)).toEqual({ since: new Date(last.getTime() + 15 * MINUTE), severity: 'warning', value: 16 });
      expect(idleCounterFlag(last, 0, new Date(last.getTime() + 60 * MINUTE), 15)).toBeNull();
      expect(idleCounterFlag(last, 3, new Date(last.getTime() + 60 * MINUTE), null)).toBeNull();
    });
  });

  describe(pickedCallsHold.name, () => {
    it('should hold above the share once the sample is reached, not at the share itself', () => {
      expect(pickedCallsHold(20, 4, 20, 20)).toBe(false); // 20 % is not above 20 %
      expect(pickedCallsHold(20, 5, 20, 20)).toBe(true);
      expect(pickedCallsHold(19, 19, 20, 20)).toBe(false); // too few calls to judge
      expect(pickedCallsHold(20, 20, null, 20)).toBe(false);
      expect(pickedShare(3, 1)).toBe(33.3);
      expect(pickedShare(0, 0)).toBe(0);
    });
  });

  describe(pickedCallsSince.name, () => {
    it('should answer the call after which the share last went above the threshold and stayed there', () => {
      const call = (minute: number, picked: boolean) => ({ at: new Date(Date.UTC(2026, 10, 23, 1, minute)), picked });
      // 4 calls minimum, above 25 %: after call 4 (2 of 4 = 50 %) it holds; call 8 brings it to 2 of 8 = 25 % (not above); call 9 picked: 3 of 9.
      const calls = [call(1, true), call(2, false), call(3, true), call(4, false), call(5, false), call(6, false), call(7, false), call(8, false), call(9, true)];
      expect(pickedCallsSince(calls.slice(0, 3), 25, 4)).toBeNull();
      expect(pickedCallsSince(calls.slice(0, 4), 25, 4)).toEqual(calls[3].at);
      expect(pickedCallsSince(calls.slice(0, 8), 25, 4)).toBeNull();
      expect(pickedCallsSince(calls, 25, 4)).toEqual(calls[8].at);
    });
  });

  describe(overdueApplicationsHold.name, () => {
    it('should hold from the minimum count', () => {
      expect(overdueApplicationsHold(1, 2)).toBe(false);
      expect(overdueApplicationsHold(2, 2)).toBe(true);
      expect(overdueApplicationsHold(9, null)).toBe(false);
    });
  });

  describe(lowIkmHold.name, () => {
    it('should band the rounded index: 76.605 is B (not below B), 76.6049 is C', () => {
      expect(lowIkmHold(76.605, 30, 'B', 30)).toBeNull();
      expect(lowIkmHold(76.6049, 30, 'B', 30)).toEqual({ band: 'C', severity: 'warning' });
      expect(lowIkmHold(64.99, 30, 'B', 30)).toEqual({ band: 'D', severity: 'critical' });
      expect(lowIkmHold(64.99, 29, 'B', 30)).toBeNull();
      expect(lowIkmHold(64.99, 30, null, 30)).toBeNull();
    });
  });

  describe(missingCalendarYear.name, () => {
    it('should hold from 1 January − horizon − lead days of the first year without a calendar', () => {
      const horizon = 14;
      const lead = 60;
      const since = addDaysToLocalDate('2027-01-01', -(horizon + lead));
      expect(missingCalendarYear(addDaysToLocalDate(since, -1), horizon, lead, [2026])).toBeNull();
      expect(missingCalendarYear(since, horizon, lead, [2026])).toEqual({ year: 2027, since });
      expect(missingCalendarYear('2026-12-30', horizon, lead, [2026, 2027])).toBeNull();
      expect(missingCalendarYear('2026-12-30', horizon, null, [2026])).toBeNull();
      expect(horizonReachesYearOn(2027, horizon)).toBe('2026-12-18');
    });

    it('should flag the current year when it has no calendar at all', () => {
      expect(missingCalendarYear('2027-03-01', 14, 60, [2026])).toEqual({ year: 2027, since: addDaysToLocalDate('2027-01-01', -74) });
    });
  });

  it('should start every site with defaults inside their own limits', () => {
    for (const [key, { min, max }] of Object.entries(RED_FLAG_SETTING_LIMITS)) {
      const value = DEFAULT_RED_FLAG_SETTINGS[key as keyof typeof RED_FLAG_SETTING_LIMITS];
      expect(value === null || (value >= min && value <= max)).toBe(true);
    }
  });

  it('should word every flag in Indonesian and English', () => {
    const texts = [
      RED_FLAG_TEXTS.longWait({ id: 'KTP-el', en: 'ID card' }, 2, 75, 60),
      RED_FLAG_TEXTS.idleCounter('Loket 3', 20, 4, 15),
      RED_FLAG_TEXTS.pickedCalls('Petugas', 25, 5, 20, 20),
      RED_FLAG_TEXTS.overdueApplications({ id: 'KK', en: 'Family card' }, 3, 1),
      RED_FLAG_TEXTS.lowIkm({ id: 'KK', en: 'Family card' }, 70.5, 'C', 'B', 90, 40),
      RED_FLAG_TEXTS.nationalCalendar(2027, '2026-12-18'),
    ];
    for (const t of texts) for (const text of [t.title.id, t.title.en, t.action.id, t.action.en]) expect(text.length).toBeGreaterThan(10);
    expect(texts[4].title.id).toContain('70,50');
    expect(texts[4].title.en).toContain('70.50');
  });
});
