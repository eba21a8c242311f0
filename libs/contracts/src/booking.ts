/** Online booking of time slots, and check-in at the kiosk. */
import type { TicketResponse } from './queue';

export interface SlotResponse {
  /** Site-local date and times. */
  date: string;
  start: string;
  end: string;
  /** The slot's start as an instant (ISO, UTC). */
  startsAt: string;
  capacity: number;
  remaining: number;
  /** Past the booking cut-off, or already begun. */
  bookable: boolean;
}

export type ClosedDayReason = 'weekly_closed' | 'national_holiday' | 'cuti_bersama' | 'local_closure' | 'outside_booking_window' | 'online_booking_disabled';

export interface SlotsResponse {
  serviceId: string;
  date: string;
  timeZone: string;
  open: boolean;
  /** When closed: why, e.g. the holiday's name. */
  closed: { reason: ClosedDayReason; name: string | null; message: { id: string; en: string } } | null;
  slots: SlotResponse[];
}

export interface CreateBookingRequest {
  serviceId: string;
  date: string;
  /** "HH:MM", the slot's local start. */
  start: string;
  nik: string;
  fullName: string;
  phone: string;
  email?: string;
}

export type BookingStatus = 'active' | 'checked_in' | 'cancelled' | 'no_show';

export interface BookingResponse {
  code: string;
  status: BookingStatus;
  siteCode: string;
  siteName: string;
  timeZone: string;
  service: { id: string; name: string; nameEn: string };
  date: string;
  start: string;
  end: string;
  startsAt: string;
  /** Always masked after submission, e.g. "5371********0001". */
  nikMasked: string;
  fullName: string;
  phoneMasked: string;
  checkIn: { opensAt: string; closesAt: string };
  ticket: { number: string; publicCode: string } | null;
  createdAt: string;
}

export interface BookingCreatedResponse extends BookingResponse {
  /** The booking QR (data:image/png;base64,...), encoding the booking code. */
  qr: string;
  /** Where the PDF confirmation can be downloaded. */
  confirmationUrl: string;
}

export interface BookingVerifyRequest {
  /** The last four digits of the NIK used for the booking. */
  nikLast4: string;
}

export interface RescheduleBookingRequest extends BookingVerifyRequest {
  date: string;
  start: string;
}

export interface CheckInRequest {
  code: string;
}

export interface CheckInResponse {
  outcome: 'checked_in' | 'already_checked_in' | 'walk_in';
  booking: BookingResponse;
  ticket: TicketResponse;
}
