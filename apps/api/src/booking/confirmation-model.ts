import type { BookingResponse } from '@mpp/contracts';
import type { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { AppConfig } from '../config/app-config';
import type { BookingConfirmationModel } from './documents/booking-confirmation.model';

/** What a confirmation (PDF, email, SMS) says: the booking, its agency, what to bring, where to manage it. */
export async function confirmationModel(
  catalogue: CatalogueRepository,
  config: Pick<AppConfig, 'publicUrl'>,
  booking: BookingResponse,
  origin: string,
  manageToken: string | null,
): Promise<BookingConfirmationModel> {
  const service = await catalogue.findServiceById(booking.service.id);
  const agency = service ? await catalogue.findAgencyById(service.agencyId) : null;
  const site = await catalogue.findActiveSiteByCode(booking.siteCode);
  const requirements = service ? (await catalogue.listRequirements(service.id)).filter((r) => r.mandatory).map((r) => r.name) : [];
  return {
    booking,
    agencyName: agency?.name ?? '',
    siteAddress: site?.address ?? null,
    requirements,
    manageUrl: bookingManageUrl(config, origin, booking.code, manageToken),
  };
}

/**
 * The one place a booking's link is built (confirmation, PDF, SMS, email): the portal's page
 * `/pemesanan/{code}`, the manage token in the fragment (`#k=…`), which browsers never send to a
 * server, so it stays out of access logs and Referer headers. Without a token (a booking made
 * before tokens, or a message sent after a NIK-proved change) the page asks for the full NIK.
 */
export function bookingManageUrl(config: Pick<AppConfig, 'publicUrl'>, origin: string, code: string, manageToken: string | null): string {
  const base = (config.publicUrl ?? origin).replace(/\/$/, '');
  return `${base}/pemesanan/${code}${manageToken ? `#k=${manageToken}` : ''}`;
}
