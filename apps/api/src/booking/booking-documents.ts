import { Inject, Injectable } from '@nestjs/common';
import type { BookingProof } from '@mpp/contracts';
import { formatBookingCode, zonedToUtc } from '@mpp/domain';
import { Clock } from '../common/clock';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { buildBookingCalendar, type CalendarLang } from './documents/booking-ics';
import { bookingQrPng } from './documents/booking-qr';
import { renderBookingConfirmationPdf } from './documents/booking-pdf';
import { BookingService } from './booking.service';
import { bookingManageUrl, confirmationModel } from './confirmation-model';

/** The confirmation a citizen downloads or receives: built from the booking as its owner sees it (masked). */
@Injectable()
export class BookingDocuments {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bookings: BookingService,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
  ) {}

  /** Needs the same proof as the booking's page: it prints the name and the manage link. */
  async confirmationPdf(code: string, proof: BookingProof, origin: string): Promise<{ pdf: Buffer; code: string }> {
    const booking = await this.bookings.details(code, proof);
    const model = await confirmationModel(this.catalogue, this.config, booking, origin, proof.token?.trim() || null);
    return { pdf: await renderBookingConfirmationPdf(model), code: formatBookingCode(booking.code) };
  }

  /** The booking's QR (it encodes the code and nothing else), for the portal to show at the kiosk. */
  async qrPng(rawCode: string): Promise<Buffer> {
    const booking = await this.bookings.get(rawCode);
    return bookingQrPng(booking.code);
  }

  /**
   * The calendar file (.ics): what the code alone shows anyone (where, when, what to bring, the
   * page without its token), so it needs no proof and carries nothing personal.
   */
  async calendar(rawCode: string, lang: CalendarLang, origin: string): Promise<{ ics: string; code: string }> {
    const booking = await this.bookings.get(rawCode);
    const service = await this.catalogue.findServiceById(booking.service.id);
    const site = await this.catalogue.findActiveSiteByCode(booking.siteCode);
    const requirements = service ? (await this.catalogue.listRequirements(service.id)).filter((r) => r.mandatory).map((r) => (lang === 'en' && r.nameEn) || r.name) : [];
    const pageUrl = bookingManageUrl(this.config, origin, booking.code, null);
    const ics = buildBookingCalendar({
      code: booking.code,
      status: booking.status,
      serviceName: lang === 'en' ? booking.service.nameEn : booking.service.name,
      siteName: booking.siteName,
      siteAddress: site?.address ?? null,
      timeZone: booking.timeZone,
      start: booking.start,
      end: booking.end,
      startsAt: new Date(booking.startsAt),
      endsAt: zonedToUtc(booking.date, booking.end, booking.timeZone),
      checkIn: booking.checkIn,
      requirements,
      pageUrl,
      uidHost: new URL(pageUrl).hostname,
      now: this.clock.now(),
      lang,
    });
    return { ics, code: formatBookingCode(booking.code) };
  }
}
