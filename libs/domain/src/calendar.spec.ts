import type { IsoWeekday, OpeningHours } from '@mpp/contracts';
import {
  addDaysToLocalDate,
  compareLocalTime,
  dayStatus,
  isOpenAt,
  isoWeekdayIn,
  isoWeekdayOfDate,
  isValidLocalDate,
  isValidLocalTime,
  isValidTimeZone,
  localDate,
  localTime,
  localTimeToMinutes,
  SiteClosure,
  validateOpeningHours,
  zonedToUtc,
} from './calendar';

const KUPANG = 'Asia/Makassar'; // WITA, UTC+8
const JAKARTA = 'Asia/Jakarta'; // WIB, UTC+7
const JAYAPURA = 'Asia/Jayapura'; // WIT, UTC+9

function newHours(overrides: Partial<OpeningHours> = {}): OpeningHours {
  return { weekday: 1, open: '08:00', close: '16:00', breaks: [{ start: '12:00', end: '13:00' }], ...overrides };
}

/** A typical MPP week: Monday–Thursday 08:00–16:00, Friday with a longer break, Saturday mornings. */
function newWeek(): OpeningHours[] {
  return [
    ...([1, 2, 3, 4] as IsoWeekday[]).map((weekday) => newHours({ weekday })),
    newHours({ weekday: 5, close: '16:30', breaks: [{ start: '11:30', end: '13:00' }] }),
    newHours({ weekday: 6, close: '12:00', breaks: [] }),
  ];
}

function newClosure(overrides: Partial<SiteClosure> = {}): SiteClosure {
  return { date: '2026-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national_holiday', ...overrides };
}

describe(localDate.name, () => {
  it('should give the site-local day: 16:30Z on 24 Nov is already 25 Nov in Kupang but not in Jakarta', () => {
    const instant = new Date('2026-11-24T16:30:00Z');
    expect(localDate(instant, KUPANG)).toBe('2026-11-25');
    expect(localDate(instant, JAKARTA)).toBe('2026-11-24');
    expect(localDate(instant, JAYAPURA)).toBe('2026-11-25');
  });

  it('should turn the day exactly at local midnight', () => {
    expect(localDate(new Date('2026-11-24T15:59:59.999Z'), KUPANG)).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-24T16:00:00.000Z'), KUPANG)).toBe('2026-11-25');
    expect(localDate(new Date('2026-12-31T16:59:59Z'), JAKARTA)).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T17:00:00Z'), JAKARTA)).toBe('2027-01-01');
  });

  it('should reject an invalid date and an unknown zone', () => {
    expect(() => localDate(new Date('nonsense'), KUPANG)).toThrow(RangeError);
    expect(() => localDate(new Date(), 'Asia/Kupang')).toThrow(RangeError);
  });
});

describe(localTime.name, () => {
  it('should give HH:MM on the site clock', () => {
    const instant = new Date('2026-11-24T16:30:00Z');
    expect(localTime(instant, JAKARTA)).toBe('23:30');
    expect(localTime(instant, KUPANG)).toBe('00:30');
    expect(localTime(instant, JAYAPURA)).toBe('01:30');
  });

  it('should write midnight as 00:00 and drop seconds without rounding up', () => {
    expect(localTime(new Date('2026-11-24T16:00:00Z'), KUPANG)).toBe('00:00');
    expect(localTime(new Date('2026-11-24T00:59:59.999Z'), KUPANG)).toBe('08:59');
  });
});

describe(isoWeekdayIn.name, () => {
  it('should give the weekday of the site-local day', () => {
    const instant = new Date('2026-11-24T16:30:00Z'); // Tuesday evening in Jakarta
    expect(isoWeekdayIn(instant, JAKARTA)).toBe(2);
    expect(isoWeekdayIn(instant, KUPANG)).toBe(3);
  });

  it('should number Sunday 7 and Monday 1', () => {
    expect(isoWeekdayIn(new Date('2026-11-29T04:00:00Z'), KUPANG)).toBe(7);
    expect(isoWeekdayIn(new Date('2026-11-29T16:00:00Z'), KUPANG)).toBe(1);
  });
});

describe(isoWeekdayOfDate.name, () => {
  it('should give the ISO weekday of a calendar date', () => {
    expect(isoWeekdayOfDate('2026-01-01')).toBe(4); // Thursday
    expect(isoWeekdayOfDate('2026-08-17')).toBe(1); // Monday
    expect(isoWeekdayOfDate('2026-11-29')).toBe(7); // Sunday
  });

  it('should reject a date that does not exist', () => {
    expect(() => isoWeekdayOfDate('2026-02-29')).toThrow(RangeError);
  });
});

describe(addDaysToLocalDate.name, () => {
  it('should cross month and year ends', () => {
    expect(addDaysToLocalDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToLocalDate('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDaysToLocalDate('2026-11-24', 0)).toBe('2026-11-24');
  });
});

describe(zonedToUtc.name, () => {
  it('should read 08:00 in Kupang as 00:00Z and in Jakarta as 01:00Z', () => {
    expect(zonedToUtc('2026-11-24', '08:00', KUPANG).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(zonedToUtc('2026-11-24', '08:00', JAKARTA).toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(zonedToUtc('2026-11-24', '08:00', JAYAPURA).toISOString()).toBe('2026-11-23T23:00:00.000Z');
  });

  it('should show that 08:00 WITA is 07:00 WIB', () => {
    expect(localTime(zonedToUtc('2026-11-24', '08:00', KUPANG), JAKARTA)).toBe('07:00');
  });

  it('should land on the previous UTC day for an early local time', () => {
    expect(zonedToUtc('2027-01-01', '00:00', KUPANG).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('should be the inverse of localDate and localTime', () => {
    for (const iso of ['2026-01-01T00:00:00Z', '2026-06-15T12:34:00Z', '2026-11-24T16:30:00Z', '2028-02-29T23:59:00Z']) {
      const instant = new Date(iso);
      for (const zone of [KUPANG, JAKARTA, JAYAPURA, 'Europe/Berlin', 'America/New_York']) {
        expect([zone, zonedToUtc(localDate(instant, zone), localTime(instant, zone), zone).toISOString()]).toEqual([
          zone,
          instant.toISOString(),
        ]);
      }
    }
  });

  it('should handle zones with daylight saving time: the earlier instant of a repeated hour', () => {
    // Berlin turns clocks back at 03:00 CEST on 25 Oct 2026; 02:30 happens at 00:30Z and 01:30Z.
    expect(zonedToUtc('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedToUtc('2026-07-01', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(zonedToUtc('2026-01-15', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-01-15T11:00:00.000Z');
  });

  it('should move a skipped local time forward by the gap', () => {
    // Berlin skips 02:00–03:00 on 29 Mar 2026; 02:30 is read with CET (+1), i.e. 03:30 CEST.
    expect(zonedToUtc('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // New York skips 02:00–03:00 on 8 Mar 2026; 02:30 EST (−5) is 07:30Z, 03:30 EDT.
    expect(zonedToUtc('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('should reject malformed dates, times and zones', () => {
    expect(() => zonedToUtc('2026-02-29', '08:00', KUPANG)).toThrow(RangeError);
    expect(() => zonedToUtc('2026-11-24', '24:00', KUPANG)).toThrow(RangeError);
    expect(() => zonedToUtc('2026-11-24', '8:00', KUPANG)).toThrow(RangeError);
    expect(() => zonedToUtc('2026-11-24', '08:00', 'WITA')).toThrow(RangeError);
  });
});

describe(isValidTimeZone.name, () => {
  it.each([[KUPANG], [JAKARTA], [JAYAPURA], ['UTC'], ['Europe/Berlin']])('should accept %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each([[''], ['Asia/Kupang'], ['WITA'], ['+08:00'], ['-0500'], ['asia/jakarta'], ['Asia/Jakarta ']])(
    'should reject %j',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(false);
    },
  );
});

describe(isValidLocalTime.name, () => {
  it('should accept 00:00 to 23:59', () => {
    for (const time of ['00:00', '07:30', '12:00', '23:59']) expect(isValidLocalTime(time)).toBe(true);
  });

  it('should reject other forms', () => {
    for (const time of ['24:00', '7:30', '07:60', '0730', '07:30:00', ' 07:30', '']) {
      expect([time, isValidLocalTime(time)]).toEqual([time, false]);
    }
  });
});

describe(isValidLocalDate.name, () => {
  it('should accept real dates only', () => {
    expect(isValidLocalDate('2024-02-29')).toBe(true);
    expect(isValidLocalDate('2000-02-29')).toBe(true);
    expect(isValidLocalDate('1900-02-29')).toBe(false);
    expect(isValidLocalDate('2100-02-29')).toBe(false);
    expect(isValidLocalDate('2026-02-29')).toBe(false);
    expect(isValidLocalDate('2026-04-31')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-1-01')).toBe(false);
  });
});

describe(compareLocalTime.name, () => {
  it('should order times by the clock', () => {
    expect(compareLocalTime('07:30', '08:00')).toBe(-1);
    expect(compareLocalTime('08:00', '08:00')).toBe(0);
    expect(compareLocalTime('13:00', '09:59')).toBe(1);
  });

  it('should reject malformed times', () => {
    expect(() => compareLocalTime('7:30', '08:00')).toThrow(RangeError);
  });
});

describe(localTimeToMinutes.name, () => {
  it('should count minutes since midnight', () => {
    expect(localTimeToMinutes('00:00')).toBe(0);
    expect(localTimeToMinutes('07:30')).toBe(450);
    expect(localTimeToMinutes('23:59')).toBe(1439);
  });
});

describe(validateOpeningHours.name, () => {
  const codes = (hours: OpeningHours[]): string[] => validateOpeningHours(hours).map((p) => p.code);

  it('should accept a typical week, and an empty one (closed all week)', () => {
    expect(validateOpeningHours(newWeek())).toEqual([]);
    expect(validateOpeningHours([])).toEqual([]);
  });

  it('should report a weekday given twice, naming it in both languages', () => {
    const problems = validateOpeningHours([newHours({ weekday: 1 }), newHours({ weekday: 1, open: '09:00' })]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ weekday: 1, index: 1, code: 'duplicate_weekday' });
    expect(problems[0].message.id).toMatch(/^Senin: /);
    expect(problems[0].message.en).toMatch(/^Monday: /);
  });

  it('should report weekdays outside 1–7', () => {
    expect(codes([newHours({ weekday: 0 as IsoWeekday })])).toEqual(['invalid_weekday']);
    expect(codes([newHours({ weekday: 8 as IsoWeekday })])).toEqual(['invalid_weekday']);
  });

  it('should require closing after opening', () => {
    expect(codes([newHours({ open: '16:00', close: '16:00', breaks: [] })])).toEqual(['close_not_after_open']);
    const [problem] = validateOpeningHours([newHours({ weekday: 5, open: '16:00', close: '08:00', breaks: [] })]);
    expect(problem.message).toEqual({
      id: 'Jumat: jam tutup (08:00) harus setelah jam buka (16:00).',
      en: 'Friday: the closing time (08:00) must be after the opening time (16:00).',
    });
    expect(codes([newHours({ open: '16:00', close: '16:01', breaks: [] })])).toEqual([]);
  });

  it('should report malformed times', () => {
    expect(codes([newHours({ open: '8:00' })])).toEqual(['invalid_time']);
    expect(codes([newHours({ breaks: [{ start: '12:00', end: '24:00' }] })])).toEqual(['invalid_time']);
  });

  it('should report a break that starts before opening or ends after closing', () => {
    const problems = validateOpeningHours([
      newHours({ breaks: [{ start: '07:30', end: '08:30' }] }),
      newHours({ weekday: 2, breaks: [{ start: '15:30', end: '16:30' }] }),
    ]);
    expect(problems.map((p) => [p.weekday, p.code, p.breakIndex])).toEqual([
      [1, 'break_outside_hours', 0],
      [2, 'break_outside_hours', 0],
    ]);
    expect(problems[1].message.en).toBe('Tuesday: the break 15:30–16:30 must fall within the opening hours 08:00–16:00.');
  });

  it('should allow a break that touches opening or closing time', () => {
    expect(codes([newHours({ breaks: [{ start: '08:00', end: '08:30' }, { start: '15:30', end: '16:00' }] })])).toEqual(
      [],
    );
  });

  it('should report a break that does not end after it starts', () => {
    expect(codes([newHours({ breaks: [{ start: '12:00', end: '12:00' }] })])).toEqual(['break_not_after_start']);
    expect(codes([newHours({ breaks: [{ start: '13:00', end: '12:00' }] })])).toEqual(['break_not_after_start']);
  });

  it('should report overlapping breaks but allow touching ones', () => {
    expect(codes([newHours({ breaks: [{ start: '12:00', end: '13:00' }, { start: '12:30', end: '13:30' }] })])).toEqual([
      'breaks_overlap',
    ]);
    expect(codes([newHours({ breaks: [{ start: '12:00', end: '13:00' }, { start: '13:00', end: '13:30' }] })])).toEqual([]);
  });

  it('should find an overlap between breaks that are not next to each other when sorted', () => {
    const problems = validateOpeningHours([
      newHours({
        breaks: [
          { start: '10:00', end: '14:00' },
          { start: '10:30', end: '11:00' },
          { start: '13:30', end: '14:30' },
        ],
      }),
    ]);
    expect(problems.map((p) => [p.code, p.breakIndex])).toEqual([
      ['breaks_overlap', 1],
      ['breaks_overlap', 2],
    ]);
  });
});

describe(dayStatus.name, () => {
  it('should give the weekday\'s hours on an ordinary day', () => {
    const week = newWeek();
    expect(dayStatus('2026-11-24', week, [])).toEqual({ open: true, hours: week[1] }); // Tuesday
    expect(dayStatus('2026-11-27', week, [])).toEqual({ open: true, hours: week[4] }); // Friday
  });

  it('should report a weekday without hours as weekly_closed', () => {
    expect(dayStatus('2026-11-29', newWeek(), [])).toEqual({ open: false, reason: 'weekly_closed' }); // Sunday
  });

  it('should report a closure by its kind and name', () => {
    const closures = [
      newClosure(),
      newClosure({ date: '2026-12-24', name: 'Cuti bersama Natal', kind: 'cuti_bersama' }),
      newClosure({ date: '2026-11-26', name: 'Pemeliharaan gedung', kind: 'local_closure' }),
    ];
    expect(dayStatus('2026-12-25', newWeek(), closures)).toEqual({
      open: false,
      reason: 'national_holiday',
      name: 'Kelahiran Yesus Kristus',
    });
    expect(dayStatus('2026-12-24', newWeek(), closures)).toMatchObject({ reason: 'cuti_bersama' });
    expect(dayStatus('2026-11-26', newWeek(), closures)).toMatchObject({ reason: 'local_closure' });
    expect(dayStatus('2026-11-25', newWeek(), closures)).toMatchObject({ open: true });
  });

  it('should name a holiday that falls on a day the site is closed anyway', () => {
    const closures = [newClosure({ date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)' })]; // Sunday
    expect(dayStatus('2026-04-05', newWeek(), closures)).toMatchObject({ open: false, reason: 'national_holiday' });
  });

  it('should prefer a national holiday over other closures on the same date, whatever their order', () => {
    const closures = [
      newClosure({ date: '2026-08-17', name: 'Rapat', kind: 'local_closure' }),
      newClosure({ date: '2026-08-17', name: 'Cuti', kind: 'cuti_bersama' }),
      newClosure({ date: '2026-08-17', name: 'Proklamasi Kemerdekaan', kind: 'national_holiday' }),
    ];
    expect(dayStatus('2026-08-17', newWeek(), closures)).toMatchObject({ name: 'Proklamasi Kemerdekaan' });
    expect(dayStatus('2026-08-17', newWeek(), closures.slice(0, 2))).toMatchObject({ reason: 'cuti_bersama' });
  });

  it('should reject a malformed date', () => {
    expect(() => dayStatus('24-11-2026', newWeek(), [])).toThrow(RangeError);
  });
});

describe(isOpenAt.name, () => {
  const at = (date: string, time: string, zone = KUPANG): Date => zonedToUtc(date, time, zone);

  it('should be open from opening time up to, not including, closing time', () => {
    const week = newWeek();
    expect(isOpenAt(new Date('2026-11-23T23:59:59Z'), KUPANG, week, [])).toBe(false); // 07:59:59 WITA
    expect(isOpenAt(new Date('2026-11-24T00:00:00Z'), KUPANG, week, [])).toBe(true); // 08:00 WITA
    expect(isOpenAt(at('2026-11-24', '15:59'), KUPANG, week, [])).toBe(true);
    expect(isOpenAt(at('2026-11-24', '16:00'), KUPANG, week, [])).toBe(false);
  });

  it('should be closed during a break', () => {
    const week = newWeek();
    expect(isOpenAt(at('2026-11-24', '11:59'), KUPANG, week, [])).toBe(true);
    expect(isOpenAt(at('2026-11-24', '12:00'), KUPANG, week, [])).toBe(false);
    expect(isOpenAt(new Date(at('2026-11-24', '12:59').getTime() + 59_999), KUPANG, week, [])).toBe(false);
    expect(isOpenAt(at('2026-11-24', '13:00'), KUPANG, week, [])).toBe(true);
    expect(isOpenAt(at('2026-11-27', '11:45'), KUPANG, week, [])).toBe(false); // Friday break from 11:30
  });

  it('should judge the same instant by each site\'s own clock', () => {
    const instant = new Date('2026-11-24T00:30:00Z'); // 08:30 WITA, 07:30 WIB
    expect(isOpenAt(instant, KUPANG, newWeek(), [])).toBe(true);
    expect(isOpenAt(instant, JAKARTA, newWeek(), [])).toBe(false);
  });

  it('should use the local day for hours and closures', () => {
    const week = newWeek();
    expect(isOpenAt(at('2026-11-28', '09:00'), KUPANG, week, [])).toBe(true);
    expect(isOpenAt(at('2026-11-29', '09:00'), KUPANG, week, [])).toBe(false);
    const closures = [newClosure()];
    expect(isOpenAt(at('2026-12-25', '10:00'), KUPANG, week, closures)).toBe(false);
    expect(isOpenAt(at('2026-12-24', '10:00'), KUPANG, week, closures)).toBe(true);
    // 2026-12-24T16:30Z is 00:30 on 25 Dec in Kupang but 23:30 on 24 Dec in Jakarta; 01:30Z is 08:30 WIB on the 25th.
    expect(dayStatus(localDate(new Date('2026-12-24T16:30:00Z'), KUPANG), week, closures)).toMatchObject({ open: false });
    expect(dayStatus(localDate(new Date('2026-12-24T16:30:00Z'), JAKARTA), week, closures)).toMatchObject({ open: true });
    expect(isOpenAt(new Date('2026-12-25T01:30:00Z'), JAKARTA, week, closures)).toBe(false);
  });
});
