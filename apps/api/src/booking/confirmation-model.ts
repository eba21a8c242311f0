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
): Promise<BookingConfirmationModel> {
  const service = await catalogue.findServiceById(booking.service.id);
  const agency = service ? await catalogue.findAgencyById(service.agencyId) : null;
  const site = await catalogue.findActiveSiteByCode(booking.siteCode);
  const requirements = service ? (await catalogue.listRequirements(service.id)).filter((r) => r.mandatory).map((r) => r.name) : [];
  const base = (config.publicUrl ?? origin).replace(/\/$/, '');
  return {
    booking,
    agencyName: agency?.name ?? '',
    siteAddress: site?.address ?? null,
    requirements,
    manageUrl: `${base}/pemesanan/${booking.code}`,
  };
}
