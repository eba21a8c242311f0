import { Logger, Module } from '@nestjs/common';
import { TICKET_CONTACTS, type TicketContacts } from '../common/ticket-contacts';
import { APP_CONFIG, AppConfig, redactUrl } from '../config/app-config';
import { JobsModule } from '../jobs/jobs.module';
import { LogChannel } from './log.channel';
import { EMAIL_CHANNEL, SMS_CHANNEL, WHATSAPP_CHANNEL, type NotificationChannel } from './notification';
import { NotificationRecipients } from './notification-recipients';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxRelay } from './outbox-relay';
import { SmsGatewayChannel } from './sms-gateway.channel';
import { SmtpChannel } from './smtp.channel';
import { TicketCalledNotifier } from './ticket-called.notifier';
import { WhatsAppChannel } from './whatsapp.channel';

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

/** SMS goes out through the HTTP gateway when SMS_GATEWAY_URL is set, to the log otherwise. */
export function smsChannelFor(config: Pick<AppConfig, 'notifications'>): NotificationChannel {
  const settings = config.notifications;
  if (settings?.sms) {
    new Logger('Notifications').log({ msg: 'SMS by HTTP gateway', method: settings.sms.method, host: new URL(settings.sms.url.replace(/{{[^}]*}}/g, 'x')).host });
    return new SmsGatewayChannel(settings.sms, settings.httpTimeoutMs);
  }
  return new LogChannel();
}

/** WhatsApp goes out through the Cloud API when WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID are set, to the log otherwise. */
export function whatsAppChannelFor(config: Pick<AppConfig, 'notifications'>): NotificationChannel {
  const settings = config.notifications;
  if (settings?.whatsapp) {
    new Logger('Notifications').log({ msg: 'WhatsApp by the Cloud API', api: settings.whatsapp.apiUrl });
    return new WhatsAppChannel(settings.whatsapp, settings.httpTimeoutMs);
  }
  return new LogChannel();
}

/** The queue's port for an online ticket's number (common/ticket-contacts.ts): the citizen's choice, then the ticket's contact. */
export function ticketContactsFor(notifier: TicketCalledNotifier, recipients: NotificationRecipients): TicketContacts {
  return {
    async watch(ticketId, contact, manager) {
      await recipients.choose({ kind: 'phone', phone: contact.to }, { channel: contact.channel, language: contact.language }, false, manager);
      await notifier.watchTicket(ticketId, contact, manager);
    },
  };
}

/**
 * Messages to citizens through the outbox table (outbox_message): ready text (recipient, channel,
 * subject, body) in, delivered by the channel for its kind (email, SMS, WhatsApp). What a booking
 * message says is its sender's business (booking/ writes them); "called, go to loket X" is written
 * here (TicketCalledNotifier, templates.ts). PiiCipher, which encrypts the recipient and the text,
 * comes from AppModule (global, like APP_CONFIG). A message that fails is tried again by the outbox
 * relay, a job of the JobRunner (OutboxRelay, OUTBOX_RELAY_SECONDS). docs/notifications.md.
 */
@Module({
  imports: [JobsModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationRecipients,
    OutboxRelay,
    TicketCalledNotifier,
    { provide: EMAIL_CHANNEL, inject: [APP_CONFIG], useFactory: emailChannelFor },
    { provide: SMS_CHANNEL, inject: [APP_CONFIG], useFactory: smsChannelFor },
    { provide: WHATSAPP_CHANNEL, inject: [APP_CONFIG], useFactory: whatsAppChannelFor },
    { provide: TICKET_CONTACTS, inject: [TicketCalledNotifier, NotificationRecipients], useFactory: ticketContactsFor },
  ],
  exports: [NotificationsService, NotificationRecipients, TicketCalledNotifier, TICKET_CONTACTS],
})
export class NotificationsModule {}
