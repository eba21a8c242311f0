import { tableShape } from '../database/table-shape';

/**
 * The tables of the flag and retention jobs, written by raw SQL (application-flags.ts,
 * application-retention.ts): the columns that code expects (AddApplicationFlagAndFilePurge1766450000002).
 */
export const APPLICATION_FLAG_TABLES = [
  tableShape(__filename, 'application_flag', {
    id: 'uuid',
    application_id: 'uuid',
    kind: 'varchar(8)',
    /** The deadline the flag is about: the service due date (due_soon, overdue) or the legal one (at_risk). */
    deadline: 'timestamptz',
    raised_at: 'timestamptz',
    notified_at: 'timestamptz | null',
    resolved_at: 'timestamptz | null',
  }),
  tableShape(__filename, 'application_file_purge', {
    id: 'bigint',
    application_id: 'uuid',
    application_document_id: 'uuid | null',
    issued_document_id: 'uuid | null',
    file_key: 'char(32)',
    purged_at: 'timestamptz',
  }),
];
