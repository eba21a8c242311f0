import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditEntityType, AuditFields, StaffRole } from '@mpp/contracts';
import { DataSource } from 'typeorm';

/** Which rows a reader may see: all, one site's, or one agency's. */
export type AuditScope = { kind: 'all' } | { kind: 'site'; siteId: string } | { kind: 'agency'; agencyId: string };

export interface AuditSearch {
  scope: AuditScope;
  /** Only this site's rows (within the scope). */
  siteId: string | null;
  /** ISO 8601 instants, passed to PostgreSQL as written (microseconds kept). */
  from: string | null;
  to: string | null;
  actorId: string | null;
  entityType: AuditEntityType | null;
  entityId: string | null;
  action: AuditAction | null;
  /** Lower-case text, LIKE-escaped by the caller's helper. */
  text: string | null;
  /** Rows strictly older than this (at, id), newest first. */
  after: { at: string; id: string } | null;
  limit: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  /** `at` with its microseconds (the cursor). */
  at_text: string;
  actor_id: string;
  actor_name: string;
  actor_role: StaffRole;
  site_id: string | null;
  agency_id: string | null;
  action: AuditAction;
  entity_type: AuditEntityType;
  entity_id: string;
  entity_label: string | null;
  before: AuditFields | null;
  after: AuditFields | null;
  request_id: string | null;
  ip: string | null;
}

/** The audit log's reads (its writes are AuditLog's, inside each change's transaction). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The id of the site with this code (retired sites included: their rows stay readable), or null. */
  async findSiteIdByCode(code: string): Promise<string | null> {
    const rows = (await this.db.query(`SELECT id FROM site WHERE code = $1`, [code])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** One page of the log, newest first, within the reader's scope. */
  async search(s: AuditSearch): Promise<AuditRow[]> {
    return (await this.db.query(
      `SELECT a.id, a.at, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
              a.actor_id, u.full_name AS actor_name, a.actor_role, a.site_id, a.agency_id, a.action,
              a.entity_type, a.entity_id, a.entity_label, a.before, a.after, a.request_id, a.ip
         FROM admin_audit a
         JOIN staff_user u ON u.id = a.actor_id
        WHERE ($1::uuid IS NULL OR a.site_id = $1)
          AND ($2::uuid IS NULL OR a.agency_id = $2)
          AND ($3::timestamptz IS NULL OR a.at >= $3)
          AND ($4::timestamptz IS NULL OR a.at < $4)
          AND ($5::uuid IS NULL OR a.actor_id = $5)
          AND ($6::text IS NULL OR a.entity_type = $6)
          AND ($7::uuid IS NULL OR a.entity_id = $7)
          AND ($8::text IS NULL OR a.action = $8)
          AND ($9::text IS NULL OR a.search_text LIKE $9)
          AND ($10::timestamptz IS NULL OR (a.at, a.id) < ($10::timestamptz, $11::uuid))
          AND ($13::uuid IS NULL OR a.site_id = $13)
        ORDER BY a.at DESC, a.id DESC
        LIMIT $12`,
      [
        s.scope.kind === 'site' ? s.scope.siteId : null,
        s.scope.kind === 'agency' ? s.scope.agencyId : null,
        s.from,
        s.to,
        s.actorId,
        s.entityType,
        s.entityId,
        s.action,
        s.text,
        s.after?.at ?? null,
        s.after?.id ?? null,
        s.limit,
        s.siteId,
      ],
    )) as AuditRow[];
  }
}
