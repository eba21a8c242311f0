/** A ticket taken from home ("antrean daring", docs/queue.md "Online tickets"). */
import type { ClosureKind, OpeningHours } from './catalogue';
import type { LocalizedText } from './errors';

/** `POST /api/v1/queue/online-tickets` (with an Idempotency-Key header, reused on retries). */
export interface CreateOnlineTicketRequest {
  serviceId: string;
  /** 16 digits, checked like a booking's. */
  nik: string;
  fullName: string;
  /** Indonesian mobile number, any usual spelling (0812…, +62 812…). */
  phone: string;
  /** How to tell the citizen when the ticket is called: 'sms' (default), 'whatsapp', or 'none'. */
  notifyBy?: OnlineTicketNotifyBy;
  /** The language of that message: 'id' (default) or 'en'. */
  language?: CitizenLanguage;
}

/** "Beri tahu saya lewat": SMS, WhatsApp, or no message (docs/notifications.md, Told when called). */
export const ONLINE_TICKET_NOTIFY_CHOICES = ['sms', 'whatsapp', 'none'] as const;
export type OnlineTicketNotifyBy = (typeof ONLINE_TICKET_NOTIFY_CHOICES)[number];

/** The citizen's language for messages. */
export const CITIZEN_LANGUAGES = ['id', 'en'] as const;
export type CitizenLanguage = (typeof CITIZEN_LANGUAGES)[number];

/** The answer: the ticket's page and what to tell the citizen, nothing personal. */
export interface OnlineTicketCreatedResponse {
  publicCode: string;
  /** e.g. "A012": the same numbering as the kiosk's tickets. */
  number: string;
  /** The portal's page of the ticket, `/tiket/{publicCode}`. */
  ticketUrl: string;
  siteCode: string;
  timeZone: string;
  service: { id: string; name: string; nameEn: string };
  /** Minutes until it is probably called, and that instant (ISO), when taken. */
  estimatedWaitMinutes: number | null;
  estimatedCallAt: string | null;
}

/** Why a ticket from home cannot be taken now (also the `code` of the 409/422 answer, in capitals). */
export type OnlineTicketClosedReason =
  | 'disabled'
  | 'closed_today'
  | 'before_opening'
  | 'after_closing'
  | 'on_break'
  | 'no_counter_open'
  | 'wait_past_closing';

/** `GET /api/v1/queue/online-tickets/availability?serviceId=…`: whether the portal should offer the form now. */
export interface OnlineTicketAvailability {
  serviceId: string;
  /** The service takes tickets from home at all (its setting). */
  enabled: boolean;
  /** It does now: the site serves and the estimated call fits before closing. */
  available: boolean;
  reason: OnlineTicketClosedReason | null;
  /** What to tell the citizen when not available (why and what to do). */
  message: LocalizedText | null;
  estimatedWaitMinutes: number | null;
  estimatedCallAt: string | null;
  /** Today's closing time, site-local HH:MM, when the site opens today. */
  closesAt: string | null;
  timeZone: string;
  /** Today's caps per NIK at this site. */
  caps: OnlineTicketPolicy;
}

/** A site's daily caps per NIK: `PUT /api/v1/admin/sites/{code}/online-ticket-policy`. */
export interface OnlineTicketPolicy {
  /** Tickets a NIK may take from home per service and day (default 1). */
  perServiceDaily: number;
  /** Tickets a NIK may take from home per day at the site, all services together (default 3). */
  perDay: number;
}

/**
 * `GET /api/v1/queue/online-tickets/{code}/timing`: what the ticket page needs to tell when to
 * set off (libs/domain estimatedCallAt and departureAdvice), read once: the server's clock (the
 * page keeps the offset to its own), the site's zone, weekly hours and today's closures.
 */
export interface OnlineTicketTiming {
  now: string;
  timeZone: string;
  hours: OpeningHours[];
  closures: { date: string; name: string; kind: ClosureKind }[];
}
