import type { OpeningHours } from '@mpp/contracts';
import { departureAdvice, estimatedCallAt, onlineTicketWindow, type OnlineTicketWindowInput } from './online-ticket';

const KUPANG = 'Asia/Makassar'; // UTC+8
const HOURS: OpeningHours[] = [
  { weekday: 1, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
  { weekday: 6, open: '08:00', close: '12:00', breaks: [] },
];
/** Monday 23 November 2026 in Kupang at a local time. */
const monday = (hhmm: string, seconds = 0) => new Date(`2026-11-23T${hhmm}:${String(seconds).padStart(2, '0')}+08:00`);

function newWindowInput(overrides: Partial<OnlineTicketWindowInput> = {}): OnlineTicketWindowInput {
  return { now: monday('09:00'), timeZone: KUPANG, hours: HOURS, closures: [], waitMinutes: 20, serviceMinutes: 15, ...overrides };
}

describe(onlineTicketWindow.name, () => {
  it('should take a ticket while the site serves and the call fits, with the estimated call time', () => {
    const sut = onlineTicketWindow(newWindowInput());
    expect(sut).toEqual({ open: true, closesAt: '15:30', estimatedCallAt: monday('09:20') });
  });

  it('should refuse on a day the site does not open: its weekly day off or a closure', () => {
    expect(onlineTicketWindow(newWindowInput({ now: new Date('2026-11-22T09:00:00+08:00') }))).toEqual({ open: false, reason: 'closed_today', name: null });
    const closures = [{ date: '2026-11-23', name: 'Pemeliharaan', kind: 'local_closure' as const }];
    expect(onlineTicketWindow(newWindowInput({ closures }))).toEqual({ open: false, reason: 'closed_today', name: 'Pemeliharaan' });
  });

  it('should refuse before opening (saying when it opens), at and after closing, and during a break (saying until when)', () => {
    expect(onlineTicketWindow(newWindowInput({ now: monday('07:59') }))).toEqual({ open: false, reason: 'before_opening', opensAt: '08:00' });
    expect(onlineTicketWindow(newWindowInput({ now: monday('08:00'), waitMinutes: 0 })).open).toBe(true);
    expect(onlineTicketWindow(newWindowInput({ now: monday('15:30') }))).toEqual({ open: false, reason: 'after_closing', closedAt: '15:30' });
    expect(onlineTicketWindow(newWindowInput({ now: monday('12:00') }))).toEqual({ open: false, reason: 'on_break', until: '13:00' });
    expect(onlineTicketWindow(newWindowInput({ now: monday('12:59', 59) }))).toEqual({ open: false, reason: 'on_break', until: '13:00' });
    expect(onlineTicketWindow(newWindowInput({ now: monday('13:00') })).open).toBe(true);
  });

  it('should refuse when no counter that may call the ticket is open (no estimate)', () => {
    expect(onlineTicketWindow(newWindowInput({ waitMinutes: null }))).toEqual({ open: false, reason: 'no_counter_open' });
  });

  it("should push the call past the break: 11:40 + 30 min of waiting is 13:10, not 12:10", () => {
    const sut = onlineTicketWindow(newWindowInput({ now: monday('11:40'), waitMinutes: 30 }));
    expect(sut).toEqual({ open: true, closesAt: '15:30', estimatedCallAt: monday('13:10') });
  });

  it("should refuse when the call leaves less than the service's minutes before closing, and take it when it leaves exactly them", () => {
    // 15:00 + 15 = 15:15, + 15 min of service = 15:30: just fits.
    expect(onlineTicketWindow(newWindowInput({ now: monday('15:00'), waitMinutes: 15 }))).toMatchObject({ open: true, estimatedCallAt: monday('15:15') });
    expect(onlineTicketWindow(newWindowInput({ now: monday('15:00'), waitMinutes: 16 }))).toEqual({
      open: false,
      reason: 'wait_past_closing',
      closesAt: '15:30',
      estimatedCallAt: monday('15:16'),
    });
    // Past closing altogether: the estimate is still told, as if the day went on.
    expect(onlineTicketWindow(newWindowInput({ now: monday('15:00'), waitMinutes: 60 }))).toMatchObject({ open: false, reason: 'wait_past_closing', estimatedCallAt: monday('16:00') });
  });

  it('should count the break as time no counter calls: from 10:00, 4 h 20 min of waiting end at 15:20, past the last call', () => {
    // 2 h to 12:00, the break, 2 h 20 min from 13:00: 15:20, and 15 min of service end after 15:30.
    expect(onlineTicketWindow(newWindowInput({ now: monday('10:00'), waitMinutes: 4 * 60 + 20 }))).toMatchObject({
      open: false,
      reason: 'wait_past_closing',
      estimatedCallAt: monday('15:20'),
    });
    // 4 h: 15:00, 15 min of service end by 15:30 (without the break it would read 14:00).
    expect(onlineTicketWindow(newWindowInput({ now: monday('10:00'), waitMinutes: 4 * 60 }))).toMatchObject({ open: true, estimatedCallAt: monday('15:00') });
  });

  it('should keep the seconds of now', () => {
    const sut = onlineTicketWindow(newWindowInput({ now: monday('09:00', 30), waitMinutes: 1 }));
    expect(sut).toMatchObject({ open: true, estimatedCallAt: monday('09:01', 30) });
  });

  it('should reject an invalid instant or negative minutes', () => {
    expect(() => onlineTicketWindow(newWindowInput({ now: new Date('x') }))).toThrow(RangeError);
    expect(() => onlineTicketWindow(newWindowInput({ waitMinutes: -1 }))).toThrow(RangeError);
    expect(() => onlineTicketWindow(newWindowInput({ serviceMinutes: Number.NaN }))).toThrow(RangeError);
  });
});

describe(estimatedCallAt.name, () => {
  const input = { timeZone: KUPANG, hours: HOURS, closures: [] };

  it('should add the wait to now, skipping the breaks still to come', () => {
    expect(estimatedCallAt({ ...input, now: monday('09:00'), waitMinutes: 25 })).toEqual(monday('09:25'));
    expect(estimatedCallAt({ ...input, now: monday('11:50'), waitMinutes: 25 })).toEqual(monday('13:15'));
  });

  it('should start counting at the end of the break when asked during it', () => {
    expect(estimatedCallAt({ ...input, now: monday('12:30'), waitMinutes: 10 })).toEqual(monday('13:10'));
  });

  it('should answer null when the day has no serving time left for it, or is closed', () => {
    expect(estimatedCallAt({ ...input, now: monday('15:00'), waitMinutes: 31 })).toBeNull();
    expect(estimatedCallAt({ ...input, now: new Date('2026-11-22T09:00:00+08:00'), waitMinutes: 1 })).toBeNull();
  });
});

describe(departureAdvice.name, () => {
  it('should say when to leave: the call less the travel and the arrival margin, rounded down to 5 minutes', () => {
    // Call 11:03, 30 min travel, 10 min early: 10:23 → 10:20.
    const sut = departureAdvice({ now: monday('09:00'), estimatedCallAt: monday('11:03'), travelMinutes: 30, timeZone: KUPANG });
    expect(sut).toEqual({ leaveNow: false, leaveAt: '10:20', leaveAtInstant: monday('10:20'), callAt: '11:03' });
  });

  it('should say leave now when that time has come or passed', () => {
    const sut = departureAdvice({ now: monday('10:30'), estimatedCallAt: monday('11:03'), travelMinutes: 30, timeZone: KUPANG });
    expect(sut).toMatchObject({ leaveNow: true, leaveAt: '10:30', callAt: '11:03' });
    const exactly = departureAdvice({ now: monday('10:20'), estimatedCallAt: monday('11:00'), travelMinutes: 30, timeZone: KUPANG });
    expect(exactly.leaveNow).toBe(true);
  });

  it('should pick a later time for a shorter trip, and take the margin asked for', () => {
    const near = departureAdvice({ now: monday('09:00'), estimatedCallAt: monday('11:00'), travelMinutes: 15, timeZone: KUPANG });
    const far = departureAdvice({ now: monday('09:00'), estimatedCallAt: monday('11:00'), travelMinutes: 60, timeZone: KUPANG });
    expect(near.leaveAt).toBe('10:35');
    expect(far.leaveAt).toBe('09:50');
    expect(departureAdvice({ now: monday('09:00'), estimatedCallAt: monday('11:00'), travelMinutes: 15, timeZone: KUPANG, arriveBeforeMinutes: 0 }).leaveAt).toBe('10:45');
  });

  it("should tell times in the site's zone (WIB is an hour behind WITA)", () => {
    const sut = departureAdvice({ now: monday('09:00'), estimatedCallAt: monday('11:00'), travelMinutes: 15, timeZone: 'Asia/Jakarta' });
    expect(sut).toMatchObject({ leaveAt: '09:35', callAt: '10:00' });
  });

  it('should reject negative travel minutes and invalid instants', () => {
    expect(() => departureAdvice({ now: monday('09:00'), estimatedCallAt: monday('11:00'), travelMinutes: -5, timeZone: KUPANG })).toThrow(RangeError);
    expect(() => departureAdvice({ now: new Date(Number.NaN), estimatedCallAt: monday('11:00'), travelMinutes: 5, timeZone: KUPANG })).toThrow(RangeError);
  });
});
