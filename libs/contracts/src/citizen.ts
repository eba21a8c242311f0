/**
 * The optional citizen account (docs/citizen-account.md): signing in with a one-time code sent to
 * a mobile number or an email address, or with an OpenID Connect provider; "Riwayat saya".
 * The session is an httpOnly cookie, never seen by the page's script.
 */
import type { ApplicationStateName } from './application';
import type { BookingStatus } from './booking';
import type { LocalizedText } from './errors';
import type { CitizenLanguage } from './online-ticket';
import type { TicketStatus } from './queue';

export type CitizenOtpChannel = 'sms' | 'email';

/** `POST /api/v1/citizen/otp`: a mobile number (08…, 628…, +628…) or an email address. */
export interface CitizenOtpRequest {
  recipient: string;
}

export interface CitizenOtpSentResponse {
  channel: CitizenOtpChannel;
  /** Where the code went, masked: "+62 812****7890", "n***@example.go.id". */
  sentTo: string;
  /** Seconds the code stays valid. */
  expiresInSeconds: number;
  /** Seconds before another code may be asked for this recipient. */
  resendInSeconds: number;
}

/** `POST /api/v1/citizen/otp/verify`. */
export interface CitizenOtpVerifyRequest {
  recipient: string;
  /** 6 digits. */
  code: string;
}

export type CitizenIdentityKind = 'phone' | 'email' | 'oidc';

/** `GET /api/v1/citizen/me`, and the answer of a sign-in. */
export interface CitizenMeResponse {
  /** How this citizen is known, each masked (an OIDC account by its provider's name). */
  identities: { kind: CitizenIdentityKind; label: string }[];
  /** When this session ends (ISO). */
  sessionExpiresAt: string;
  /**
   * The citizen's own verified number and address, in full, for the booking form to fill in
   * (only to this session, never logged); null when signed in otherwise.
   */
  prefill: { phone: string | null; email: string | null };
  /** How the citizen chose to be told, and in which language; null where not chosen. */
  preferences: CitizenPreferences;
}

/**
 * How a signed-in citizen is told about what they make (a booking's messages, "called"): `none`
 * turns off what is not essential (an online ticket's "called"); a booking's confirmation, which
 * carries its link, is still sent.
 */
export const CITIZEN_NOTIFY_CHOICES = ['sms', 'whatsapp', 'email', 'none'] as const;
export type CitizenNotifyBy = (typeof CITIZEN_NOTIFY_CHOICES)[number];

export interface CitizenPreferences {
  notifyBy: CitizenNotifyBy | null;
  language: CitizenLanguage | null;
}

/** `PUT /api/v1/citizen/preferences`; `email` only for a citizen with a verified email address. */
export interface CitizenPreferencesRequest {
  notifyBy: CitizenNotifyBy;
  /** The portal's current language; omitted keeps the one chosen before. */
  language?: CitizenLanguage;
}

/**
 * `POST /api/v1/citizen/contacts/verify {recipient, code}` (the code from
 * `POST /api/v1/citizen/contacts/otp {recipient}`): the contact is the signed-in citizen's. When
 * it belonged to another citizen, that citizen's bookings, tickets, contacts and sessions are now
 * this one's (`merged`) and the other is gone.
 */
export interface CitizenContactAddedResponse extends CitizenMeResponse {
  merged: boolean;
}

/** `GET /api/v1/citizen/providers`: the OpenID Connect provider, when one is configured. */
export interface CitizenProvidersResponse {
  oidc: { name: string; startUrl: string } | null;
}

export interface CitizenHistoryBooking {
  kind: 'booking';
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
  createdAt: string;
}

export interface CitizenHistoryTicket {
  kind: 'ticket';
  publicCode: string;
  number: string;
  status: TicketStatus;
  siteCode: string;
  siteName: string;
  timeZone: string;
  service: { id: string; name: string; nameEn: string };
  date: string;
  createdAt: string;
}

/** A digital application of the account (issue 14): its page is `/permohonan/{code}`. No applicant data. */
export interface CitizenHistoryApplication {
  kind: 'application';
  code: string;
  state: ApplicationStateName;
  stateLabel: LocalizedText;
  siteCode: string;
  siteName: string;
  timeZone: string;
  service: { id: string; name: string; nameEn: string };
  /** The service's due date once the clock runs (the site's closing time on the last day); null before. */
  dueAt: string | null;
  /** While returned: by when the citizen must correct the items. */
  citizenDeadline: string | null;
  createdAt: string;
}

export type CitizenHistoryItem = CitizenHistoryBooking | CitizenHistoryTicket | CitizenHistoryApplication;

/** `GET /api/v1/citizen/history`: the signed-in citizen's bookings, tickets and applications, newest first. */
export interface CitizenHistoryResponse {
  items: CitizenHistoryItem[];
}
