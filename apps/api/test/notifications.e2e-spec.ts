import { Logger } from '@nestjs/common';
import type { BookingCreatedResponse, Page, ServiceSummaryResponse } from '@mpp/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PiiCipher } from '../src/common/pii-cipher';
import { FixedClock } from '../src/common/clock';
import { maskRecipient, type NotificationChannel, type NotificationResult, type OutgoingMessage } from '../src/notifications/notification';
import { NotificationsService } from '../src/notifications/notifications.service';
import { KUPANG_MONDAY_0900 } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/** outbox_message as stored. */
interface OutboxRow {
  id: string;
  channel: string;
  recipient_masked: string;
  recipient_cipher: string;
  subject: string | null;
  body_cipher: string | null;
  booking_id: string | null;
  status: string;
  error: string | null;
  created_at: Date;
  sent_at: Date | null;
  provider_message_id: string | null;
}

/**
 * The outbox on a migrated PostgreSQL: what each message leaves in outbox_message, in which order,
 * and what reaches each channel (the channels are recorders; the database is real).
 */
describe(NotificationsService.name, () => {
  let t: TestApp;
  let db: DataSource;
  let bookingId: string;
  const cipher = new PiiCipher(randomBytes(32));
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const phone = '+6281234567890';

  const rowOf = async (id: string): Promise<OutboxRow | undefined> => ((await db.query(`SELECT * FROM outbox_message WHERE id = $1`, [id])) as OutboxRow[])[0];
  const rowsOfBooking = async (id: string): Promise<OutboxRow[]> => (await db.query(`SELECT * FROM outbox_message WHERE booking_id = $1 ORDER BY id`, [id])) as OutboxRow[];

  /** A channel that records what it was given, and the message's row as it stood at that moment. */
  const recordingChannel = (result: NotificationResult | Error) => {
    const sent: OutgoingMessage[] = [];
    const rowsWhenSent: (OutboxRow | undefined)[] = [];
    const channel: NotificationChannel = {
      name: 'recorder',
      send: async (message) => {
        sent.push(message);
        rowsWhenSent.push(await rowOf((message as OutgoingMessage & { outboxId: string }).outboxId));
        if (result instanceof Error) throw result;
        return result;
      },
    };
    return Object.assign(channel, { sent, rowsWhenSent });
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    db = t.app.get(DataSource);
    // A real booking for the messages to belong to (outbox_message.booking_id references it).
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as Page<ServiceSummaryResponse>;
    const akta = services.items.find((s) => s.code === 'dukcapil-akta-kelahiran')!;
    const booking = (
      await t
        .http()
        .post('/api/v1/bookings')
        .send({ serviceId: akta.id, date: '2026-11-24', start: '10:00', nik: '5371015708917391', fullName: 'Yohanes Bosco Wunarlan', phone: '0812-7391-4628' })
        .expect(201)
    ).body as BookingCreatedResponse;
    [{ id: bookingId }] = (await db.query(`SELECT id FROM booking WHERE code = $1`, [booking.code])) as { id: string }[];
  });
  afterAll(async () => t?.close());

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('should record the message as pending, with the recipient and the text encrypted, then send it from that row', async () => {
    const sms = recordingChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, recordingChannel({ status: 'sent' }), sms);
    const message: OutgoingMessage = { channel: 'sms', to: phone, subject: null, body: `halo ${randomUUID()}`, bookingId };

    const result = await sut.send(message);

    expect(result).toEqual({ outboxId: expect.stringMatching(/^\d+$/) as string, channel: 'sms', status: 'logged' });
    expect(sms.sent).toEqual([{ ...message, outboxId: result.outboxId }]);
    // The row was there, pending, when the channel was given the message.
    expect(sms.rowsWhenSent[0]).toMatchObject({ status: 'pending', sent_at: null });
    const row = (await rowOf(result.outboxId))!;
    expect(row).toMatchObject({ channel: 'sms', recipient_masked: maskRecipient('sms', phone), subject: null, booking_id: bookingId, status: 'logged', error: null, sent_at: null });
    expect(row.recipient_cipher).not.toContain(phone.slice(3));
    expect(cipher.decrypt(row.recipient_cipher)).toBe(phone);
    expect(row.body_cipher).not.toContain(message.body);
    expect(cipher.decrypt(row.body_cipher!)).toBe(message.body);
  });

  it('should route email to the email channel and stamp it sent', async () => {
    const email = recordingChannel({ status: 'sent' });
    const sms = recordingChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, email, sms);
    const to = 'nur@example.go.id';

    const result = await sut.send({ channel: 'email', to, subject: 'Subjek', body: 'Isi' });

    expect(email.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(0);
    const row = (await rowOf(result.outboxId))!;
    expect(row).toMatchObject({ channel: 'email', recipient_masked: maskRecipient('email', to), subject: 'Subjek', booking_id: null, status: 'sent', error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row.sent_at!.getTime()).toBeGreaterThanOrEqual(row.created_at.getTime());
  });

  it('should turn a channel that throws into a failed row, with the recipient masked in the error', async () => {
    const refusal = new Error(`gateway refused ${phone}`);
    const sut = new NotificationsService(db, cipher, recordingChannel(refusal), recordingChannel(refusal));

    const result = await sut.send({ channel: 'sms', to: phone, subject: null, body: 'halo' });

    const masked = `gateway refused ${maskRecipient('sms', phone)}`;
    expect(result).toMatchObject({ status: 'failed', error: masked });
    expect(await rowOf(result.outboxId)).toMatchObject({ status: 'failed', error: masked, sent_at: null });
  });

  it('should send a message only from a pending row, so never twice', async () => {
    const sms = recordingChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, recordingChannel({ status: 'sent' }), sms);
    const { outboxId } = await sut.send({ channel: 'sms', to: phone, subject: null, body: 'sekali' });

    await expect(sut.deliver(outboxId)).rejects.toThrow(/not pending/);
    expect(sms.sent).toHaveLength(1);
    expect((await rowOf(outboxId))?.status).toBe('logged');
  });

  it('should record and send each message in order, naming the booking it is about', async () => {
    const email = recordingChannel({ status: 'sent' });
    const sms = recordingChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, email, sms);
    const before = (await rowsOfBooking(bookingId)).length;
    const messages: OutgoingMessage[] = [
      { channel: 'sms', to: phone, subject: null, body: `sms ${randomUUID()}`, bookingId },
      { channel: 'email', to: 'nur@example.go.id', subject: `subjek ${randomUUID()}`, body: `email ${randomUUID()}`, bookingId },
    ];

    const results = await sut.sendAll(messages);

    expect(results.map((r) => [r.channel, r.status])).toEqual([
      ['sms', 'logged'],
      ['email', 'sent'],
    ]);
    expect(sms.sent).toEqual([{ ...messages[0], outboxId: results[0].outboxId }]);
    expect(email.sent).toEqual([{ ...messages[1], outboxId: results[1].outboxId }]);
    const rows = (await rowsOfBooking(bookingId)).slice(before);
    expect(rows.map((r) => [r.id, r.channel, r.status, r.subject])).toEqual(results.map((r, i) => [r.outboxId, r.channel, r.status, messages[i].subject]));
  });

  it('should report, not throw, a message the outbox cannot take, and still send the next', async () => {
    const sms = recordingChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, recordingChannel({ status: 'sent' }), sms);
    // outbox_message.booking_id references booking: a booking that does not exist cannot be written.
    const missing = randomUUID();
    const refused: OutgoingMessage = { channel: 'sms', to: phone, subject: null, body: 'halo', bookingId: missing };
    const accepted: OutgoingMessage = { channel: 'sms', to: phone, subject: null, body: `halo ${randomUUID()}` };

    await expect(sut.send(refused)).rejects.toThrow(/outbox_message/);
    const results = await sut.sendAll([refused, accepted]);

    expect(results).toEqual([
      { outboxId: '', channel: 'sms', status: 'failed', error: expect.stringContaining('outbox_message') as string },
      { outboxId: expect.stringMatching(/^\d+$/) as string, channel: 'sms', status: 'logged' },
    ]);
    expect(results[0].error).not.toContain(phone);
    expect(sms.sent).toEqual([{ ...accepted, outboxId: results[1].outboxId }]);
    expect(await rowsOfBooking(missing)).toEqual([]);
  });

  it('should answer sendAll within its wait while a slow channel goes on, then record the outcome in the background', async () => {
    let release: () => void = () => undefined;
    const slow: NotificationChannel = {
      name: 'slow',
      send: () => new Promise<NotificationResult>((resolve) => (release = () => resolve({ status: 'sent', providerMessageId: 'gw-77' }))),
    };
    const sut = new NotificationsService(db, cipher, recordingChannel({ status: 'sent' }), slow);
    const started = Date.now();

    const [result] = await sut.sendAll([{ channel: 'sms', to: phone, subject: null, body: `halo ${randomUUID()}`, bookingId }], 200);

    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({ outboxId: expect.stringMatching(/^\d+$/) as string, channel: 'sms', status: 'pending' });
    expect(await rowOf(result.outboxId)).toMatchObject({ status: 'pending' });
    release();
    await sut.drain();
    expect(await rowOf(result.outboxId)).toMatchObject({ status: 'sent', provider_message_id: 'gw-77' });
  });

  it("should write a message in the caller's transaction: none when it rolls back, one sent after it commits", async () => {
    const sms = recordingChannel({ status: 'sent' });
    const sut = new NotificationsService(db, cipher, recordingChannel({ status: 'sent' }), sms);
    const body = `halo ${randomUUID()}`;
    const message: OutgoingMessage = { channel: 'sms', to: phone, subject: null, body, bookingId };
    const before = (await rowsOfBooking(bookingId)).length;

    await expect(
      db.transaction(async (manager) => {
        await sut.enqueue(message, manager);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rowsOfBooking(bookingId)).toHaveLength(before);

    const id = await db.transaction((manager) => sut.enqueue(message, manager));
    expect(id).toMatch(/^\d+$/);
    sut.deliverSoon(id!);
    await sut.drain();
    expect(sms.sent.map((m) => m.body)).toEqual([body]);
    expect(await rowOf(id!)).toMatchObject({ status: 'sent' });
  });
});
