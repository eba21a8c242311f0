import { Injectable } from '@nestjs/common';
import type {
  ApplicationStateName,
  BookingStatus,
  CitizenHistoryApplication,
  CitizenHistoryBooking,
  CitizenHistoryItem,
  CitizenHistoryResponse,
  CitizenHistoryTicket,
  TicketStatus,
} from '@mpp/contracts';
import { APPLICATION_STATE_LABELS, formatTicketNumber } from '@mpp/domain';
import { CitizenRepository, HistoryApplicationRow, HistoryBookingRow, HistoryTicketRow } from './citizen.repository';

/** "Riwayat saya": the signed-in citizen's own bookings, tickets and applications, newest first. */
@Injectable()
export class CitizenHistoryService {
  constructor(private readonly repo: CitizenRepository) {}

  async history(citizenId: string): Promise<CitizenHistoryResponse> {
    const [bookings, tickets, applications] = await Promise.all([
      this.repo.findHistoryBookings(citizenId),
      this.repo.findHistoryTickets(citizenId),
      this.repo.findHistoryApplications(citizenId),
    ]);
    const items: CitizenHistoryItem[] = [...bookings.map(toHistoryBooking), ...tickets.map(toHistoryTicket), ...applications.map(toHistoryApplication)];
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

function toHistoryApplication(row: HistoryApplicationRow): CitizenHistoryApplication {
  const state = row.state as ApplicationStateName;
  return {
    kind: 'application',
    code: row.code,
    state,
    stateLabel: APPLICATION_STATE_LABELS[state],
    siteCode: row.site_code,
    siteName: row.site_name,
    timeZone: row.time_zone,
    service: { id: row.service_id, name: row.service_name, nameEn: row.service_name_en },
    dueAt: row.due_at?.toISOString() ?? null,
    citizenDeadline: row.citizen_deadline?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
