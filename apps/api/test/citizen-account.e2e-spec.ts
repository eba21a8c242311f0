import type { BookingCreatedResponse, CitizenHistoryResponse, CitizenMeResponse, CitizenOtpSentResponse, OnlineTicketCreatedResponse, ServiceResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { issue, KUPANG_MONDAY_0900, setupHall, type Hall } from './support/hall';
import { readSignInCode, sessionCookieOf, signInByCode } from './support/citizen';
import { captureLogs, createTestApp, type TestApp } from './support/test-app';
import { mobileNumbers } from './support/mobile-numbers';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `5371010101900${String(serial).padStart(3, '0')}`;

describe('Citizen account (API)', () => {
  let t: TestApp;
  let h: Hall;
  let db: DataSource;
  const logs: string[] = [];
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 }, logger: captureLogs('debug', logs) });
    h = await setupHall(t);
    db = t.app.get(DataSource);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const phone = mobileNumbers('77', 100_000);
  const ask = (recipient: string, address = '10.1.0.1') => t.http().post('/api/v1/citizen/otp').set('X-Forwarded-For', address).send({ recipient });
  const verify = (recipient: string, code: string) => t.http().post('/api/v1/citizen/otp/verify').send({ recipient, code });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  /** Moves this recipient's codes back in time, past the one-a-minute limit. */
  const ageCodes = async (seconds: number) => db.query(`UPDATE citizen_otp SET created_at = created_at - make_interval(secs => $1)`, [seconds]);
  const book = (serial: number, start: string, cookie?: string) => {
    const req = t.http().post('/api/v1/bookings');
    if (cookie) req.set('Cookie', cookie);
    return req.send({ serviceId: h.services.akta, date: '2026-11-24', start, nik: nikFor(serial), fullName: 'Yohanes Bria Seran', phone: '0813-3900-1122' });
  };

  describe('sign-in by one-time code', () => {
    it('should send a 6-digit code through the outbox, keep it only as a keyed hash, and sign in with it into an httpOnly session cookie', async () => {
      const p = phone();
      const sent = await ask(p.typed).expect(200);

      expect(sent.body as CitizenOtpSentResponse).toEqual({ channel: 'sms', sentTo: expect.stringMatching(/^\+62 812\*+\d{4}$/), expiresInSeconds: 300, resendInSeconds: 60 });
      const code = await readSignInCode(t.app, p.e164);
      expect(code).toMatch(/^\d{6}$/);
      const stored: { code_hash: string }[] = await db.query(`SELECT code_hash FROM citizen_otp ORDER BY created_at DESC LIMIT 1`);
      expect(stored[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].code_hash).not.toContain(code!);
      const signedIn = await verify(p.typed, code!).expect(200);
      const setCookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).find((c) => c.startsWith('mpp_citizen='))!;
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).toMatch(/Path=\/api/);
      expect((signedIn.body as CitizenMeResponse).identities).toEqual([{ kind: 'phone', label: expect.stringMatching(/^\+62 812\*+\d{4}$/) }]);
      const me = await t.http().get('/api/v1/citizen/me').set('Cookie', sessionCookieOf(signedIn.headers['set-cookie'])).expect(200);
      expect(me.headers['cache-control']).toBe('no-store');
      expect((me.body as CitizenMeResponse).prefill).toEqual({ phone: p.e164, email: null });
      expect((me.body as CitizenMeResponse).identities[0].label).toBe((signedIn.body as CitizenMeResponse).identities[0].label);
    });

    it('should sign in by email too, and find the same citizen again at the next sign-in', async () => {
      const first = await signInByCode(t, 'Warga.Uji@Example.go.id', 'warga.uji@example.go.id');
      await ageCodes(120);
      const second = await signInByCode(t, 'warga.uji@example.go.id', 'warga.uji@example.go.id');
      const citizens: { n: string }[] = await db.query(`SELECT count(DISTINCT citizen_id) AS n FROM citizen_identity WHERE kind = 'email'`);
      expect(Number(citizens[0].n)).toBe(1);
      const me = (await t.http().get('/api/v1/citizen/me').set('Cookie', second).expect(200)).body as CitizenMeResponse;
      expect(me.identities).toEqual([{ kind: 'email', label: 'w***@example.go.id' }]);
      expect(first).not.toBe(second);
    });

    it('should refuse a code after it expired', async () => {
      const p = phone();
      await ask(p.typed).expect(200);
      const code = (await readSignInCode(t.app, p.e164))!;
      await db.query(`UPDATE citizen_otp SET expires_at = now() - interval '1 second' WHERE expires_at > now()`);

      const res = await verify(p.typed, code).expect(422);

      expect(res.body).toMatchObject({ code: 'OTP_NOT_VALID', message: { id: expect.any(String), en: expect.any(String) } });
    });

    it('should make a code invalid after 5 wrong tries, the right code included after them', async () => {
      const p = phone();
      await ask(p.typed).expect(200);
      const code = (await readSignInCode(t.app, p.e164))!;

      const answers: string[] = [];
      for (let i = 0; i < 5; i++) answers.push(((await verify(p.typed, wrong(code)).expect(422)).body as { code: string }).code);
      const after = await verify(p.typed, code).expect(422);

      expect(answers).toEqual(['OTP_WRONG', 'OTP_WRONG', 'OTP_WRONG', 'OTP_WRONG', 'OTP_ATTEMPTS_USED']);
      expect(after.body).toMatchObject({ code: 'OTP_ATTEMPTS_USED' });
    });

    it('should accept a code once, and only the newest code of a recipient', async () => {
      const p = phone();
      await ask(p.typed).expect(200);
      const older = (await readSignInCode(t.app, p.e164))!;
      await ageCodes(120);
      await ask(p.typed).expect(200);
      const newer = (await readSignInCode(t.app, p.e164))!;

      if (older !== newer) await verify(p.typed, older).expect(422);
      await verify(p.typed, newer).expect(200);
      await verify(p.typed, newer).expect(422);
    });

    it('should answer 400 in both languages for a recipient that is neither a mobile number nor an email, and for a code that is not 6 digits', async () => {
      const badRecipient = await ask('021-555-1234').expect(400);
      const badCode = await verify('0812-3456-7890', '12ab').expect(400);

      expect(badRecipient.body).toMatchObject({ code: 'INVALID_RECIPIENT', fields: [{ field: 'recipient' }] });
      expect(badCode.body).toMatchObject({ code: 'INVALID_CODE', fields: [{ field: 'code' }] });
    });
  });

  describe('rate limits', () => {
    it('should send one code a minute and five an hour per recipient, whatever address asks', async () => {
      const p = phone();
      await ask(p.typed, '10.2.0.1').expect(200);

      const tooSoon = await ask(p.typed, '10.2.0.2').expect(429);
      expect(tooSoon.body).toMatchObject({ code: 'OTP_TOO_SOON' });
      expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
      for (let i = 0; i < 4; i++) {
        await ageCodes(61);
        await ask(p.typed, `10.2.1.${i}`).expect(200);
      }
      await ageCodes(61);
      const tooMany = await ask(p.typed, '10.2.2.1').expect(429);
      expect(tooMany.body).toMatchObject({ code: 'OTP_TOO_MANY', message: { id: expect.any(String), en: expect.any(String) } });
    });
    it('should allow one client address CITIZEN_OTP_RATE_LIMIT codes an hour for different recipients (a hall shares one), then refuse it alone', async () => {
      const hall = '10.6.0.1';
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await ask(phone().typed, hall)).status);

      const over = await ask(phone().typed, hall).expect(429);
      await ask(phone().typed, '10.6.0.2').expect(200);

      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(over.body).toMatchObject({ code: 'OTP_TOO_MANY_FROM_ADDRESS', message: { id: expect.any(String), en: expect.any(String) } });
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    }, 120_000);
  });

  describe('logs', () => {
    it('should never log the code, the recipient or the session token', async () => {
      const p = phone();
      const before = logs.length;
      await ask(p.typed).expect(200);
      const code = (await readSignInCode(t.app, p.e164))!;
      await verify(p.typed, wrong(code)).expect(422);
      const res = await verify(p.typed, code).expect(200);
      const token = sessionCookieOf(res.headers['set-cookie']).split('=')[1];
      await t.http().get('/api/v1/citizen/history').set('Cookie', `mpp_citizen=${token}`).expect(200);

      const written = logs.slice(before).join('\n');
      expect(written.length).toBeGreaterThan(0);
      const digits = p.e164.slice(3);
      for (const secret of [code, digits, p.e164, p.typed, token]) expect(written).not.toContain(secret);
    });
  });

  describe('sessions apart from staff', () => {
    it("should refuse a citizen's session on staff endpoints, and staff tokens on the citizen's", async () => {
      const p = phone();
      const session = await signInByCode(t, p.typed, p.e164, '10.3.0.2');
      const token = session.split('=')[1];
      const staff = await t.adminToken();

      const bearerOnStaff = await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }).expect(401);
      const cookieOnStaff = await t.http().get('/api/v1/auth/me').set('Cookie', session).expect(401);
      const staffAsCookie = await t.http().get('/api/v1/citizen/me').set('Cookie', `mpp_citizen=${staff}`).expect(401);
      const staffAsBearer = await t.http().get('/api/v1/citizen/history').auth(staff, { type: 'bearer' }).expect(401);
      const adminWithCitizen = await t.http().get('/api/v1/admin/users').set('Cookie', session).expect(401);

      expect([bearerOnStaff, cookieOnStaff, adminWithCitizen].map((r) => (r.body as { code: string }).code)).toEqual(['INVALID_TOKEN', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
      expect([staffAsCookie, staffAsBearer].map((r) => (r.body as { code: string }).code)).toEqual(['CITIZEN_SIGNED_OUT', 'CITIZEN_SIGNED_OUT']);
      await t.http().get('/api/v1/citizen/me').set('Cookie', session).expect(200);
    });

    it('should end the session at sign-out', async () => {
      const p = phone();
      const session = await signInByCode(t, p.typed, p.e164, '10.3.1.1');

      await t.http().post('/api/v1/citizen/sign-out').set('Cookie', session).expect(204);

      await t.http().get('/api/v1/citizen/me').set('Cookie', session).expect(401);
    });
  });

  describe('Riwayat saya', () => {
    it("should list each citizen's own bookings and tickets, newest first, and nobody else's; booking without an account still works", async () => {
      const a = phone();
      const b = phone();
      const aliceCookie = await signInByCode(t, a.typed, a.e164, '10.4.0.1');
      const bobCookie = await signInByCode(t, b.typed, b.e164, '10.4.0.2');

      const first = (await book(301, '09:00', aliceCookie).expect(201)).body as BookingCreatedResponse;
      const anonymous = (await book(302, '09:30').expect(201)).body as BookingCreatedResponse;
      const bobs = (await book(303, '10:00', bobCookie).expect(201)).body as BookingCreatedResponse;
      const second = (await book(304, '11:00', aliceCookie).expect(201)).body as BookingCreatedResponse;
      // A ticket taken from home while signed in is linked the same way; one from the kiosk is not.
      const service = (await t.http().get(`/api/v1/services/${h.services.kk}`).expect(200)).body as ServiceResponse;
      await t.http().patch(`/api/v1/admin/services/${h.services.kk}`).auth(h.system, { type: 'bearer' }).send({ queue: { ...service.queue, onlineTicketEnabled: true } }).expect(200);
      const fromHome = (await t.http().post('/api/v1/queue/online-tickets').set('Cookie', aliceCookie).send({ serviceId: h.services.kk, nik: nikFor(305), fullName: 'Yohanes Bria Seran', phone: '0813-3900-1122' }).expect(201))
        .body as OnlineTicketCreatedResponse;
      const atKiosk = await issue(t, h.kiosk, h.services.kk);
      const ticket = { publicCode: fromHome.publicCode, number: fromHome.number };

      const alice = (await t.http().get('/api/v1/citizen/history').set('Cookie', aliceCookie).expect(200)).body as CitizenHistoryResponse;
      const bob = (await t.http().get('/api/v1/citizen/history').set('Cookie', bobCookie).expect(200)).body as CitizenHistoryResponse;

      // Newest first: the bookings (made now) before the kiosk ticket (issued at the test clock's 09:00).
      expect(alice.items.map((i) => (i.kind === 'ticket' ? i.publicCode : i.code))).toEqual([second.code, first.code, ticket.publicCode]);
      const times = alice.items.map((i) => Date.parse(i.createdAt));
      expect(times).toEqual([...times].sort((x, y) => y - x));
      expect(alice.items[2]).toMatchObject({ kind: 'ticket', number: ticket.number, siteCode: 'kota-kupang', status: 'waiting' });
      expect(alice.items[0]).toMatchObject({ kind: 'booking', status: 'active', date: '2026-11-24', start: '11:00', siteCode: 'kota-kupang' });
      expect(bob.items.map((i) => (i.kind === 'ticket' ? i.publicCode : i.code))).toEqual([bobs.code]);
      const unlinked: { citizen_id: string | null }[] = await db.query(
        `SELECT citizen_id FROM booking WHERE code = $1 UNION ALL SELECT citizen_id FROM ticket WHERE public_code = $2`,
        [anonymous.code, atKiosk.publicCode],
      );
      expect(unlinked).toEqual([{ citizen_id: null }, { citizen_id: null }]);
      await t.http().get('/api/v1/citizen/history').expect(401);
    });
  });
});
