/** Online booking of time slots, and check-in at the kiosk. */
import type { LocalizedText } from './errors';
import type { PriorityClass, TicketResponse } from './queue';

/**
 * What a citizen may ask the MPP to have ready (UU 25/2009 Pasal 29, "perlakuan khusus"): the
 * counter app shows it when the booking's ticket is called. Not identity data, but never in a
 * public answer (only the owner and the counter's staff see it).
 */
export const BOOKING_NEEDS = ['wheelchair', 'sign_language', 'companion'] as const;
export type BookingNeed = (typeof BOOKING_NEEDS)[number];

/** How the portal and the counter app name each need (one copy for both). */
export const BOOKING_NEED_LABELS: Readonly<Record<BookingNeed, LocalizedText>> = {
  wheelchair: { id: 'Kursi roda', en: 'Wheelchair' },
  sign_language: { id: 'Juru bahasa isyarat', en: 'Sign-language interpreter' },
  companion: { id: 'Pendampingan petugas (mis. bagi tunanetra)', en: 'Assistance from staff (e.g. for blind visitors)' },
};

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

/** One day of the booking horizon, for the portal's date strip. */
export interface BookingDay {
  date: string;
  open: boolean;
  /** When closed: why (the same words as the day's slots answer). */
  closed: SlotsResponse['closed'];
  /** Seats left in slots still bookable that day (0 when closed or full). */
  remaining: number;
}

/** `GET /api/v1/services/{id}/booking-days`: every day from today (site-local) to the end of the horizon. */
export interface BookingDaysResponse {
  serviceId: string;
  timeZone: string;
  days: BookingDay[];
}

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
  /** UU 25/2009 Pasal 29 group, self-declared like at the kiosk; the ticket is issued with it at check-in. Default 'regular'. */
  priorityGroup?: PriorityClass;
  /** What to have ready at the counter; each at most once. */
  needs?: BookingNeed[];
  /** How to send this booking's messages and "called" (recorded for the number): 'email' only with an email. Default: as chosen before, else SMS. */
  notifyBy?: BookingNotifyBy;
  /** The language of those messages: 'id' (default) or 'en'. */
  language?: 'id' | 'en';
}

export const BOOKING_NOTIFY_CHOICES = ['sms', 'whatsapp', 'email'] as const;
export type BookingNotifyBy = (typeof BOOKING_NOTIFY_CHOICES)[number];

export type BookingStatus = 'active' | 'checked_in' | 'cancelled' | 'no_show';

/**
 * What anyone holding the booking code may see (`GET /api/v1/bookings/{code}`): where, when and in
 * which state. No name, no NIK or phone digits, no ticket code: the code is printed as a QR and
 * shown at the kiosk, so it proves nothing.
 */
export interface BookingPublicResponse {
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
  checkIn: { opensAt: string; closesAt: string };
  /** The queue number once checked in. */
  ticket: { number: string } | null;
  /** Whether the booking is managed by the link's token; false for bookings made before tokens (proved by the full NIK). */
  hasManageToken: boolean;
  createdAt: string;
}

/** The booking as its owner (proved by the manage token or the full NIK) and the counter's staff see it. */
export interface BookingResponse extends Omit<BookingPublicResponse, 'ticket'> {
  /** Always masked after submission, e.g. "5371********0001". */
  nikMasked: string;
  fullName: string;
  phoneMasked: string;
  ticket: { number: string; publicCode: string } | null;
  /** Only for the owner and the counter's staff, never in the public answer. */
  priorityGroup: PriorityClass;
  needs: BookingNeed[];
}

export interface BookingCreatedResponse extends BookingResponse {
  /** The booking QR (data:image/png;base64,...), encoding the booking code. */
  qr: string;
  /** Where the PDF confirmation is downloaded (POST, with the proof of ownership). */
  confirmationUrl: string;
  /**
   * The secret that proves ownership (128 random bits, base64url). Given only here and in the
   * manage link of the confirmation messages; the server keeps only its hash.
   */
  manageToken: string;
  /** The booking's page in the portal, the token in its fragment: `…/pemesanan/{code}#k={token}`. */
  manageUrl: string;
  /** Where the calendar file is downloaded (GET): where and when only, nothing personal. */
  calendarUrl: string;
}

/**
 * Proof of ownership: the manage token from the link, or, for a booking made before manage
 * tokens existed, the full 16-digit NIK it was made with.
 */
export interface BookingProof {
  token?: string;
  nik?: string;
}

export interface RescheduleBookingRequest extends BookingProof {
  date: string;
  start: string;
}

export interface CheckInRequest {
  code: string;
}

/**
 * The kiosk's answer to a check-in. The kiosk is a public terminal, so the booking is only what
 * its code shows anyone (no name, NIK or phone); the ticket is the citizen's to take.
 */
export interface CheckInResponse {
  outcome: 'checked_in' | 'already_checked_in' | 'walk_in';
  booking: BookingPublicResponse;
  ticket: TicketResponse;
}

/**
 * `GET` and `PUT /api/v1/admin/sites/{code}/booking-policy`: the site's check-in window, what
 * happens to a late arrival and the weekly booking limit per NIK (GET answers what PUT accepts).
 */
export interface BookingPolicy {
  /** Check-in opens this many minutes before the slot (0–240). */
  checkInEarlyMinutes: number;
  /** … and closes this many minutes after its start (0–240). */
  checkInLateMinutes: number;
  /** A late booking becomes a walk-in ticket, or is refused. */
  latePolicy: 'walk_in' | 'refuse';
  /** Active bookings one NIK may hold per week (1–50). */
  weeklyLimitPerNik: number;
}
