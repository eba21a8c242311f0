import type { BookingCreatedResponse, FieldError, OnlineTicketCreatedResponse, ServiceResponse, TicketResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { readNotificationsConfig } from '../src/config/notifications-config';
import { NotificationRecipients } from '../src/notifications/notification-recipients';
import { NotificationsService } from '../src/notifications/notifications.service';
import { startHttpPeer, type HttpPeer, type ReceivedRequest } from '../src/notifications/http-peer.testing';
import { TicketCalledNotifier } from '../src/notifications/ticket-called.notifier';
import { counterAction, Hall, issue, setDailyQuota, setupHall } from './support/hall';
import { captureLogs, createTestApp, TestApp } from './support/test-app';

/** outbox_message as an admin never sees it: what the channels left there. */
interface OutboxRow {
  id: string;
  channel: string;
  status: string;
  template: string | null;
  language: string | null;
  ticket_id: string | null;
  site_id: string | null;
  provider_message_id: string | null;
  last_attempt_at: Date | null;
  sent_at: Date | null;
  attempts: number;
}

const PUBLIC_URL = 'https://mpp.kupangkota.go.id';
const BOOKER_PHONE = '0812-3456-7890';
const WALK_IN_PHONE = '081298765432';

function nikFor(serial: number): string {
  return `5371010101900${String(serial).padStart(3, '0')}`;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * "Told when called" through the real channels, on PostgreSQL: an SMS gateway and the WhatsApp Cloud
 * API are local HTTP peers that check the exact request; the call-next that causes the message is
 * answered without waiting for them; opt-out by the link; dead letters counted for admins.
 */
describe('Notification channels: told when called, opt-out, dead letters', () => {
  let t: TestApp;
  let h: Hall;
  let sms: HttpPeer;
  let whatsapp: HttpPeer;
  let whatsappDelayMs = 0;
  const logLines: string[] = [];
  // Monday 23 November 2026, 08:30 WITA in Kupang.
  const clock = new FixedClock(new Date('2026-11-23T00:30:00Z'));
  let smsId = 0;

  beforeAll(async () => {
    sms = await startHttpPeer(() => ({ status: 200, body: { ok: true, id: `gw-${++smsId}` } }));
    whatsapp = await startHttpPeer(() => ({ status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.TEST${Date.now()}` }] }, delayMs: whatsappDelayMs }));
    const problems: string[] = [];
    const notifications = readNotificationsConfig(
      {
        SMS_GATEWAY_URL: `${sms.origin}/api/sms/send`,
        SMS_GATEWAY_BODY: '{"to":"{{to}}","text":"{{text}}","sender":"MPP"}',
        SMS_GATEWAY_AUTH_HEADER: 'Authorization: Bearer gw-key',
        SMS_GATEWAY_MESSAGE_ID: 'id',
        WHATSAPP_TOKEN: 'wa-test-token',
        WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
        WHATSAPP_API_URL: `${whatsapp.origin}/v21.0`,
      },
      problems,
    );
    expect(problems).toEqual([]);
    t = await createTestApp({ clock, config: { publicUrl: PUBLIC_URL, bookingRateLimit: 100_000, notifications }, logger: captureLogs('info', logLines) });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  }, 120_000);
  afterAll(async () => {
    await t?.app.get(NotificationsService).drain();
    await t?.close();
    await sms?.close();
    await whatsapp?.close();
  });

  const db = () => t.app.get(DataSource);
  const outboxOfTicket = async (ticketId: string) => (await db().query(`SELECT * FROM outbox_message WHERE ticket_id = $1 ORDER BY id`, [ticketId])) as OutboxRow[];
  const calledSms = () => sms.received.filter((r) => (JSON.parse(r.body) as { text: string }).text.includes('dipanggil'));

  const bookAndCheckIn = async (serial: number, phone = BOOKER_PHONE, extra: Record<string, unknown> = {}) => {
    clock.set('2026-11-23T00:30:00Z');
    const booking = (
      await t
        .http()
        .post('/api/v1/bookings')
        .send({ serviceId: h.services.akta, date: '2026-11-24', start: '10:00', nik: nikFor(serial), fullName: 'Maria Goreti Lada', phone, ...extra })
        .expect(201)
    ).body as BookingCreatedResponse;
    clock.set('2026-11-24T01:45:00Z'); // 09:45 WITA: inside the check-in window of the 10:00 slot
    await t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code: booking.code }).expect(200);
    return booking;
  };
  const callNext = async (officer: string, counter: { id: string }) => {
    const started = Date.now();
    const ticket = (await counterAction(t, officer, counter, 'call-next').expect(200)).body as TicketResponse;
    return { ticket, ms: Date.now() - started };
  };
  const release = async (officer: string, counter: { id: string }) => {
    await counterAction(t, officer, counter, 'start').expect(200);
    await counterAction(t, officer, counter, 'finish').expect(200);
  };

  let optOutUrl = '';

  it("should tell a checked-in booking's citizen by SMS when called: one outbox row, then the gateway's exact request, and its message id kept", async () => {
    await bookAndCheckIn(1);
    const { ticket } = await callNext(h.officers.dukcapil1, h.counters.dukcapil1);

    const [row] = await until(() => outboxOfTicket(ticket.id), (rows) => rows.length === 1 && rows[0].status !== 'pending');
    expect(row).toMatchObject({ channel: 'sms', status: 'sent', template: 'ticket-called', language: 'id', attempts: 1, provider_message_id: expect.stringMatching(/^gw-\d+$/) as string });
    expect(row.last_attempt_at).toBeInstanceOf(Date);
    const [{ site_id }] = (await db().query(`SELECT id AS site_id FROM site WHERE code = 'kota-kupang'`)) as { site_id: string }[];
    expect(row.site_id).toBe(site_id);

    expect(calledSms()).toHaveLength(1);
    const [request] = calledSms();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/sms/send');
    expect(request.headers['authorization']).toBe('Bearer gw-key');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body) as { to: string; text: string; sender: string };
    const counterNumber = ticket.counter!.number;
    expect(Object.keys(body)).toEqual(['to', 'text', 'sender']);
    expect(body.to).toBe('+6281234567890');
    expect(body.sender).toBe('MPP');
    const link = /Berhenti: (\S+)$/.exec(body.text)?.[1] ?? '';
    expect(body.text).toBe(`MPP Kota Kupang: nomor ${ticket.number} dipanggil, silakan ke Loket ${counterNumber}. Berhenti: ${link}`);
    expect(link.startsWith(`${PUBLIC_URL}/api/v1/notifications/opt-out?t=`)).toBe(true);
    optOutUrl = link;
    await release(h.officers.dukcapil1, h.counters.dukcapil1);
  });

  it('should answer call-next at once while WhatsApp takes 5 s, then record the message sent with its wamid', async () => {
    whatsappDelayMs = 5000;
    clock.set('2026-11-24T01:50:00Z');
    const walkIn = await issue(t, h.kiosk, h.services.kk);
    // What the online-ticket flow does when the citizen gives a number and picks WhatsApp, in English.
    await t.app.get(TicketCalledNotifier).watchTicket(walkIn.id, { channel: 'whatsapp', to: WALK_IN_PHONE, language: 'en' });
    const before = whatsapp.received.length;

    const { ticket, ms } = await callNext(h.officers.dukcapil2, h.counters.dukcapil2);

    expect(ticket.id).toBe(walkIn.id);
    // Far from the channel's 5 s, with room for a loaded test machine.
    expect(ms).toBeLessThan(2500);
    // The request reached WhatsApp at once; its answer is 5 s away, and the row waits for it.
    const [request] = (await until(async () => whatsapp.received.slice(before), (r) => r.length === 1)) as ReceivedRequest[];
    expect((await outboxOfTicket(walkIn.id)).map((r) => r.status)).toEqual(['pending']);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v21.0/106540352242922/messages');
    expect(request.headers['authorization']).toBe('Bearer wa-test-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281298765432',
      type: 'template',
      template: {
        name: 'mpp_ticket_called',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: ticket.number },
              { type: 'text', text: `Counter ${ticket.counter!.number}` },
              { type: 'text', text: 'MPP Kota Kupang' },
            ],
          },
        ],
      },
    });
    // Meanwhile the officer goes on working.
    const started = Date.now();
    await release(h.officers.dukcapil2, h.counters.dukcapil2);
    expect(Date.now() - started).toBeLessThan(2500);

    const [row] = await until(() => outboxOfTicket(walkIn.id), (rows) => rows[0]?.status !== 'pending', 20_000);
    expect(row).toMatchObject({ channel: 'whatsapp', status: 'sent', language: 'en', provider_message_id: expect.stringMatching(/^wamid\.TEST/) as string });
    whatsappDelayMs = 0;
  }, 40_000);

  it("should use the channel the citizen chose for the booking's number (WhatsApp), in the booking's language, not the number's", async () => {
    const recipients = t.app.get(NotificationRecipients);
    await recipients.choose({ kind: 'phone', phone: '+62 813-1111-2222' }, { channel: 'whatsapp', language: 'en' });
    const before = whatsapp.received.length;
    const booking = await bookAndCheckIn(3, '081311112222'); // no language: the booking's is Indonesian
    const [{ language: bookingLanguage }] = (await db().query(`SELECT language FROM booking WHERE code = $1`, [booking.code])) as { language: string }[];
    const numberLanguage = (await recipients.preferenceOf(recipients.hashOf({ kind: 'phone', phone: '081311112222' }))).language;
    expect(bookingLanguage).not.toBe(numberLanguage);
    // The booking's confirmation went by WhatsApp too, as the text template's one parameter.
    const confirmation = await until(async () => whatsapp.received.slice(before), (r) => r.length >= 1);
    expect((JSON.parse(confirmation[0].body) as { template: { name: string } }).template.name).toBe('mpp_pesan');

    const { ticket } = await callNext(h.officers.dukcapil1, h.counters.dukcapil1);
    const [row] = await until(() => outboxOfTicket(ticket.id), (rows) => rows.length === 1 && rows[0].status !== 'pending');
    expect(row).toMatchObject({ channel: 'whatsapp', status: 'sent', language: bookingLanguage, template: 'ticket-called' });
    await release(h.officers.dukcapil1, h.counters.dukcapil1);
  });

  it("should write a checked-in booking's \"called\" in the language it was booked in (English), whatever the number last recorded", async () => {
    const recipients = t.app.get(NotificationRecipients);
    const phone = '081311113333';
    await recipients.choose({ kind: 'phone', phone }, { channel: 'sms', language: 'id' });
    const booking = await bookAndCheckIn(6, phone, { language: 'en', serviceId: h.services.kk }); // akta's 10:00 is kept for the tests below
    const [{ language: bookingLanguage }] = (await db().query(`SELECT language FROM booking WHERE code = $1`, [booking.code])) as { language: string }[];
    expect(bookingLanguage).toBe('en');
    expect((await recipients.preferenceOf(recipients.hashOf({ kind: 'phone', phone }))).language).toBe('id');

    const { ticket } = await callNext(h.officers.dukcapil1, h.counters.dukcapil1);
    const [row] = await until(() => outboxOfTicket(ticket.id), (rows) => rows.length === 1 && rows[0].status !== 'pending');
    expect(row).toMatchObject({ channel: 'sms', status: 'sent', language: bookingLanguage, template: 'ticket-called' });
    await t.app.get(NotificationsService).drain();
    const sent = sms.received.map((r) => JSON.parse(r.body) as { to: string; text: string }).filter((b) => b.to === '+6281311113333' && b.text.includes(ticket.number));
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain(`Counter ${ticket.counter!.number}`);
    expect(sent[0].text).not.toContain('dipanggil');
    await release(h.officers.dukcapil1, h.counters.dukcapil1);
  });

  describe('online tickets: "Beri tahu saya lewat" (notifyBy)', () => {
    const ONLINE_PHONE = '0813-5500-6600';
    const takeOnline = (serial: number, extra: Record<string, unknown>) =>
      t
        .http()
        .post('/api/v1/queue/online-tickets')
        .send({ serviceId: h.services.kk, nik: nikFor(serial), fullName: 'Yohanes Benyamin Nalle', phone: ONLINE_PHONE, ...extra });
    const smsTo = (to: string) => calledSms().filter((r) => (JSON.parse(r.body) as { to: string }).to === to);

    beforeAll(async () => {
      const service = (await t.http().get(`/api/v1/services/${h.services.kk}`).expect(200)).body as ServiceResponse;
      await t.http().patch(`/api/v1/admin/services/${h.services.kk}`).auth(h.system, { type: 'bearer' }).send({ queue: { ...service.queue, onlineTicketEnabled: true } }).expect(200);
    });
    beforeEach(() => clock.set('2026-11-24T02:00:00Z')); // Tuesday 10:00 WITA, counters open

    it('should send exactly one "dipanggil" SMS to the number of an online ticket (SMS by default) when it is called at a counter', async () => {
      const online = (await takeOnline(50, {}).expect(201)).body as OnlineTicketCreatedResponse;
      expect(smsTo('+6281355006600')).toHaveLength(0);

      const { ticket } = await callNext(h.officers.dukcapil1, h.counters.dukcapil1);

      expect(ticket.number).toBe(online.number);
      const [row] = await until(() => outboxOfTicket(ticket.id), (rows) => rows.length === 1 && rows[0].status !== 'pending');
      expect(row).toMatchObject({ channel: 'sms', status: 'sent', template: 'ticket-called', language: 'id' });
      await t.app.get(NotificationsService).drain();
      const sent = smsTo('+6281355006600');
      expect(sent).toHaveLength(1);
      expect((JSON.parse(sent[0].body) as { text: string }).text).toContain(`nomor ${online.number} dipanggil, silakan ke Loket ${ticket.counter!.number}.`);
      await release(h.officers.dukcapil1, h.counters.dukcapil1);
      // Its channel and language are kept for the number, by its keyed hash.
      const recipients = t.app.get(NotificationRecipients);
      expect(await recipients.preferenceOf(recipients.hashOf({ kind: 'phone', phone: ONLINE_PHONE }))).toEqual({ channel: 'sms', language: 'id', optedOut: false });
    });

    it('should send it by WhatsApp, in English, when the citizen chose so', async () => {
      const before = whatsapp.received.length;
      const online = (await takeOnline(51, { notifyBy: 'whatsapp', language: 'en', phone: '081355006601' }).expect(201)).body as OnlineTicketCreatedResponse;

      const { ticket } = await callNext(h.officers.dukcapil1, h.counters.dukcapil1);

      expect(ticket.number).toBe(online.number);
      const [row] = await until(() => outboxOfTicket(ticket.id), (rows) => rows.length === 1 && rows[0].status !== 'pending');
      expect(row).toMatchObject({ channel: 'whatsapp', status: 'sent', language: 'en', template: 'ticket-called' });
      const requests = whatsapp.received.slice(before).map((r) => JSON.parse(r.body) as { to: string; template: { name: string; language: { code: string } } });
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ to: '6281355006601', template: { name: 'mpp_ticket_called', language: { code: 'en' } } });
      await release(h.officers.dukcapil1, h.counters.dukcapil1);
    });

    it("should send nothing for an online ticket whose citizen chose 'none'", async () => {
      const smsBefore = sms.received.length;
      const waBefore = whatsapp.received.length;
      const online = (await takeOnline(52, { notifyBy: 'none' }).expect(201)).body as OnlineTicketCreatedResponse;

      const { ticket } = await callNext(h.officers.dukcapil1, h.counters.dukcapil1);

      expect(ticket.number).toBe(online.number);
      await t.app.get(NotificationsService).drain();
      expect(await outboxOfTicket(ticket.id)).toEqual([]);
      expect(sms.received.length).toBe(smsBefore);
      expect(whatsapp.received.length).toBe(waBefore);
      expect(((await db().query(`SELECT count(*)::int AS n FROM notification_ticket_contact WHERE ticket_id = $1`, [ticket.id])) as { n: number }[])[0].n).toBe(0);
      await release(h.officers.dukcapil1, h.counters.dukcapil1);
    });

    it('should refuse an unknown notifyBy or language with a bilingual 400 naming the field, and take no ticket', async () => {
      const taken = async () => ((await db().query(`SELECT count(*)::int AS n FROM online_ticket`)) as { n: number }[])[0].n;
      const before = await taken();
      for (const [extra, field] of [
        [{ notifyBy: 'telegram' }, 'notifyBy'],
        [{ notifyBy: 'email' }, 'notifyBy'],
        [{ notifyBy: 'sms', language: 'fr' }, 'language'],
      ] as const) {
        const res = await takeOnline(53, extra).expect(400);
        const named = (res.body.fields as FieldError[]).find((f) => f.field === field);
        expect(named?.message.id).toMatch(/harus/);
        expect(named?.message.en).toMatch(/must be/);
      }
      expect(await taken()).toBe(before);
    });
  });

  it("should tell a booking's citizen who chose WhatsApp when booking, by WhatsApp, when called", async () => {
    const before = whatsapp.received.length;
    await bookAndCheckIn(5, '081355006602', { notifyBy: 'whatsapp' });

    const { ticket } = await callNext(h.officers.dukcapil1, h.counters.dukcapil1);

    const [row] = await until(() => outboxOfTicket(ticket.id), (rows) => rows.length === 1 && rows[0].status !== 'pending');
    expect(row).toMatchObject({ channel: 'whatsapp', status: 'sent', language: 'id', template: 'ticket-called' });
    const called = whatsapp.received.slice(before).map((r) => JSON.parse(r.body) as { to: string; template: { name: string } }).filter((b) => b.template.name === 'mpp_ticket_called');
    expect(called).toEqual([expect.objectContaining({ to: '6281355006602' })]);
    await release(h.officers.dukcapil1, h.counters.dukcapil1);
  });

  it('should stop every further message to a number whose citizen followed the opt-out link, without a login', async () => {
    expect(optOutUrl).not.toBe('');
    const path = optOutUrl.slice(PUBLIC_URL.length);
    const token = new URL(optOutUrl).searchParams.get('t')!;

    const page = await t.http().get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<form method="post" action="opt-out">');
    expect(page.text).toContain(`value="${token}"`);
    // Opening the link (a link preview does) stops nothing.
    expect(((await db().query(`SELECT count(*)::int AS n FROM notification_recipient WHERE opted_out_at IS NOT NULL`)) as { n: number }[])[0].n).toBe(0);

    const stopped = await t.http().post('/api/v1/notifications/opt-out').send({ t: token }).expect(200);
    expect(stopped.body).toEqual({ optedOut: true, message: { id: expect.stringContaining('tidak akan menerima') as string, en: expect.stringContaining('no more messages') as string } });
    const form = await t.http().post('/api/v1/notifications/opt-out').type('form').send({ t: token }).expect(200);
    expect(form.text).toContain('Selesai');

    const sentBefore = sms.received.length;
    await bookAndCheckIn(4, BOOKER_PHONE);
    const { ticket } = await callNext(h.officers.dukcapil1, h.counters.dukcapil1);
    await t.app.get(NotificationsService).drain();
    expect(await outboxOfTicket(ticket.id)).toEqual([]);
    expect(sms.received.length).toBe(sentBefore);
    await release(h.officers.dukcapil1, h.counters.dukcapil1);

    // Opting out stops notifications, not the answer to a request: a sign-in code the citizen
    // asks for is still sent to that number.
    await t.http().post('/api/v1/citizen/otp').send({ recipient: BOOKER_PHONE }).expect(200);
    await t.app.get(NotificationsService).drain();
    expect(sms.received.length).toBe(sentBefore + 1);
    expect((JSON.parse(sms.received[sms.received.length - 1].body) as { text: string }).text).toMatch(/\b\d{6}\b/);
  });

  it('should refuse a damaged or forged opt-out token with a bilingual 400', async () => {
    for (const bad of ['', 'abc', 'A'.repeat(43) + '.' + 'B'.repeat(16)]) {
      const res = await t.http().post('/api/v1/notifications/opt-out').send({ t: bad }).expect(400);
      expect(res.body).toMatchObject({ code: 'BAD_OPT_OUT_TOKEN', message: { id: expect.any(String) as string, en: expect.any(String) as string } });
    }
    await t.http().get('/api/v1/notifications/opt-out?t=nope').expect(400);
    await t.http().post('/api/v1/notifications/opt-out').send({}).expect(400);
  });

  it("should count the outbox's messages and dead letters for the system admin (all) and a site admin (their site), and never show a text or a recipient", async () => {
    const [{ other }] = (await db().query(`SELECT id AS other FROM site WHERE code <> 'kota-kupang' ORDER BY code LIMIT 1`)) as { other: string }[];
    const [{ id: deadId }] = (await db().query(`SELECT id::text FROM outbox_message WHERE status = 'sent' ORDER BY id LIMIT 1`)) as { id: string }[];
    await db().query(`UPDATE outbox_message SET status = 'dead', dead_at = now(), next_attempt_at = NULL WHERE id = $1`, [deadId]);
    const [{ id: elsewhere }] = (await db().query(
      `INSERT INTO outbox_message (channel, recipient_masked, recipient_cipher, subject, body_cipher, status, attempts, dead_at, site_id)
       VALUES ('sms', '****', 'x', NULL, 'x', 'dead', 5, now(), $1) RETURNING id::text`,
      [other],
    )) as { id: string }[];
    const counts = (await db().query(`SELECT site_id, status, count(*)::int AS n FROM outbox_message GROUP BY site_id, status`)) as { site_id: string | null; status: string; n: number }[];
    const expected = (site: string | null) => {
      const byStatus: Record<string, number> = { pending: 0, sent: 0, logged: 0, failed: 0, dead: 0 };
      for (const c of counts) if (site === null || c.site_id === site) byStatus[c.status] += c.n;
      return byStatus;
    };
    const [{ kupang }] = (await db().query(`SELECT id AS kupang FROM site WHERE code = 'kota-kupang'`)) as { kupang: string }[];

    const all = (await t.http().get('/api/v1/admin/notifications/summary').auth(h.system, { type: 'bearer' }).expect(200)).body as Record<string, unknown>;
    expect(Object.keys(all).sort()).toEqual(['byStatus', 'deadByChannel', 'oldestDeadAt']);
    expect(all.byStatus).toEqual(expected(null));
    expect((all.byStatus as Record<string, number>).dead).toBe(2);
    expect(all.deadByChannel).toEqual({ email: 0, sms: 2, whatsapp: 0 });

    const site = (await t.http().get('/api/v1/admin/notifications/summary').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as Record<string, unknown>;
    expect(site.byStatus).toEqual(expected(kupang));
    expect((site.byStatus as Record<string, number>).dead).toBe(1);
    expect(JSON.stringify([all, site])).not.toMatch(/\+62|812|maria|dipanggil/i);

    await t.http().get('/api/v1/admin/notifications/summary').auth(h.dukcapilOfficer, { type: 'bearer' }).expect(403);
    await t.http().get('/api/v1/admin/notifications/summary').expect(401);
    await db().query(`DELETE FROM outbox_message WHERE id = $1`, [elsewhere]);
  });

  it('should keep no number, address or text in clear in the notification tables or the log', async () => {
    const dump = JSON.stringify(
      await Promise.all(['outbox_message', 'notification_recipient', 'notification_ticket_contact'].map((table) => db().query(`SELECT * FROM ${table}`))),
    );
    for (const leak of ['81234567890', '81298765432', '81311112222', '81355006600', '81355006601', '81355006602', 'Maria', 'Yohanes', 'dipanggil']) expect(dump).not.toContain(leak);
    const log = logLines.join('\n');
    for (const leak of ['81234567890', '81298765432', '81311112222', '81355006600', '81355006601', '81355006602', 'Maria', 'Yohanes', 'dipanggil', 'wa-test-token', 'gw-key']) expect(log).not.toContain(leak);
  });
});
