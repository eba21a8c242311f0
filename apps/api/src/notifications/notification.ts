/**
 * Messages to citizens, as ready text written by their sender (booking/ writes the booking
 * confirmations, cancellations and reschedules), and the channels that carry them. Every message
 * goes through the outbox first (NotificationsService); a channel only delivers.
 */
import { maskPhone } from '@mpp/domain';

export const NOTIFICATION_CHANNEL_KINDS = ['email', 'sms', 'whatsapp'] as const;
export type NotificationChannelKind = (typeof NOTIFICATION_CHANNEL_KINDS)[number];

export const NOTIFICATION_LANGUAGES = ['id', 'en'] as const;
/** The citizen's language: Indonesian first. */
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** A WhatsApp Cloud API template message: pre-approved by Meta, so only its parameters travel. */
export interface WhatsAppTemplate {
  name: string;
  /** WhatsApp's language code of the approved template ("id", "en"). */
  language: string;
  /** The body's {{1}}, {{2}}, … in order. Personal data: stored only encrypted. */
  parameters: string[];
}

export interface OutgoingMessage {
  channel: NotificationChannelKind;
  /** E.164 phone for SMS and WhatsApp, an address for email. Personal data: never logged or stored in clear. */
  to: string;
  /** Email only; null for SMS. */
  subject: string | null;
  /** Personal data (the name) and secrets (the manage link): never logged, stored only encrypted. */
  body: string;
  /** outbox_message.booking_id: the booking the message is about, if any; kept as a reference only. */
  bookingId?: string;
  /** outbox_message.id of the row it is sent from: what log lines name it by. */
  outboxId?: string;
  /** WhatsApp only: the template message the channel sends (the body is its text, for the record). */
  whatsapp?: WhatsAppTemplate;
  /** The template (templates.ts) and language it was written from, recorded on its row. */
  template?: string;
  language?: NotificationLanguage;
  /** outbox_message.site_id / ticket_id: what it concerns (a site admin counts their site's). */
  siteId?: string;
  ticketId?: string;
  /**
   * A message the citizen has just asked for and cannot do without (a sign-in code): sent even to
   * a recipient who opted out, since opting out stops notifications, not answers to a request.
   */
  essential?: boolean;
}

/** 'logged': written to the log instead of delivered (no gateway configured). */
export type NotificationStatus = 'sent' | 'logged' | 'failed';

export interface NotificationResult {
  status: NotificationStatus;
  error?: string;
  /** The id the provider gave the message (an SMS gateway's, WhatsApp's "wamid…"), when it answers one. */
  providerMessageId?: string;
}

/**
 * A message's state in outbox_message: 'pending' (being sent or waiting for its first send),
 * 'sent', 'logged', 'failed' (will be tried again), 'dead' (given up after the last attempt).
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'logged', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface NotificationChannel {
  readonly name: string;
  /** Never rejects for a delivery problem: that is a 'failed' result with the error text. */
  send(message: OutgoingMessage): Promise<NotificationResult>;
}

/** The channel that carries email (SMTP when configured, else the log). */
export const EMAIL_CHANNEL = Symbol('EMAIL_CHANNEL');
/** The channel that carries SMS (the SMS gateway over HTTP when configured, else the log). */
export const SMS_CHANNEL = Symbol('SMS_CHANNEL');
/** The channel that carries WhatsApp (the WhatsApp Cloud API when configured, else the log). */
export const WHATSAPP_CHANNEL = Symbol('WHATSAPP_CHANNEL');

/** Fits outbox_message.recipient_masked (varchar(120)). */
const MASKED_MAX_LENGTH = 120;

/** "nur.aisyah@example.go.id" → "n***@example.go.id": the domain stays, the person does not. */
export function maskEmail(address: string): string {
  const at = address.trim().lastIndexOf('@');
  if (at < 1 || at === address.trim().length - 1) return '***';
  const trimmed = address.trim();
  return `${trimmed[0]}***@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** A recipient as it may be logged or shown: "+62 812****7890", "n***@example.go.id". */
export function maskRecipient(channel: NotificationChannelKind, to: string): string {
  const masked = channel === 'email' ? maskEmail(to) : maskPhone(to);
  return masked.slice(0, MASKED_MAX_LENGTH);
}

/**
 * An error text as it may be stored or logged: mail servers like to quote the address they
 * refused ("550 <nur.aisyah@example.go.id>: unknown user"), so the recipient is replaced by its mask.
 */
export function redactRecipient(text: string, message: Pick<OutgoingMessage, 'channel' | 'to'>): string {
  const to = message.to.trim();
  return to.length === 0 ? text : text.split(to).join(maskRecipient(message.channel, to));
}
