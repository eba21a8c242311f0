/** Spec helper: a booking confirmation with sensible defaults; `booking` overrides merge into the booking. */
import type { BookingResponse } from '@mpp/contracts';
import type { BookingConfirmationModel } from './booking-confirmation.model';

export type BookingModelOverrides = Partial<Omit<BookingConfirmationModel, 'booking'>> & { booking?: Partial<BookingResponse> };

/** A Monday 08:00–08:30 WITA slot in Kupang (2026-11-23T00:00Z), check-in 07:30–08:15. */
export function newBookingModel(overrides: BookingModelOverrides = {}): BookingConfirmationModel {
  const { booking, ...rest } = overrides;
  return {
    booking: {
      code: 'K7M39QXA',
      status: 'active',
      siteCode: 'mpp-kupang',
      siteName: 'Mal Pelayanan Publik Kota Kupang',
      timeZone: 'Asia/Makassar',
      service: { id: '0b9a4c1e-0000-4000-8000-000000000001', name: 'KTP-el', nameEn: 'Electronic ID card' },
      date: '2026-11-23',
      start: '08:00',
      end: '08:30',
      startsAt: '2026-11-23T00:00:00.000Z',
      nikMasked: '5371********0001',
      fullName: 'Maria Goreti Fernandes',
      phoneMasked: '+62 812****7890',
      checkIn: { opensAt: '2026-11-22T23:30:00.000Z', closesAt: '2026-11-23T00:15:00.000Z' },
      ticket: null,
      hasManageToken: true,
      createdAt: '2026-11-17T02:12:00.000Z',
      priorityGroup: 'regular',
      needs: [],
      ...booking,
    },
    agencyName: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
    siteAddress: 'Jl. Timor Raya No. 1, Kota Kupang',
    requirements: ['Kartu Keluarga (KK) asli', 'Surat pengantar RT/RW'],
    manageUrl: 'https://mpp.example.go.id/pesan/K7M39QXA',
    ...rest,
  };
}
