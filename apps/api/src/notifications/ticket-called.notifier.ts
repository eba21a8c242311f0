import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatTicketNumber } from '@mpp/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QueueEvents, type TicketChange } from '../queue/queue-events';
import type { NotificationChannelKind, NotificationLanguage, OutgoingMessage } from './notification';
import { NotificationRecipients } from './notification-recipients';
import { NotificationsService } from './notifications.service';
import { renderTemplate } from './templates';

/** Whom to tell when a ticket is called: a number (SMS or WhatsApp) or an address, in a language. */
export interface TicketContact {
  channel: NotificationChannelKind;
  to: string;
  language: NotificationLanguage;
}

/**
 * "Called, go to loket X" by SMS, WhatsApp or email, for citizens who gave a number: listens to the
 * queue's after-commit events (QueueEvents, read without changing QueueModule) and, when a ticket
 * is called, writes one outbox message and sends it in the background (NotificationsService.enqueue,
 * deliverSoon), so neither the officer's call nor anything else waits on a channel. The contact is
 * the one given for the ticket (watchTicket: online tickets) or the booking's number when the
 * ticket came from a checked-in booking, on the channel the citizen chose for that number
 * (NotificationRecipients; the default NOTIFY_DEFAULT_PHONE_CHANNEL), in the online ticket's own
 * language or the booking's (`booking.language`).
 */
@Injectable()
export class TicketCalledNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private off: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PiiCipher,
    private readonly notifications: NotificationsService,
    private readonly recipients: NotificationRecipients,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    if (!this.config.notifications?.notifyTicketCalled) return;
    let events: QueueEvents;
    try {
      events = this.moduleRef.get(QueueEvents, { strict: false });
    } catch {
      this.logger.log({ msg: 'no queue in this application: nobody is told by message when called' });
      return;
    }
    this.off = events.onTicket((change) => (change.action === 'call' ? this.ticketCalled(change) : undefined));
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  /**
   * Keeps the contact to tell when the ticket is called (an online ticket's number; helper modules
   * call this when the citizen gives one), in the caller's transaction when `manager` is given, and
   * records the citizen's channel and language for that number.
   */
  async watchTicket(ticketId: string, contact: TicketContact, manager?: EntityManager): Promise<void> {
    const hash = this.recipients.hashOfAddress(contact.channel, contact.to);
    await (manager ?? this.db).query(
      `INSERT INTO notification_ticket_contact (ticket_id, recipient_cipher, recipient_hash, channel, language)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO UPDATE SET recipient_cipher = EXCLUDED.recipient_cipher, recipient_hash = EXCLUDED.recipient_hash,
                                             channel = EXCLUDED.channel, language = EXCLUDED.language`,
      [ticketId, this.cipher.encrypt(contact.to), hash, contact.channel, contact.language],
    );
  }

  /** The message for a called ticket, written and sent in the background; answers its outbox id (null: nobody to tell). Never throws. */
  async ticketCalled(change: TicketChange): Promise<string | null> {
    try {
      const contact = await this.contactOf(change.row.id);
      if (!contact) return null;
      const message = this.messageFor(change, contact);
      const outboxId = await this.notifications.enqueue(message);
      if (outboxId) this.notifications.deliverSoon(outboxId);
      return outboxId;
    } catch (error) {
      this.logger.error({ msg: '"called" message not written', ticketId: change.row.id, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  private messageFor({ row, counter }: TicketChange, contact: TicketContact): OutgoingMessage {
    const { language, channel } = contact;
    const counterNumber = counter?.number ?? row.counter_number;
    const model = {
      siteName: row.site_name,
      serviceName: language === 'en' ? row.service_name_en || row.service_name : row.service_name,
      ticketNumber: formatTicketNumber(row.prefix, row.number),
      counter: counterNumber === null ? (counter?.name ?? row.counter_name ?? '') : `${language === 'en' ? 'Counter' : 'Loket'} ${counterNumber}`,
      optOutUrl: this.optOutUrl(channel, contact.to),
    };
    const rendered = renderTemplate('ticket-called', channel, language, model);
    return {
      channel,
      to: contact.to,
      subject: rendered.subject,
      body: rendered.body,
      template: 'ticket-called',
      language,
      siteId: row.site_id,
      ticketId: row.id,
      ...(channel === 'whatsapp'
        ? { whatsapp: { name: this.config.notifications.whatsapp?.templates['ticket-called'] ?? 'mpp_ticket_called', language, parameters: rendered.parameters ?? [] } }
        : {}),
    };
  }

  private optOutUrl(channel: NotificationChannelKind, to: string): string | null {
    if (!this.config.publicUrl) return null;
    return `${this.config.publicUrl.replace(/\/+$/, '')}/api/v1/notifications/opt-out?t=${this.recipients.optOutToken(this.recipients.hashOfAddress(channel, to))}`;
  }

  /**
   * The ticket's own contact (watchTicket), else its booking's number on the citizen's chosen
   * channel: both read by one statement (every call asks, and most tickets have neither).
   */
  private async contactOf(ticketId: string): Promise<TicketContact | null> {
    const [row] = (await this.db.query(
      `SELECT c.recipient_cipher, c.channel, c.language, b.phone_cipher, b.email_cipher, b.language AS booking_language
         FROM (SELECT $1::uuid AS id) x
         LEFT JOIN notification_ticket_contact c ON c.ticket_id = x.id
         LEFT JOIN LATERAL (SELECT phone_cipher, email_cipher, language FROM booking WHERE ticket_id = x.id AND c.ticket_id IS NULL LIMIT 1) b ON true`,
      [ticketId],
    )) as {
      recipient_cipher: string | null;
      channel: NotificationChannelKind | null;
      language: NotificationLanguage | null;
      phone_cipher: string | null;
      email_cipher: string | null;
      booking_language: NotificationLanguage | null;
    }[];
    if (row?.recipient_cipher) return { channel: row.channel!, to: this.cipher.decrypt(row.recipient_cipher), language: row.language! };
    if (!row?.phone_cipher) return null;
    const phone = this.cipher.decrypt(row.phone_cipher);
    const preference = await this.recipients.preferenceOf(this.recipients.hashOf({ kind: 'phone', phone }));
    const channel = preference.channel ?? this.config.notifications.defaultPhoneChannel;
    // The booking's own language (what the citizen booked in), not the number's last recorded one.
    const language = row.booking_language ?? preference.language;
    if (channel === 'email') {
      if (!row.email_cipher) return { channel: this.config.notifications.defaultPhoneChannel, to: phone, language };
      return { channel: 'email', to: this.cipher.decrypt(row.email_cipher), language };
    }
    return { channel, to: phone, language };
  }
}
