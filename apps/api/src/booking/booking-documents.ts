import { Inject, Injectable } from '@nestjs/common';
import type { BookingProof } from '@mpp/contracts';
import { formatBookingCode } from '@mpp/domain';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { renderBookingConfirmationPdf } from './documents/booking-pdf';
import { BookingService } from './booking.service';
import { confirmationModel } from './confirmation-model';

/** The confirmation a citizen downloads or receives: built from the booking as its owner sees it (masked). */
@Injectable()
export class BookingDocuments {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bookings: BookingService,
    private readonly catalogue: CatalogueRepository,
  ) {}

  /** Needs the same proof as the booking's page: it prints the name and the manage link. */
  async confirmationPdf(code: string, proof: BookingProof, origin: string): Promise<{ pdf: Buffer; code: string }> {
    const booking = await this.bookings.details(code, proof);
    const model = await confirmationModel(this.catalogue, this.config, booking, origin, proof.token?.trim() || null);
    return { pdf: await renderBookingConfirmationPdf(model), code: formatBookingCode(booking.code) };
  }
}
