import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoWeekday, OpeningHours } from '@mpp/contracts';
import {
  applicationClock,
  dueDateFrom,
  LEGAL_DEFAULT_COMPLETION_TIME,
  type ApplicationClockInput,
  type ApplicationSiteCalendar,
  type ApplicationStateChange,
} from './application-clock';
import type { ApplicationState } from './application-state';
import { addDaysToLocalDate, dayStatus, zonedToUtc, type SiteClosure } from './calendar';

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

/** The 2026 national calendar the project seeds (SKB 1497/2025, 2/2025, 5/2025), read from the seed file itself. */
const HOLIDAYS_2026 = JSON.parse(
  readFileSync(join(__dirname, '../../../apps/api/src/database/seeds/data/holidays-2026.json'), 'utf8'),
) as { national: { date: string; name: string }[]; cutiBersama: { date: string; name: string }[] };
const NATIONAL_2026: SiteClosure[] = [
  ...HOLIDAYS_2026.national.map((d) => ({ ...d, kind: 'national_holiday' as const })),
  ...HOLIDAYS_2026.cutiBersama.map((d) => ({ ...d, kind: 'cuti_bersama' as const })),
];
const KUPANG_LOCAL_CLOSURE: SiteClosure = { date: '2026-12-30', name: 'Pemeliharaan sistem dan sarana MPP Kota Kupang', kind: 'local_closure' };

/** Monday–Friday 08:00–16:00 with a 12:00–13:00 break: seven working hours a day. */
function officeWeek(): OpeningHours[] {
  return ([1, 2, 3, 4, 5] as IsoWeekday[]).map((weekday) => ({ weekday, open: '08:00', close: '16:00', breaks: [{ start: '12:00', end: '13:00' }] }));
}

function newCalendar(overrides: Partial<ApplicationSiteCalendar> = {}): ApplicationSiteCalendar {
  return { timeZone: WIB, openingHours: officeWeek(), closures: NATIONAL_2026, closesOnCutiBersama: true, ...overrides };
}

/** The site-local wall clock as an instant. */
const at = (date: string, time: string, zone = WIB): Date => zonedToUtc(date, time, zone);

/** A trail from [state, date, time] rows in the site's zone. */
function newHistory(rows: [ApplicationState, string, string][], zone = WIB): ApplicationStateChange[] {
  return rows.map(([state, date, time]) => ({ state, at: at(date, time, zone) }));
}

function newInput(overrides: Partial<ApplicationClockInput> = {}): ApplicationClockInput {
  return {
    completionTime: { value: 5, unit: 'working_days' },
    calendar: newCalendar(),
    history: newHistory([
      ['submitted', '2026-06-04', '08:30'],
      ['in_verification', '2026-06-04', '09:00'],
      ['complete', '2026-06-04', '10:00'],
    ]),
    now: at('2026-06-04', '10:05'),
    ...overrides,
  };
}

/** Closing time of a local date on the office week. */
const closeOf = (date: string, zone = WIB): Date => at(date, '16:00', zone);

describe(applicationClock.name, () => {
  describe('working days', () => {
    it('should count five working days from the day after completion, across a weekend', () => {
      // Complete Thursday 4 June: Fri 5 (1), Mon 8 (2), Tue 9 (3), Wed 10 (4), Thu 11 (5).
      const sut = applicationClock(newInput());
      expect(sut.phase).toBe('running');
      expect(sut.startedAt).toEqual(at('2026-06-04', '10:00'));
      expect(sut.due).toEqual(closeOf('2026-06-11'));
      expect([sut.used, sut.left]).toEqual([0, 5]);
      expect(sut.state).toBe('on_time');
      expect(sut.source).toBe('service');
    });

    it('should give an application of a service with no completion time the legal default of five working days', () => {
      const sut = applicationClock(newInput({ completionTime: null }));
      expect(sut.completionTime).toEqual(LEGAL_DEFAULT_COMPLETION_TIME);
      expect(LEGAL_DEFAULT_COMPLETION_TIME).toEqual({ value: 5, unit: 'working_days' });
      expect(sut.source).toBe('legal_default');
      expect(sut.legal.source).toBe('legal_default');
      expect(sut.due).toEqual(applicationClock(newInput({ completionTime: { value: 5, unit: 'working_days' } })).due);
    });

    it('should skip a national holiday: 17 August 2026 (a Monday) is not counted', () => {
      // Complete Friday 14 August: Mon 17 holiday, Tue 18 (1), Wed 19 (2), Thu 20 (3).
      const history = newHistory([['complete', '2026-08-14', '09:00']]);
      const sut = applicationClock(newInput({ completionTime: { value: 3, unit: 'working_days' }, history, now: at('2026-08-14', '09:00') }));
      expect(NATIONAL_2026.find((c) => c.date === '2026-08-17')?.kind).toBe('national_holiday');
      expect(sut.due).toEqual(closeOf('2026-08-20'));
      const withoutHolidays = applicationClock(newInput({ completionTime: { value: 3, unit: 'working_days' }, history, now: at('2026-08-14', '09:00'), calendar: newCalendar({ closures: [] }) }));
      expect(withoutHolidays.due).toEqual(closeOf('2026-08-19'));
    });

    it('should skip cuti bersama only at a site that closes on them', () => {
      // Complete Wednesday 23 December; 24 Dec is cuti bersama (Natal), 25 Dec Christmas, then a weekend.
      const history = newHistory([['complete', '2026-12-23', '10:00']], WITA);
      const input = (closesOnCutiBersama: boolean): ApplicationClockInput =>
        newInput({
          completionTime: { value: 2, unit: 'working_days' },
          history,
          now: at('2026-12-23', '10:00', WITA),
          calendar: newCalendar({ timeZone: WITA, closesOnCutiBersama }),
        });
      expect(NATIONAL_2026.find((c) => c.date === '2026-12-24')?.kind).toBe('cuti_bersama');
      // Closed: Mon 28 (1), Tue 29 (2). Open: Thu 24 (1), Mon 28 (2).
      expect(applicationClock(input(true)).due).toEqual(closeOf('2026-12-29', WITA));
      expect(applicationClock(input(false)).due).toEqual(closeOf('2026-12-28', WITA));
    });

    it('should skip a local closure of the site', () => {
      // Complete Monday 28 December at Kupang: Tue 29 (1), Wed 30 closed for maintenance, Thu 31 (2).
      const history = newHistory([['complete', '2026-12-28', '10:00']], WITA);
      const input = (closures: SiteClosure[]): ApplicationClockInput =>
        newInput({ completionTime: { value: 2, unit: 'working_days' }, history, now: at('2026-12-28', '10:00', WITA), calendar: newCalendar({ timeZone: WITA, closures }) });
      expect(applicationClock(input([...NATIONAL_2026, KUPANG_LOCAL_CLOSURE])).due).toEqual(closeOf('2026-12-31', WITA));
      expect(applicationClock(input(NATIONAL_2026)).due).toEqual(closeOf('2026-12-30', WITA));
    });

    it('should count a Saturday where the site opens on Saturdays, as a whole day however short', () => {
      const withSaturday: OpeningHours[] = [...officeWeek(), { weekday: 6, open: '08:00', close: '12:00', breaks: [] }];
      // Complete Thursday 4 June: Fri 5 (1), Sat 6 (2).
      const sut = applicationClock(newInput({ completionTime: { value: 2, unit: 'working_days' }, calendar: newCalendar({ openingHours: withSaturday }) }));
      expect(sut.due).toEqual(at('2026-06-06', '12:00'));
    });

    it('should not count the day of completion even when it is completed at opening time', () => {
      const history = newHistory([['complete', '2026-06-04', '08:00']]);
      const sut = applicationClock(newInput({ completionTime: { value: 1, unit: 'working_days' }, history, now: at('2026-06-04', '15:00') }));
      expect(sut.due).toEqual(closeOf('2026-06-05'));
      expect(sut.used).toBe(0);
    });

    it('should start day one on the next working day when completed on a Sunday', () => {
      const history = newHistory([['complete', '2026-06-07', '20:00']]);
      const sut = applicationClock(newInput({ completionTime: { value: 1, unit: 'working_days' }, history, now: at('2026-06-07', '20:00') }));
      expect(sut.due).toEqual(closeOf('2026-06-08'));
    });
  });

  describe('a correction pause', () => {
    // Complete Monday 8 June, in process; returned Wednesday 10 at opening, resubmitted Friday 12 at opening.
    const paused = newHistory([
      ['complete', '2026-06-08', '09:00'],
      ['in_process', '2026-06-08', '10:00'],
      ['returned', '2026-06-10', '08:00'],
      ['resubmitted', '2026-06-12', '08:00'],
      ['complete', '2026-06-12', '09:00'],
      ['in_process', '2026-06-12', '09:30'],
    ]);

    it('should not count two whole days with the citizen, nor the holiday after them', () => {
      // Tue 9 (1), [Wed 10, Thu 11 with the citizen], Fri 12 (2), Mon 15 (3), Tue 16 holiday (1 Muharam), Wed 17 (4), Thu 18 (5).
      expect(NATIONAL_2026.find((c) => c.date === '2026-06-16')?.kind).toBe('national_holiday');
      const sut = applicationClock(newInput({ history: paused, now: at('2026-06-12', '12:00') }));
      expect(sut.phase).toBe('running');
      expect(sut.due).toEqual(closeOf('2026-06-18'));
      expect(sut.paused).toBe(2);
      // Tue 9 whole, and Friday 08:00–12:00: four of its seven working hours.
      const used = 1 + 4 / 7;
      expect(sut.used).toBeCloseTo(used, 6);
      expect(sut.left).toBeCloseTo(5 - used, 6);
      const unpaused = applicationClock(newInput({ history: paused.filter((c) => c.state !== 'returned'), now: at('2026-06-12', '12:00') }));
      expect(unpaused.due).toEqual(closeOf('2026-06-15'));
    });

    it('should count a pause from noon to noon as one working day', () => {
      // Wed 10 13:00–16:00 (3 h) and Thu 11 08:00–12:00 (4 h) of 7-hour days: 3/7 + 4/7 = one day.
      const history = newHistory([
        ['complete', '2026-06-08', '09:00'],
        ['in_process', '2026-06-08', '10:00'],
        ['returned', '2026-06-10', '12:00'],
        ['resubmitted', '2026-06-11', '12:00'],
      ]);
      const sut = applicationClock(newInput({ history, now: at('2026-06-11', '12:00') }));
      expect(sut.paused).toBeCloseTo(1, 6);
      // Tue 9 (1), Wed 10 morning + Thu 11 afternoon (2), Fri 12 (3), Mon 15 (4), Tue 16 holiday, Wed 17 (5).
      expect(sut.due).toEqual(closeOf('2026-06-17'));
    });

    it('should hold the clock while the citizen has the application, with the due date as if resubmitted now', () => {
      const sut = applicationClock(newInput({ history: paused.slice(0, 3), now: at('2026-06-11', '10:00') }));
      expect(sut.phase).toBe('paused');
      expect(sut.used).toBe(1);
      expect(sut.left).toBe(4);
      // Four days from Thursday 10:00: Thu rest 5/7, Fri 12, Mon 15, (Tue 16 holiday), Wed 17, Thu 18.
      expect(sut.due).toEqual(closeOf('2026-06-18'));
      expect(sut.state).toBe('on_time');
      const later = applicationClock(newInput({ history: paused.slice(0, 3), now: at('2026-06-19', '10:00') }));
      expect([later.used, later.state, later.deemedGrantedRisk]).toEqual([1, 'on_time', false]);
      expect(later.due!.getTime()).toBeGreaterThan(sut.due!.getTime());
    });

    it('should stop with the pause closed when the citizen withdraws', () => {
      const history = [...paused.slice(0, 3), ...newHistory([['withdrawn', '2026-06-15', '08:00']])];
      const sut = applicationClock(newInput({ history, now: at('2026-07-01', '08:00') }));
      expect(sut.phase).toBe('stopped');
      expect(sut.stoppedAt).toEqual(at('2026-06-15', '08:00'));
      // Wed 10, Thu 11, Fri 12 with the citizen.
      expect([sut.used, sut.paused]).toEqual([1, 3]);
      expect(sut.deemedGrantedRisk).toBe(false);
      expect(sut.legal.phase).toBe('stopped');
    });

    it('should stop when the correction deadline passes and the application expires', () => {
      const history = [...paused.slice(0, 3), ...newHistory([['expired', '2026-06-24', '00:00']])];
      const sut = applicationClock(newInput({ history, now: at('2026-07-01', '08:00') }));
      expect([sut.phase, sut.legal.phase, sut.deemedGrantedRisk]).toEqual(['stopped', 'stopped', false]);
    });

    it('should ignore a return before the start: the clock starts when the application is complete', () => {
      const history = newHistory([
        ['submitted', '2026-06-01', '09:00'],
        ['in_verification', '2026-06-02', '09:00'],
        ['returned', '2026-06-02', '10:00'],
        ['resubmitted', '2026-06-08', '09:00'],
        ['complete', '2026-06-08', '10:00'],
      ]);
      const sut = applicationClock(newInput({ history, now: at('2026-06-08', '10:00') }));
      expect(sut.startedAt).toEqual(at('2026-06-08', '10:00'));
      expect(sut.paused).toBe(0);
      // Tue 9 (1), Wed 10 (2), Thu 11 (3), Fri 12 (4), Mon 15 (5).
      expect(sut.due).toEqual(closeOf('2026-06-15'));
    });
  });

  describe('calendar days', () => {
    it('should count holidays and weekends as days: 30 days from 11 August 2026 end on 10 September', () => {
      // Day 1 is 12 Aug; 17 Aug and 25 Aug (holidays) count; day 30 is Thursday 10 September.
      const history = newHistory([['complete', '2026-08-11', '10:00']]);
      const sut = applicationClock(newInput({ completionTime: { value: 30, unit: 'calendar_days' }, history, now: at('2026-08-11', '10:00') }));
      expect(sut.due).toEqual(closeOf('2026-09-10'));
      const workingDays = applicationClock(newInput({ completionTime: { value: 30, unit: 'working_days' }, history, now: at('2026-08-11', '10:00') }));
      expect(workingDays.due!.getTime()).toBeGreaterThan(sut.due!.getTime());
    });

    it('should move a last day the site is closed on to the next working day', () => {
      // 7 days from Thursday 17 December: day 7 is 24 December (cuti bersama).
      const history = newHistory([['complete', '2026-12-17', '10:00']]);
      const input = (closesOnCutiBersama: boolean): ApplicationClockInput =>
        newInput({ completionTime: { value: 7, unit: 'calendar_days' }, history, now: at('2026-12-17', '10:00'), calendar: newCalendar({ closesOnCutiBersama }) });
      // Closed on the 24th: 25th Christmas, 26–27 weekend, so Monday 28.
      expect(applicationClock(input(true)).due).toEqual(closeOf('2026-12-28'));
      expect(applicationClock(input(false)).due).toEqual(closeOf('2026-12-24'));
    });

    it('should not count calendar time with the citizen', () => {
      const history = newHistory([
        ['complete', '2026-08-11', '10:00'],
        ['in_process', '2026-08-12', '10:00'],
        ['returned', '2026-08-13', '00:00'],
        ['resubmitted', '2026-08-16', '00:00'],
      ]);
      const sut = applicationClock(newInput({ completionTime: { value: 30, unit: 'calendar_days' }, history, now: at('2026-08-20', '00:00') }));
      // Three whole days with the citizen: day 30 moves from 10 to 13 September, a Sunday, so Monday 14.
      expect(sut.paused).toBe(3);
      expect(sut.due).toEqual(closeOf('2026-09-14'));
      // 12 Aug, then 16–19 Aug.
      expect(sut.used).toBe(5);
    });
  });

  describe('minutes (same-day services)', () => {
    it('should count working minutes from completion, not the break', () => {
      const history = newHistory([['complete', '2026-06-08', '11:30']]);
      const sut = applicationClock(newInput({ completionTime: { value: 60, unit: 'minutes' }, history, now: at('2026-06-08', '11:45') }));
      expect(sut.due).toEqual(at('2026-06-08', '13:30'));
      expect([sut.used, sut.left]).toEqual([15, 45]);
      expect(sut.state).toBe('due_soon');
    });

    it('should carry minutes left at closing time over to the next working day', () => {
      const history = newHistory([['complete', '2026-06-05', '15:45']]);
      const sut = applicationClock(newInput({ completionTime: { value: 60, unit: 'minutes' }, history, now: at('2026-06-05', '15:50') }));
      // 15 minutes on Friday, 45 on Monday.
      expect(sut.due).toEqual(at('2026-06-08', '08:45'));
    });
  });

  describe('zones', () => {
    it.each([
      [WIB, 7],
      [WITA, 8],
      [WIT, 9],
    ])('should end the day at the site’s own closing time in %s (UTC+%i)', (zone, offsetHours) => {
      const history = newHistory([['complete', '2026-06-04', '10:00']], zone);
      const sut = applicationClock(newInput({ history, calendar: newCalendar({ timeZone: zone }), now: at('2026-06-04', '10:00', zone) }));
      expect(sut.due!.toISOString()).toBe(new Date(Date.UTC(2026, 5, 11, 16 - offsetHours)).toISOString());
    });

    it('should read the day of completion in the site’s zone: 16:30Z is Thursday night in WIB, Friday in WITA and WIT', () => {
      const history: ApplicationStateChange[] = [{ state: 'complete', at: new Date('2026-06-04T16:30:00Z') }];
      const due = (zone: string): Date | null =>
        applicationClock(newInput({ completionTime: { value: 1, unit: 'working_days' }, history, calendar: newCalendar({ timeZone: zone }), now: new Date('2026-06-04T16:30:00Z') })).due;
      expect(due(WIB)).toEqual(closeOf('2026-06-05', WIB));
      expect(due(WITA)).toEqual(closeOf('2026-06-08', WITA));
      expect(due(WIT)).toEqual(closeOf('2026-06-08', WIT));
    });
  });

  describe('states', () => {
    // Due Thursday 11 June, 16:00 WIB.
    const stateAt = (date: string, time: string): string | null => applicationClock(newInput({ now: at(date, time) })).state;

    it('should be on time until the working day before the due day closes', () => {
      expect(stateAt('2026-06-09', '10:00')).toBe('on_time');
      expect(stateAt('2026-06-10', '15:59')).toBe('on_time');
    });

    it('should be due within a day from the close of the day before, through the due day', () => {
      expect(stateAt('2026-06-10', '16:00')).toBe('due_soon');
      expect(stateAt('2026-06-11', '07:00')).toBe('due_soon');
      expect(stateAt('2026-06-11', '16:00')).toBe('due_soon');
    });

    it('should be overdue after the due day closes', () => {
      expect(stateAt('2026-06-11', '16:01')).toBe('overdue');
      const sut = applicationClock(newInput({ now: at('2026-06-15', '10:00') }));
      expect([sut.used, sut.left]).toEqual([5, 0]);
    });

    it('should be due within a day over a weekend when the due day is the next working day', () => {
      // Complete Wednesday 3 June, seen on Saturday 6 (the site closed).
      const history = newHistory([['complete', '2026-06-03', '10:00']]);
      const sut = applicationClock(newInput({ completionTime: { value: 2, unit: 'working_days' }, history, now: at('2026-06-06', '10:00') }));
      // Two days: Thu 4 (1), Fri 5 (2), so overdue by Saturday. Three: Mon 8, the next working day.
      expect(sut.state).toBe('overdue');
      const mondayDue = applicationClock(newInput({ completionTime: { value: 3, unit: 'working_days' }, history, now: at('2026-06-06', '10:00') }));
      expect(mondayDue.due).toEqual(closeOf('2026-06-08'));
      expect(mondayDue.state).toBe('due_soon');
    });

    it('should not start before the application is complete', () => {
      const history = newHistory([
        ['submitted', '2026-06-04', '08:30'],
        ['in_verification', '2026-06-04', '09:00'],
      ]);
      const sut = applicationClock(newInput({ history, now: at('2026-06-30', '10:00') }));
      expect(sut).toMatchObject({ phase: 'not_started', startedAt: null, due: null, used: null, left: null, state: null, deemedGrantedRisk: false });
      expect(sut.legal.phase).toBe('not_started');
    });

    it('should ignore changes recorded after now', () => {
      const sut = applicationClock(newInput({ now: at('2026-06-04', '09:59') }));
      expect(sut.phase).toBe('not_started');
    });
  });

  describe('deemed granted (dianggap dikabulkan secara hukum)', () => {
    it('should flag an undecided application past the legal default', () => {
      const input = (now: Date): ApplicationClockInput => newInput({ completionTime: null, now });
      expect(applicationClock(input(closeOf('2026-06-11'))).deemedGrantedRisk).toBe(false);
      const late = applicationClock(input(at('2026-06-12', '08:00')));
      expect(late.deemedGrantedRisk).toBe(true);
      expect(late.legal.due).toEqual(closeOf('2026-06-11'));
    });

    it('should clear the flag once the decision is made, and tell whether it was late', () => {
      const decided = (date: string): ApplicationClock =>
        applicationClock(newInput({
          completionTime: null,
          history: [...newInput().history, ...newHistory([['in_process', '2026-06-05', '09:00'], ['approved', date, '09:00']])],
          now: at('2026-06-20', '09:00'),
        }));
      const onTime = decided('2026-06-11');
      expect([onTime.legal.phase, onTime.legal.state, onTime.deemedGrantedRisk]).toEqual(['stopped', 'on_time', false]);
      const late = decided('2026-06-12');
      expect([late.legal.phase, late.legal.state, late.deemedGrantedRisk]).toEqual(['stopped', 'overdue', false]);
      // Approved but the result not yet ready: the service clock still runs.
      expect(late.phase).toBe('running');
      expect(late.state).toBe('overdue');
    });

    it('should stop the service clock when the result is ready', () => {
      const history = [...newInput().history, ...newHistory([['in_process', '2026-06-05', '09:00'], ['approved', '2026-06-08', '09:00'], ['ready', '2026-06-09', '09:00']])];
      const sut = applicationClock(newInput({ history, now: at('2026-06-20', '09:00') }));
      expect([sut.phase, sut.state, sut.stoppedAt]).toEqual(['stopped', 'on_time', at('2026-06-09', '09:00')]);
    });

    it('should use a regulation’s decision deadline when one is given', () => {
      const sut = applicationClock(newInput({
        completionTime: { value: 10, unit: 'working_days' },
        legalCompletionTime: { value: 5, unit: 'working_days' },
        now: at('2026-06-12', '08:00'),
      }));
      expect([sut.state, sut.legal.source, sut.legal.state, sut.deemedGrantedRisk]).toEqual(['on_time', 'regulation', 'overdue', true]);
    });

    it('should keep the flag while the citizen has an application returned after the legal deadline', () => {
      const history = [...newInput({ completionTime: null }).history, ...newHistory([['in_process', '2026-06-05', '09:00'], ['returned', '2026-06-15', '09:00']])];
      const sut = applicationClock(newInput({ completionTime: null, history, now: at('2026-06-16', '09:00') }));
      expect([sut.phase, sut.state, sut.deemedGrantedRisk]).toEqual(['paused', 'overdue', true]);
    });
  });

  describe('bad input', () => {
    it('should refuse a completion time that is not a positive whole number', () => {
      for (const value of [0, -1, 1.5, Number.NaN]) {
        expect(() => applicationClock(newInput({ completionTime: { value, unit: 'working_days' } }))).toThrow(RangeError);
      }
    });

    it('should refuse a history out of order', () => {
      const history = newHistory([
        ['complete', '2026-06-04', '10:00'],
        ['in_process', '2026-06-04', '09:00'],
      ]);
      expect(() => applicationClock(newInput({ history }))).toThrow(RangeError);
    });

    it('should refuse an unknown zone and an invalid now', () => {
      expect(() => applicationClock(newInput({ calendar: newCalendar({ timeZone: 'Asia/Kupang' }) }))).toThrow(RangeError);
      expect(() => applicationClock(newInput({ now: new Date('nonsense') }))).toThrow(RangeError);
    });

    it('should refuse a calendar without working days', () => {
      expect(() => applicationClock(newInput({ calendar: newCalendar({ openingHours: [] }) }))).toThrow(RangeError);
    });
  });
});

/** Kupang's week (seed): Mon–Thu 08:00–15:30, Friday to 16:00 with a longer break, Saturday mornings. */
function kupangWeek(): OpeningHours[] {
  return [
    ...([1, 2, 3, 4] as IsoWeekday[]).map((weekday) => ({ weekday, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] })),
    { weekday: 5, open: '08:00', close: '16:00', breaks: [{ start: '11:30', end: '13:00' }] },
    { weekday: 6, open: '08:00', close: '12:00', breaks: [] },
  ];
}

/** Independent of the clock: step through dates, keeping those the site opens on. */
function naiveDue(startDate: string, value: number, unit: 'working_days' | 'calendar_days', calendar: ApplicationSiteCalendar): Date {
  const closures = calendar.closures.filter((c) => c.kind !== 'cuti_bersama' || calendar.closesOnCutiBersama);
  const isOpen = (date: string): boolean => dayStatus(date, [...calendar.openingHours], closures).open;
  let date = startDate;
  if (unit === 'calendar_days') {
    date = addDaysToLocalDate(startDate, value);
    while (!isOpen(date)) date = addDaysToLocalDate(date, 1);
  } else {
    for (let counted = 0; counted < value; ) {
      date = addDaysToLocalDate(date, 1);
      if (isOpen(date)) counted++;
    }
  }
  const status = dayStatus(date, [...calendar.openingHours], closures);
  if (!status.open) throw new Error('unreachable');
  return zonedToUtc(date, status.hours.close, calendar.timeZone);
}

describe(dueDateFrom.name, () => {
  const kupang = (closesOnCutiBersama: boolean): ApplicationSiteCalendar =>
    newCalendar({ timeZone: WITA, openingHours: kupangWeek(), closures: [...NATIONAL_2026, KUPANG_LOCAL_CLOSURE], closesOnCutiBersama });

  it.each([
    [1, 'working_days', true],
    [5, 'working_days', true],
    [14, 'working_days', false],
    [30, 'calendar_days', true],
    [7, 'calendar_days', false],
  ] as const)('should agree with a day-by-day count for %i %s from every day of 2026 (closed on cuti bersama: %s)', (value, unit, closes) => {
    const calendar = kupang(closes);
    const mismatches: string[] = [];
    for (let date = '2026-01-01'; date <= '2026-12-31'; date = addDaysToLocalDate(date, 1)) {
      const from = at(date, '10:00', WITA);
      const expected = naiveDue(date, value, unit, calendar);
      const got = dueDateFrom(from, { value, unit }, calendar);
      if (got.getTime() !== expected.getTime()) mismatches.push(`${date}: ${got.toISOString()} ≠ ${expected.toISOString()}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('should move the due date by exactly the working days spent with the citizen, from every day of 2026', () => {
    const calendar = kupang(true);
    const closures = calendar.closures.filter((c) => c.kind !== 'cuti_bersama' || calendar.closesOnCutiBersama);
    const openingOf = (date: string): Date | null => {
      const status = dayStatus(date, [...calendar.openingHours], closures);
      return status.open ? zonedToUtc(date, status.hours.open, WITA) : null;
    };
    /** The n-th working day after `date`. */
    const nthWorkingDay = (date: string, n: number): string => {
      let day = date;
      for (let counted = 0; counted < n; ) {
        day = addDaysToLocalDate(day, 1);
        if (openingOf(day)) counted++;
      }
      return day;
    };
    const mismatches: string[] = [];
    for (let date = '2026-01-01'; date <= '2026-12-31'; date = addDaysToLocalDate(date, 1)) {
      // Returned at the opening of working day 2, resubmitted at the opening of working day 5: days 2, 3 and 4 paused.
      const history: ApplicationStateChange[] = [
        { state: 'complete', at: at(date, '10:00', WITA) },
        { state: 'in_process', at: at(date, '10:30', WITA) },
        { state: 'returned', at: openingOf(nthWorkingDay(date, 2))! },
        { state: 'resubmitted', at: openingOf(nthWorkingDay(date, 5))! },
      ];
      const now = history[3].at;
      const sut = applicationClock({ completionTime: { value: 5, unit: 'working_days' }, calendar, history, now });
      const expected = naiveDue(date, 5 + 3, 'working_days', calendar);
      if (sut.due?.getTime() !== expected.getTime() || sut.paused !== 3) {
        mismatches.push(`${date}: ${sut.due?.toISOString()} (paused ${sut.paused}) ≠ ${expected.toISOString()}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('should match the running clock of an application completed at that instant', () => {
    const input = newInput();
    expect(dueDateFrom(input.history[2].at, input.completionTime!, input.calendar)).toEqual(applicationClock(input).due);
  });
});

type ApplicationClock = ReturnType<typeof applicationClock>;
