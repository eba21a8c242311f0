import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, redactUrl } from '../config/app-config';
import { JobsModule } from '../jobs/jobs.module';
import { LogChannel } from './log.channel';
import { EMAIL_CHANNEL, SMS_CHANNEL, type NotificationChannel } from './notification';
import { NotificationsService } from './notifications.service';
import { OutboxRelay } from './outbox-relay';
import { SmtpChannel } from './smtp.channel';

/** Email goes out by SMTP when SMTP_URL is set, to the log otherwise. */
export function emailChannelFor(config: Pick<AppConfig, 'smtpUrl' | 'mailFrom'>): NotificationChannel {
  const logger = new Logger('Notifications');
  if (config.smtpUrl) {
    logger.log({ msg: 'email by SMTP', smtp: redactUrl(config.smtpUrl), from: config.mailFrom });
    return new SmtpChannel(config.smtpUrl, config.mailFrom);
  }
  logger.log({ msg: 'email to the log only (SMTP_URL not set)' });
  return new LogChannel();
}

/** SMS goes to the log until an SMS gateway is configured. */
export function smsChannel(): NotificationChannel {
  return new LogChannel();
}

/**
 * Messages to citizens through the outbox table (outbox_message): ready text (recipient, channel,
 * subject, body) in, delivered by the channel for its kind. What a message says is its sender's
 * business (booking/ writes the booking messages). PiiCipher, which encrypts the recipient and the
 * text, comes from AppModule (global, like APP_CONFIG). A message that fails is tried again by
 * the outbox relay, a job of the JobRunner (OutboxRelay, OUTBOX_RELAY_SECONDS).
 */
@Module({
  imports: [JobsModule],
  controllers: [],
  providers: [
    NotificationsService,
    OutboxRelay,
    { provide: EMAIL_CHANNEL, inject: [APP_CONFIG], useFactory: emailChannelFor },
    { provide: SMS_CHANNEL, useFactory: smsChannel },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
