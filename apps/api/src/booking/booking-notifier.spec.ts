import type { BookingResponse } from '@mpp/contracts';
import type { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { AppConfig } from '../config/app-config';
import type { NotificationsService } from '../notifications/notifications.service';
import { BookingNotifier } from './booking-notifier';
import type { BookingRow } from './booking.repository';
import type { PiiCipher } from './pii-cipher';

/** A booking's messages go out after its change has committed: nothing they do may fail the answer. */
describe(BookingNotifier.name, () => {
  const row = { id: 'b1', code: 'MPP-TEST', phone_cipher: 'c1', email_cipher: null } as unknown as BookingRow;
  const booking = { code: 'MPP-TEST', siteCode: 'kota-kupang', service: { id: 's1' } } as unknown as BookingResponse;
  const newSut = (overrides: { catalogue?: Partial<CatalogueRepository>; cipher?: Partial<PiiCipher> } = {}) => {
    const notifications = { notifyBooking: jest.fn().mockResolvedValue([]) };
    const down = () => Promise.reject(new Error('database down'));
    const catalogue = { findServiceById: down, findAgencyById: down, findActiveSiteByCode: down, listRequirements: down, ...overrides.catalogue };
    const cipher = { decrypt: () => '081234567890', ...overrides.cipher };
    const sut = new BookingNotifier({} as AppConfig, notifications as unknown as NotificationsService, catalogue as unknown as CatalogueRepository, cipher as unknown as PiiCipher);
    return { sut, notifications };
  };

  it.each(['confirmed', 'cancelled', 'rescheduled'] as const)('should resolve a %s notice whose message cannot be prepared, sending nothing', async (kind) => {
    const { sut, notifications } = newSut();
    await expect(sut[kind](row, booking, 'https://mpp.example', null)).resolves.toBeUndefined();
    expect(notifications.notifyBooking).not.toHaveBeenCalled();
  });
});
