import type { IsoWeekday, OpeningHours } from '@mpp/contracts';
import { applicationClock } from './application-clock';
import { applicationFlagsAt, currentWorkingDayClose, isDueSoon, mostUrgentFlag, type FlagCalendar, type FlaggedApplication } from './application-flags';
import { zonedToUtc } from './calendar';

const ZONE = 'Asia/Makassar';
const weekdays: OpeningHours[] = ([1, 2, 3, 4, 5] as IsoWeekday[]).map((weekday) => ({ weekday, open: '08:00', close: '16:00', breaks: [{ start: '12:00', end: '13:00' }] }));
const calendar = (closures: FlagCalendar['closures'] = [], closesOnCutiBersama = true): FlagCalendar => ({ timeZone: ZONE, openingHours: weekdays, closures, closesOnCutiBersama });
const at = (date: string, time: string): Date => zonedToUtc(date, time, ZONE);

// 2026-12-04 is a Friday; 2026-12-07 the Monday after.
describe('currentWorkingDayClose', () => {
  it('should answer today’s close while the site has not closed, and the next working day’s after', () => {
    expect(currentWorkingDayClose(at('2026-12-04', '15:59'), calendar())).toEqual(at('2026-12-04', '16:00'));
    expect(currentWorkingDayClose(at('2026-12-04', '16:00'), calendar())).toEqual(at('2026-12-07', '16:00'));
    expect(currentWorkingDayClose(at('2026-12-05', '10:00'), calendar())).toEqual(at('2026-12-07', '16:00'));
  });

  it('should step over a holiday, and over cuti bersama only where the site closes on it', () => {
    const monday = { date: '2026-12-07', name: 'Libur uji', kind: 'national_holiday' as const };
    expect(currentWorkingDayClose(at('2026-12-04', '17:00'), calendar([monday]))).toEqual(at('2026-12-08', '16:00'));
    const cuti = { ...monday, kind: 'cuti_bersama' as const };
    expect(currentWorkingDayClose(at('2026-12-04', '17:00'), calendar([cuti], true))).toEqual(at('2026-12-08', '16:00'));
    expect(currentWorkingDayClose(at('2026-12-04', '17:00'), calendar([cuti], false))).toEqual(at('2026-12-07', '16:00'));
  });
});

describe('applicationFlagsAt', () => {
  const due = at('2026-12-07', '16:00');
  const legal = at('2026-12-09', '16:00');
  const running: FlaggedApplication = { state: 'in_process', clockPhase: 'running', dueAt: due, legalDueAt: legal };
  const flagsAt = (now: Date, app = running, cal = calendar()) => applicationFlagsAt(app, now, currentWorkingDayClose(now, cal)).map((f) => f.kind);

  it('should flag due soon from the close of the working day before the due date, across the weekend', () => {
    expect(flagsAt(at('2026-12-04', '15:00'))).toEqual([]);
    expect(flagsAt(at('2026-12-04', '16:01'))).toEqual(['due_soon']);
    expect(flagsAt(at('2026-12-06', '09:00'))).toEqual(['due_soon']);
    expect(flagsAt(at('2026-12-07', '16:00'))).toEqual(['due_soon']);
  });

  it('should not flag due soon on Friday when Monday is a holiday and the due date is Tuesday, then flag it', () => {
    const holiday = calendar([{ date: '2026-12-07', name: 'Libur uji', kind: 'national_holiday' }]);
    const tuesday = { ...running, dueAt: at('2026-12-08', '16:00') };
    expect(flagsAt(at('2026-12-04', '15:00'), tuesday, holiday)).toEqual([]);
    expect(flagsAt(at('2026-12-04', '16:30'), tuesday, holiday)).toEqual(['due_soon']);
    expect(flagsAt(at('2026-12-04', '16:30'), tuesday, calendar())).toEqual([]);
  });

  it('should flag overdue instead of due soon after the due date, and at risk after the legal deadline while undecided', () => {
    expect(flagsAt(at('2026-12-07', '16:01'))).toEqual(['overdue']);
    expect(flagsAt(at('2026-12-09', '16:01'))).toEqual(['overdue', 'at_risk']);
    expect(flagsAt(at('2026-12-09', '16:01'), { ...running, state: 'approved' })).toEqual(['overdue']);
  });

  it('should keep at risk while returned to the citizen only when the flag was raised before, and nothing else', () => {
    const late = at('2026-12-10', '09:00');
    const returned = { ...running, state: 'returned' as const, clockPhase: 'paused' };
    expect(flagsAt(late, { ...returned, atRiskRaised: true })).toEqual(['at_risk']);
    expect(flagsAt(late, { ...returned, atRiskRaised: false })).toEqual([]);
    expect(flagsAt(late, { ...running, state: 'in_process', clockPhase: 'stopped', atRiskRaised: true })).toEqual([]);
    expect(flagsAt(late, { ...running, state: 'approved', atRiskRaised: true })).toEqual(['overdue']);
  });

  it('should flag nothing while the clock is paused, not started or stopped', () => {
    const late = at('2026-12-10', '09:00');
    expect(flagsAt(late, { ...running, state: 'returned', clockPhase: 'paused' })).toEqual([]);
    expect(flagsAt(late, { ...running, state: 'in_verification', clockPhase: 'not_started', dueAt: null, legalDueAt: null })).toEqual([]);
    expect(flagsAt(late, { ...running, state: 'ready', clockPhase: 'stopped' })).toEqual([]);
  });
});

describe('isDueSoon', () => {
  it('should hold from now up to the current working day’s close, both included, and never without a close', () => {
    const now = at('2026-12-04', '16:30');
    const close = currentWorkingDayClose(now, calendar())!;
    expect(isDueSoon(now, now, close)).toBe(true);
    expect(isDueSoon(close, now, close)).toBe(true);
    expect(isDueSoon(new Date(close.getTime() + 1), now, close)).toBe(false);
    expect(isDueSoon(new Date(now.getTime() - 1), now, close)).toBe(false);
    expect(isDueSoon(now, now, null)).toBe(false);
  });

  it('should be the rule of the clock’s own due_soon state: a Friday-afternoon look at a Monday due date', () => {
    // Complete on Tuesday 1 December with 4 working days: day 1 is Wednesday, day 4 Monday (due at its close).
    const history = [{ state: 'complete' as const, at: at('2026-12-01', '10:00') }];
    const states = [at('2026-12-04', '15:00'), at('2026-12-04', '16:01'), at('2026-12-05', '09:00')].map((now) => {
      const sut = applicationClock({ completionTime: { value: 4, unit: 'working_days' }, calendar: calendar(), history, now });
      const expected = isDueSoon(sut.due!, now, currentWorkingDayClose(now, calendar())) ? 'due_soon' : 'on_time';
      expect({ now, state: sut.state }).toEqual({ now, state: expected });
      return sut.state;
    });
    expect(states).toEqual(['on_time', 'due_soon', 'due_soon']);
  });
});

describe('mostUrgentFlag', () => {
  it('should choose at_risk over overdue over due_soon, and null for none', () => {
    expect(mostUrgentFlag(['overdue', 'at_risk'])).toBe('at_risk');
    expect(mostUrgentFlag(['due_soon', 'overdue'])).toBe('overdue');
    expect(mostUrgentFlag(['due_soon'])).toBe('due_soon');
    expect(mostUrgentFlag([])).toBeNull();
  });
});
