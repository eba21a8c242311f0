import { Logger } from '@nestjs/common';
import { maskRecipient, type NotificationChannel, type NotificationResult, type OutgoingMessage } from './notification';

/**
 * The default channel: no gateway, so the message goes to the log as one structured line, with the
 * recipient masked. The outbox row keeps the message (and the recipient, encrypted) for later.
 */
export class LogChannel implements NotificationChannel {
  readonly name = 'log';
  private readonly logger = new Logger('Notifications');

  send(message: OutgoingMessage): Promise<NotificationResult> {
    this.logger.log({
      msg: 'notification logged, not delivered',
      channel: message.channel,
      to: maskRecipient(message.channel, message.to),
      subject: message.subject,
      body: message.body,
      ...(message.bookingId ? { bookingId: message.bookingId } : {}),
    });
    return Promise.resolve({ status: 'logged' });
  }
}
