import { tableShape } from '../database/table-shape';

/** A site's complaint settings, written by raw SQL (complaint-settings.repository.ts): AddComplaintSettingAndEscalation1766620000000. */
export const COMPLAINT_SETTING_TABLES = [
  tableShape(__filename, 'complaint_setting', {
    site_id: 'uuid',
    first_response_days: 'integer | null',
    resolution_days: 'integer | null',
    untouched_days: 'integer',
    reopen_days: 'integer',
    updated_at: 'timestamptz',
    updated_by: 'uuid | null',
  }),
];
