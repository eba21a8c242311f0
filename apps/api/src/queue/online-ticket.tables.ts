import { tableShape } from '../database/table-shape';

/**
 * The online-ticket tables written by raw SQL (OnlineTicketRepository), migration AddOnlineTicket:
 * the columns that code expects (docs/database.md, "Adding a column").
 */
export const ONLINE_TICKET_TABLES = [
  tableShape(__filename, 'online_ticket', {
    ticket_id: 'uuid',
    site_id: 'uuid',
    service_id: 'uuid',
    local_date: 'date',
    nik_hash: 'char(64)',
    nik_cipher: 'text',
    name_cipher: 'text',
    phone_cipher: 'text',
    created_at: 'timestamptz',
  }),
  tableShape(__filename, 'online_ticket_policy', {
    site_id: 'uuid',
    per_service_daily: 'integer',
    per_day: 'integer',
    updated_at: 'timestamptz',
  }),
];
