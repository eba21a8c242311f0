import { tableShape } from '../../database/table-shape';

/**
 * The issued documents' tables, written by raw SQL (IssuedDocumentRepository): the columns that
 * code expects (AddIssuedDocument1766440000000). A migration that changes one of them changes this file too.
 */
export const ISSUED_DOCUMENT_TABLES = [
  tableShape(__filename, 'issued_document', {
    id: 'uuid',
    /** Public: printed on the document and in its QR (TT-/HS-/SK-…). */
    number: 'varchar(24)',
    kind: 'varchar(16)',
    letter_kind: 'varchar(10) | null',
    application_id: 'uuid',
    service_id: 'uuid',
    agency_id: 'uuid',
    site_id: 'uuid',
    /** A receipt's submit or resubmit event (application_event.id). */
    submission_event_id: 'bigint | null',
    issued_at: 'timestamptz',
    sha256: 'char(64)',
    size: 'bigint',
    file_key: 'char(32)',
    issued_by_kind: 'varchar(8)',
    issued_by_id: 'uuid | null',
  }),
  tableShape(__filename, 'issued_document_access', {
    id: 'bigint',
    issued_document_id: 'uuid',
    application_id: 'uuid',
    actor_kind: 'varchar(8)',
    actor_id: 'uuid | null',
    at: 'timestamptz',
    ip: 'varchar(64) | null',
    user_agent: 'varchar(300) | null',
  }),
];
