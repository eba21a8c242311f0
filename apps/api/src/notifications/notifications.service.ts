import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import {
  EMAIL_CHANNEL,
  maskRecipient,
  redactRecipient,
  SMS_CHANNEL,
  type NotificationChannel,
  type NotificationResult,
  type OutgoingMessage,
} from './notification';

export interface SentNotification extends NotificationResult {
  /** outbox_message.id (bigserial, as a string). */
  outboxId: string;
  channel: OutgoingMessage['channel'];
}

interface OutboxRow {
  channel: OutgoingMessage['channel'];
  recipient_cipher: string;
  subject: string | null;
  body_cipher: string;
  booking_id: string | null;
}

/** Kept in outbox_message.error; enough to tell what went wrong. */
const MAX_ERROR_LENGTH = 1000;

/**
 * Sends messages to citizens through the outbox: each message is first written to outbox_message
 * ('pending'; the recipient and the text encrypted under DATA_KEY, only the recipient's mask and
 * the subject in clear), then sent from that row: read back, decrypted for this one use, handed
 * to the channel for its kind, and the row is updated with the outcome ('sent', 'logged' or
 * 'failed'). A row left 'pending' means the process stopped in between. Log lines name a message
 * by its ids and channel, never by its text or recipient.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PiiCipher,
    @Inject(EMAIL_CHANNEL) private readonly email: NotificationChannel,
    @Inject(SMS_CHANNEL) private readonly sms: NotificationChannel,
  ) {}

  /**
   * Records and sends one message. A delivery problem is a 'failed' result, never an exception;
   * a database error (the outbox could not be written) is thrown and nothing is sent.
   */
  async send(message: OutgoingMessage): Promise<SentNotification> {
    return this.deliver(await this.insertPending(message));
  }

  /**
   * Sends a pending outbox message: the only place its recipient and text are decrypted. A
   * database error is thrown; a delivery problem is a 'failed' result.
   */
  async deliver(outboxId: string): Promise<SentNotification> {
    const message = await this.readPending(outboxId);
    const channel = message.channel === 'email' ? this.email : this.sms;
    let result: NotificationResult;
    try {
      result = await channel.send(message);
    } catch (error) {
      result = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    if (result.error !== undefined) result = { ...result, error: redactRecipient(result.error, message).slice(0, MAX_ERROR_LENGTH) };
    await this.recordResult(outboxId, result);
    return { outboxId, channel: message.channel, ...result };
  }

  /**
   * Records and sends each message, in order. Best effort, for a caller whose own change has
   * already happened whatever becomes of its messages: this never throws; a message that could not
   * even be recorded is logged (its recipient masked) and reported as failed, and the next one is
   * still tried.
   */
  async sendAll(messages: readonly OutgoingMessage[]): Promise<SentNotification[]> {
    const results: SentNotification[] = [];
    for (const message of messages) {
      try {
        results.push(await this.send(message));
      } catch (error) {
        const text = redactRecipient(error instanceof Error ? error.message : String(error), message);
        this.logger.error({ msg: 'notification not recorded', channel: message.channel, ...(message.bookingId ? { bookingId: message.bookingId } : {}), error: text });
        results.push({ outboxId: '', channel: message.channel, status: 'failed', error: text });
      }
    }
    return results;
  }

  private async insertPending(message: OutgoingMessage): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO outbox_message (channel, recipient_masked, recipient_cipher, subject, body_cipher, booking_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id`,
      [message.channel, maskRecipient(message.channel, message.to), this.cipher.encrypt(message.to), message.subject, this.cipher.encrypt(message.body), message.bookingId ?? null],
    );
    return String(rows[0].id);
  }

  private async readPending(outboxId: string): Promise<OutgoingMessage & { outboxId: string }> {
    const rows: OutboxRow[] = await this.db.query(
      `SELECT channel, recipient_cipher, subject, body_cipher, booking_id
         FROM outbox_message
        WHERE id = $1 AND status = 'pending' AND body_cipher IS NOT NULL`,
      [outboxId],
    );
    const row = rows[0];
    if (!row) throw new Error(`outbox message ${outboxId} is not pending`);
    return {
      channel: row.channel,
      to: this.cipher.decrypt(row.recipient_cipher),
      subject: row.subject,
      body: this.cipher.decrypt(row.body_cipher),
      outboxId,
      ...(row.booking_id ? { bookingId: row.booking_id } : {}),
    };
  }

  private async recordResult(outboxId: string, result: NotificationResult): Promise<void> {
    await this.db.query(
      `UPDATE outbox_message
          SET status = $2, error = $3, sent_at = CASE WHEN $4::boolean THEN now() ELSE NULL END
        WHERE id = $1`,
      [outboxId, result.status, result.error ?? null, result.status === 'sent'],
    );
  }
}
