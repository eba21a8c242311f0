import { tableShape } from '../database/table-shape';

/**
 * The citizen account's tables, written by raw SQL (CitizenRepository): the columns that code
 * expects. A migration that changes one of them changes this file too (docs/database.md).
 * `booking.citizen_id` and `ticket.citizen_id` are declared in the shapes of their owners.
 */
export const CITIZEN_TABLES = [
  tableShape(__filename, 'citizen', {
    id: 'uuid',
    created_at: 'timestamptz',
    last_sign_in_at: 'timestamptz | null',
    /** How the citizen chose to be told (sms, whatsapp, email, none); null: not chosen. */
    notify_by: 'varchar(8) | null',
    /** The language of those messages; null: not chosen. */
    language: 'varchar(2) | null',
  }),
  tableShape(__filename, 'citizen_identity', {
    id: 'uuid',
    citizen_id: 'uuid',
    kind: 'varchar(8)',
    lookup_hash: 'char(64)',
    value_cipher: 'text',
    created_at: 'timestamptz',
  }),
  tableShape(__filename, 'citizen_otp', {
    id: 'uuid',
    recipient_hash: 'char(64)',
    channel: 'varchar(8)',
    code_hash: 'char(64)',
    attempts: 'smallint',
    created_at: 'timestamptz',
    expires_at: 'timestamptz',
    used_at: 'timestamptz | null',
  }),
  tableShape(__filename, 'citizen_session', {
    id: 'uuid',
    token_hash: 'char(64)',
    citizen_id: 'uuid',
    via: 'varchar(8)',
    created_at: 'timestamptz',
    expires_at: 'timestamptz',
    ended_at: 'timestamptz | null',
  }),
];
