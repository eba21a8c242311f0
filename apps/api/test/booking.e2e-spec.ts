import type { BookingCreatedResponse, BookingPublicResponse, BookingResponse, CheckInResponse, SlotsResponse, TicketResponse } from '@mpp/contracts';
import { maskNik, zonedToUtc } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { BookingService } from '../src/booking/booking.service';
import { counterAction, Hall, issue, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';
import { personalDataKeys } from './support/json-keys';

/** A valid Kupang NIK: area 537101, born 1990 (women: day + 40), serial as given. */
function nikFor(serial: number, opts: { day?: number; month?: number; female?: boolean } = {}): string {
  const day = (opts.day ?? 1) + (opts.female ? 40 : 0);
  return `537101${String(day).padStart(2, '0')}${String(opts.month ?? 1).padStart(2, '0')}90${String(serial).padStart(4, '0')}`;
}

/** Reads a binary answer (the PDF) as a Buffer. */
function binary(res: { on(event: string, listener: (chunk: Buffer) => void): unknown }, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

function newBookingDto(serviceId: string, overrides: Record<string, unknown> = {}) {
  return { serviceId, date: '2026-11-24', start: '10:00', nik: nikFor(1), fullName: 'Maria Goreti Lada', phone: '0812-3456-7890', ...overrides };
}

describe('Online booking', () => {
  let t: TestApp;
  let h: Hall;
  // Monday 23 November 2026, 08:30 WITA in Kupang.
  const clock = new FixedClock(new Date('2026-11-23T00:30:00Z'));
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  });
  afterAll(async () => t?.close());

  const slots = async (serviceId: string, date: string) => (await t.http().get(`/api/v1/services/${serviceId}/slots`).query({ date }).expect(200)).body as SlotsResponse;
  const book = (body: object) => t.http().post('/api/v1/bookings').send(body);

  describe('slots', () => {
    it("should generate slots from the site's hours and breaks, in the site's time zone", async () => {
      const day = await slots(h.services.ktpBaru, '2026-11-24');
      expect(day.open).toBe(true);
      const first = day.slots[0];
      // 08:00 WITA is midnight UTC.
      expect(first).toMatchObject({ start: '08:00', startsAt: '2026-11-24T00:00:00.000Z' });
      expect(new Date(first.startsAt).getTime()).toBe(zonedToUtc('2026-11-24', '08:00', 'Asia/Makassar').getTime());
      expect(day.slots.some((s) => s.start >= '12:00' && s.start < '13:00')).toBe(false);
      expect(day.slots.every((s) => s.remaining === s.capacity)).toBe(true);
    });

    it('should read 08:00 WITA as 07:00 WIB: each site in its own zone', async () => {
      const probolinggoService = (await t.http().get('/api/v1/services').query({ site: 'kota-probolinggo', pageSize: 1 }).expect(200)).body.items[0].id as string;
      const pbl = await slots(probolinggoService, '2026-11-24');
      const kpg = await slots(h.services.ktpBaru, '2026-11-24');
      expect(pbl.timeZone).toBe('Asia/Jakarta');
      const kupang0800 = kpg.slots.find((s) => s.start === '08:00')!;
      const probolinggo0700 = zonedToUtc('2026-11-24', '07:00', 'Asia/Jakarta').toISOString();
      expect(kupang0800.startsAt).toBe(probolinggo0700);
    });

    it('should answer a closed day with an empty list and the reason', async () => {
      const sunday = await slots(h.services.ktpBaru, '2026-11-29');
      expect(sunday).toMatchObject({ open: false, slots: [], closed: { reason: 'weekly_closed' } });
      clock.set('2026-12-20T01:00:00Z');
      try {
        const christmas = await slots(h.services.ktpBaru, '2026-12-25');
        expect(christmas).toMatchObject({ open: false, slots: [], closed: { reason: 'national_holiday', name: 'Kelahiran Yesus Kristus' } });
        expect(christmas.closed!.message.id).toContain('Kelahiran Yesus Kristus');
        const far = await slots(h.services.ktpBaru, '2027-02-01');
        expect(far.closed!.reason).toBe('outside_booking_window');
      } finally {
        clock.set('2026-11-23T00:30:00Z');
      }
    });

    it("should follow the site's day, not the UTC day, around local midnight", async () => {
      // 16:30 UTC on Monday is 00:30 Tuesday in Kupang but 23:30 Monday in Probolinggo.
      clock.set('2026-11-23T16:30:00Z');
      try {
        expect((await slots(h.services.ktpBaru, '2026-11-23')).closed!.reason).toBe('outside_booking_window');
        const tuesday = await slots(h.services.ktpBaru, '2026-11-24');
        expect(tuesday.open).toBe(true);
        expect(tuesday.slots[0].bookable).toBe(true);
        const probolinggoService = (await t.http().get('/api/v1/services').query({ site: 'kota-probolinggo', pageSize: 1 }).expect(200)).body.items[0].id as string;
        const mondayPbl = await slots(probolinggoService, '2026-11-23');
        expect(mondayPbl.open).toBe(true);
        expect(mondayPbl.slots.every((s) => !s.bookable)).toBe(true);
      } finally {
        clock.set('2026-11-23T00:30:00Z');
      }
    });

    it('should refuse a bad date with 400 and an unknown service with 404', async () => {
      expect((await t.http().get(`/api/v1/services/${h.services.ktpBaru}/slots`).query({ date: '24-11-2026' }).expect(400)).body.fields[0].field).toBe('date');
      await t.http().get('/api/v1/services/00000000-0000-4000-8000-000000000000/slots').query({ date: '2026-11-24' }).expect(404);
    });
  });

  describe('dates that do not exist', () => {
    it.each(['2026-02-30', '2026-13-01', '0000-00-00', '2026-04-31'])('should answer %s with 400 naming the date in slots, booking and reschedule', async (date) => {
      clock.set('2026-11-23T00:30:00Z');
      const created = (await book(newBookingDto(h.services.akta, { nik: nikFor(50), date: '2026-11-26', start: '15:00' })).expect(201)).body as BookingCreatedResponse;
      try {
        const answers = [
          await t.http().get(`/api/v1/services/${h.services.ktpBaru}/slots`).query({ date }),
          await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(51), date })),
          await t.http().post(`/api/v1/bookings/${created.code}/reschedule`).send({ token: created.manageToken, date, start: '08:00' }),
        ];
        for (const res of answers) {
          expect(res.status).toBe(400);
          const named = (res.body.fields as { field: string; message: { id: string; en: string } }[]).find((f) => f.field === 'date');
          expect(named?.message.id).toBeTruthy();
          expect(named?.message.en).toBeTruthy();
        }
      } finally {
        await t.http().post(`/api/v1/bookings/${created.code}/cancel`).send({ token: created.manageToken }).expect(200);
      }
    });
  });

  describe('booking', () => {
    it('should book a slot and show the NIK only masked ever after', async () => {
      const nik = nikFor(11);
      const res = await book(newBookingDto(h.services.ktpBaru, { nik, start: '08:30' })).expect(201);
      const created = res.body as BookingCreatedResponse;
      expect(created.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(created).toMatchObject({ status: 'active', date: '2026-11-24', start: '08:30', end: '09:00', nikMasked: maskNik(nik), phoneMasked: expect.stringContaining('****') });
      expect(created.qr).toMatch(/^data:image\/png;base64,/);
      expect(JSON.stringify(created)).not.toContain(nik);
      expect(JSON.stringify(created)).not.toContain('81234567890');
      const fetched = (await t.http().post(`/api/v1/bookings/${created.code}/details`).send({ token: created.manageToken }).expect(200)).body as BookingResponse;
      expect(fetched).toMatchObject({ fullName: 'Maria Goreti Lada', nikMasked: maskNik(nik) });
      expect(JSON.stringify(fetched)).not.toContain(nik);
      const pdf = await t.http().post(created.confirmationUrl).send({ token: created.manageToken }).buffer(true).parse(binary).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      // Not readable in a database dump: no plain NIK, name or phone in the row.
      const [row] = await db().query(`SELECT * FROM booking WHERE code = $1`, [created.code]);
      const dump = JSON.stringify(row);
      expect(dump).not.toContain(nik);
      expect(dump).not.toContain('Maria');
      expect(dump).not.toContain('81234567890');
      // The outbox holds the message, without the NIK and with the recipient encrypted.
      const outbox = await db().query(`SELECT * FROM outbox_message WHERE booking_id = $1`, [row.id]);
      // One confirmation, by SMS only: the booking gave a phone and no email address.
      expect(outbox.map((o: { channel: string }) => o.channel)).toEqual(['sms']);
      expect(JSON.stringify(outbox)).not.toContain(nik);
      expect(JSON.stringify(outbox.map((o: { recipient_cipher: string }) => o.recipient_cipher))).not.toContain('81234567890');
    });

    it.each([
      ['nik', { nik: '537101010190000' }],
      ['nik', { nik: '5371013202900001' }],
      ['nik', { nik: '9971010101900001' }],
      ['nik', { nik: '5371010101900000' }],
      ['nik', { nik: 'abcdefghijklmnop' }],
      ['fullName', { fullName: 'x' }],
      ['fullName', { fullName: 'Robert<script>' }],
      ['phone', { phone: '021-555-1234' }],
      ['phone', { phone: '0812' }],
      ['email', { email: 'bukan-email' }],
      ['date', { date: '2026-02-30x' }],
      ['start', { start: '8:00' }],
      ['serviceId', { serviceId: 'ktp' }],
    ])('should refuse a bad %s with 400 naming it in both languages (%j)', async (field, override) => {
      const res = await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(90), ...override })).expect(400);
      const named = res.body.fields.find((f: { field: string }) => f.field === field);
      expect(named).toBeDefined();
      expect(named.message.id).toBeTruthy();
      expect(named.message.en).toBeTruthy();
    });

    it("should accept a woman's NIK (day + 40) and normalise the phone to +62", async () => {
      const res = await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(12, { day: 15, month: 6, female: true }), phone: '0812 3456 7891', start: '09:00' })).expect(201);
      const [row] = await db().query(`SELECT phone_cipher FROM booking WHERE code = $1`, [res.body.code]);
      const { PiiCipher } = await import('../src/common/pii-cipher');
      expect(t.app.get(PiiCipher).decrypt(row.phone_cipher)).toBe('+6281234567891');
    });

    it('should refuse a slot that does not exist, a closed day and a slot past its cut-off', async () => {
      expect((await book(newBookingDto(h.services.ktpBaru, { start: '12:30' })).expect(422)).body.code).toBe('NO_SUCH_SLOT');
      expect((await book(newBookingDto(h.services.ktpBaru, { date: '2026-11-29' })).expect(422)).body.code).toBe('DAY_CLOSED');
      // 09:00 today is 30 minutes away, inside the 60-minute cut-off.
      expect((await book(newBookingDto(h.services.ktpBaru, { date: '2026-11-23', start: '09:00', nik: nikFor(13) })).expect(409)).body.code).toBe('SLOT_CLOSED');
    });

    it('should allow one active booking per NIK, service and day, and a weekly limit per NIK', async () => {
      const nik = nikFor(14);
      await book(newBookingDto(h.services.kk, { nik, start: '08:00' })).expect(201);
      expect((await book(newBookingDto(h.services.kk, { nik, start: '08:30' })).expect(409)).body.code).toBe('ALREADY_BOOKED');
      await book(newBookingDto(h.services.kk, { nik, date: '2026-11-25', start: '08:00' })).expect(201);
      await book(newBookingDto(h.services.akta, { nik, date: '2026-11-25', start: '08:00' })).expect(201);
      const fourth = await book(newBookingDto(h.services.skck, { nik, date: '2026-11-26', start: '08:00' })).expect(409);
      expect(fourth.body.code).toBe('WEEKLY_LIMIT');
      // Next ISO week is another week.
      await book(newBookingDto(h.services.skck, { nik, date: '2026-11-30', start: '08:00' })).expect(201);
    });

    it('should keep the weekly limit when bookings from another week are moved into a full one, even racing', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const nik = nikFor(60);
      const free = async (serviceId: string, date: string) => (await slots(serviceId, date)).slots.find((s) => s.bookable && s.remaining > 0)!.start;
      const bookOn = async (serviceId: string, date: string) =>
        (await book(newBookingDto(serviceId, { nik, date, start: await free(serviceId, date) })).expect(201)).body as BookingCreatedResponse;
      // This week (limit 3): two bookings. Next week: three, one per service.
      await bookOn(h.services.kk, '2026-11-24');
      await bookOn(h.services.kk, '2026-11-25');
      const nextWeek = [await bookOn(h.services.akta, '2026-12-01'), await bookOn(h.services.skck, '2026-12-02'), await bookOn(h.services.ktpBaru, '2026-12-03')];
      const moves = await Promise.all(
        nextWeek.map(async (b) => t.http().post(`/api/v1/bookings/${b.code}/reschedule`).send({ token: b.manageToken, date: '2026-11-26', start: await free(b.service.id, '2026-11-26') })),
      );
      expect(moves.map((m) => m.status).sort()).toEqual([200, 409, 409]);
      expect(moves.filter((m) => m.status === 409).every((m) => m.body.code === 'WEEKLY_LIMIT')).toBe(true);
      const [{ n }] = await db().query(
        `SELECT count(*)::int AS n FROM booking WHERE nik_hash = (SELECT nik_hash FROM booking WHERE code = $1) AND slot_date BETWEEN '2026-11-23' AND '2026-11-29' AND status = 'active'`,
        [nextWeek[0].code],
      );
      expect(n).toBe(3);
      // Within the full week a booking still moves to another day.
      const moved = moves.find((m) => m.status === 200)!.body as BookingResponse;
      const token = nextWeek.find((b) => b.code === moved.code)!.manageToken;
      await t.http().post(`/api/v1/bookings/${moved.code}/reschedule`).send({ token, date: '2026-11-27', start: await free(moved.service.id, '2026-11-27') }).expect(200);
    });

    it('should cancel and reschedule with the manage token, freeing the seat at once', async () => {
      const nik = nikFor(15);
      const created = (await book(newBookingDto(h.services.akta, { nik, start: '11:00' })).expect(201)).body as BookingCreatedResponse;
      const token = created.manageToken;
      const remaining = async (start: string) => (await slots(h.services.akta, '2026-11-24')).slots.find((s) => s.start === start)!.remaining;
      const before = await remaining('11:00');
      const moved = await t.http().post(`/api/v1/bookings/${created.code}/reschedule`).send({ token, date: '2026-11-24', start: '11:30' }).expect(200);
      expect(moved.body).toMatchObject({ code: created.code, start: '11:30' });
      expect(await remaining('11:00')).toBe(before + 1);
      const cancelled = await t.http().post(`/api/v1/bookings/${created.code}/cancel`).send({ token }).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await remaining('11:30')).toBe((await slots(h.services.akta, '2026-11-24')).slots.find((s) => s.start === '11:30')!.capacity);
      expect((await t.http().post(`/api/v1/bookings/${created.code}/cancel`).send({ token }).expect(409)).body.code).toBe('BOOKING_NOT_ACTIVE');
      await t.http().post(`/api/v1/bookings/${created.code}/cancel`).send({ token: 12 }).expect(400);
    });

    it('should never overbook: 100 racing bookings at a slot of capacity 5 leave exactly 5', async () => {
      const service = (await t.http().get(`/api/v1/services/${h.services.skck}`).expect(200)).body;
      await t.http().patch(`/api/v1/admin/services/${h.services.skck}`).auth(h.system, { type: 'bearer' }).send({ booking: { ...service.booking, slotCapacity: 5 } }).expect(200);
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => book(newBookingDto(h.services.skck, { nik: nikFor(200 + i), date: '2026-11-27', start: '13:00' }))));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === 409)).toHaveLength(95);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'SLOT_FULL')).toBe(true);
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM booking WHERE service_id = $1 AND slot_date = '2026-11-27' AND slot_start = '13:00' AND status = 'active'`, [h.services.skck]);
      expect(n).toBe(5);
      expect((await slots(h.services.skck, '2026-11-27')).slots.find((s) => s.start === '13:00')!.remaining).toBe(0);
    });
  });

  describe('messages that say what is wrong', () => {
    it('should name every bad field at once: an empty name hides neither a bad NIK nor a bad phone', async () => {
      const res = await book(newBookingDto(h.services.ktpBaru, { fullName: '', nik: '5371013202900001', phone: '021-555-1234', date: '2026-02-30' })).expect(400);
      const named = (res.body.fields as { field: string; message: { id: string; en: string } }[]).map((f) => f.field);
      expect(new Set(named)).toEqual(new Set(['fullName', 'nik', 'phone', 'date']));
      for (const field of res.body.fields as { message: { id: string; en: string } }[]) {
        expect(field.message.id).toBeTruthy();
        expect(field.message.en).toBeTruthy();
      }
    });

    it('should check a name after trimming and in Unicode NFC', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const short = await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(80), fullName: 'A ' })).expect(400);
      expect(short.body.fields.map((f: { field: string }) => f.field)).toEqual(['fullName']);
      const combining = 'Jose\u0301 Ramos';
      const created = (await book(newBookingDto(h.services.ktpBaru, { nik: nikFor(81), fullName: `  ${combining} `, start: '14:00' })).expect(201)).body as BookingCreatedResponse;
      expect(created.fullName).toBe('Jos\u00e9 Ramos');
      await t.http().post(`/api/v1/bookings/${created.code}/cancel`).send({ token: created.manageToken }).expect(200);
    });

    it("should name the day of a booking that is not today when it is too early to check in", async () => {
      clock.set('2026-11-23T00:30:00Z');
      const booking = (await book(newBookingDto(h.services.kk, { nik: nikFor(82), date: '2026-11-24', start: '08:00' })).expect(201)).body as BookingCreatedResponse;
      const early = await t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code: booking.code }).expect(409);
      expect(early.body.code).toBe('CHECK_IN_TOO_EARLY');
      expect(early.body.message.id).toContain('Selasa, 24 November 2026');
      expect(early.body.message.id).toContain('pukul 07.30 WITA');
      expect(early.body.message.en).toContain('Tuesday, 24 November 2026');
      expect(early.body.message.en).toContain('at 07:30 WITA');
      await t.http().post(`/api/v1/bookings/${booking.code}/cancel`).send({ token: booking.manageToken }).expect(200);
    });

    it('should say why the site is closed in each language apart, with the local time and its zone', async () => {
      clock.set('2026-11-23T23:00:00Z'); // Tuesday 07:00 WITA, an hour before opening
      try {
        const closed = await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: h.services.skck }).expect(409);
        expect(closed.body.code).toBe('SITE_CLOSED');
        expect(closed.body.message.id).toContain('buka pukul 08.00 WITA');
        expect(closed.body.message.en).toContain('opens at 08:00 WITA');
        expect(closed.body.message.en).not.toMatch(/buka|pukul/);
        expect(closed.body.message.id).not.toMatch(/opens/);
      } finally {
        clock.set('2026-11-23T00:30:00Z');
      }
    });
  });

  describe('proof of ownership', () => {
    const pdfOf = (code: string, proof: object) => t.http().post(`/api/v1/bookings/${code}/confirmation.pdf`).send(proof).buffer(true).parse(binary);
    const cancel = (code: string, proof: object) => t.http().post(`/api/v1/bookings/${code}/cancel`).send(proof);
    const reschedule = (code: string, proof: object) => t.http().post(`/api/v1/bookings/${code}/reschedule`).send({ date: '2026-11-25', start: '14:00', ...proof });

    it('should refuse to cancel, reschedule or print a booking for the code alone, a guessed token or the NIK, and allow it with the token', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const nik = nikFor(40);
      const created = (await book(newBookingDto(h.services.akta, { nik, date: '2026-11-25', start: '13:00' })).expect(201)).body as BookingCreatedResponse;
      expect(Buffer.from(created.manageToken, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(created.manageUrl).toMatch(new RegExp(`/pemesanan/${created.code}#k=${created.manageToken}$`));
      const guessed = Buffer.alloc(16, 7).toString('base64url');
      for (const proof of [{}, { token: guessed }, { nik }, { nik: nik.slice(-4) }]) {
        for (const res of [await cancel(created.code, proof), await reschedule(created.code, proof), await pdfOf(created.code, proof), await t.http().post(`/api/v1/bookings/${created.code}/details`).send(proof)]) {
          expect(res.status).toBe(403);
          expect(res.body.message?.id ?? JSON.parse(res.body.toString()).message.id).toBeTruthy();
        }
      }
      await t.http().get(`/api/v1/bookings/${created.code}/confirmation.pdf`).expect(404);
      expect((await t.http().get(`/api/v1/bookings/${created.code}`).expect(200)).body.status).toBe('active');

      const pdf = await pdfOf(created.code, { token: created.manageToken }).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((await reschedule(created.code, { token: created.manageToken }).expect(200)).body).toMatchObject({ start: '14:00', fullName: 'Maria Goreti Lada' });
      expect((await cancel(created.code, { token: created.manageToken }).expect(200)).body.status).toBe('cancelled');
      // The token is kept only as its hash.
      const [row] = await db().query(`SELECT * FROM booking WHERE code = $1`, [created.code]);
      expect(JSON.stringify(row)).not.toContain(created.manageToken);
      expect(Buffer.from(row.manage_token_hash).toString('base64url')).not.toContain(created.manageToken);
    });

    it('should show no name and no NIK or phone digits to the public look-up by code', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const nik = nikFor(41);
      const dto = newBookingDto(h.services.kk, { nik, date: '2026-11-26', start: '13:00', fullName: 'Agustinus Nule Kase', phone: '0813-9876-5432' });
      const created = (await book(dto).expect(201)).body as BookingCreatedResponse;
      const sut = (await t.http().get(`/api/v1/bookings/${created.code}`).expect(200)).body as BookingPublicResponse;
      expect(sut).toMatchObject({ code: created.code, status: 'active', date: '2026-11-26', start: '13:00', service: { id: h.services.kk } });
      const text = JSON.stringify(sut);
      for (const part of ['Agustinus', 'Nule', 'Kase', nik, nik.slice(0, 6), nik.slice(-4), '9876', '5432', created.manageToken]) expect(text).not.toContain(part);
      expect(Object.keys(sut)).not.toEqual(expect.arrayContaining(['fullName']));
      expect(personalDataKeys(sut)).toEqual([]);
    });

    it('should manage a booking made before manage tokens by its full NIK, and lock that path after repeated wrong proofs, wrong tokens included', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const nik = nikFor(42);
      const created = (await book(newBookingDto(h.services.kk, { nik, date: '2026-11-26', start: '14:00' })).expect(201)).body as BookingCreatedResponse;
      await db().query(`UPDATE booking SET manage_token_hash = NULL WHERE code = $1`, [created.code]); // as made before the change
      const details = (proof: object) => t.http().post(`/api/v1/bookings/${created.code}/details`).send(proof);
      expect((await details({ nik }).expect(200)).body).toMatchObject({ hasManageToken: false, fullName: 'Maria Goreti Lada' });
      expect((await details({ nik: nik.slice(-4) }).expect(403)).body.code).toBe('BOOKING_PROOF_INVALID');
      expect((await details({ token: created.manageToken }).expect(403)).body.code).toBe('BOOKING_PROOF_INVALID');
      expect((await details({ nik: nikFor(43) }).expect(403)).body.code).toBe('BOOKING_PROOF_INVALID');
      await details({ token: 'guessed-token' }).expect(403);
      await details({ nik: nikFor(44) }).expect(403); // the fifth failure
      const locked = await cancel(created.code, { nik }).expect(429);
      expect(locked.body.code).toBe('BOOKING_LOCKED');
      expect(locked.body.message.en).toContain('60 minutes');
      clock.set('2026-11-23T01:31:00Z');
      expect((await cancel(created.code, { nik }).expect(200)).body.status).toBe('cancelled');
    });

    it('should let no more than the allowed NIK guesses through when they race', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const created = (await book(newBookingDto(h.services.kk, { nik: nikFor(45), date: '2026-11-27', start: '14:00' })).expect(201)).body as BookingCreatedResponse;
      await db().query(`UPDATE booking SET manage_token_hash = NULL WHERE code = $1`, [created.code]);
      const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => t.http().post(`/api/v1/bookings/${created.code}/details`).send({ nik: nikFor(100 + i) })));
      const statuses = guesses.map((g) => g.status);
      expect(statuses.filter((s) => s === 403)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
      await t.http().post(`/api/v1/bookings/${created.code}/details`).send({ nik: nikFor(45) }).expect(429);
    });
  });

  describe('check-in at the kiosk', () => {
    const checkIn = (code: string, token = h.kiosk) => t.http().post('/api/v1/queue/check-in').auth(token, { type: 'bearer' }).send({ code });

    it('should take the whole path: book, check in at the kiosk, get called in the place of the slot', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const booking = (await book(newBookingDto(h.services.akta, { nik: nikFor(31), date: '2026-11-24', start: '10:00' })).expect(201)).body as BookingCreatedResponse;
      clock.set('2026-11-24T01:00:00Z'); // 09:00 WITA: the window opens 30 minutes before 10:00
      const early = await checkIn(booking.code).expect(409);
      expect(early.body.code).toBe('CHECK_IN_TOO_EARLY');
      expect(early.body.message.id).toContain('pukul 09.30 WITA');
      expect(early.body.message.en).toContain('at 09:30 WITA');
      expect(early.body.message.id).not.toContain('Selasa'); // today: no day named

      clock.set('2026-11-24T02:01:00Z'); // 10:01 WITA
      const walkIn = await issue(t, h.kiosk, h.services.akta);
      clock.set('2026-11-24T02:02:00Z'); // 10:02: still inside the window (15 min late allowed)
      const res = (await checkIn(booking.code.slice(0, 4).toLowerCase() + '-' + booking.code.slice(4)).expect(200)).body as CheckInResponse;
      expect(res).toMatchObject({ outcome: 'checked_in', booking: { status: 'checked_in' }, ticket: { source: 'booking', status: 'waiting' } });
      // The kiosk is a public terminal: the booking comes back as its code shows it to anyone.
      expect(res.booking.ticket).toEqual({ number: res.ticket.number });
      expect(Object.keys(res.booking).sort()).toEqual(Object.keys((await t.http().get(`/api/v1/bookings/${booking.code}`).expect(200)).body).sort());
      for (const secret of [booking.fullName, booking.nikMasked, booking.phoneMasked]) expect(JSON.stringify(res)).not.toContain(secret);
      // The booking's place is its slot time (10:00), ahead of the 10:01 walk-in.
      expect(res.ticket.position).toBeLessThan((await t.http().get(`/api/v1/tickets/${walkIn.publicCode}`).expect(200)).body.position);
      const again = (await checkIn(booking.code).expect(200)).body as CheckInResponse;
      expect(again).toMatchObject({ outcome: 'already_checked_in', ticket: { id: res.ticket.id } });

      let called: TicketResponse;
      do {
        called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
        await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'no-show').expect(200);
      } while (called.id !== res.ticket.id && called.id !== walkIn.id);
      expect(called.id).toBe(res.ticket.id);
    });

    it('should turn a late arrival into a walk-in, or refuse it where the site says so', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const late = (await book(newBookingDto(h.services.kk, { nik: nikFor(32), date: '2026-11-24', start: '13:00' })).expect(201)).body as BookingCreatedResponse;
      const refused = (await book(newBookingDto(h.services.kk, { nik: nikFor(33), date: '2026-11-24', start: '13:00' })).expect(201)).body as BookingCreatedResponse;
      clock.set('2026-11-24T05:20:00Z'); // 13:20 WITA, 20 minutes late
      const walkIn = (await checkIn(late.code).expect(200)).body as CheckInResponse;
      expect(walkIn).toMatchObject({ outcome: 'walk_in', ticket: { source: 'kiosk' } });
      expect(new Date(walkIn.ticket.issuedAt).toISOString()).toBe('2026-11-24T05:20:00.000Z');
      await t.http().put('/api/v1/admin/sites/kota-kupang/booking-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ checkInEarlyMinutes: 30, checkInLateMinutes: 15, latePolicy: 'refuse', weeklyLimitPerNik: 3 }).expect(200);
      try {
        expect((await checkIn(refused.code).expect(409)).body.code).toBe('CHECK_IN_CLOSED');
      } finally {
        await t.http().put('/api/v1/admin/sites/kota-kupang/booking-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ checkInEarlyMinutes: 30, checkInLateMinutes: 15, latePolicy: 'walk_in', weeklyLimitPerNik: 3 }).expect(200);
      }
    });

    const setLatePolicy = (latePolicy: 'walk_in' | 'refuse') =>
      t.http().put('/api/v1/admin/sites/kota-kupang/booking-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ checkInEarlyMinutes: 30, checkInLateMinutes: 15, latePolicy, weeklyLimitPerNik: 3 }).expect(200);

    it('should mark bookings not checked in by the end of their window as no-shows where late arrivals are refused, counted per service', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const missed = (await book(newBookingDto(h.services.kk, { nik: nikFor(34), date: '2026-11-25', start: '09:00' })).expect(201)).body as BookingCreatedResponse;
      const noShowsOfKk = async () =>
        ((await t.http().get('/api/v1/admin/sites/kota-kupang/booking-stats').query({ date: '2026-11-25' }).auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as { serviceId: string; noShow: number }[]).find(
          (s) => s.serviceId === h.services.kk,
        )?.noShow ?? 0;
      let before = Number.NaN;
      await setLatePolicy('refuse');
      try {
        clock.set('2026-11-25T01:14:00Z'); // 09:14: still inside the window
        await t.app.get(BookingService).markNoShows();
        expect((await t.http().get(`/api/v1/bookings/${missed.code}`).expect(200)).body.status).toBe('active');
        // Counted from here: the sweep at 09:14 took the earlier windows of this day.
        before = await noShowsOfKk();
        clock.set('2026-11-25T01:16:00Z'); // 09:16: closed; earlier windows were swept at 09:14
        expect(await t.app.get(BookingService).markNoShows()).toBe(1);
        expect(await t.app.get(BookingService).markNoShows()).toBe(0);
        expect((await t.http().get(`/api/v1/bookings/${missed.code}`).expect(200)).body.status).toBe('no_show');
        expect((await checkIn(missed.code).expect(409)).body.code).toBe('BOOKING_NOT_ACTIVE');
      } finally {
        await setLatePolicy('walk_in');
      }
      // The stats count exactly the one booking marked.
      expect(await noShowsOfKk()).toBe(before + 1);
    });

    it('should let a late booking become a walk-in until the site closes that day where the policy says so, and count a no-show only if nobody came', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const status = async (code: string) => ((await t.http().get(`/api/v1/bookings/${code}`).expect(200)).body as BookingPublicResponse).status;
      const comes = (await book(newBookingDto(h.services.kk, { nik: nikFor(71), date: '2026-11-26', start: '10:00' })).expect(201)).body as BookingCreatedResponse;
      const never = (await book(newBookingDto(h.services.akta, { nik: nikFor(72), date: '2026-11-26', start: '10:00' })).expect(201)).body as BookingCreatedResponse;
      const tooLate = (await book(newBookingDto(h.services.skck, { nik: nikFor(73), date: '2026-11-26', start: '10:00' })).expect(201)).body as BookingCreatedResponse;

      clock.set('2026-11-26T02:16:00Z'); // 10:16 WITA: every window has closed, a minute ago
      await t.app.get(BookingService).markNoShows();
      clock.set('2026-11-26T05:00:00Z'); // 13:00
      await t.app.get(BookingService).markNoShows();
      expect([await status(comes.code), await status(never.code), await status(tooLate.code)]).toEqual(['active', 'active', 'active']);
      const walkIn = (await checkIn(comes.code).expect(200)).body as CheckInResponse;
      expect(walkIn).toMatchObject({ outcome: 'walk_in', ticket: { source: 'kiosk' }, booking: { status: 'checked_in' } });

      clock.set('2026-11-26T07:29:00Z'); // 15:29: the site closes at 15:30
      await t.app.get(BookingService).markNoShows();
      expect(await status(never.code)).toBe('active');
      clock.set('2026-11-26T07:31:00Z'); // 15:31: closed for the day
      expect((await checkIn(tooLate.code).expect(409)).body.code).toBe('CHECK_IN_CLOSED');
      await t.app.get(BookingService).markNoShows();
      expect([await status(comes.code), await status(never.code), await status(tooLate.code)]).toEqual(['checked_in', 'no_show', 'no_show']);
    });

    it("should show the counter the booking behind a checked-in ticket, masked, to its agency's staff only", async () => {
      clock.set('2026-11-23T00:30:00Z');
      const nik = nikFor(36);
      const booking = (await book(newBookingDto(h.services.kk, { nik, date: '2026-11-27', start: '10:00', fullName: 'Yohanes Benu' })).expect(201)).body as BookingCreatedResponse;
      clock.set('2026-11-27T01:45:00Z'); // 09:45 WITA, inside the window
      const { ticket } = (await checkIn(booking.code).expect(200)).body as CheckInResponse;
      const bookingOf = (id: string, token: string) => t.http().get(`/api/v1/queue/tickets/${id}/booking`).auth(token, { type: 'bearer' });

      const seen = await bookingOf(ticket.id, h.officers.dukcapil1).expect(200);
      expect(seen.body).toMatchObject({ code: booking.code, fullName: 'Yohanes Benu', nikMasked: maskNik(nik), status: 'checked_in' });
      expect(JSON.stringify(seen.body)).not.toContain(nik);
      await bookingOf(ticket.id, h.kupangSiteAdmin).expect(200);

      expect((await bookingOf(ticket.id, h.officers.polresta).expect(403)).body.code).toBe('OTHER_AGENCY');
      expect((await bookingOf(ticket.id, h.probolinggoSiteAdmin).expect(403)).body.code).toBe('OTHER_SITE');
      await bookingOf(ticket.id, h.kiosk).expect(403);
      const walkIn = await issue(t, h.kiosk, h.services.kk);
      expect((await bookingOf(walkIn.id, h.officers.dukcapil1).expect(404)).body.code).toBe('NO_BOOKING_FOR_TICKET');
      expect((await bookingOf('00000000-0000-4000-8000-000000000000', h.officers.dukcapil1).expect(404)).body.code).toBe('TICKET_NOT_FOUND');
      await bookingOf('not-a-uuid', h.officers.dukcapil1).expect(400);
    });

    it('should refuse check-in by staff, by a display and for another site', async () => {
      clock.set('2026-11-23T00:30:00Z');
      const booking = (await book(newBookingDto(h.services.kk, { nik: nikFor(35), date: '2026-11-26', start: '09:00' })).expect(201)).body as BookingCreatedResponse;
      expect((await checkIn(booking.code, h.officers.dukcapil1).expect(403)).body.code).toBe('KIOSK_ONLY');
      expect((await checkIn(booking.code, h.display).expect(403)).body.code).toBe('KIOSK_ONLY');
      const pblKiosk = (await t.http().post('/api/v1/admin/sites/kota-probolinggo/devices').auth(h.system, { type: 'bearer' }).send({ name: 'Kios PBL', kind: 'kiosk' }).expect(201)).body.token;
      expect((await checkIn(booking.code, pblKiosk).expect(403)).body.code).toBe('OTHER_SITE');
      expect((await checkIn('ZZZZZZZZ').expect(404)).body.code).toBe('BOOKING_NOT_FOUND');
    });
  });
});

describe('Booking rate limit', () => {
  it('should answer 429 once an address exceeds its booking requests', async () => {
    const t = await createTestApp({ seedCatalogue: true, config: { bookingRateLimit: 3 } });
    try {
      const service = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', pageSize: 1 }).expect(200)).body.items[0].id;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await t.http().get(`/api/v1/services/${service}/slots`).query({ date: '2026-11-24' })).status);
      expect(statuses.slice(3)).toEqual([429, 429]);
      // The catalogue itself is not limited by booking traffic.
      await t.http().get('/api/v1/services').query({ site: 'kota-kupang' }).expect(200);
    } finally {
      await t.close();
    }
  });
});
