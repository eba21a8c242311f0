import { tableShape } from '../database/table-shape';

/** The red flags' tables, written by raw SQL (red-flags.repository.ts): AddRedFlagSettingAndSummary1766540000000. */
export const RED_FLAG_TABLES = [
  tableShape(__filename, 'red_flag_setting', {
    site_id: 'uuid',
    wait_minutes: 'integer | null',
    idle_minutes: 'integer | null',
    picked_share_percent: 'integer | null',
    picked_min_calls: 'integer',
    overdue_applications: 'integer | null',
    ikm_min_band: 'char(1) | null',
    ikm_days: 'integer',
    ikm_min_respondents: 'integer',
    calendar_days_before: 'integer | null',
    summary_hour: 'integer | null',
    updated_at: 'timestamptz',
    updated_by: 'uuid | null',
  }),
  tableShape(__filename, 'red_flag_summary', {
    site_id: 'uuid',
    local_date: 'date',
    sent_at: 'timestamptz',
    flags: 'integer',
    recipients: 'integer',
  }),
];
