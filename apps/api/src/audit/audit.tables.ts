import { tableShape } from '../database/table-shape';

/** The audit log, written by raw SQL (AuditLog in common/audit-log.ts, AuditRepository), migration AddAdminAudit. */
export const AUDIT_TABLES = [
  tableShape(__filename, 'admin_audit', {
    id: 'uuid',
    at: 'timestamptz',
    actor_id: 'uuid',
    actor_role: 'varchar(20)',
    site_id: 'uuid | null',
    agency_id: 'uuid | null',
    action: 'varchar(60)',
    entity_type: 'varchar(40)',
    entity_id: 'uuid',
    entity_label: 'varchar(300) | null',
    before: 'jsonb | null',
    after: 'jsonb | null',
    request_id: 'varchar(128) | null',
    ip: 'varchar(64) | null',
    search_text: 'text | null',
  }),
];
