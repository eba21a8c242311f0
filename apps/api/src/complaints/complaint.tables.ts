import { tableShape } from '../database/table-shape';

/** The complaint tables written by raw SQL (ComplaintRepository, ComplaintPhotoRepository), as AddComplaint1766600000000 and AddComplaintPhotoAndLocation1766610000000 make them. */
export const COMPLAINT_TABLES = [
  tableShape(__filename, 'complaint', {
    id: 'uuid',
    code: 'char(8)',
    site_id: 'uuid',
    agency_id: 'uuid | null',
    service_id: 'uuid | null',
    kind: 'varchar(16)',
    subject: 'varchar(16)',
    anonymity: 'varchar(12)',
    status: 'varchar(20)',
    /** The complaint's text and the reporter's identity, encrypted under DATA_KEY (PiiCipher). */
    text_cipher: 'text',
    reporter_name_cipher: 'text | null',
    reporter_phone_cipher: 'text | null',
    reporter_email_cipher: 'text | null',
    language: 'varchar(2)',
    /** SHA-256 of the secret only the reporter receives (separate from the tracking code). */
    owner_secret_hash: 'bytea',
    reference_kind: 'varchar(12) | null',
    reference_code: 'varchar(16) | null',
    assigned_staff_id: 'uuid | null',
    merged_into_id: 'uuid | null',
    first_response_due_at: 'timestamptz',
    resolution_due_at: 'timestamptz',
    first_responded_at: 'timestamptz | null',
    answered_at: 'timestamptz | null',
    closed_at: 'timestamptz | null',
    last_handler_action_at: 'timestamptz',
    rating: 'smallint | null',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    version: 'integer',
    /** Where it happened ({ lat, lng, accuracyM, source } as JSON), encrypted under DATA_KEY (PiiCipher); null when not given. */
    location_cipher: 'text | null',
    /** When the escalation job reported each clock as run out (AddComplaintSettingAndEscalation1766620000000); a reopen clears the resolution's. */
    first_response_escalated_at: 'timestamptz | null',
    resolution_escalated_at: 'timestamptz | null',
  }),
  /** The append-only trail (a trigger refuses UPDATE and DELETE). */
  tableShape(__filename, 'complaint_event', {
    id: 'bigint',
    complaint_id: 'uuid',
    action: 'varchar(24)',
    from_status: 'varchar(20) | null',
    to_status: 'varchar(20) | null',
    actor_kind: 'varchar(8)',
    actor_id: 'uuid | null',
    at: 'timestamptz',
    ip: 'varchar(64) | null',
    user_agent: 'varchar(300) | null',
    internal: 'boolean',
    note_cipher: 'text | null',
    details: 'jsonb',
  }),
  /** Photos of a complaint: the re-encoded JPEG (no metadata) stored encrypted by FilesService under file_key. */
  tableShape(__filename, 'complaint_photo', {
    id: 'uuid',
    complaint_id: 'uuid',
    file_key: 'char(32)',
    width: 'integer',
    height: 'integer',
    bytes: 'integer',
    created_at: 'timestamptz',
  }),
];
