import { tableShape } from '../database/table-shape';

/**
 * The booking tables written by raw SQL (BookingRepository): the columns that code expects. A
 * migration that changes one of them changes this file too (docs/database.md, "Adding a column").
 */
export const BOOKING_TABLES = [
  tableShape(__filename, 'booking', {
    id: 'uuid',
    code: 'char(8)',
    site_id: 'uuid',
    service_id: 'uuid',
    slot_date: 'date',
    slot_start: 'time',
    slot_end: 'time',
    starts_at: 'timestamptz',
    status: 'varchar(12)',
    nik_hash: 'char(64)',
    nik_cipher: 'text',
    name_cipher: 'text',
    phone_cipher: 'text',
    email_cipher: 'text | null',
    ticket_id: 'uuid | null',
    checked_in_late: 'boolean',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    cancelled_at: 'timestamptz | null',
    checked_in_at: 'timestamptz | null',
    no_show_at: 'timestamptz | null',
    manage_token_hash: 'bytea | null',
    proof_failures: 'smallint',
    proof_locked_until: 'timestamptz | null',
    /** The citizen account it was made from, if signed in (citizen/, AddCitizenAccount). */
    citizen_id: 'uuid | null',
    priority_group: 'varchar(16)',
    needs: 'varchar(16)[]',
    /** The language of the booking's messages: id or en (AddBookingLanguageAndCitizenNotifyBy). */
    language: 'varchar(2)',
  }),
  tableShape(__filename, 'booking_slot_count', {
    service_id: 'uuid',
    slot_date: 'date',
    slot_start: 'time',
    booked: 'integer',
  }),
  tableShape(__filename, 'booking_day_count', {
    service_id: 'uuid',
    slot_date: 'date',
    booked: 'integer',
  }),
];
