import { tableShape } from '../database/table-shape';

/**
 * The application tables written by raw SQL (ApplicationRepository): the columns that code
 * expects (AddApplication1766410000000, AddApplicationDocuments1766430000000). A migration that changes one of them changes this file too.
 */
export const APPLICATION_TABLES = [
  tableShape(__filename, 'application', {
    id: 'uuid',
    code: 'char(8)',
    service_id: 'uuid',
    site_id: 'uuid',
    agency_id: 'uuid',
    requirements_version: 'integer',
    state: 'varchar(16)',
    citizen_id: 'uuid | null',
    /** SHA-256 of the secret given once to a citizen without an account. */
    owner_secret_hash: 'bytea | null',
    nik_hash: 'char(64)',
    nik_cipher: 'text',
    name_cipher: 'text',
    phone_cipher: 'text',
    email_cipher: 'text | null',
    language: 'varchar(2)',
    assigned_officer_id: 'uuid | null',
    citizen_deadline: 'timestamptz | null',
    result_delivery: 'varchar(16) | null',
    decision_reason: 'text | null',
    clock_started_at: 'timestamptz | null',
    clock_phase: 'varchar(12)',
    due_at: 'timestamptz | null',
    legal_due_at: 'timestamptz | null',
    submitted_at: 'timestamptz | null',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    version: 'integer',
    /** A walk-in's: the officer who opened it at the counter, and the ticket being served (AddApplicationDocuments1766430000000). */
    opened_by_officer_id: 'uuid | null',
    ticket_id: 'uuid | null',
  }),
  tableShape(__filename, 'application_item', {
    application_id: 'uuid',
    requirement_id: 'uuid',
    position: 'integer',
    state: 'varchar(16)',
    reason: 'text | null',
    reviewed_by: 'uuid | null',
    reviewed_at: 'timestamptz | null',
  }),
  tableShape(__filename, 'application_event', {
    id: 'bigint',
    application_id: 'uuid',
    action: 'varchar(24)',
    from_state: 'varchar(16) | null',
    to_state: 'varchar(16)',
    actor_kind: 'varchar(8)',
    actor_id: 'uuid | null',
    at: 'timestamptz',
    ip: 'varchar(64) | null',
    user_agent: 'varchar(300) | null',
    details: 'jsonb',
  }),
  /** Every uploaded version of an item's document; immutable (AddApplicationDocuments1766430000000). */
  tableShape(__filename, 'application_document', {
    id: 'uuid',
    application_id: 'uuid',
    requirement_id: 'uuid',
    version: 'integer',
    file_key: 'char(32)',
    sha256: 'char(64)',
    size: 'bigint',
    content_type: 'varchar(32)',
    /** The name the citizen's device gave, encrypted under DATA_KEY. */
    file_name_cipher: 'text | null',
    uploaded_by_kind: 'varchar(8)',
    uploaded_by_id: 'uuid | null',
    uploaded_at: 'timestamptz',
  }),
  /** Every read of a document; append-only. */
  tableShape(__filename, 'application_document_access', {
    id: 'bigint',
    document_id: 'uuid',
    application_id: 'uuid',
    actor_kind: 'varchar(8)',
    actor_id: 'uuid | null',
    at: 'timestamptz',
    ip: 'varchar(64) | null',
    user_agent: 'varchar(300) | null',
    purpose: 'varchar(16)',
  }),
  /** Officers' internal notes (AddApplicationNote1766470000000): append-only, the text encrypted. */
  tableShape(__filename, 'application_note', {
    id: 'uuid',
    application_id: 'uuid',
    author_id: 'uuid',
    at: 'timestamptz',
    body_cipher: 'text',
  }),
];
