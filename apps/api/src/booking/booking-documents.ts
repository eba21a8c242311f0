import { Inject, Injectable } from '@nestjs/common';
import { formatBookingCode } from '@mpp/domain';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { renderBookingConfirmationPdf } from './documents/booking-pdf';
import { BookingService } from './booking.service';
import { confirmationModel } from './confirmation-model';

/** The confirmation a citizen downloads or receives: built from the booking as the API shows it (masked). */
@Injectable()
export class BookingDocuments {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bookings: BookingService,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async confirmationPdf(code: string, origin: string): Promise<{ pdf: Buffer; code: string }> {
    const booking = await this.bookings.get(code);
    return { pdf: await renderBookingConfirmationPdf(await confirmationModel(this.catalogue, this.config, booking, origin)), code: formatBookingCode(booking.code) };
  }
}
