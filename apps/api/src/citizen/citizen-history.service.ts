import { Injectable } from '@nestjs/common';
import type { BookingStatus, CitizenHistoryBooking, CitizenHistoryResponse, CitizenHistoryTicket, TicketStatus } from '@mpp/contracts';
import { formatTicketNumber } from '@mpp/domain';
import { CitizenRepository, HistoryBookingRow, HistoryTicketRow } from './citizen.repository';

/** "Riwayat saya": the signed-in citizen's own bookings and tickets, newest first. */
@Injectable()
export class CitizenHistoryService {
  constructor(private readonly repo: CitizenRepository) {}

  async history(citizenId: string): Promise<CitizenHistoryResponse> {
    const [bookings, tickets] = await Promise.all([this.repo.findHistoryBookings(citizenId), this.repo.findHistoryTickets(citizenId)]);
    const items = [...bookings.map(toHistoryBooking), ...tickets.map(toHistoryTicket)];
    items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { items };
  }
}

function toHistoryBooking(row: HistoryBookingRow): CitizenHistoryBooking {
  return {
    kind: 'booking',
    code: row.code,
    status: row.status as BookingStatus,
    siteCode: row.site_code,
    siteName: row.site_name,
    timeZone: row.time_zone,
    service: { id: row.service_id, name: row.service_name, nameEn: row.service_name_en },
    date: row.slot_date,
    start: row.slot_start,
    end: row.slot_end,
    startsAt: row.starts_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

function toHistoryTicket(row: HistoryTicketRow): CitizenHistoryTicket {
  return {
    kind: 'ticket',
    publicCode: row.public_code,
    number: formatTicketNumber(row.prefix, row.number),
    status: row.status as TicketStatus,
    siteCode: row.site_code,
    siteName: row.site_name,
    timeZone: row.time_zone,
    service: { id: row.service_id, name: row.service_name, nameEn: row.service_name_en },
    date: row.local_date,
    createdAt: row.issued_at.toISOString(),
  };
}
