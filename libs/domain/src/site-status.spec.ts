import type { IsoWeekday, OpeningHours } from '@mpp/contracts';
import { isOpenAt, zonedToUtc, type SiteClosure } from './calendar';
import { siteStatusAt } from './site-status';

const KUPANG = 'Asia/Makassar'; // WITA, UTC+8

function newHours(overrides: Partial<OpeningHours> = {}): OpeningHours {
  return { weekday: 1, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }], ...overrides };
}

/** Monday–Thursday 08:00–15:30, Friday with a longer break, Saturday mornings, Sunday closed. */
function newWeek(): OpeningHours[] {
  return [
    ...([1, 2, 3, 4] as IsoWeekday[]).map((weekday) => newHours({ weekday })),
    newHours({ weekday: 5, close: '16:00', breaks: [{ start: '11:30', end: '13:00' }] }),
    newHours({ weekday: 6, close: '12:00', breaks: [] }),
  ];
}

function newClosure(overrides: Partial<SiteClosure> = {}): SiteClosure {
  return { date: '2026-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national_holiday', ...overrides };
}

const at = (date: string, time: string): Date => zonedToUtc(date, time, KUPANG);

describe('siteStatusAt', () => {
  it('should be open until the break on a working morning', () => {
    const sut = siteStatusAt(at('2026-12-07', '09:15'), KUPANG, newWeek(), []);
    expect(sut).toMatchObject({ date: '2026-12-07', localTime: '09:15', weekday: 1, state: 'open', until: '12:00', nextOpen: null, closure: null });
    expect(sut.hours?.close).toBe('15:30');
  });

  it('should be on break from the break start, up to one minute before its end', () => {
    expect(siteStatusAt(at('2026-12-11', '11:30'), KUPANG, newWeek(), [])).toMatchObject({ state: 'on_break', until: '13:00', nextOpen: { date: '2026-12-11', time: '13:00' } });
    expect(siteStatusAt(at('2026-12-11', '12:59'), KUPANG, newWeek(), [])).toMatchObject({ state: 'on_break' });
    expect(siteStatusAt(at('2026-12-11', '13:00'), KUPANG, newWeek(), [])).toMatchObject({ state: 'open', until: '16:00' });
  });

  it('should be closed before opening, and say it opens today', () => {
    expect(siteStatusAt(at('2026-12-07', '07:59'), KUPANG, newWeek(), [])).toMatchObject({ state: 'closed', until: '08:00', nextOpen: { date: '2026-12-07', time: '08:00' } });
  });

  it('should be closed at closing time, and name the next working day', () => {
    expect(siteStatusAt(at('2026-12-07', '15:29'), KUPANG, newWeek(), [])).toMatchObject({ state: 'open', until: '15:30' });
    expect(siteStatusAt(at('2026-12-07', '15:30'), KUPANG, newWeek(), [])).toMatchObject({ state: 'closed', until: null, nextOpen: { date: '2026-12-08', time: '08:00' } });
  });

  it('should give the weekly day off as the reason on a Sunday, and Monday as the next opening', () => {
    const sut = siteStatusAt(at('2026-12-06', '10:00'), KUPANG, newWeek(), []);
    expect(sut).toMatchObject({ state: 'closed', hours: null, closure: { kind: 'weekly_closed', name: null }, nextOpen: { date: '2026-12-07', time: '08:00' } });
  });

  it('should be closed all day on a holiday, with its name, and skip the closures that follow', () => {
    const closures = [
      newClosure({ date: '2026-12-24', name: 'Cuti bersama Natal', kind: 'cuti_bersama' }),
      newClosure({ date: '2026-12-25' }),
    ];
    const sut = siteStatusAt(at('2026-12-24', '10:00'), KUPANG, newWeek(), closures);
    expect(sut).toMatchObject({ state: 'closed', closure: { kind: 'cuti_bersama', name: 'Cuti bersama Natal' }, hours: null });
    // Thursday 24 and Friday 25 closed: Saturday 26 opens.
    expect(sut.nextOpen).toEqual({ date: '2026-12-26', time: '08:00' });
  });

  it('should report a local closure by its name', () => {
    const sut = siteStatusAt(at('2026-12-30', '09:00'), KUPANG, newWeek(), [newClosure({ date: '2026-12-30', name: 'Pemeliharaan sistem', kind: 'local_closure' })]);
    expect(sut).toMatchObject({ state: 'closed', closure: { kind: 'local_closure', name: 'Pemeliharaan sistem' }, nextOpen: { date: '2026-12-31', time: '08:00' } });
  });

  it('should answer no next opening for a site with no opening day', () => {
    expect(siteStatusAt(at('2026-12-07', '09:00'), KUPANG, [], []).nextOpen).toBeNull();
  });

  it('should say open exactly when isOpenAt does, every quarter hour of a fortnight', () => {
    const closures = [newClosure({ date: '2026-12-24', kind: 'cuti_bersama' }), newClosure({ date: '2026-12-25' })];
    const start = at('2026-12-20', '00:00').getTime();
    for (let t = start; t < start + 14 * 86_400_000; t += 15 * 60_000) {
      const instant = new Date(t);
      const sut = siteStatusAt(instant, KUPANG, newWeek(), closures);
      expect({ at: instant.toISOString(), open: sut.state === 'open' }).toEqual({ at: instant.toISOString(), open: isOpenAt(instant, KUPANG, newWeek(), closures) });
    }
  });
});
