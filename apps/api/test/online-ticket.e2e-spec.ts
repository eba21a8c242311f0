import type { OnlineTicketAvailability, OnlineTicketCreatedResponse, OnlineTicketTiming, PublicTicketResponse, ServiceResponse, TicketResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/** A valid Kupang NIK: area 537101, born 1 January 1990, serial as given. */
const nikFor = (serial: number) => `537101010190${String(serial).padStart(4, '0')}`;

function newOnlineTicketDto(serviceId: string, overrides: Record<string, unknown> = {}) {
  return { serviceId, nik: nikFor(1), fullName: 'Yohanes Benyamin Nalle', phone: '0813-3901-2277', ...overrides };
}

const MINUTE = 60_000;
/** Monday 23 November 2026 in Kupang (WITA, UTC+8) at a local time. */
const kupangMonday = (hhmm: string) => `2026-11-23T${hhmm}:00+08:00`;

describe('Online tickets (antrean daring)', () => {
  let t: TestApp;
  let h: Hall;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const db = () => t.app.get(DataSource);
  let serial = 100;
  /** A NIK no other test has used. */
  const freshNik = () => nikFor(serial++);

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  }, 120_000);
  afterAll(async () => t?.close());

  const take = (body: object, key?: string) => {
    const req = t.http().post('/api/v1/queue/online-tickets');
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const availability = async (serviceId: string) =>
    (await t.http().get('/api/v1/queue/online-tickets/availability').query({ serviceId }).expect(200)).body as OnlineTicketAvailability;
  const setOnline = async (serviceId: string, on: boolean) => {
    const service = (await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as ServiceResponse;
    await t.http().patch(`/api/v1/admin/services/${serviceId}`).auth(h.system, { type: 'bearer' }).send({ queue: { ...service.queue, onlineTicketEnabled: on } }).expect(200);
  };
  const setCaps = (perServiceDaily: number, perDay: number) =>
    t.http().put('/api/v1/admin/sites/kota-kupang/online-ticket-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ perServiceDaily, perDay });
  /**
   * Calls every waiting ticket of the day at the open counters, each held 15 minutes (as the seed's
   * services expect), so one test's queue does not lengthen the next one's wait and the measured
   * durations stay those of the service standard.
   */
  const drain = async () => {
    const now = clock.now();
    for (const [officer, counter] of [
      [h.officers.dukcapil1, h.counters.dukcapil1],
      [h.officers.dukcapil2, h.counters.dukcapil2],
      [h.officers.polresta, h.counters.polresta],
    ] as const) {
      for (;;) {
        const res = await counterAction(t, officer, counter, 'call-next');
        if (res.status !== 200) break;
        clock.advance(15 * MINUTE);
        await counterAction(t, officer, counter, 'no-show').expect(200);
        clock.set(now);
      }
    }
  };
  const at = async (instant: string, work: () => Promise<void>) => {
    clock.set(instant);
    try {
      await work();
    } finally {
      clock.set(KUPANG_MONDAY_0900);
    }
  };

  describe('the per-service setting', () => {
    it('should be off by default: the availability says so and a ticket is refused with 409 in both languages', async () => {
      const service = (await t.http().get(`/api/v1/services/${h.services.akta}`).expect(200)).body as ServiceResponse;
      expect(service.queue.onlineTicketEnabled).toBe(false);
      expect(await availability(h.services.akta)).toMatchObject({ enabled: false, available: false, reason: 'disabled' });

      const res = await take(newOnlineTicketDto(h.services.akta, { nik: freshNik() })).expect(409);

      expect(res.body.code).toBe('ONLINE_TICKET_DISABLED');
      expect(res.body.message.id).toMatch(/belum menerima antrean daring/);
      expect(res.body.message.en).toMatch(/does not take tickets from home/);
    });

    it('should be switched on through the admin service PATCH, and left as it is by a PATCH that omits it', async () => {
      await setOnline(h.services.ktpBaru, true);
      await setDailyQuota(t, h.system, h.services.ktpBaru, null);
      const service = (await t.http().get(`/api/v1/services/${h.services.ktpBaru}`).expect(200)).body as ServiceResponse;
      expect(service.queue.onlineTicketEnabled).toBe(true);
      const { onlineTicketEnabled: _omitted, ...queueWithout } = service.queue;
      await t.http().patch(`/api/v1/admin/services/${h.services.ktpBaru}`).auth(h.system, { type: 'bearer' }).send({ queue: queueWithout }).expect(200);
      expect(((await t.http().get(`/api/v1/services/${h.services.ktpBaru}`).expect(200)).body as ServiceResponse).queue.onlineTicketEnabled).toBe(true);
      expect(await availability(h.services.ktpBaru)).toMatchObject({ enabled: true, available: true, reason: null, caps: { perServiceDaily: 1, perDay: 3 } });
    });
  });

  describe('taking a ticket', () => {
    beforeAll(async () => {
      await setOnline(h.services.ktpBaru, true);
      await setOnline(h.services.kk, true);
      await setOnline(h.services.akta, true);
    });
    afterEach(drain);

    it('should issue a ticket of the same queue with source online and answer its page, nothing personal', async () => {
      const dto = newOnlineTicketDto(h.services.ktpBaru, { nik: freshNik() });

      const res = await take(dto, 'online-first-0001').expect(201);

      const body = res.body as OnlineTicketCreatedResponse;
      expect(body.ticketUrl).toBe(`/tiket/${body.publicCode}`);
      expect(body.number).toMatch(/^A\d{3,}$/);
      expect(body.estimatedWaitMinutes).toEqual(expect.any(Number));
      const text = JSON.stringify(res.body);
      for (const personal of [dto.nik, 'Yohanes', 'Nalle', '3901', '2277']) expect(text).not.toContain(personal);
      const page = (await t.http().get(`/api/v1/tickets/${body.publicCode}`).expect(200)).body as PublicTicketResponse;
      expect(page).toMatchObject({ number: body.number, status: 'waiting', source: 'online', service: { id: h.services.ktpBaru } });
      // The page's "when to set off" reads the server's clock and the site's hours once.
      const timing = (await t.http().get(`/api/v1/queue/online-tickets/${body.publicCode}/timing`).expect(200)).body as OnlineTicketTiming;
      expect(timing).toMatchObject({ now: clock.now().toISOString(), timeZone: 'Asia/Makassar', closures: [] });
      expect(timing.hours.find((d) => d.weekday === 1)).toMatchObject({ open: '08:00', close: '15:30' });

      // Kept as bookings keep it: the keyed hash and ciphers, no clear NIK, name or phone.
      const [row] = (await db().query(`SELECT o.* FROM online_ticket o JOIN ticket t ON t.id = o.ticket_id WHERE t.public_code = $1`, [body.publicCode])) as Record<string, string>[];
      expect(row.nik_hash).toMatch(/^[0-9a-f]{64}$/);
      const stored = JSON.stringify(row);
      for (const personal of [dto.nik, 'Yohanes', '081339012277', '+6281339012277']) expect(stored).not.toContain(personal);
      expect(row.nik_cipher.startsWith('v1.')).toBe(true);
    });

    it('should refuse a bad NIK, name or phone with 400 naming each field in both languages', async () => {
      const res = await take(newOnlineTicketDto(h.services.ktpBaru, { nik: '1234', fullName: 'A', phone: '12' })).expect(400);

      const fields = (res.body.fields as { field: string; message: { id: string; en: string } }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['fullName', 'nik', 'phone']);
      expect(res.body.fields[0].message.id).toBeTruthy();
      expect(res.body.fields[0].message.en).toBeTruthy();
    });

    it('should refuse while the site is closed: its weekly day off, a closure, before opening, in the break, after closing', async () => {
      const refused = async (code: string, text: RegExp) => {
        const res = await take(newOnlineTicketDto(h.services.ktpBaru, { nik: freshNik() })).expect(409);
        expect(res.body.code).toBe(code);
        expect(`${res.body.message.id} | ${res.body.message.en}`).toMatch(text);
        expect((await availability(h.services.ktpBaru)).available).toBe(false);
      };
      await at('2026-11-22T10:00:00+08:00', () => refused('SITE_CLOSED', /hari libur mingguan/));
      await at('2026-12-30T10:00:00+08:00', () => refused('SITE_CLOSED', /Pemeliharaan sistem/));
      await at(kupangMonday('07:45'), () => refused('SITE_NOT_OPEN_YET', /08\.00 WITA.*08:00 WITA/));
      await at(kupangMonday('12:15'), () => refused('SITE_ON_BREAK', /istirahat hingga pukul 13\.00 WITA/));
      await at(kupangMonday('15:30'), () => refused('SITE_CLOSED', /sudah tutup/));
    });

    it("should refuse when the queue's estimated wait does not fit before closing, saying when it would be called", async () => {
      await at(kupangMonday('14:00'), async () => {
        const before = await availability(h.services.ktpBaru);
        expect(before.available).toBe(true);
        // Two Dukcapil counters, 15-minute services: 16 tickets ahead are about two hours of waiting.
        for (let i = 0; i < 16; i++) await issue(t, h.kiosk, h.services.ktpBaru);

        const res = await take(newOnlineTicketDto(h.services.ktpBaru, { nik: freshNik() })).expect(409);

        expect(res.body.code).toBe('WAIT_PAST_CLOSING');
        expect(res.body.message.id).toMatch(/tutup pukul 15\.30 WITA/);
        expect(res.body.message.en).toMatch(/book a visit for another day/);
        const after = await availability(h.services.ktpBaru);
        expect(after).toMatchObject({ available: false, reason: 'wait_past_closing' });
        expect(after.estimatedWaitMinutes!).toBeGreaterThan(90);
      });
    });

    it("should refuse a ticket whose call leaves less than the service's minutes before closing", async () => {
      // 15:20 with a free counter: called at once, but 15 minutes of service end after 15:30.
      await at(kupangMonday('15:20'), async () => {
        const res = await take(newOnlineTicketDto(h.services.ktpBaru, { nik: freshNik() })).expect(409);
        expect(res.body.code).toBe('WAIT_PAST_CLOSING');
      });
      await at(kupangMonday('15:10'), async () => {
        await take(newOnlineTicketDto(h.services.ktpBaru, { nik: freshNik() })).expect(201);
      });
    });

    it('should refuse when no counter that may call the ticket is open (no estimate to give)', async () => {
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'pause').expect(200);
      await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'pause').expect(200);
      try {
        const res = await take(newOnlineTicketDto(h.services.kk, { nik: freshNik() })).expect(409);
        expect(res.body.code).toBe('NO_COUNTER_OPEN');
      } finally {
        await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'open').expect(200);
        await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'open').expect(200);
      }
    });
  });

  describe('daily caps per NIK', () => {
    afterEach(async () => {
      await setCaps(1, 3).expect(200);
      await drain();
    });

    it('should allow one ticket per service and day and three per day by default, each refusal saying why', async () => {
      const nik = freshNik();
      await take(newOnlineTicketDto(h.services.ktpBaru, { nik })).expect(201);

      const again = await take(newOnlineTicketDto(h.services.ktpBaru, { nik })).expect(409);
      expect(again.body.code).toBe('ONLINE_TICKET_LIMIT_SERVICE');
      expect(again.body.message.id).toMatch(/batas 1 per hari/);

      await take(newOnlineTicketDto(h.services.kk, { nik })).expect(201);
      await take(newOnlineTicketDto(h.services.akta, { nik })).expect(201);
      await setOnline(h.services.skck, true);
      const fourth = await take(newOnlineTicketDto(h.services.skck, { nik })).expect(409);
      expect(fourth.body.code).toBe('ONLINE_TICKET_LIMIT_DAY');
      // Another NIK is not held by it.
      await take(newOnlineTicketDto(h.services.ktpBaru, { nik: freshNik() })).expect(201);
    });

    it('should count again once the citizen has cancelled a ticket', async () => {
      const nik = freshNik();
      const first = (await take(newOnlineTicketDto(h.services.ktpBaru, { nik })).expect(201)).body as OnlineTicketCreatedResponse;
      await take(newOnlineTicketDto(h.services.ktpBaru, { nik })).expect(409);
      await t.http().post(`/api/v1/tickets/${first.publicCode}/cancel`).expect(200);
      await take(newOnlineTicketDto(h.services.ktpBaru, { nik })).expect(201);
    });

    it('should be a site setting, refused when out of range or per service above per day', async () => {
      expect((await setCaps(2, 4).expect(200)).body).toEqual({ perServiceDaily: 2, perDay: 4 });
      expect((await t.http().get('/api/v1/admin/sites/kota-kupang/online-ticket-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body).toEqual({ perServiceDaily: 2, perDay: 4 });
      expect((await setCaps(5, 4).expect(422)).body.code).toBe('INVALID_ONLINE_TICKET_POLICY');
      await setCaps(0, 4).expect(400);
      await t.http().put('/api/v1/admin/sites/kota-kupang/online-ticket-policy').auth(h.officers.dukcapil1, { type: 'bearer' }).send({ perServiceDaily: 1, perDay: 1 }).expect(403);
    });

    it('should end 20 parallel requests of one NIK with exactly the cap: the NIK is locked by its keyed hash', async () => {
      await setCaps(2, 3).expect(200);
      const nik = freshNik();

      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => take(newOnlineTicketDto(h.services.ktpBaru, { nik }), `race-cap-${i}-${nik}`)));

      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(2);
      expect(statuses.filter((s) => s === 409)).toHaveLength(18);
      expect(new Set(answers.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['ONLINE_TICKET_LIMIT_SERVICE']));
      const [{ count }] = (await db().query(`SELECT count(*)::int AS count FROM online_ticket o JOIN ticket t ON t.id = o.ticket_id WHERE t.public_code = ANY($1)`, [
        answers.filter((r) => r.status === 201).map((r) => (r.body as OnlineTicketCreatedResponse).publicCode),
      ])) as { count: number }[];
      expect(count).toBe(2);
    });
  });

  describe('Idempotency-Key', () => {
    afterEach(drain);

    it('should answer 20 racing retries of one request with one ticket and one number: one 201, nineteen 200', async () => {
      const dto = newOnlineTicketDto(h.services.kk, { nik: freshNik() });
      const sequenceBefore = await lastNumber();

      const answers = await Promise.all(Array.from({ length: 20 }, () => take(dto, 'retry-race-0001')));

      expect(answers.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
      expect(new Set(answers.map((r) => (r.body as OnlineTicketCreatedResponse).publicCode)).size).toBe(1);
      expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
      expect(await lastNumber()).toBe(sequenceBefore + 1);
    });

    it('should answer a retry with its first ticket even when the site no longer takes one, and refuse the key for another request with 422', async () => {
      const dto = newOnlineTicketDto(h.services.akta, { nik: freshNik() });
      const first = (await take(dto, 'retry-later-0001').expect(201)).body as OnlineTicketCreatedResponse;

      await at(kupangMonday('12:30'), async () => {
        const retried = await take(dto, 'retry-later-0001').expect(200);
        expect(retried.body.publicCode).toBe(first.publicCode);
      });
      const other = await take({ ...dto, phone: '0812-0000-1111' }, 'retry-later-0001').expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('the same queue as the kiosk', () => {
    afterEach(drain);

    it('should number kiosk and online tickets of one prefix together, none skipped or doubled, and call them in issue order', async () => {
      await setCaps(10, 20).expect(200);
      try {
        const start = await lastNumber();
        // 12 kiosk tickets and 12 online tickets (6 NIKs, two services sharing prefix A) at once.
        const niks = Array.from({ length: 6 }, () => freshNik());
        const kiosk = Array.from({ length: 12 }, (_, i) => issue(t, h.kiosk, i % 2 ? h.services.ktpBaru : h.services.kk, { key: `kiosk-mix-${i}-${start}` }));
        const online = Array.from({ length: 12 }, (_, i) =>
          take(newOnlineTicketDto(i % 2 ? h.services.ktpBaru : h.services.kk, { nik: niks[i % 6] }), `online-mix-${i}-${start}`).then((r) => {
            if (r.status !== 201) throw new Error(`online ticket refused: ${r.status} ${JSON.stringify(r.body)}`);
            return r.body as OnlineTicketCreatedResponse;
          }),
        );
        const [kioskTickets, onlineTickets] = await Promise.all([Promise.all(kiosk), Promise.all(online)]);

        const numbers = [...kioskTickets.map((k) => k.number), ...onlineTickets.map((o) => o.number)].map((n) => Number(n.slice(1))).sort((a, b) => a - b);
        expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => start + 1 + i));

        // The counters call them in issue order, whatever the channel; each keeps its source.
        const called: TicketResponse[] = [];
        for (;;) {
          const res = await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next');
          if (res.status !== 200) break;
          called.push(res.body as TicketResponse);
          await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'no-show').expect(200);
        }
        const mine = called.filter((c) => Number(c.number.slice(1)) > start);
        expect(mine.map((c) => Number(c.number.slice(1)))).toEqual(numbers);
        expect(mine.filter((c) => c.source === 'online')).toHaveLength(12);
        expect(mine.filter((c) => c.source === 'kiosk')).toHaveLength(12);
      } finally {
        await setCaps(1, 3).expect(200);
      }
    });
  });

  describe('rate limit', () => {
    it('should refuse past BOOKING_RATE_LIMIT requests a minute from one address with 429', async () => {
      const limited = await createTestApp({ clock, config: { bookingRateLimit: 3 } });
      try {
        const answers: number[] = [];
        for (let i = 0; i < 5; i++) answers.push((await limited.http().post('/api/v1/queue/online-tickets').send({ serviceId: h.services.kk, nik: '1', fullName: 'x', phone: '1' })).status);
        expect(answers).toEqual([400, 400, 400, 429, 429]);
      } finally {
        await limited.close();
      }
    });
  });

  /** The last number of prefix A at Kupang today. */
  async function lastNumber(): Promise<number> {
    const rows = (await db().query(
      `SELECT last_number FROM ticket_sequence s JOIN site st ON st.id = s.site_id WHERE st.code = 'kota-kupang' AND s.prefix = 'A' AND s.local_date = $1`,
      [new Date(clock.now().getTime() + 8 * 60 * MINUTE).toISOString().slice(0, 10)],
    )) as { last_number: number }[];
    return rows[0]?.last_number ?? 0;
  }
});
