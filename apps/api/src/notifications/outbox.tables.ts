import { tableShape } from '../database/table-shape';

/**
 * The outbox written by raw SQL (NotificationsService): the columns that code expects. A
 * migration that changes one of them changes this file too (docs/database.md, "Adding a column").
 */
export const OUTBOX_TABLES = [
  tableShape(__filename, 'outbox_message', {
    id: 'bigint',
    channel: 'varchar(8)',
    recipient_masked: 'varchar(120)',
    recipient_cipher: 'text',
    subject: 'text | null',
    /** NULL only for messages written before EncryptOutboxMessageBody (their clear text was erased). */
    body_cipher: 'text | null',
    booking_id: 'uuid | null',
    status: 'varchar(8)',
    error: 'text | null',
    created_at: 'timestamptz',
    sent_at: 'timestamptz | null',
    /** Sends begun (AddOutboxRetry): the first, in process, is 1. */
    attempts: 'integer',
    /** When the relay may take the row; NULL once nothing more will be tried (outbox-retry.ts). */
    next_attempt_at: 'timestamptz | null',
  }),
];
