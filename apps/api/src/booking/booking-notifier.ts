import { Inject, Injectable } from '@nestjs/common';
import type { BookingResponse } from '@mpp/contracts';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { confirmationModel } from './confirmation-model';
import type { BookingRow } from './booking.repository';
import { bookingQrDataUrl } from './documents/booking-qr';
import { PiiCipher } from './pii-cipher';

/** Tells the citizen, by SMS and email when given, after a booking was made, moved or cancelled. */
@Injectable()
export class BookingNotifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly catalogue: CatalogueRepository,
    private readonly cipher: PiiCipher,
  ) {}

  confirmed(row: BookingRow, booking: BookingResponse, origin: string): Promise<void> {
    return this.send('confirmed', row, booking, origin);
  }

  cancelled(row: BookingRow, booking: BookingResponse, origin: string): Promise<void> {
    return this.send('cancelled', row, booking, origin);
  }

  rescheduled(row: BookingRow, booking: BookingResponse, origin: string): Promise<void> {
    return this.send('rescheduled', row, booking, origin);
  }

  qrDataUrl(code: string): Promise<string> {
    return bookingQrDataUrl(code);
  }

  private async send(kind: 'confirmed' | 'cancelled' | 'rescheduled', row: BookingRow, booking: BookingResponse, origin: string): Promise<void> {
    const model = await confirmationModel(this.catalogue, this.config, booking, origin);
    const to = { phone: this.cipher.decrypt(row.phone_cipher), email: row.email_cipher ? this.cipher.decrypt(row.email_cipher) : null };
    await this.notifications.notifyBooking(kind, model, to, row.id);
  }
}
