/** Spec helper: a printable ticket with sensible defaults; `ticket` overrides merge into the ticket. */
import type { PublicTicketResponse } from '@mpp/contracts';
import type { TicketPrintModel } from './ticket-print.model';

export type PrintModelOverrides = Partial<Omit<TicketPrintModel, 'ticket'>> & { ticket?: Partial<PublicTicketResponse> };

export function newPrintModel(overrides: PrintModelOverrides = {}): TicketPrintModel {
  const { ticket, ...rest } = overrides;
  return {
    ticket: {
      publicCode: 'k7Qm2xWp',
      number: 'A001',
      siteCode: 'mpp-kupang',
      siteName: 'Mal Pelayanan Publik Kota Kupang',
      timeZone: 'Asia/Makassar',
      service: { id: '0b9a4c1e-0000-4000-8000-000000000001', name: 'Perekaman KTP-el', nameEn: 'Electronic ID card enrolment' },
      agency: { shortName: 'Disdukcapil' },
      priority: 'regular',
      status: 'waiting',
      position: 4,
      positionMin: 4,
      estimatedWaitMinutes: 15,
      counter: null,
      issuedAt: '2026-11-24T00:05:00.000Z',
      localDate: '2026-11-24',
      calledAt: null,
      finishedAt: null,
      source: 'kiosk',
      ...ticket,
    },
    agencyName: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
    siteAddress: 'Jl. Timor Raya No. 1, Kota Kupang',
    publicUrl: 'https://mpp.example.go.id/t/k7Qm2xWp',
    peopleAhead: 3,
    ...rest,
  };
}
