import type { BookingCreatedResponse, CitizenContactAddedResponse, CitizenHistoryResponse, CitizenMeResponse, OnlineTicketCreatedResponse, ServiceResponse, SlotsResponse } from '@mpp/contracts';
import { formatBookingCode } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { BOOKING_MESSAGE_TEMPLATES } from '../src/booking/documents/booking-message.templates';
import { FixedClock } from '../src/common/clock';
import { PiiCipher } from '../src/common/pii-cipher';
import { NotificationRecipients } from '../src/notifications/notification-recipients';
import { NotificationsService } from '../src/notifications/notifications.service';
import { KUPANG_MONDAY_0900, setDailyQuota, setupHall, type Hall } from './support/hall';
import { readSignInCode, signInByCode } from './support/citizen';
import { createTestApp, type TestApp } from './support/test-app';
import { mobileNumbers } from './support/mobile-numbers';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `5371010101900${String(serial).padStart(3, '0')}`;
let emailSerial = 0;
let addressSerial = 0;

interface OutboxRow {
  channel: string;
  language: string | null;
  subject: string | null;
  body: string;
}

/**
 * Issue 13: booking messages in the citizen's language, the account's "how to tell me"
 * (notifyBy), and one account for one person who signed in with a number and with an email.
 */
describe('Citizen account: language, notifyBy and merging (API)', () => {
  let t: TestApp;
  let h: Hall;
  let db: DataSource;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    db = t.app.get(DataSource);
    const service = (await t.http().get(`/api/v1/services/${h.services.kk}`).expect(200)).body as ServiceResponse;
    await t.http().patch(`/api/v1/admin/services/${h.services.kk}`).auth(h.system, { type: 'bearer' }).send({ queue: { ...service.queue, onlineTicketEnabled: true } }).expect(200);
    await setDailyQuota(t, h.system, h.services.akta, null);
    for (const date of ['2026-11-24', '2026-11-25', '2026-11-26']) {
      const day = (await t.http().get(`/api/v1/services/${h.services.akta}/slots`).query({ date }).expect(200)).body as SlotsResponse;
      for (const s of day.slots.filter((x) => x.bookable)) for (let i = 0; i < s.remaining; i++) seats.push({ date, start: s.start });
    }
    seats = seats.slice(0, 60);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const phone = mobileNumbers('88', 300_000);
  const email = () => {
    emailSerial += 1;
    const address = `warga.${emailSerial}@example.go.id`;
    return { typed: address.replace('warga', 'Warga'), e164: address };
  };
  const address = () => `10.20.${Math.floor(++addressSerial / 250)}.${addressSerial % 250}`;
  const signIn = (who: { typed: string; e164: string }) => signInByCode(t, who.typed, who.e164, address());
  /** Moves every code back in time, past the one-a-minute limit. */
  const ageCodes = () => db.query(`UPDATE citizen_otp SET created_at = created_at - interval '2 minutes'`);
  let serial = 500;
  /** One free seat per booking: the slots the API offers, each seat once. */
  let seats: { date: string; start: string }[] = [];
  const book = (body: Record<string, unknown>, cookie?: string) => {
    const req = t.http().post('/api/v1/bookings');
    if (cookie) req.set('Cookie', cookie);
    const seat = seats.shift()!;
    return req.send({ serviceId: h.services.akta, ...seat, nik: nikFor(++serial), fullName: 'Maria Goreti Lada', phone: '0813-3900-1122', ...body });
  };
  const takeOnline = (body: Record<string, unknown>, cookie?: string) => {
    const req = t.http().post('/api/v1/queue/online-tickets');
    if (cookie) req.set('Cookie', cookie);
    return req.send({ serviceId: h.services.kk, nik: nikFor(++serial), fullName: 'Yohanes Bria Seran', phone: '0813-3900-2233', ...body });
  };
  /** The booking's messages as the outbox keeps them, decrypted with the API's key (as a channel reads them). */
  const messagesOf = async (code: string): Promise<OutboxRow[]> => {
    await t.app.get(NotificationsService).drain();
    const cipher = t.app.get(PiiCipher);
    const rows: { channel: string; language: string | null; subject: string | null; body_cipher: string }[] = await db.query(
      `SELECT o.channel, o.language, o.subject, o.body_cipher FROM outbox_message o JOIN booking b ON b.id = o.booking_id WHERE b.code = $1 ORDER BY o.channel`,
      [code],
    );
    return rows.map((r) => ({ channel: r.channel, language: r.language, subject: r.subject, body: cipher.decrypt(r.body_cipher) }));
  };
  const me = async (cookie: string) => (await t.http().get('/api/v1/citizen/me').set('Cookie', cookie).expect(200)).body as CitizenMeResponse;
  const historyCodes = async (cookie: string) =>
    ((await t.http().get('/api/v1/citizen/history').set('Cookie', cookie).expect(200)).body as CitizenHistoryResponse).items.map((i) => (i.kind === 'ticket' ? i.publicCode : i.code)).sort();
  const citizenOf = async (cookie: string): Promise<string> => {
    const token = cookie.split('=')[1];
    const rows: { citizen_id: string }[] = await db.query(`SELECT citizen_id FROM citizen_session WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token]);
    return rows[0].citizen_id;
  };
  /** The first line of a template's email, filled with the name: "Dear Maria Goreti Lada," / "Yth. …". */
  const greeting = (lang: 'id' | 'en', name: string) => BOOKING_MESSAGE_TEMPLATES[lang].confirmed.email.split('\n')[0].replace('{{fullName}}', name);
  const smsCode = (lang: 'id' | 'en', code: string) => /\. (\S+) \{\{code\}\}\./.exec(BOOKING_MESSAGE_TEMPLATES[lang].confirmed.sms)![1] + ` ${formatBookingCode(code)}.`;

  describe('booking messages in the language the citizen booked in', () => {
    it('should write an English booking’s SMS and email in English and an Indonesian one’s in Indonesian, and keep the language on the booking', async () => {
      const english = (await book({ email: 'maria.lada@example.go.id', language: 'en' }).expect(201)).body as BookingCreatedResponse;
      const indonesian = (await book({ email: 'maria.lada@example.go.id', language: 'id' }).expect(201)).body as BookingCreatedResponse;
      const unsaid = (await book({}).expect(201)).body as BookingCreatedResponse;

      const en = await messagesOf(english.code);
      const id = await messagesOf(indonesian.code);
      expect(en.map((m) => [m.channel, m.language])).toEqual([
        ['email', 'en'],
        ['sms', 'en'],
      ]);
      expect(id.map((m) => [m.channel, m.language])).toEqual([
        ['email', 'id'],
        ['sms', 'id'],
      ]);
      expect(en[0].body.startsWith(greeting('en', 'Maria Goreti Lada'))).toBe(true);
      expect(en[0].body).not.toContain(greeting('id', 'Maria Goreti Lada'));
      expect(en[1].body).toContain(smsCode('en', english.code));
      expect(id[0].body.startsWith(greeting('id', 'Maria Goreti Lada'))).toBe(true);
      expect(id[1].body).toContain(smsCode('id', indonesian.code));
      expect(smsCode('en', english.code)).not.toBe(smsCode('id', english.code));
      const kept: { code: string; language: string }[] = await db.query(`SELECT code, language FROM booking WHERE code = ANY($1) ORDER BY code`, [[english.code, indonesian.code, unsaid.code]]);
      expect(Object.fromEntries(kept.map((k) => [k.code, k.language]))).toEqual({ [english.code]: 'en', [indonesian.code]: 'id', [unsaid.code]: 'id' });
      expect((await messagesOf(unsaid.code)).map((m) => m.language)).toEqual(['id']);
    });

    it('should write the cancellation in the booking’s language', async () => {
      const english = (await book({ language: 'en' }).expect(201)).body as BookingCreatedResponse;

      await t.http().post(`/api/v1/bookings/${english.code}/cancel`).send({ token: english.manageToken }).expect((res) => expect(res.status).toBeLessThan(300));

      const sms = (await messagesOf(english.code)).filter((m) => m.channel === 'sms');
      expect(sms).toHaveLength(2);
      expect(sms.every((m) => m.language === 'en')).toBe(true);
      const cancelled = BOOKING_MESSAGE_TEMPLATES.en.cancelled.sms.match(/\(code \{\{code\}\}\) ([a-z ]+)\./)![1];
      expect(sms.some((m) => m.body.includes(`(code ${formatBookingCode(english.code)}) ${cancelled}.`))).toBe(true);
    });
  });

  describe('PUT /citizen/preferences (notifyBy)', () => {
    it('should keep the choice on the citizen, record it for their verified number, and use it for a booking that does not say', async () => {
      const p = phone();
      const cookie = await signIn(p);

      const sut = (await t.http().put('/api/v1/citizen/preferences').set('Cookie', cookie).send({ notifyBy: 'whatsapp', language: 'en' }).expect(200)).body as CitizenMeResponse;

      expect(sut.preferences).toEqual({ notifyBy: 'whatsapp', language: 'en' });
      expect((await me(cookie)).preferences).toEqual({ notifyBy: 'whatsapp', language: 'en' });
      const recipients = t.app.get(NotificationRecipients);
      expect(await recipients.preferenceOf(recipients.hashOf({ kind: 'phone', phone: p.e164 }))).toEqual({ channel: 'whatsapp', language: 'en', optedOut: false });
      // Nothing personal in the citizen's row.
      const row: Record<string, unknown>[] = await db.query(`SELECT * FROM citizen WHERE id = $1`, [await citizenOf(cookie)]);
      expect(JSON.stringify(row)).not.toContain(p.e164.slice(3));

      // A booking made while signed in, the form saying neither: the account's choice.
      const booked = (await book({ phone: p.typed }, cookie).expect(201)).body as BookingCreatedResponse;
      const stored: { language: string }[] = await db.query(`SELECT language FROM booking WHERE code = $1`, [booked.code]);
      expect(stored[0].language).toBe('en');
      expect((await messagesOf(booked.code)).every((m) => m.language === 'en')).toBe(true);
      // What the form says wins.
      const said = (await book({ phone: p.typed, language: 'id', notifyBy: 'sms' }, cookie).expect(201)).body as BookingCreatedResponse;
      expect(((await db.query(`SELECT language FROM booking WHERE code = $1`, [said.code])) as { language: string }[])[0].language).toBe('id');
      expect((await recipients.preferenceOf(recipients.hashOf({ kind: 'phone', phone: p.e164 }))).channel).toBe('sms');
    });

    it("should leave an online ticket without a contact when the citizen chose none, and keep one on the chosen channel otherwise", async () => {
      const p = phone();
      const cookie = await signIn(p);
      const contactOf = async (publicCode: string) =>
        (await db.query(`SELECT c.channel, c.language FROM notification_ticket_contact c JOIN ticket t ON t.id = c.ticket_id WHERE t.public_code = $1`, [publicCode])) as {
          channel: string;
          language: string;
        }[];

      await t.http().put('/api/v1/citizen/preferences').set('Cookie', cookie).send({ notifyBy: 'none' }).expect(200);
      const quiet = (await takeOnline({}, cookie).expect(201)).body as OnlineTicketCreatedResponse;
      await t.http().put('/api/v1/citizen/preferences').set('Cookie', cookie).send({ notifyBy: 'whatsapp', language: 'en' }).expect(200);
      const told = (await takeOnline({}, cookie).expect(201)).body as OnlineTicketCreatedResponse;
      const anonymous = (await takeOnline({}).expect(201)).body as OnlineTicketCreatedResponse;

      expect(await contactOf(quiet.publicCode)).toEqual([]);
      expect(await contactOf(told.publicCode)).toEqual([{ channel: 'whatsapp', language: 'en' }]);
      expect(await contactOf(anonymous.publicCode)).toEqual([{ channel: 'sms', language: 'id' }]);
    });

    it('should refuse email without a verified address, a choice it does not know, and a caller signed out, in both languages', async () => {
      const cookie = await signIn(phone());

      const noEmail = await t.http().put('/api/v1/citizen/preferences').set('Cookie', cookie).send({ notifyBy: 'email' }).expect(400);
      const unknown = await t.http().put('/api/v1/citizen/preferences').set('Cookie', cookie).send({ notifyBy: 'pigeon', language: 'fr' }).expect(400);
      const signedOut = await t.http().put('/api/v1/citizen/preferences').send({ notifyBy: 'sms' }).expect(401);

      expect(noEmail.body).toMatchObject({ code: 'NOTIFY_BY_EMAIL_WITHOUT_EMAIL', fields: [{ field: 'notifyBy' }], message: { id: expect.any(String), en: expect.any(String) } });
      expect((unknown.body as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['language', 'notifyBy']);
      expect(signedOut.body).toMatchObject({ code: 'CITIZEN_SIGNED_OUT' });
      expect((await me(cookie)).preferences).toEqual({ notifyBy: null, language: null });
    });
  });

  describe('adding a contact, and one person signed in twice', () => {
    const addContact = async (cookie: string, who: { typed: string; e164: string }) => {
      await ageCodes();
      await t.http().post('/api/v1/citizen/contacts/otp').set('Cookie', cookie).set('X-Forwarded-For', address()).send({ recipient: who.typed }).expect(200);
      const code = await readSignInCode(t.app, who.e164);
      return code!;
    };
    const verifyContact = (cookie: string, who: { typed: string }, code: string) => t.http().post('/api/v1/citizen/contacts/verify').set('Cookie', cookie).send({ recipient: who.typed, code });

    it('should add a new contact proved by its code to the signed-in citizen, and refuse a wrong code', async () => {
      const p = phone();
      const e = email();
      const cookie = await signIn(p);
      const code = await addContact(cookie, e);

      const wrong = await verifyContact(cookie, e, String((Number(code) + 1) % 1_000_000).padStart(6, '0')).expect(422);
      const sut = (await verifyContact(cookie, e, code).expect(200)).body as CitizenContactAddedResponse;

      expect(wrong.body).toMatchObject({ code: 'OTP_WRONG' });
      expect(sut.merged).toBe(false);
      expect(sut.identities.map((i) => i.kind)).toEqual(['phone', 'email']);
      expect(sut.prefill).toEqual({ phone: p.e164, email: e.e164 });
      // Signing in with the address now finds the same citizen.
      await ageCodes();
      expect(await citizenOf(await signIn(e))).toBe(await citizenOf(cookie));
      await t.http().post('/api/v1/citizen/contacts/otp').send({ recipient: e.typed }).expect(401);
    });

    it('should merge the citizen who signed in with the other contact: bookings, tickets, contacts and sessions move, the other citizen is removed', async () => {
      const p = phone();
      const e = email();
      const byPhone = await signIn(p);
      const byEmail = await signIn(e);
      const phoneCitizen = await citizenOf(byPhone);
      const emailCitizen = await citizenOf(byEmail);
      expect(phoneCitizen).not.toBe(emailCitizen);
      const first = (await book({}, byPhone).expect(201)).body as BookingCreatedResponse;
      const second = (await book({}, byEmail).expect(201)).body as BookingCreatedResponse;
      const ticket = (await takeOnline({}, byEmail).expect(201)).body as OnlineTicketCreatedResponse;
      await t.http().put('/api/v1/citizen/preferences').set('Cookie', byEmail).send({ notifyBy: 'email', language: 'en' }).expect(200);
      const expected = [first.code, second.code, ticket.publicCode].sort();

      const sut = (await verifyContact(byPhone, e, await addContact(byPhone, e)).expect(200)).body as CitizenContactAddedResponse;

      expect(sut.merged).toBe(true);
      expect(sut.identities.map((i) => i.kind).sort()).toEqual(['email', 'phone']);
      expect(sut.preferences).toEqual({ notifyBy: 'email', language: 'en' });
      // The joined account's choice now holds for its number too.
      const recipients = t.app.get(NotificationRecipients);
      expect(await recipients.preferenceOf(recipients.hashOf({ kind: 'phone', phone: p.e164 }))).toEqual({ channel: 'email', language: 'en', optedOut: false });
      expect(await historyCodes(byPhone)).toEqual(expected);
      // The other browser's session is the merged citizen's now.
      expect(await historyCodes(byEmail)).toEqual(expected);
      expect(await citizenOf(byEmail)).toBe(phoneCitizen);
      const left: { id: string }[] = await db.query(`SELECT id FROM citizen WHERE id = ANY($1)`, [[phoneCitizen, emailCitizen]]);
      expect(left).toEqual([{ id: phoneCitizen }]);
    });

    it('should end with one citizen when both sessions add each other’s contact at the same moment, every time', async () => {
      for (let round = 0; round < 3; round++) {
        const p = phone();
        const e = email();
        const byPhone = await signIn(p);
        const byEmail = await signIn(e);
        const ids = [await citizenOf(byPhone), await citizenOf(byEmail)];
        const booked = [((await book({}, byPhone).expect(201)).body as BookingCreatedResponse).code, ((await book({}, byEmail).expect(201)).body as BookingCreatedResponse).code].sort();
        const emailCode = await addContact(byPhone, e);
        const phoneCode = await addContact(byEmail, p);

        const answers = await Promise.all([verifyContact(byPhone, e, emailCode), verifyContact(byEmail, p, phoneCode)]);

        expect(answers.map((a) => a.status)).toEqual([200, 200]);
        const merged = answers.map((a) => (a.body as CitizenContactAddedResponse).merged);
        expect(merged.filter(Boolean)).toHaveLength(1);
        const left: { id: string }[] = await db.query(`SELECT id FROM citizen WHERE id = ANY($1)`, [ids]);
        expect(left).toHaveLength(1);
        const owners: { n: number }[] = await db.query(`SELECT count(DISTINCT citizen_id)::int AS n FROM citizen_identity WHERE citizen_id = ANY($1)`, [ids]);
        expect(owners[0].n).toBe(1);
        for (const cookie of [byPhone, byEmail]) {
          expect(await citizenOf(cookie)).toBe(left[0].id);
          expect((await me(cookie)).identities.map((i) => i.kind).sort()).toEqual(['email', 'phone']);
          expect(await historyCodes(cookie)).toEqual(booked);
        }
      }
    });
  });
});
