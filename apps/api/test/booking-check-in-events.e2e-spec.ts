import type { BookingCreatedResponse, CheckInResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { BookingRepository } from '../src/booking/booking.repository';
import { BookingService } from '../src/booking/booking.service';
import { FixedClock } from '../src/common/clock';
import { QueueEvents } from '../src/queue/queue-events';
import { Hall, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the serial given. */
function nikFor(serial: number): string {
  return `5371010101900${String(serial).padStart(3, '0')}`;
}

function newBookingDto(serviceId: string, serial: number) {
  return { serviceId, date: '2026-11-24', start: '10:00', nik: nikFor(serial), fullName: 'Maria Goreti Lada', phone: '0812-3456-7890' };
}

describe(`${BookingService.name}.checkIn and the queue's events`, () => {
  let t: TestApp;
  let h: Hall;
  // Monday 23 November 2026, 08:30 WITA in Kupang.
  const clock = new FixedClock(new Date('2026-11-23T00:30:00Z'));
  let heard: { action: string; ticketId: string; bookingStatus: Promise<string> }[];
  let off: () => void;

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  });
  afterAll(async () => t?.close());

  beforeEach(() => {
    heard = [];
    // What the database shows, on another connection, at the moment the hall hears of the ticket.
    const db = t.app.get(DataSource);
    off = t.app.get(QueueEvents).onTicket(({ row, action }) => {
      const bookingStatus = db.query(`SELECT status FROM booking WHERE ticket_id = $1`, [row.id]).then((rows: { status: string }[]) => rows[0]?.status ?? 'none');
      heard.push({ action, ticketId: row.id, bookingStatus });
    });
  });
  afterEach(() => {
    off();
    jest.restoreAllMocks();
  });

  const book = async (serial: number) => {
    clock.set('2026-11-23T00:30:00Z');
    const booking = (await t.http().post('/api/v1/bookings').send(newBookingDto(h.services.akta, serial)).expect(201)).body as BookingCreatedResponse;
    clock.set('2026-11-24T01:45:00Z'); // 09:45 WITA: inside the check-in window of the 10:00 slot
    return booking;
  };
  const checkIn = (code: string) => t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code });

  it('should announce the ticket to the hall once the check-in has committed', async () => {
    const booking = await book(61);

    const res = (await checkIn(booking.code).expect(200)).body as CheckInResponse;

    expect(heard.map(({ action, ticketId }) => ({ action, ticketId }))).toEqual([{ action: 'issue', ticketId: res.ticket.id }]);
    expect(await heard[0].bookingStatus).toBe('checked_in');
  });

  it('should announce nothing, and keep no ticket, when the check-in rolls back after its ticket was issued', async () => {
    const booking = await book(62);
    const bookingTickets = async () =>
      ((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ticket WHERE source = 'booking' AND local_date = '2026-11-24'`)) as { n: number }[])[0].n;
    const before = await bookingTickets();
    jest.spyOn(t.app.get(BookingRepository), 'setStatus').mockRejectedValueOnce(new Error('connection lost'));

    await checkIn(booking.code).expect(500);

    expect(heard).toEqual([]);
    expect(await bookingTickets()).toBe(before);
    const res = (await checkIn(booking.code).expect(200)).body as CheckInResponse;
    expect(heard.map((e) => e.ticketId)).toEqual([res.ticket.id]);
    expect(await bookingTickets()).toBe(before + 1);
  });
});
