import type { BookingCreatedResponse, BookingDaysResponse, BookingResponse, CheckInResponse, FieldError, SlotsResponse } from '@mpp/contracts';
import { zonedToUtc } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { NotificationRecipients } from '../src/notifications/notification-recipients';
import { Hall, setDailyQuota, setupHall } from './support/hall';
import { personalDataKeys } from './support/json-keys';
import { createTestApp, TestApp } from './support/test-app';

/** A valid Kupang NIK: area 537101, born 1 January 1990, serial as given. */
const nikFor = (serial: number) => `5371010101900${String(serial).padStart(3, '0')}`;

function newBookingDto(serviceId: string, overrides: Record<string, unknown> = {}) {
  return { serviceId, date: '2026-11-24', start: '10:00', nik: nikFor(1), fullName: 'Maria Goreti Lada', phone: '0812-3456-7890', ...overrides };
}

/** The content lines of an .ics, unfolded (RFC 5545 §3.1). */
function icsLines(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

/** Issue 13, journey points 2 and 3: what the portal's booking flow needs of the API. */
describe('Booking from the portal (priority group, needs, date strip, calendar file)', () => {
  let t: TestApp;
  let h: Hall;
  // Monday 23 November 2026, 08:30 WITA in Kupang.
  const clock = new FixedClock(new Date('2026-11-23T00:30:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  }, 120_000);
  afterAll(async () => t?.close());

  const book = (body: object) => t.http().post('/api/v1/bookings').send(body);

  describe('GET /services/{id}/booking-days', () => {
    it('should list every day of the horizon from the site-local today, closed days with their reason, open days with seats left', async () => {
      const sut = (await t.http().get(`/api/v1/services/${h.services.ktpBaru}/booking-days`).expect(200)).body as BookingDaysResponse;

      expect(sut.timeZone).toBe('Asia/Makassar');
      expect(sut.days[0].date).toBe('2026-11-23');
      const service = (await t.http().get(`/api/v1/services/${h.services.ktpBaru}`).expect(200)).body as { booking: { daysAhead: number } };
      expect(sut.days).toHaveLength(service.booking.daysAhead + 1);
      const sunday = sut.days.find((d) => d.date === '2026-11-29')!;
      expect(sunday).toMatchObject({ open: false, remaining: 0, closed: { reason: 'weekly_closed' } });
      expect(sunday.closed!.message.id).toBeTruthy();
      expect(sunday.closed!.message.en).toBeTruthy();
      // Each open day says as many seats as its bookable slots have left.
      const tuesday = sut.days.find((d) => d.date === '2026-11-24')!;
      const slots = (await t.http().get(`/api/v1/services/${h.services.ktpBaru}/slots`).query({ date: '2026-11-24' }).expect(200)).body as SlotsResponse;
      expect(tuesday).toMatchObject({ open: true, closed: null });
      expect(tuesday.remaining).toBe(slots.slots.filter((s) => s.bookable).reduce((n, s) => n + s.remaining, 0));
    });

    it('should count a booked seat off its day', async () => {
      const before = ((await t.http().get(`/api/v1/services/${h.services.kk}/booking-days`).expect(200)).body as BookingDaysResponse).days.find((d) => d.date === '2026-11-25')!;
      await book(newBookingDto(h.services.kk, { nik: nikFor(2), date: '2026-11-25', start: '09:00' })).expect(201);

      const after = ((await t.http().get(`/api/v1/services/${h.services.kk}/booking-days`).expect(200)).body as BookingDaysResponse).days.find((d) => d.date === '2026-11-25')!;

      expect(after.remaining).toBe(before.remaining - 1);
    });

    it('should answer 404 for an unknown service and 400 for a malformed id', async () => {
      await t.http().get('/api/v1/services/00000000-0000-4000-8000-000000000000/booking-days').expect(404);
      await t.http().get('/api/v1/services/not-a-uuid/booking-days').expect(400);
    });
  });

  describe('priority group and needs', () => {
    it('should keep them for the owner and the counter, never in the public answer', async () => {
      const created = (await book(newBookingDto(h.services.akta, { nik: nikFor(10), priorityGroup: 'disability', needs: ['sign_language', 'wheelchair'] })).expect(201))
        .body as BookingCreatedResponse;

      expect(created).toMatchObject({ priorityGroup: 'disability', needs: ['wheelchair', 'sign_language'] });
      const details = (await t.http().post(`/api/v1/bookings/${created.code}/details`).send({ token: created.manageToken }).expect(200)).body as BookingResponse;
      expect(details).toMatchObject({ priorityGroup: 'disability', needs: ['wheelchair', 'sign_language'] });
      const publicView = (await t.http().get(`/api/v1/bookings/${created.code}`).expect(200)).body as Record<string, unknown>;
      expect(publicView).not.toHaveProperty('priorityGroup');
      expect(publicView).not.toHaveProperty('needs');
      expect(JSON.stringify(publicView)).not.toMatch(/wheelchair|sign_language|disability/);
    });

    it('should default to regular with no needs', async () => {
      const created = (await book(newBookingDto(h.services.akta, { nik: nikFor(11), start: '10:30' })).expect(201)).body as BookingCreatedResponse;

      expect(created).toMatchObject({ priorityGroup: 'regular', needs: [] });
    });

    it.each([
      ['an unknown priority group', { priorityGroup: 'vip' }, 'priorityGroup'],
      ['an unknown need', { needs: ['helicopter'] }, 'needs'],
      ['a need named twice', { needs: ['wheelchair', 'wheelchair'] }, 'needs'],
      ['needs that are not a list', { needs: 'wheelchair' }, 'needs'],
    ])('should refuse %s with 400 naming the field in both languages', async (_, extra, field) => {
      const res = await book(newBookingDto(h.services.akta, { nik: nikFor(12), start: '11:00', ...extra })).expect(400);

      const named = (res.body.fields as FieldError[]).filter((f) => f.field === field);
      expect(named.length).toBeGreaterThan(0);
      for (const f of named) {
        expect(f.message.id).toBeTruthy();
        expect(f.message.en).toBeTruthy();
        expect(f.message.id).not.toBe(f.message.en);
      }
      expect(res.body.message.id).toBeTruthy();
      expect(res.body.message.en).toBeTruthy();
    });

    it('should issue the ticket with the priority group at check-in and show the needs to the officer of the ticket', async () => {
      const created = (await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(13), start: '13:00', priorityGroup: 'elderly', needs: ['wheelchair'] })).expect(201))
        .body as BookingCreatedResponse;
      clock.set(zonedToUtc('2026-11-24', '12:50', 'Asia/Makassar'));
      try {
        const checkedIn = (await t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code: created.code }).expect(200)).body as CheckInResponse;

        expect(checkedIn.ticket).toMatchObject({ source: 'booking', priority: 'elderly' });
        // The kiosk is public: the booking comes back without the needs.
        expect(checkedIn.booking).not.toHaveProperty('needs');
        const forOfficer = (await t.http().get(`/api/v1/queue/tickets/${checkedIn.ticket.id}/booking`).auth(h.officers.dukcapil1, { type: 'bearer' }).expect(200))
          .body as BookingResponse;
        expect(forOfficer).toMatchObject({ priorityGroup: 'elderly', needs: ['wheelchair'] });
        // The public ticket page says nothing of them either.
        const publicTicket = (await t.http().get(`/api/v1/tickets/${checkedIn.ticket.publicCode}`).expect(200)).body as Record<string, unknown>;
        expect(JSON.stringify(publicTicket)).not.toContain('wheelchair');
      } finally {
        clock.set('2026-11-23T00:30:00Z');
      }
    });

    it("should count the day's needs per service for the site's staff, leaving out cancelled bookings", async () => {
      const stats = async () =>
        (
          (await t.http().get('/api/v1/admin/sites/kota-kupang/booking-stats').query({ date: '2026-11-30' }).auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as {
            serviceId: string;
            needs: Record<string, number>;
          }[]
        ).find((s) => s.serviceId === h.services.skck);
      await setDailyQuota(t, h.system, h.services.skck, null);
      await book(newBookingDto(h.services.skck, { nik: nikFor(15), date: '2026-11-30', start: '09:00', needs: ['wheelchair', 'sign_language'] })).expect(201);
      await book(newBookingDto(h.services.skck, { nik: nikFor(16), date: '2026-11-30', start: '09:00', needs: ['wheelchair'] })).expect(201);
      const gone = (await book(newBookingDto(h.services.skck, { nik: nikFor(17), date: '2026-11-30', start: '09:30', needs: ['wheelchair', 'companion'] })).expect(201))
        .body as BookingCreatedResponse;
      await t.http().post(`/api/v1/bookings/${gone.code}/cancel`).send({ token: gone.manageToken }).expect(200);

      expect((await stats())?.needs).toEqual({ wheelchair: 2, sign_language: 1, companion: 0 });
    });

    it('should store them as codes from the closed lists (the database refuses others too)', async () => {
      const created = (await book(newBookingDto(h.services.akta, { nik: nikFor(14), start: '13:30', needs: ['companion'] })).expect(201)).body as BookingCreatedResponse;
      const db = t.app.get(DataSource);

      const [row] = (await db.query(`SELECT priority_group, needs FROM booking WHERE code = $1`, [created.code])) as { priority_group: string; needs: string[] }[];

      expect(row).toEqual({ priority_group: 'regular', needs: ['companion'] });
      await expect(db.query(`UPDATE booking SET needs = ARRAY['helicopter']::varchar(16)[] WHERE code = $1`, [created.code])).rejects.toThrow(/ck_booking_needs/);
      await expect(db.query(`UPDATE booking SET priority_group = 'vip' WHERE code = $1`, [created.code])).rejects.toThrow(/ck_booking_priority_group/);
    });
  });

  describe('how to be told (notifyBy)', () => {
    const preferenceOf = (phone: string) => {
      const recipients = t.app.get(NotificationRecipients);
      return recipients.preferenceOf(recipients.hashOf({ kind: 'phone', phone }));
    };
    const outboxChannels = async (code: string) =>
      ((await t.app.get(DataSource).query(`SELECT o.channel FROM outbox_message o JOIN booking b ON b.id = o.booking_id WHERE b.code = $1 ORDER BY o.id`, [code])) as { channel: string }[]).map(
        (r) => r.channel,
      );

    it("should record WhatsApp for the booking's number (by its keyed hash) and send the confirmation by WhatsApp", async () => {
      expect(await preferenceOf('+6281377001100')).toMatchObject({ channel: null });

      const created = (await book(newBookingDto(h.services.kk, { nik: nikFor(40), start: '13:00', phone: '0813-7700-1100', notifyBy: 'whatsapp', language: 'en' })).expect(201))
        .body as BookingCreatedResponse;

      // Written any way the number is: the same recipient.
      expect(await preferenceOf('081377001100')).toEqual({ channel: 'whatsapp', language: 'en', optedOut: false });
      expect(await outboxChannels(created.code)).toEqual(['whatsapp']);
      const rows = (await t.app.get(DataSource).query(`SELECT * FROM notification_recipient`)) as object[];
      expect(JSON.stringify(rows)).not.toMatch(/81377001100/);
    });

    it('should send by email instead when the citizen chose email and gave one, and leave the choice as it was when none is given', async () => {
      const created = (await book(newBookingDto(h.services.kk, { nik: nikFor(41), start: '13:30', phone: '081377001101', email: 'yohana@contoh.id', notifyBy: 'email' })).expect(201))
        .body as BookingCreatedResponse;
      expect(await preferenceOf('081377001101')).toMatchObject({ channel: 'email', language: 'id' });
      expect(await outboxChannels(created.code)).toEqual(['email']);

      await book(newBookingDto(h.services.akta, { nik: nikFor(42), start: '14:00', phone: '081377001101' })).expect(201);
      expect(await preferenceOf('081377001101')).toMatchObject({ channel: 'email' });
    });

    it('should refuse email without an address, and an unknown channel or language, with a bilingual 400 naming the field', async () => {
      for (const [extra, field] of [
        [{ notifyBy: 'email' }, 'notifyBy'],
        [{ notifyBy: 'email', email: '  ' }, 'email'],
        [{ notifyBy: 'telegram' }, 'notifyBy'],
        [{ notifyBy: 'whatsapp', language: 'fr' }, 'language'],
      ] as const) {
        const res = await book(newBookingDto(h.services.kk, { nik: nikFor(43), start: '14:30', phone: '081377001102', ...extra })).expect(400);
        const fields = res.body.fields as FieldError[];
        const named = fields.find((f) => f.field === field);
        expect(named?.message.id).toBeTruthy();
        expect(named?.message.en).toBeTruthy();
        expect(named?.message.id).not.toBe(named?.message.en);
      }
      expect(await preferenceOf('081377001102')).toMatchObject({ channel: null });
    });
  });

  describe('GET /bookings/{code}/qr.png', () => {
    it('should answer the PNG of the code for a booking, 404 for an unknown code', async () => {
      const created = (await book(newBookingDto(h.services.kk, { nik: nikFor(30), start: '15:00' })).expect(201)).body as BookingCreatedResponse;

      const res = await t.http().get(`/api/v1/bookings/${created.code}/qr.png`).expect(200);

      expect(res.headers['content-type']).toBe('image/png');
      expect((res.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
      await t.http().get('/api/v1/bookings/ZZZZZZZZ/qr.png').expect(404);
    });
  });

  describe('GET /bookings/{code}/calendar.ics', () => {
    it('should answer the event at its UTC instants, with where, what to bring and the page without the token, and nothing personal', async () => {
      const created = (await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(20), start: '10:00', email: 'maria@contoh.id', needs: ['wheelchair'], priorityGroup: 'pregnant' })).expect(201))
        .body as BookingCreatedResponse;
      expect(created.calendarUrl).toBe(`/api/v1/bookings/${created.code}/calendar.ics`);

      const res = await t.http().get(created.calendarUrl).buffer(true).parse((r, cb) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => cb(null, text));
      }).expect(200);

      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="pemesanan-${created.code.slice(0, 4)}-${created.code.slice(4)}.ics"`);
      const ics = res.body as string;
      const lines = icsLines(ics);
      // 10:00 WITA on Tuesday 24 November 2026 is 02:00 UTC.
      expect(lines).toContain('DTSTART:20261124T020000Z');
      expect(lines).toContain('DTEND:20261124T023000Z');
      expect(lines.find((l) => l.startsWith('LOCATION:'))).toContain('Kupang');
      expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('10.00–10.30 WITA');
      const url = lines.find((l) => l.startsWith('URL:'))!;
      expect(url).toMatch(new RegExp(`/pemesanan/${created.code}$`));
      for (const secret of [created.manageToken, 'Maria', 'Goreti', 'Lada', nikFor(20), '3456', 'maria@contoh.id', 'wheelchair', 'Kursi roda', 'pregnant', 'hamil']) {
        expect(ics).not.toContain(secret);
      }
    });

    it('should follow a reschedule and a cancellation, and write English when asked', async () => {
      const created = (await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(21), start: '11:00' })).expect(201)).body as BookingCreatedResponse;
      await t.http().post(`/api/v1/bookings/${created.code}/reschedule`).send({ token: created.manageToken, date: '2026-11-25', start: '14:00' }).expect(200);

      const moved = icsLines((await t.http().get(`/api/v1/bookings/${created.code}/calendar.ics`).query({ lang: 'en' }).expect(200)).text);

      expect(moved).toContain('DTSTART:20261125T060000Z');
      expect(moved.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Time: 14:00–14:30 WITA');
      expect(moved).toContain('STATUS:CONFIRMED');
      await t.http().post(`/api/v1/bookings/${created.code}/cancel`).send({ token: created.manageToken }).expect(200);
      expect(icsLines((await t.http().get(`/api/v1/bookings/${created.code}/calendar.ics`).expect(200)).text)).toContain('STATUS:CANCELLED');
    });

    it('should answer 404 in both languages for an unknown code and 400 for an unknown language', async () => {
      const missing = await t.http().get('/api/v1/bookings/ZZZZZZZZ/calendar.ics').expect(404);
      expect(missing.body.message.id).toBeTruthy();
      expect(missing.body.message.en).toBeTruthy();
      const created = (await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(22), start: '11:30' })).expect(201)).body as BookingCreatedResponse;
      const bad = await t.http().get(`/api/v1/bookings/${created.code}/calendar.ics`).query({ lang: 'fr' }).expect(400);
      expect((bad.body.fields as FieldError[])[0].field).toBe('lang');
    });

    it('should name no personal field in the create answer beyond those it always had', async () => {
      const created = (await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(23), start: '14:30', needs: ['companion'] })).expect(201)).body as BookingCreatedResponse;

      expect(personalDataKeys(created).sort()).toEqual(['nikMasked', 'phoneMasked', 'fullName'].sort());
    });
  });
});
