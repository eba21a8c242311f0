import { tableShape } from '../database/table-shape';

const GROUP_KEY = { site_id: 'uuid', group_by: 'varchar(8)', key: 'text', agency_id: 'uuid' };

/** The reports' rollup, written by raw SQL (ReportsRollupRepository; migration AddHallRollup). */
export const REPORT_TABLES = [
  tableShape(__filename, 'hall_day_figures', {
    site_id: 'uuid',
    local_date: 'date',
    group_by: 'varchar(8)',
    key: 'text',
    agency_id: 'uuid',
    kiosk: 'integer',
    booking: 'integer',
    online: 'integer',
    staff: 'integer',
    tickets: 'integer',
    served: 'integer',
    no_show: 'integer',
    not_served: 'integer',
    cancelled: 'integer',
    open: 'integer',
    wait_count: 'integer',
    wait_sum: 'double precision',
    service_count: 'integer',
    service_sum: 'double precision',
  }),
  tableShape(__filename, 'hall_day_histogram', { ...GROUP_KEY, local_date: 'date', measure: 'varchar(8)', bucket: 'smallint', n: 'integer' }),
  tableShape(__filename, 'hall_month_histogram', { ...GROUP_KEY, month: 'date', measure: 'varchar(8)', bucket: 'smallint', n: 'integer' }),
  tableShape(__filename, 'hall_day_built', { site_id: 'uuid', local_date: 'date', built_at: 'timestamptz' }),
];
