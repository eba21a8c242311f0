import { Logger } from '@nestjs/common';
import type { NotificationChannel, NotificationResult, OutgoingMessage } from './notification';

/**
 * The default channel: no gateway, so the message is only noted in the log, by its ids and
 * channel. Never its text or its recipient, even masked: the text holds the citizen's name and the
 * secret manage link (docs/personal-data.md). The outbox row keeps both, encrypted.
 */
export class LogChannel implements NotificationChannel {
  readonly name = 'log';
  private readonly logger = new Logger('Notifications');

  send(message: OutgoingMessage): Promise<NotificationResult> {
    this.logger.log({
      msg: 'notification logged, not delivered',
      channel: message.channel,
      ...(message.outboxId ? { outboxId: message.outboxId } : {}),
      ...(message.bookingId ? { bookingId: message.bookingId } : {}),
    });
    return Promise.resolve({ status: 'logged' });
  }
}
