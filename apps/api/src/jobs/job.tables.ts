import { tableShape } from '../database/table-shape';

/** The job table written by raw SQL (JobRepository): the columns that code expects. */
export const JOB_TABLES = [
  tableShape(__filename, 'job', {
    name: 'varchar(80)',
    interval_seconds: 'integer',
    next_run_at: 'timestamptz',
    lease_owner: 'varchar(120) | null',
    lease_until: 'timestamptz | null',
    runs: 'integer',
    failures: 'integer',
    abandoned: 'integer',
    last_started_at: 'timestamptz | null',
    last_finished_at: 'timestamptz | null',
    last_error: 'text | null',
  }),
];
