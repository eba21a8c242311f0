import { Logger } from '@nestjs/common';
import type { BookingResponse } from '@mpp/contracts';
import { formatBookingCode } from '@mpp/domain';
import { randomBytes } from 'node:crypto';
import type { CatalogueRepository } from '../catalogue/catalogue.repository';
import { PiiCipher } from '../common/pii-cipher';
import type { AppConfig } from '../config/app-config';
import type { OutgoingMessage } from '../notifications/notification';
import type { NotificationsService } from '../notifications/notifications.service';
import { BookingNotifier } from './booking-notifier';
import type { BookingRow } from './booking.repository';
import { confirmationModel } from './confirmation-model';
import { newBookingModel } from './documents/booking-confirmation.factory';
import { renderBookingMessages } from './documents/booking-message.templates';

const KINDS = ['confirmed', 'cancelled', 'rescheduled'] as const;
const LANGUAGES = ['id', 'en'] as const;

/**
 * The booking's messages are written here and handed to the outbox as ready text; they go out
 * after the booking's change has committed, so nothing they do may fail the answer.
 */
describe(BookingNotifier.name, () => {
  const cipher = new PiiCipher(randomBytes(32));
  const phone = '+6281234567890';
  const email = 'maria@example.go.id';
  const origin = 'https://mpp.example';
  const token = 'tok3n';
  const config = { publicUrl: null } as AppConfig;
  const booking: BookingResponse = newBookingModel().booking;
  const newRow = (overrides: Partial<BookingRow> = {}) =>
    ({ id: 'b1', code: booking.code, language: 'id', phone_cipher: cipher.encrypt(phone), email_cipher: cipher.encrypt(email), ...overrides }) as unknown as BookingRow;
  const workingCatalogue = {
    findServiceById: (id: string) => Promise.resolve({ id, agencyId: 'a1' }),
    findAgencyById: () => Promise.resolve({ name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang' }),
    findActiveSiteByCode: () => Promise.resolve({ address: 'Jl. Timor Raya No. 1' }),
    listRequirements: () => Promise.resolve([{ name: 'Kartu Keluarga (KK) asli', mandatory: true }]),
  } as unknown as CatalogueRepository;
  const newSut = (overrides: { catalogue?: Partial<CatalogueRepository>; cipher?: Partial<PiiCipher> } = {}) => {
    const notifications = { sendAll: jest.fn<Promise<[]>, [OutgoingMessage[]]>().mockResolvedValue([]) };
    const catalogue = { ...workingCatalogue, ...overrides.catalogue } as CatalogueRepository;
    const sut = new BookingNotifier(config, notifications as unknown as NotificationsService, catalogue, Object.assign(Object.create(cipher) as PiiCipher, overrides.cipher));
    return { sut, notifications };
  };

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it.each(KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const)))(
    'should hand the outbox the %s SMS for the phone and the email for the address, as written for the booking in its language (%s)',
    async (kind, language) => {
      const { sut, notifications } = newSut();

      await sut[kind](newRow({ language }), booking, origin, token);

      const written = renderBookingMessages(kind, { ...(await confirmationModel(workingCatalogue, config, booking, origin, token)), lang: language });
      const other = renderBookingMessages(kind, { ...(await confirmationModel(workingCatalogue, config, booking, origin, token)), lang: language === 'en' ? 'id' : 'en' });
      expect(written.sms).not.toBe(other.sms);
      expect(notifications.sendAll.mock.calls).toEqual([
        [
          [
            { channel: 'sms', to: phone, subject: null, body: written.sms, bookingId: 'b1', language },
            { channel: 'email', to: email, subject: written.email.subject, body: written.email.body, bookingId: 'b1', language },
          ],
        ],
      ]);
      const [[[sms]]] = notifications.sendAll.mock.calls;
      expect(sms.body).toContain(formatBookingCode(booking.code));
      expect(sms.body).toContain(`${origin}/pemesanan/${booking.code}#k=${token}`);
    },
  );

  it('should send only the SMS when the booking has no email address', async () => {
    const { sut, notifications } = newSut();

    await sut.cancelled(newRow({ email_cipher: null }), booking, origin, null);

    expect(notifications.sendAll.mock.calls.map(([messages]) => messages.map((m) => [m.channel, m.to]))).toEqual([[['sms', phone]]]);
  });

  it.each(KINDS)('should resolve a %s notice whose message cannot be prepared, sending nothing', async (kind) => {
    const down = () => Promise.reject(new Error('database down'));
    const { sut, notifications } = newSut({ catalogue: { findServiceById: down, findAgencyById: down, findActiveSiteByCode: down, listRequirements: down } });

    await expect(sut[kind](newRow(), booking, origin, null)).resolves.toBeUndefined();
    expect(notifications.sendAll).not.toHaveBeenCalled();
  });

  it('should resolve, sending nothing, when a recipient cannot be decrypted', async () => {
    const { sut, notifications } = newSut({ cipher: { decrypt: () => { throw new Error('unsupported state or unable to authenticate data'); } } });

    await expect(sut.confirmed(newRow(), booking, origin, token)).resolves.toBeUndefined();
    expect(notifications.sendAll).not.toHaveBeenCalled();
  });
});
