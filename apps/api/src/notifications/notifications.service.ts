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
import { MAX_ATTEMPTS, retryDelaySeconds, SEND_LEASE_SECONDS } from './outbox-retry';

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
  attempts: number;
}

/** A message read for one attempt: its text decrypted (what the channel gets), and the attempt's number. */
interface PendingMessage {
  message: OutgoingMessage & { outboxId: string };
  attempts: number;
}

/** Kept in outbox_message.error; enough to tell what went wrong. */
const MAX_ERROR_LENGTH = 1000;

/**
 * Sends messages to citizens through the outbox: each message is first written to outbox_message
 * ('pending'; the recipient and the text encrypted under DATA_KEY, only the recipient's mask and
 * the subject in clear), then sent from that row: read back, decrypted for this one use, handed
 * to the channel for its kind, and the row is updated with the outcome ('sent', 'logged' or
 * 'failed'). That first send is attempt 1. A message that failed is tried again by the outbox relay
 * (outbox-relay.ts) on the schedule of outbox-retry.ts and given up, reported in the log, after
 * MAX_ATTEMPTS; a row left 'pending' (the process stopped in between) is taken by the relay once its
 * send's lease (SEND_LEASE_SECONDS) has run out. Log lines name a message by its ids and channel,
 * never by its text or recipient.
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
   * Sends a pending outbox message (written by send, or claimed by claimDue): the only place its
   * recipient and text are decrypted. A database error is thrown; a delivery problem is a
   * 'failed' result, with the time of the next attempt recorded, or none after the last.
   */
  async deliver(outboxId: string): Promise<SentNotification> {
    const pending = await this.readPending(outboxId);
    const { message } = pending;
    const channel = message.channel === 'email' ? this.email : this.sms;
    let result: NotificationResult;
    try {
      result = await channel.send(message);
    } catch (error) {
      result = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    if (result.error !== undefined) result = { ...result, error: redactRecipient(result.error, message).slice(0, MAX_ERROR_LENGTH) };
    await this.recordResult(pending, result);
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

  /**
   * Claims up to `limit` messages due for another attempt, for this caller alone, and answers
   * their ids, oldest due first: 'failed' ones whose backoff has passed and 'pending' ones whose
   * send's lease has run out. Each becomes 'pending' again with its attempt counted and a new
   * lease (SEND_LEASE_SECONDS), in one statement whose `FOR UPDATE SKIP LOCKED` lets callers
   * racing for the same rows each get others, never the same: a row another caller is claiming is
   * skipped, and one it has claimed is no longer due. Hand each id to deliver.
   *
   * A 'pending' row whose lease ran out after its last attempt is not tried again: it becomes
   * 'failed' and is reported, as a message that failed its last attempt is.
   */
  async claimDue(limit: number): Promise<string[]> {
    const [abandoned] = (await this.db.query(
      `UPDATE outbox_message
          SET status = 'failed', error = 'the send of the last attempt did not finish (the process stopped)', next_attempt_at = NULL
        WHERE next_attempt_at <= now() AND status = 'pending' AND attempts >= $1
       RETURNING id, channel, attempts`,
      [MAX_ATTEMPTS],
    )) as [{ id: string; channel: OutgoingMessage['channel']; attempts: number }[], number];
    for (const row of abandoned) this.reportGivenUp(String(row.id), row.channel, row.attempts);
    const [claimed] = (await this.db.query(
      `UPDATE outbox_message o
          SET status = 'pending', attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::int)
         FROM (SELECT id FROM outbox_message
                WHERE next_attempt_at <= now() AND status IN ('pending', 'failed') AND attempts < $3 AND body_cipher IS NOT NULL
                ORDER BY next_attempt_at, id
                LIMIT $1
                  FOR UPDATE SKIP LOCKED) due
        WHERE o.id = due.id
       RETURNING o.id`,
      [limit, SEND_LEASE_SECONDS, MAX_ATTEMPTS],
    )) as [{ id: string }[], number];
    return claimed.map((row) => String(row.id));
  }

  private async insertPending(message: OutgoingMessage): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO outbox_message (channel, recipient_masked, recipient_cipher, subject, body_cipher, booking_id, attempts, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, now() + make_interval(secs => $7::int))
       RETURNING id`,
      [
        message.channel,
        maskRecipient(message.channel, message.to),
        this.cipher.encrypt(message.to),
        message.subject,
        this.cipher.encrypt(message.body),
        message.bookingId ?? null,
        SEND_LEASE_SECONDS,
      ],
    );
    return String(rows[0].id);
  }

  private async readPending(outboxId: string): Promise<PendingMessage> {
    const rows: OutboxRow[] = await this.db.query(
      `SELECT channel, recipient_cipher, subject, body_cipher, booking_id, attempts
         FROM outbox_message
        WHERE id = $1 AND status = 'pending' AND body_cipher IS NOT NULL`,
      [outboxId],
    );
    const row = rows[0];
    if (!row) throw new Error(`outbox message ${outboxId} is not pending`);
    return {
      message: {
        channel: row.channel,
        to: this.cipher.decrypt(row.recipient_cipher),
        subject: row.subject,
        body: this.cipher.decrypt(row.body_cipher),
        outboxId,
        ...(row.booking_id ? { bookingId: row.booking_id } : {}),
      },
      attempts: row.attempts,
    };
  }

  /**
   * The outcome of one attempt, recorded only if the row is still that attempt's (a send that
   * outlived its lease and was taken again records nothing). A failure is given the time of its
   * next attempt, or, after the last, none and a warning.
   */
  private async recordResult({ message, attempts }: PendingMessage, result: NotificationResult): Promise<void> {
    const retryIn = result.status === 'failed' ? retryDelaySeconds(attempts) : null;
    const [, count] = (await this.db.query(
      `UPDATE outbox_message
          SET status = $3, error = $4, sent_at = CASE WHEN $5::boolean THEN now() ELSE NULL END,
              next_attempt_at = CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [message.outboxId, attempts, result.status, result.error ?? null, result.status === 'sent', retryIn],
    )) as [unknown, number];
    if (count !== 1) {
      this.logger.warn({ msg: 'notification outcome not recorded: its row was taken for another attempt', outboxId: message.outboxId, channel: message.channel, attempts, status: result.status });
      return;
    }
    if (result.status === 'failed' && retryIn === null) this.reportGivenUp(message.outboxId, message.channel, attempts);
  }

  /** A message nobody will try again: by its id and channel only, never its recipient or text. */
  private reportGivenUp(outboxId: string, channel: OutgoingMessage['channel'], attempts: number): void {
    this.logger.warn({ msg: 'notification given up: not delivered after the last attempt', outboxId, channel, attempts });
  }
}
