import { tableShape } from '../database/table-shape';

/**
 * The queue's tables written by raw SQL (QueueRepository, the queue_call_next function, the
 * counter administration): the columns that code expects. A migration that changes one of them
 * changes this file too (docs/database.md, "Adding a column").
 */
export const QUEUE_TABLES = [
  tableShape(__filename, 'counter_service', {
    counter_id: 'uuid',
    service_id: 'uuid',
  }),
  tableShape(__filename, 'ticket_sequence', {
    site_id: 'uuid',
    prefix: 'char(1)',
    local_date: 'date',
    last_number: 'integer',
  }),
  tableShape(__filename, 'service_day_count', {
    service_id: 'uuid',
    local_date: 'date',
    issued: 'integer',
    waiting_regular: 'integer',
    waiting_priority: 'integer',
  }),
  tableShape(__filename, 'ticket', {
    id: 'uuid',
    seq: 'bigint',
    site_id: 'uuid',
    service_id: 'uuid',
    prefix: 'char(1)',
    number: 'integer',
    local_date: 'date',
    public_code: 'varchar(32)',
    priority: 'varchar(16)',
    source: 'varchar(8)',
    status: 'varchar(12)',
    queue_at: 'timestamptz',
    counter_id: 'uuid | null',
    target_counter_id: 'uuid | null',
    recall_count: 'integer',
    issued_at: 'timestamptz',
    first_called_at: 'timestamptz | null',
    called_at: 'timestamptz | null',
    started_at: 'timestamptz | null',
    finished_at: 'timestamptz | null',
    outcome_note: 'text | null',
    issued_by_user_id: 'uuid | null',
    issued_by_device_id: 'uuid | null',
    /** The citizen account it was taken from at home, if signed in (citizen/, AddCitizenAccount). */
    citizen_id: 'uuid | null',
  }),
  tableShape(__filename, 'ticket_event', {
    id: 'bigint',
    ticket_id: 'uuid',
    site_id: 'uuid',
    action: 'varchar(16)',
    from_status: 'varchar(12) | null',
    to_status: 'varchar(12)',
    counter_id: 'uuid | null',
    actor_user_id: 'uuid | null',
    actor_device_id: 'uuid | null',
    details: 'jsonb',
    at: 'timestamptz',
  }),
  tableShape(__filename, 'idempotency_key', {
    scope: 'varchar(80)',
    key: 'varchar(200)',
    request_hash: 'char(64)',
    ticket_id: 'uuid | null',
    created_at: 'timestamptz',
  }),
];
