import type { EntityManager } from 'typeorm';

/**
 * The port through which the queue (online tickets) keeps the number to tell when a ticket is
 * called, without importing notifications/ (which listens to the queue: the folders depend one
 * way). NotificationsModule provides it (TicketCalledNotifier.watchTicket and
 * NotificationRecipients.choose); the queue looks it up by this token (ModuleRef, not strict) and
 * does without it in an application that has no notifications.
 */
export const TICKET_CONTACTS = 'TICKET_CONTACTS';

export interface TicketContactChoice {
  /** The channel the citizen chose for the number. */
  channel: 'sms' | 'whatsapp';
  /** An Indonesian mobile number (E.164). Personal data: kept only encrypted. */
  to: string;
  language: 'id' | 'en';
}

export interface TicketContacts {
  /** Records the citizen's choice for the number and keeps it as the ticket's contact, in the caller's transaction. */
  watch(ticketId: string, contact: TicketContactChoice, manager: EntityManager): Promise<void>;
}
