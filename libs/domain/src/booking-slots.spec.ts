import type { IsoWeekday, OpeningHours } from '@mpp/contracts';
import { closedDayMessage, generateDaySlots, slotsForDate, SlotsForDateInput, SlotsForDateResult } from './booking-slots';

const KUPANG = 'Asia/Makassar'; // WITA, UTC+8
const JAKARTA = 'Asia/Jakarta'; // WIB, UTC+7

function newHours(overrides: Partial<OpeningHours> = {}): OpeningHours {
  return { weekday: 1, open: '08:00', close: '12:00', breaks: [{ start: '10:00', end: '10:30' }], ...overrides };
}

/** Monday–Friday 08:00–12:00 with a break 10:00–10:30, Saturday 08:00–10:00; Sunday closed. */
function newWeek(): OpeningHours[] {
  return [
    ...([1, 2, 3, 4, 5] as IsoWeekday[]).map((weekday) => newHours({ weekday })),
    newHours({ weekday: 6, close: '10:00', breaks: [] }),
  ];
}

function newInput(overrides: Partial<SlotsForDateInput> = {}): SlotsForDateInput {
  return {
    date: '2026-11-24', // a Tuesday
    timeZone: KUPANG,
    hours: newWeek(),
    closures: [],
    slotMinutes: 30,
    now: new Date('2026-11-23T16:30:00Z'), // 2026-11-24 00:30 in Kupang, 2026-11-23 23:30 in Jakarta
    daysAhead: 7,
    cutoffMinutes: 60,
    ...overrides,
  };
}

function openSlots(result: SlotsForDateResult) {
  if (!result.open) throw new Error(`Expected an open day, got ${result.reason}`);
  return result.slots;
}

describe(generateDaySlots.name, () => {
  it('should skip the break and resume at its end with 30-minute slots', () => {
    const sut = generateDaySlots(newHours(), 30);
    expect(sut.map((slot) => slot.start)).toEqual(['08:00', '08:30', '09:00', '09:30', '10:30', '11:00', '11:30']);
    expect(sut[3]).toEqual({ start: '09:30', end: '10:00' });
    expect(sut[sut.length - 1]).toEqual({ start: '11:30', end: '12:00' });
  });

  it('should skip a 45-minute slot that would run into the break', () => {
    expect(generateDaySlots(newHours(), 45)).toEqual([
      { start: '08:00', end: '08:45' },
      { start: '08:45', end: '09:30' },
      { start: '10:30', end: '11:15' },
      { start: '11:15', end: '12:00' },
    ]);
  });

  it('should not offer a slot that would end after closing', () => {
    expect(generateDaySlots(newHours({ close: '09:50', breaks: [] }), 20)).toEqual([
      { start: '08:00', end: '08:20' },
      { start: '08:20', end: '08:40' },
      { start: '08:40', end: '09:00' },
      { start: '09:00', end: '09:20' },
      { start: '09:20', end: '09:40' },
    ]);
  });

  it('should handle several breaks, given in any order, and a break at closing time', () => {
    const hours = newHours({
      open: '07:30',
      close: '16:00',
      breaks: [
        { start: '15:00', end: '16:00' },
        { start: '11:30', end: '13:00' },
      ],
    });
    expect(generateDaySlots(hours, 60).map((slot) => `${slot.start}-${slot.end}`)).toEqual([
      '07:30-08:30',
      '08:30-09:30',
      '09:30-10:30',
      '10:30-11:30',
      '13:00-14:00',
      '14:00-15:00',
    ]);
  });

  it('should return no slots when the day is shorter than one slot', () => {
    expect(generateDaySlots(newHours({ open: '08:00', close: '08:20', breaks: [] }), 30)).toEqual([]);
  });

  it('should return a single slot when it fills the day exactly', () => {
    expect(generateDaySlots(newHours({ open: '08:00', close: '08:30', breaks: [] }), 30)).toEqual([
      { start: '08:00', end: '08:30' },
    ]);
  });

  it('should reject a slot length that is not a whole number of minutes above zero', () => {
    expect(() => generateDaySlots(newHours(), 0)).toThrow(RangeError);
    expect(() => generateDaySlots(newHours(), -15)).toThrow(RangeError);
    expect(() => generateDaySlots(newHours(), 12.5)).toThrow(RangeError);
    expect(() => generateDaySlots(newHours(), Number.NaN)).toThrow(RangeError);
  });

  it('should reject malformed times', () => {
    expect(() => generateDaySlots(newHours({ open: '8:00' }), 30)).toThrow(RangeError);
    expect(() => generateDaySlots(newHours({ breaks: [{ start: '10:00', end: '25:00' }] }), 30)).toThrow(RangeError);
  });
});

describe(slotsForDate.name, () => {
  it('should put 08:00 in Makassar at 00:00Z and 08:00 in Jakarta at 01:00Z', () => {
    const kupang = openSlots(slotsForDate(newInput({ timeZone: KUPANG })));
    const jakarta = openSlots(slotsForDate(newInput({ timeZone: JAKARTA })));
    expect(kupang[0]).toMatchObject({ date: '2026-11-24', start: '08:00', end: '08:30' });
    expect(kupang[0].startsAt.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(jakarta[0].startsAt.toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(kupang.map((slot) => slot.startsAt.toISOString())).toEqual([
      '2026-11-24T00:00:00.000Z',
      '2026-11-24T00:30:00.000Z',
      '2026-11-24T01:00:00.000Z',
      '2026-11-24T01:30:00.000Z',
      '2026-11-24T02:30:00.000Z',
      '2026-11-24T03:00:00.000Z',
      '2026-11-24T03:30:00.000Z',
    ]);
  });

  it('should treat 2026-11-23 as past in Makassar at 16:30Z, when it is already the 24th there', () => {
    expect(slotsForDate(newInput({ date: '2026-11-23', timeZone: KUPANG }))).toEqual({
      open: false,
      reason: 'outside_booking_window',
      name: null,
    });
  });

  it('should still offer 2026-11-23 in Jakarta at 16:30Z (23:30 there), with every slot past', () => {
    const sut = openSlots(slotsForDate(newInput({ date: '2026-11-23', timeZone: JAKARTA })));
    expect(sut).toHaveLength(7);
    expect(sut.every((slot) => slot.date === '2026-11-23' && !slot.bookable)).toBe(true);
  });

  it('should make a slot 30 minutes away unbookable with a 60-minute cut-off', () => {
    // 08:30 in Kupang: the 09:00 slot is 30 minutes away, 09:30 exactly 60, 10:30 two hours.
    const sut = openSlots(slotsForDate(newInput({ now: new Date('2026-11-24T00:30:00Z'), cutoffMinutes: 60 })));
    const bookable = Object.fromEntries(sut.map((slot) => [slot.start, slot.bookable]));
    expect(bookable).toEqual({
      '08:00': false,
      '08:30': false,
      '09:00': false,
      '09:30': false, // startsAt − 60 min equals now: the cut-off has been reached
      '10:30': true,
      '11:00': true,
      '11:30': true,
    });
  });

  it('should close a slot at its start when there is no cut-off', () => {
    const sut = openSlots(slotsForDate(newInput({ now: new Date('2026-11-24T00:30:00Z'), cutoffMinutes: 0 })));
    expect(sut.find((slot) => slot.start === '08:30')?.bookable).toBe(false);
    expect(sut.find((slot) => slot.start === '09:00')?.bookable).toBe(true);

    const aMomentBefore = openSlots(
      slotsForDate(newInput({ now: new Date('2026-11-24T00:29:59.999Z'), cutoffMinutes: 0 })),
    );
    expect(aMomentBefore.find((slot) => slot.start === '08:30')?.bookable).toBe(true);
  });

  it('should accept today and today + daysAhead, and refuse the day after', () => {
    // Today in Kupang is Tuesday 2026-11-24; with 7 days ahead the last day is Tuesday 2026-12-01.
    expect(slotsForDate(newInput({ date: '2026-11-24' })).open).toBe(true);
    expect(slotsForDate(newInput({ date: '2026-12-01' })).open).toBe(true);
    expect(slotsForDate(newInput({ date: '2026-12-02' }))).toEqual({
      open: false,
      reason: 'outside_booking_window',
      name: null,
    });
  });

  it('should offer only today when daysAhead is 0', () => {
    expect(slotsForDate(newInput({ date: '2026-11-24', daysAhead: 0 })).open).toBe(true);
    expect(slotsForDate(newInput({ date: '2026-11-25', daysAhead: 0 }))).toMatchObject({
      open: false,
      reason: 'outside_booking_window',
    });
  });

  it('should report a date far in the past as outside the booking window', () => {
    expect(slotsForDate(newInput({ date: '2025-11-24' }))).toMatchObject({ open: false, reason: 'outside_booking_window' });
  });

  it('should report the weekly day off without a name', () => {
    // 2026-11-29 is a Sunday.
    expect(slotsForDate(newInput({ date: '2026-11-29' }))).toEqual({ open: false, reason: 'weekly_closed', name: null });
  });

  it('should return the name of a national holiday', () => {
    // Idul Fitri 1447 H falls on Saturday 2026-03-21, a day the site would otherwise open.
    const sut = slotsForDate(
      newInput({
        date: '2026-03-21',
        now: new Date('2026-03-17T02:00:00Z'),
        closures: [{ date: '2026-03-21', name: 'Idul Fitri 1447 H', kind: 'national_holiday' }],
      }),
    );
    expect(sut).toEqual({ open: false, reason: 'national_holiday', name: 'Idul Fitri 1447 H' });
  });

  it('should return cuti bersama and local closures with their names', () => {
    const now = new Date('2026-03-17T02:00:00Z');
    expect(
      slotsForDate(
        newInput({ date: '2026-03-20', now, closures: [{ date: '2026-03-20', name: 'Cuti bersama Idul Fitri', kind: 'cuti_bersama' }] }),
      ),
    ).toEqual({ open: false, reason: 'cuti_bersama', name: 'Cuti bersama Idul Fitri' });
    expect(
      slotsForDate(
        newInput({ date: '2026-03-18', now, closures: [{ date: '2026-03-18', name: 'Pemadaman listrik', kind: 'local_closure' }] }),
      ),
    ).toEqual({ open: false, reason: 'local_closure', name: 'Pemadaman listrik' });
  });

  it('should ignore closures on other dates', () => {
    const sut = slotsForDate(newInput({ closures: [{ date: '2026-11-25', name: 'Rapat', kind: 'local_closure' }] }));
    expect(sut.open).toBe(true);
  });

  it('should check the booking window before the calendar', () => {
    // A holiday beyond the window is reported as outside the window, not by its name.
    const sut = slotsForDate(
      newInput({ date: '2026-12-25', closures: [{ date: '2026-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national_holiday' }] }),
    );
    expect(sut).toMatchObject({ open: false, reason: 'outside_booking_window' });
  });

  it('should use the Saturday hours on a Saturday', () => {
    const sut = openSlots(slotsForDate(newInput({ date: '2026-11-28' })));
    expect(sut.map((slot) => slot.start)).toEqual(['08:00', '08:30', '09:00', '09:30']);
  });

  it('should reject malformed arguments', () => {
    expect(() => slotsForDate(newInput({ date: '2026-02-29' }))).toThrow(RangeError);
    expect(() => slotsForDate(newInput({ date: '24-11-2026' }))).toThrow(RangeError);
    expect(() => slotsForDate(newInput({ timeZone: 'Asia/Kupang' }))).toThrow(RangeError);
    expect(() => slotsForDate(newInput({ daysAhead: -1 }))).toThrow(RangeError);
    expect(() => slotsForDate(newInput({ cutoffMinutes: -5 }))).toThrow(RangeError);
    expect(() => slotsForDate(newInput({ slotMinutes: 0 }))).toThrow(RangeError);
    expect(() => slotsForDate(newInput({ now: new Date('nonsense') }))).toThrow(RangeError);
  });
});

describe(closedDayMessage.name, () => {
  it('should name a national holiday in both languages', () => {
    expect(closedDayMessage('national_holiday', 'Idul Fitri 1447 H')).toEqual({
      id: 'Tutup: hari libur nasional (Idul Fitri 1447 H).',
      en: 'Closed: national holiday (Idul Fitri 1447 H).',
    });
  });

  it('should leave out the parentheses when there is no name', () => {
    expect(closedDayMessage('national_holiday', null)).toEqual({
      id: 'Tutup: hari libur nasional.',
      en: 'Closed: national holiday.',
    });
    expect(closedDayMessage('cuti_bersama', '  ').id).toBe('Tutup: cuti bersama.');
  });

  it('should explain the weekly day off', () => {
    expect(closedDayMessage('weekly_closed', null)).toEqual({
      id: 'MPP tutup pada hari ini (libur mingguan).',
      en: 'The MPP is closed on this day (weekly day off).',
    });
  });

  it('should name cuti bersama and local closures', () => {
    expect(closedDayMessage('cuti_bersama', 'Cuti bersama Idul Fitri').id).toBe('Tutup: cuti bersama (Cuti bersama Idul Fitri).');
    expect(closedDayMessage('local_closure', 'Pemadaman listrik')).toEqual({
      id: 'Tutup: MPP tidak melayani pada hari ini (Pemadaman listrik).',
      en: 'Closed: the MPP is not serving on this day (Pemadaman listrik).',
    });
  });

  it('should say how far ahead bookings go', () => {
    expect(closedDayMessage('outside_booking_window', null, 14)).toEqual({
      id: 'Pemesanan hanya untuk hari ini sampai 14 hari ke depan.',
      en: 'Bookings are only open from today up to 14 days ahead.',
    });
    expect(closedDayMessage('outside_booking_window', null, 1).en).toBe('Bookings are only open from today up to 1 day ahead.');
    expect(closedDayMessage('outside_booking_window', null, 0).id).toBe('Pemesanan hanya untuk hari ini.');
  });

  it('should fall back to a general booking-window message without daysAhead', () => {
    expect(closedDayMessage('outside_booking_window', null)).toEqual({
      id: 'Tanggal ini di luar jangka waktu pemesanan.',
      en: 'This date is outside the booking window.',
    });
  });

  it('should have a message for every reason', () => {
    const reasons = ['weekly_closed', 'national_holiday', 'cuti_bersama', 'local_closure', 'outside_booking_window', 'online_booking_disabled'] as const;
    for (const reason of reasons) {
      const sut = closedDayMessage(reason, null, 7);
      expect(sut.id.length).toBeGreaterThan(10);
      expect(sut.en.length).toBeGreaterThan(10);
    }
    expect(new Set(reasons.map((reason) => closedDayMessage(reason, null, 7).id)).size).toBe(reasons.length);
  });
});
