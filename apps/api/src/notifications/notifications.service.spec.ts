import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { newBookingModel } from '../booking/documents/booking-confirmation.factory';
import { PiiCipher } from '../booking/pii-cipher';
import type { NotificationChannel, NotificationResult, OutgoingMessage } from './notification';
import { NotificationsService } from './notifications.service';

/**
 * The order of work and what reaches each channel, with the database replaced by a recorder of
 * statements. Whether the SQL is right is for the integration tests against PostgreSQL.
 */
function fakeDb() {
  const statements: { sql: string; params: unknown[] }[] = [];
  const rows = new Map<string, Record<string, unknown>>();
  let nextId = 41;
  const db = {
    query: jest.fn((sql: string, params: unknown[]) => {
      statements.push({ sql, params });
      const verb = sql.trimStart().split(/\s/)[0];
      if (verb === 'INSERT') {
        const id = String(++nextId);
        const [channel, , recipient_cipher, subject, body_cipher, booking_id] = params;
        rows.set(id, { channel, recipient_cipher, subject, body_cipher, booking_id });
        return Promise.resolve([{ id }]);
      }
      if (verb === 'SELECT') return Promise.resolve(rows.has(String(params[0])) ? [rows.get(String(params[0]))] : []);
      return Promise.resolve([]);
    }),
  };
  return { db: db as unknown as DataSource, statements };
}

function fakeChannel(result: NotificationResult | Error): NotificationChannel & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return { name: 'fake', sent, send: (message) => (sent.push(message), result instanceof Error ? Promise.reject(result) : Promise.resolve(result)) };
}

const SMS: OutgoingMessage = { channel: 'sms', to: '+6281234567890', subject: null, body: 'halo', bookingId: '7c0e7a3e-0000-4000-8000-000000000001' };

describe(NotificationsService.name, () => {
  const cipher = new PiiCipher(randomBytes(32));

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('should record the message as pending, with the recipient and the text encrypted, then send it from that row', async () => {
    const { db, statements } = fakeDb();
    const sms = fakeChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, fakeChannel({ status: 'sent' }), sms);
    const result = await sut.send(SMS);
    expect(result).toEqual({ outboxId: '42', channel: 'sms', status: 'logged' });
    expect(sms.sent).toEqual([{ ...SMS, outboxId: '42' }]);
    const [insert, read, update] = statements;
    expect(insert.sql).toMatch(/^INSERT INTO outbox_message/);
    const [channel, masked, encryptedTo, subject, encryptedBody, bookingId] = insert.params as string[];
    expect([channel, masked, subject, bookingId]).toEqual(['sms', '+62 812****7890', null, SMS.bookingId]);
    expect(encryptedTo).not.toContain('81234567890');
    expect(cipher.decrypt(encryptedTo)).toBe('+6281234567890');
    expect(encryptedBody).not.toContain('halo');
    expect(cipher.decrypt(encryptedBody)).toBe('halo');
    expect(read.sql).toMatch(/^SELECT .* FROM outbox_message/s);
    expect(update.sql).toMatch(/^UPDATE outbox_message/);
    expect(update.params).toEqual(['42', 'logged', null, false]);
  });

  it('should route email to the email channel and stamp it sent', async () => {
    const { db, statements } = fakeDb();
    const email = fakeChannel({ status: 'sent' });
    const sms = fakeChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, email, sms);
    await sut.send({ channel: 'email', to: 'nur@example.go.id', subject: 'S', body: 'B' });
    expect(email.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(0);
    expect(statements[0].params[1]).toBe('n***@example.go.id');
    expect(statements[2].params).toEqual(['42', 'sent', null, true]);
  });

  it('should turn a channel that throws into a failed row, with the recipient masked in the error', async () => {
    const { db, statements } = fakeDb();
    const sut = new NotificationsService(db, cipher, fakeChannel(new Error('gateway refused +6281234567890')), fakeChannel(new Error('gateway refused +6281234567890')));
    const result = await sut.send(SMS);
    expect(result).toMatchObject({ status: 'failed', error: 'gateway refused +62 812****7890' });
    expect(statements[2].params).toEqual(['42', 'failed', 'gateway refused +62 812****7890', false]);
  });

  it('should send the SMS and, when there is an address, the email for a booking, never throwing', async () => {
    const { db } = fakeDb();
    const email = fakeChannel({ status: 'sent' });
    const sms = fakeChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, email, sms);
    const results = await sut.notifyBooking('confirmed', newBookingModel(), { phone: '+6281234567890', email: 'nur@example.go.id' }, 'b-1');
    expect(results.map((r) => [r.channel, r.status])).toEqual([
      ['sms', 'logged'],
      ['email', 'sent'],
    ]);
    expect(sms.sent[0]).toMatchObject({ to: '+6281234567890', subject: null, bookingId: 'b-1' });
    expect(sms.sent[0].body).toContain('Kode K7M3-9QXA');
    expect(email.sent[0].subject).toContain('K7M3-9QXA');

    const smsOnly = await sut.notifyBooking('cancelled', newBookingModel(), { phone: '+6281234567890', email: null });
    expect(smsOnly.map((r) => r.channel)).toEqual(['sms']);
  });

  it('should report, not throw, when the outbox cannot be written', async () => {
    const db = { query: jest.fn(() => Promise.reject(new Error('relation "outbox_message" does not exist'))) } as unknown as DataSource;
    const sms = fakeChannel({ status: 'logged' });
    const sut = new NotificationsService(db, cipher, fakeChannel({ status: 'sent' }), sms);
    await expect(sut.send(SMS)).rejects.toThrow(/outbox_message/);
    const results = await sut.notifyBooking('confirmed', newBookingModel(), { phone: '+6281234567890', email: null });
    expect(results).toEqual([{ outboxId: '', channel: 'sms', status: 'failed', error: 'relation "outbox_message" does not exist' }]);
    expect(sms.sent).toHaveLength(0);
  });
});
