import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BookingResponse } from '@mpp/contracts';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { OutgoingMessage } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { bookingManageUrl, confirmationModel } from './confirmation-model';
import type { BookingRow } from './booking.repository';
import { renderBookingMessages, type BookingMessageKind } from './documents/booking-message.templates';
import { bookingQrDataUrl } from './documents/booking-qr';
import { PiiCipher } from '../common/pii-cipher';

/**
 * Tells the citizen, by SMS and email when given, after a booking was made, moved or cancelled:
 * writes the messages (booking-message.templates.ts) and hands them to the outbox as ready text.
 * Runs after the change has committed, so it never throws: a message that cannot be prepared is
 * logged (without personal data) and the booking's answer is still a success.
 */
@Injectable()
export class BookingNotifier {
  private readonly logger = new Logger(BookingNotifier.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly catalogue: CatalogueRepository,
    private readonly cipher: PiiCipher,
  ) {}

  confirmed(row: BookingRow, booking: BookingResponse, origin: string, manageToken: string | null): Promise<void> {
    return this.send('confirmed', row, booking, origin, manageToken);
  }

  cancelled(row: BookingRow, booking: BookingResponse, origin: string, manageToken: string | null): Promise<void> {
    return this.send('cancelled', row, booking, origin, manageToken);
  }

  rescheduled(row: BookingRow, booking: BookingResponse, origin: string, manageToken: string | null): Promise<void> {
    return this.send('rescheduled', row, booking, origin, manageToken);
  }

  /** The booking's page, with the token when there is one (see bookingManageUrl). */
  manageUrl(code: string, manageToken: string | null, origin: string): string {
    return bookingManageUrl(this.config, origin, code, manageToken);
  }

  qrDataUrl(code: string): Promise<string> {
    return bookingQrDataUrl(code);
  }

  /**
   * The link in the message carries the manage token when the caller has it (at creation, or a
   * change proved by the token); the token is never stored in clear anywhere else.
   */
  private async send(kind: BookingMessageKind, row: BookingRow, booking: BookingResponse, origin: string, manageToken: string | null): Promise<void> {
    try {
      // In the language the citizen booked in (booking.language: the portal's, Indonesian before it was kept).
      const language = row.language ?? 'id';
      const model = { ...(await confirmationModel(this.catalogue, this.config, booking, origin, manageToken)), lang: language };
      const rendered = renderBookingMessages(kind, model);
      // The SMS always (a booking has a phone), the email when the citizen gave an address.
      const messages: OutgoingMessage[] = [{ channel: 'sms', to: this.cipher.decrypt(row.phone_cipher), subject: null, body: rendered.sms, bookingId: row.id, language }];
      if (row.email_cipher) {
        messages.push({ channel: 'email', to: this.cipher.decrypt(row.email_cipher), subject: rendered.email.subject, body: rendered.email.body, bookingId: row.id, language });
      }
      await this.notifications.sendAll(messages);
    } catch (error) {
      // The error's name only: a message could carry a recipient.
      this.logger.error({ msg: 'booking messages not sent; the booking itself is committed', kind, bookingId: row.id, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}
