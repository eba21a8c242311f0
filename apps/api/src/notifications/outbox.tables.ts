import { tableShape } from '../database/table-shape';

/**
 * The outbox and the citizens' notification choices, written by raw SQL (NotificationsService,
 * NotificationRecipients): the columns that code expects. A migration that changes one of them
 * changes this file too (docs/database.md, "Adding a column").
 */
export const OUTBOX_TABLES = [
  tableShape(__filename, 'outbox_message', {
    id: 'bigint',
    /** email, sms or whatsapp. */
    channel: 'varchar(8)',
    recipient_masked: 'varchar(120)',
    recipient_cipher: 'text',
    subject: 'text | null',
    /** NULL only for messages written before EncryptOutboxMessageBody (their clear text was erased). */
    body_cipher: 'text | null',
    booking_id: 'uuid | null',
    /** pending, logged, sent, failed (will be tried again) or dead (given up). */
    status: 'varchar(8)',
    error: 'text | null',
    created_at: 'timestamptz',
    sent_at: 'timestamptz | null',
    /** Sends begun (AddOutboxRetry): the first, in process, is 1. */
    attempts: 'integer',
    /** When the relay may take the row; NULL once nothing more will be tried (outbox-retry.ts). */
    next_attempt_at: 'timestamptz | null',
    /** The id the SMS gateway or WhatsApp answered (AddNotificationDeliveryAndOptOut). */
    provider_message_id: 'varchar(200) | null',
    /** When the last attempt's outcome was recorded. */
    last_attempt_at: 'timestamptz | null',
    /** When the message was given up (status 'dead'). */
    dead_at: 'timestamptz | null',
    /** The template it was written from (templates.ts), if any. */
    template: 'varchar(40) | null',
    language: 'varchar(2) | null',
    /** The site it concerns: what a site admin's counts are scoped by. */
    site_id: 'uuid | null',
    ticket_id: 'uuid | null',
    /** A WhatsApp template's name, language and parameters (JSON), encrypted like the text. */
    payload_cipher: 'text | null',
  }),
  tableShape(__filename, 'notification_recipient', {
    /** PiiCipher.lookupHash of "phone:+62…" or "email:…": the number or address is never stored here. */
    recipient_hash: 'varchar(64)',
    /** The channel the citizen chose for this number (sms or whatsapp) or address (email); NULL: the default. */
    channel: 'varchar(8) | null',
    language: 'varchar(2)',
    /** Set: nothing more is sent to this recipient. */
    opted_out_at: 'timestamptz | null',
    updated_at: 'timestamptz',
  }),
  tableShape(__filename, 'notification_ticket_contact', {
    ticket_id: 'uuid',
    recipient_cipher: 'text',
    recipient_hash: 'varchar(64)',
    channel: 'varchar(8)',
    language: 'varchar(2)',
    created_at: 'timestamptz',
  }),
];
