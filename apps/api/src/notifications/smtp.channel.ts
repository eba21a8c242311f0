import { Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import { redactRecipient, type NotificationChannel, type NotificationResult, type OutgoingMessage } from './notification';

/** A booking request should not hang on a dead mail server; options in the SMTP URL's query win. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** Longer server replies are cut: the outbox keeps the gist, not a transcript. */
const MAX_ERROR_LENGTH = 500;

/**
 * Email through an SMTP server given by URL (smtp://user:pass@host:587, smtps://…:465), plain text.
 * Email only: an SMS handed here fails rather than going out by mail.
 */
export class SmtpChannel implements NotificationChannel {
  readonly name = 'smtp';
  private readonly logger = new Logger('Notifications');
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(smtpUrl: string, mailFrom: string) {
    this.transport = nodemailer.createTransport(new SMTPTransport({ ...TIMEOUTS, url: smtpUrl }), { from: mailFrom });
  }

  async send(message: OutgoingMessage): Promise<NotificationResult> {
    if (message.channel !== 'email') return { status: 'failed', error: `the SMTP channel sends email only, not ${message.channel}` };
    try {
      await this.transport.sendMail({ to: message.to, subject: message.subject ?? '', text: message.body });
      return { status: 'sent' };
    } catch (error) {
      const text = redactRecipient(error instanceof Error ? error.message : String(error), message).slice(0, MAX_ERROR_LENGTH);
      this.logger.warn({
        msg: 'email not sent',
        error: text,
        ...(message.outboxId ? { outboxId: message.outboxId } : {}),
        ...(message.bookingId ? { bookingId: message.bookingId } : {}),
      });
      return { status: 'failed', error: text };
    }
  }

  /** Closes pooled connections, if any (the default transport opens one per message). */
  close(): void {
    this.transport.close();
  }
}
