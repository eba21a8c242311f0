import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import {
  EMAIL_CHANNEL,
  maskRecipient,
  redactRecipient,
  SMS_CHANNEL,
  WHATSAPP_CHANNEL,
  type DeliveryStatus,
  type NotificationChannel,
  type NotificationResult,
  type OutgoingMessage,
} from './notification';
import { NotificationRecipients } from './notification-recipients';
import { MAX_ATTEMPTS, retryDelaySeconds, SEND_LEASE_SECONDS } from './outbox-retry';

export interface SentNotification extends Omit<NotificationResult, 'status'> {
  /** outbox_message.id (bigserial, as a string); '' when nothing was written. */
  outboxId: string;
  channel: OutgoingMessage['channel'];
  /**
   * The outcome as far as the caller waited: a channel's ('sent', 'logged', 'failed'), 'dead' after
   * the last attempt, 'pending' when the send goes on after the caller's wait, 'opted_out' when the
   * recipient asked for no more messages (nothing written).
   */
  status: DeliveryStatus | 'opted_out';
}

/** Counts of outbox messages by status and channel: what an admin sees of the outbox, never a text or a recipient. */
export interface OutboxCounts {
  byStatus: Record<DeliveryStatus, number>;
  /** Dead letters per channel. */
  deadByChannel: Record<OutgoingMessage['channel'], number>;
  /** When the oldest dead letter was given up, or null. */
  oldestDeadAt: Date | null;
}

/** How long sendAll waits for a delivery before answering: a slow channel never holds a citizen's request longer. */
export const SEND_WAIT_MS = 2000;

/** How long a graceful stop waits for the sends in flight. */
const SHUTDOWN_WAIT_MS = 5000;

interface OutboxRow {
  channel: OutgoingMessage['channel'];
  recipient_cipher: string;
  subject: string | null;
  body_cipher: string;
  payload_cipher: string | null;
  booking_id: string | null;
  ticket_id: string | null;
  language: OutgoingMessage['language'] | null;
  template: string | null;
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
 * to the channel for its kind (email, sms, whatsapp), and the row is updated with the outcome
 * ('sent' with the provider's message id when it gives one, 'logged' or 'failed') and the time of
 * the attempt. That first send is attempt 1. A message that failed is tried again by the outbox
 * relay (outbox-relay.ts) on the schedule of outbox-retry.ts; after MAX_ATTEMPTS it is 'dead' (a
 * dead letter: counted for admins by countMessages, reported in the log by its ids); a row left
 * 'pending' (the process stopped in between) is taken by the relay once its send's lease
 * (SEND_LEASE_SECONDS) has run out. A recipient who opted out (NotificationRecipients) gets
 * nothing: no row is written. Log lines name a message by its ids and channel, never by its text
 * or recipient (docs/notifications.md).
 */
@Injectable()
export class NotificationsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  /** Sends begun in this process and not finished (drain() waits for them). */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PiiCipher,
    @Inject(EMAIL_CHANNEL) private readonly email: NotificationChannel,
    @Inject(SMS_CHANNEL) private readonly sms: NotificationChannel,
    @Optional() @Inject(WHATSAPP_CHANNEL) private readonly whatsapp: NotificationChannel | null = null,
    @Optional() @Inject(NotificationRecipients) private readonly recipients: NotificationRecipients | null = null,
  ) {}

  /**
   * Records and sends one message, waiting for the outcome. A delivery problem is a 'failed'
   * result, never an exception; a database error (the outbox could not be written) is thrown and
   * nothing is sent.
   */
  async send(message: OutgoingMessage): Promise<SentNotification> {
    if (await this.optedOut(message)) return { outboxId: '', channel: message.channel, status: 'opted_out' };
    return this.deliver(await this.insertPending(message));
  }

  /**
   * Writes the message to the outbox only, with `manager` in the caller's transaction when given
   * (so the message exists exactly when the change that causes it commits), and answers its id, or
   * null when the recipient opted out. Hand the id to deliverSoon after the commit; the relay sends
   * it anyway once its lease has run out.
   */
  async enqueue(message: OutgoingMessage, manager?: EntityManager): Promise<string | null> {
    if (await this.optedOut(message, manager)) return null;
    return this.insertPending(message, manager);
  }

  /**
   * Sends a written message in the background: the caller is answered at once, whatever the
   * channel does (a slow SMS gateway never holds a request). Never throws; a failure is recorded on
   * the row and the relay tries again.
   */
  deliverSoon(outboxId: string): void {
    this.track(this.deliver(outboxId)).catch((error: unknown) =>
      this.logger.error({ msg: 'notification not sent; the relay will try again', outboxId, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /**
   * On a graceful stop, gives the sends in flight up to SHUTDOWN_WAIT_MS to record their outcome
   * while the database is still open; one that takes longer stays 'pending' and the relay sends it
   * again once its lease has run out.
   */
  async beforeApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.drain(), new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** Waits for the sends begun in this process (tests, shut-down). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Sends a pending outbox message (written by send, or claimed by claimDue): the only place its
   * recipient and text are decrypted. A database error is thrown; a delivery problem is a
   * 'failed' result, with the time of the next attempt recorded, or 'dead' after the last.
   */
  async deliver(outboxId: string): Promise<SentNotification> {
    const pending = await this.readPending(outboxId);
    const { message } = pending;
    let result: NotificationResult;
    try {
      result = await this.channelFor(message.channel).send(message);
    } catch (error) {
      result = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    if (result.error !== undefined) result = { ...result, error: redactRecipient(result.error, message).slice(0, MAX_ERROR_LENGTH) };
    const status = await this.recordResult(pending, result);
    return { outboxId, channel: message.channel, ...result, status };
  }

  /**
   * Records each message, then sends them together, and answers when all are done or after
   * SEND_WAIT_MS, whichever comes first: a send still going on then is answered 'pending' and
   * finishes in the background. Best effort, for a caller whose own change has already happened
   * whatever becomes of its messages: this never throws; a message that could not even be
   * recorded is logged (its recipient masked) and reported as failed, and the next one is still
   * tried. An SMS to a number whose citizen chose email instead is left out when the batch has an
   * email for them.
   */
  async sendAll(messages: readonly OutgoingMessage[], waitMs = SEND_WAIT_MS): Promise<SentNotification[]> {
    const hasEmail = messages.some((m) => m.channel === 'email');
    const results: Promise<SentNotification>[] = [];
    const channels: OutgoingMessage['channel'][] = [];
    const ids: string[] = [];
    for (const original of messages) {
      let message = original;
      try {
        if (message.channel === 'sms' && this.recipients) {
          // The citizen's choice for this number: WhatsApp instead of SMS, or email instead when the batch has one.
          const preference = await this.recipients.preferenceOf(this.recipients.hashOfAddress('sms', message.to));
          if (preference.channel === 'email' && hasEmail) continue;
          if (preference.channel === 'whatsapp' && this.whatsapp) message = { ...message, channel: 'whatsapp', language: message.language ?? preference.language };
        }
        channels.push(message.channel);
        if (await this.optedOut(message)) {
          results.push(Promise.resolve({ outboxId: '', channel: message.channel, status: 'opted_out' as const }));
          continue;
        }
        const outboxId = await this.insertPending(message);
        ids[results.length] = outboxId;
        results.push(this.track(this.deliver(outboxId)).catch((error: unknown) => this.notSent(message, outboxId, error)));
      } catch (error) {
        if (channels.length === results.length) channels.push(message.channel);
        results.push(Promise.resolve(this.notSent(message, '', error)));
      }
    }
    const waited = Promise.all(results);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    const done = await Promise.race([waited, timeout]);
    clearTimeout(timer);
    if (done) return done;
    // Answer now: what finished, and 'pending' for the sends still going on.
    const settled = await Promise.all(results.map((r) => Promise.race([r, Promise.resolve(null)])));
    return settled.map((r, i) => r ?? { outboxId: ids[i] ?? '', channel: channels[i], status: 'pending' as const });
  }

  /**
   * Counts of the outbox's messages by status, and the dead letters per channel: for the system
   * admin every site's (siteId null), for a site admin their site's. Never a text or a recipient.
   */
  async countMessages(siteId: string | null): Promise<OutboxCounts> {
    const rows = (await this.db.query(
      `SELECT status, channel, count(*)::int AS n, min(dead_at) AS oldest_dead
         FROM outbox_message
        WHERE $1::uuid IS NULL OR site_id = $1::uuid
        GROUP BY status, channel`,
      [siteId],
    )) as { status: DeliveryStatus; channel: OutgoingMessage['channel']; n: number; oldest_dead: Date | null }[];
    const counts: OutboxCounts = { byStatus: { pending: 0, sent: 0, logged: 0, failed: 0, dead: 0 }, deadByChannel: { email: 0, sms: 0, whatsapp: 0 }, oldestDeadAt: null };
    for (const row of rows) {
      counts.byStatus[row.status] += row.n;
      if (row.status === 'dead') {
        counts.deadByChannel[row.channel] += row.n;
        if (row.oldest_dead && (counts.oldestDeadAt === null || row.oldest_dead < counts.oldestDeadAt)) counts.oldestDeadAt = row.oldest_dead;
      }
    }
    return counts;
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
   * 'dead' and is reported, as a message that failed its last attempt is.
   */
  async claimDue(limit: number): Promise<string[]> {
    const [abandoned] = (await this.db.query(
      `UPDATE outbox_message
          SET status = 'dead', dead_at = now(), last_attempt_at = now(), error = 'the send of the last attempt did not finish (the process stopped)', next_attempt_at = NULL
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

  private channelFor(kind: OutgoingMessage['channel']): NotificationChannel {
    switch (kind) {
      case 'email':
        return this.email;
      case 'sms':
        return this.sms;
      case 'whatsapp':
        if (!this.whatsapp) throw new Error('no WhatsApp channel');
        return this.whatsapp;
    }
  }

  private async optedOut(message: OutgoingMessage, manager?: EntityManager): Promise<boolean> {
    if (!this.recipients || message.essential) return false;
    const hash = this.recipients.hashOfAddress(message.channel, message.to);
    if (manager) return ((await manager.query(`SELECT 1 FROM notification_recipient WHERE recipient_hash = $1 AND opted_out_at IS NOT NULL`, [hash])) as unknown[]).length > 0;
    return this.recipients.isOptedOut(hash);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const forget = () => this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private notSent(message: OutgoingMessage, outboxId: string, error: unknown): SentNotification {
    const text = redactRecipient(error instanceof Error ? error.message : String(error), message);
    this.logger.error({ msg: outboxId ? 'notification outcome not recorded' : 'notification not recorded', channel: message.channel, ...(outboxId ? { outboxId } : {}), ...(message.bookingId ? { bookingId: message.bookingId } : {}), error: text });
    return { outboxId, channel: message.channel, status: 'failed', error: text };
  }

  private async insertPending(message: OutgoingMessage, manager?: EntityManager): Promise<string> {
    const rows: { id: string }[] = await (manager ?? this.db).query(
      `INSERT INTO outbox_message (channel, recipient_masked, recipient_cipher, subject, body_cipher, booking_id, attempts, next_attempt_at,
                                   template, language, ticket_id, payload_cipher, site_id)
       VALUES ($1, $2, $3, $4, $5, $6, 1, now() + make_interval(secs => $7::int), $8, $9, $10, $11,
               COALESCE($12::uuid, (SELECT site_id FROM booking WHERE id = $6::uuid), (SELECT site_id FROM ticket WHERE id = $10::uuid)))
       RETURNING id`,
      [
        message.channel,
        maskRecipient(message.channel, message.to),
        this.cipher.encrypt(message.to),
        message.subject,
        this.cipher.encrypt(message.body),
        message.bookingId ?? null,
        SEND_LEASE_SECONDS,
        message.template ?? null,
        message.language ?? null,
        message.ticketId ?? null,
        message.whatsapp ? this.cipher.encrypt(JSON.stringify(message.whatsapp)) : null,
        message.siteId ?? null,
      ],
    );
    return String(rows[0].id);
  }

  private async readPending(outboxId: string): Promise<PendingMessage> {
    const rows: OutboxRow[] = await this.db.query(
      `SELECT channel, recipient_cipher, subject, body_cipher, payload_cipher, booking_id, ticket_id, language, template, attempts
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
        ...(row.ticket_id ? { ticketId: row.ticket_id } : {}),
        ...(row.language ? { language: row.language } : {}),
        ...(row.template ? { template: row.template } : {}),
        ...(row.payload_cipher ? { whatsapp: JSON.parse(this.cipher.decrypt(row.payload_cipher)) as OutgoingMessage['whatsapp'] } : {}),
      },
      attempts: row.attempts,
    };
  }

  /**
   * The outcome of one attempt, recorded only if the row is still that attempt's (a send that
   * outlived its lease and was taken again records nothing), and answered as stored: a failure
   * is given the time of its next attempt, or, after the last, becomes 'dead' with a warning.
   */
  private async recordResult({ message, attempts }: PendingMessage, result: NotificationResult): Promise<DeliveryStatus> {
    const retryIn = result.status === 'failed' ? retryDelaySeconds(attempts) : null;
    const status: DeliveryStatus = result.status === 'failed' && retryIn === null ? 'dead' : result.status;
    const [, count] = (await this.db.query(
      `UPDATE outbox_message
          SET status = $3::varchar, error = $4, sent_at = CASE WHEN $5::boolean THEN now() ELSE NULL END,
              next_attempt_at = CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END,
              provider_message_id = $7, last_attempt_at = now(), dead_at = CASE WHEN $3::varchar = 'dead' THEN now() ELSE NULL END
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [message.outboxId, attempts, status, result.error ?? null, result.status === 'sent', retryIn, result.providerMessageId ?? null],
    )) as [unknown, number];
    if (count !== 1) {
      this.logger.warn({ msg: 'notification outcome not recorded: its row was taken for another attempt', outboxId: message.outboxId, channel: message.channel, attempts, status: result.status });
      return 'pending';
    }
    if (status === 'dead') this.reportGivenUp(message.outboxId, message.channel, attempts);
    return status;
  }

  /** A dead letter: by its id and channel only, never its recipient or text. */
  private reportGivenUp(outboxId: string, channel: OutgoingMessage['channel'], attempts: number): void {
    this.logger.warn({ msg: 'notification given up: not delivered after the last attempt', outboxId, channel, attempts });
  }
}
