import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ComplaintAnonymityName, ComplaintKindName, ComplaintReferenceKind, ComplaintStatusName, ComplaintSubjectName } from '@mpp/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/** One complaint row as the code reads it (complaint.tables.ts). */
export interface ComplaintRow {
  id: string;
  code: string;
  site_id: string;
  agency_id: string | null;
  service_id: string | null;
  kind: ComplaintKindName;
  subject: ComplaintSubjectName;
  anonymity: ComplaintAnonymityName;
  status: ComplaintStatusName;
  text_cipher: string;
  reporter_name_cipher: string | null;
  reporter_phone_cipher: string | null;
  reporter_email_cipher: string | null;
  language: 'id' | 'en';
  owner_secret_hash: Buffer;
  reference_kind: ComplaintReferenceKind | null;
  reference_code: string | null;
  assigned_staff_id: string | null;
  merged_into_id: string | null;
  first_response_due_at: Date;
  resolution_due_at: Date;
  first_responded_at: Date | null;
  answered_at: Date | null;
  closed_at: Date | null;
  last_handler_action_at: Date;
  rating: number | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  /** When the escalation job reported the clock as run out (null: not yet). */
  first_response_escalated_at: Date | null;
  resolution_escalated_at: Date | null;
  /** { lat, lng, accuracyM, source } as JSON, encrypted (complaint-location.ts); null when none was given. */
  location_cipher: string | null;
}

export interface ComplaintEventRow {
  id: string;
  complaint_id: string;
  action: string;
  from_status: ComplaintStatusName | null;
  to_status: ComplaintStatusName | null;
  actor_kind: 'citizen' | 'staff' | 'system';
  actor_id: string | null;
  at: Date;
  ip: string | null;
  user_agent: string | null;
  internal: boolean;
  note_cipher: string | null;
  details: Record<string, unknown>;
}

export type NewComplaint = Omit<
  ComplaintRow,
  'id' | 'first_responded_at' | 'answered_at' | 'closed_at' | 'rating' | 'updated_at' | 'version' | 'assigned_staff_id' | 'merged_into_id' | 'status' | 'first_response_escalated_at' | 'resolution_escalated_at'
>;
export type NewComplaintEvent = Omit<ComplaintEventRow, 'id'>;

/** What a change may set on the row (the rest stays). */
export type ComplaintChange = Partial<
  Pick<ComplaintRow, 'status' | 'agency_id' | 'assigned_staff_id' | 'merged_into_id' | 'first_response_due_at' | 'resolution_due_at' | 'first_responded_at' | 'answered_at' | 'closed_at' | 'last_handler_action_at' | 'rating' | 'resolution_escalated_at'>
>;

const CHANGE_COLUMNS: readonly (keyof ComplaintChange)[] = [
  'status',
  'agency_id',
  'assigned_staff_id',
  'merged_into_id',
  'first_response_due_at',
  'resolution_due_at',
  'first_responded_at',
  'answered_at',
  'closed_at',
  'last_handler_action_at',
  'rating',
  'resolution_escalated_at',
];

/** Every complaints query, by name. Changes lock the row (lockById) for their transaction. */
@Injectable()
export class ComplaintRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async insert(tx: EntityManager, c: NewComplaint): Promise<ComplaintRow> {
    const rows = (await tx.query(
      `INSERT INTO complaint (code, site_id, agency_id, service_id, kind, subject, anonymity, status, text_cipher, reporter_name_cipher, reporter_phone_cipher,
                              reporter_email_cipher, language, owner_secret_hash, reference_kind, reference_code, first_response_due_at, resolution_due_at,
                              last_handler_action_at, created_at, updated_at, location_cipher)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'received', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20)
       RETURNING *`,
      [
        c.code,
        c.site_id,
        c.agency_id,
        c.service_id,
        c.kind,
        c.subject,
        c.anonymity,
        c.text_cipher,
        c.reporter_name_cipher,
        c.reporter_phone_cipher,
        c.reporter_email_cipher,
        c.language,
        c.owner_secret_hash,
        c.reference_kind,
        c.reference_code,
        c.first_response_due_at,
        c.resolution_due_at,
        c.last_handler_action_at,
        c.created_at,
        c.location_cipher,
      ],
    )) as ComplaintRow[];
    return rows[0];
  }

  async update(tx: EntityManager, id: string, change: ComplaintChange, now: Date): Promise<ComplaintRow> {
    const sets: string[] = [];
    const values: unknown[] = [id, now];
    for (const column of CHANGE_COLUMNS) {
      if (change[column] === undefined) continue;
      values.push(change[column]);
      sets.push(`${column} = $${values.length}`);
    }
    const rows = (await tx.query(`UPDATE complaint SET ${[...sets, 'updated_at = $2', 'version = version + 1'].join(', ')} WHERE id = $1 RETURNING *`, values)) as [ComplaintRow[], number];
    return rows[0][0];
  }

  async appendEvent(tx: EntityManager, e: NewComplaintEvent): Promise<void> {
    await tx.query(
      `INSERT INTO complaint_event (complaint_id, action, from_status, to_status, actor_kind, actor_id, at, ip, user_agent, internal, note_cipher, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
      [e.complaint_id, e.action, e.from_status, e.to_status, e.actor_kind, e.actor_id, e.at, e.ip?.slice(0, 64) ?? null, e.user_agent?.slice(0, 300) ?? null, e.internal, e.note_cipher, JSON.stringify(e.details)],
    );
  }

  async findByCode(code: string): Promise<ComplaintRow | null> {
    const rows = (await this.db.query(`SELECT * FROM complaint WHERE code = $1`, [code])) as ComplaintRow[];
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<ComplaintRow | null> {
    const rows = (await this.db.query(`SELECT * FROM complaint WHERE id = $1`, [id])) as ComplaintRow[];
    return rows[0] ?? null;
  }

  /** The row, locked until the transaction ends: changes of one complaint run one after another. */
  async lockById(tx: EntityManager, id: string): Promise<ComplaintRow | null> {
    const rows = (await tx.query(`SELECT * FROM complaint WHERE id = $1 FOR UPDATE`, [id])) as ComplaintRow[];
    return rows[0] ?? null;
  }

  async lockByCode(tx: EntityManager, code: string): Promise<ComplaintRow | null> {
    const rows = (await tx.query(`SELECT * FROM complaint WHERE code = $1 FOR UPDATE`, [code])) as ComplaintRow[];
    return rows[0] ?? null;
  }

  async listEvents(complaintId: string, manager: EntityManager = this.db.manager): Promise<ComplaintEventRow[]> {
    return (await manager.query(`SELECT * FROM complaint_event WHERE complaint_id = $1 ORDER BY at, id`, [complaintId])) as ComplaintEventRow[];
  }

  /** The site's inbox, oldest first, after the cursor (created_at, id); `agencyId` narrows it to one agency. */
  async listInbox(siteId: string, filter: { agencyId: string | null; status: ComplaintStatusName | null; after: { at: Date; id: string } | null; limit: number }): Promise<ComplaintRow[]> {
    return (await this.db.query(
      `SELECT * FROM complaint
        WHERE site_id = $1 AND ($2::uuid IS NULL OR agency_id = $2) AND ($3::varchar IS NULL OR status = $3)
          AND ($4::timestamptz IS NULL OR (created_at, id) > ($4, $5::uuid))
        ORDER BY created_at, id LIMIT $6`,
      [siteId, filter.agencyId, filter.status, filter.after?.at ?? null, filter.after?.id ?? null, filter.limit],
    )) as ComplaintRow[];
  }

  /** Counts per agency and status at the site (one agency's when given). */
  async countByAgencyAndStatus(siteId: string, agencyId: string | null): Promise<{ agency_id: string | null; agency_name: string | null; status: ComplaintStatusName; n: number }[]> {
    return (await this.db.query(
      `SELECT c.agency_id, a.name AS agency_name, c.status, count(*)::int AS n
         FROM complaint c LEFT JOIN agency a ON a.id = c.agency_id
        WHERE c.site_id = $1 AND ($2::uuid IS NULL OR c.agency_id = $2)
        GROUP BY c.agency_id, a.name, c.status`,
      [siteId, agencyId],
    )) as { agency_id: string | null; agency_name: string | null; status: ComplaintStatusName; n: number }[];
  }

  /** The open complaints of the site (one agency's when given), oldest first. */
  async listOpen(siteId: string, agencyId: string | null): Promise<ComplaintRow[]> {
    return (await this.db.query(
      `SELECT * FROM complaint WHERE site_id = $1 AND ($2::uuid IS NULL OR agency_id = $2) AND status NOT IN ('answered', 'closed') ORDER BY created_at, id`,
      [siteId, agencyId],
    )) as ComplaintRow[];
  }

  /** Complaints received at the site in [start, end), oldest first, with their service and agency names (the export). Merged duplicates left out. */
  async listForExport(siteId: string, start: Date, end: Date): Promise<(ComplaintRow & { service_code: string | null; service_name: string | null; agency_name: string | null })[]> {
    return (await this.db.query(
      `SELECT c.*, s.code AS service_code, s.name AS service_name, a.name AS agency_name
         FROM complaint c
         LEFT JOIN service s ON s.id = c.service_id
         LEFT JOIN agency a ON a.id = c.agency_id
        WHERE c.site_id = $1 AND c.merged_into_id IS NULL AND c.created_at >= $2 AND c.created_at < $3
        ORDER BY c.created_at, c.id`,
      [siteId, start, end],
    )) as (ComplaintRow & { service_code: string | null; service_name: string | null; agency_name: string | null })[];
  }

  async agencyOf(agencyId: string): Promise<{ id: string; site_id: string; name: string } | null> {
    const rows = (await this.db.query(`SELECT id, site_id, name FROM agency WHERE id = $1 AND retired_at IS NULL`, [agencyId])) as { id: string; site_id: string; name: string }[];
    return rows[0] ?? null;
  }

  async serviceOf(serviceId: string): Promise<{ id: string; site_id: string; agency_id: string } | null> {
    const rows = (await this.db.query(`SELECT id, site_id, agency_id FROM service WHERE id = $1 AND retired_at IS NULL`, [serviceId])) as { id: string; site_id: string; agency_id: string }[];
    return rows[0] ?? null;
  }

  async staffOf(staffId: string): Promise<{ id: string; site_id: string | null; agency_id: string | null; role: string } | null> {
    const rows = (await this.db.query(`SELECT id, site_id, agency_id, role FROM staff_user WHERE id = $1`, [staffId])) as { id: string; site_id: string | null; agency_id: string | null; role: string }[];
    return rows[0] ?? null;
  }

  /** The site's open complaints, locked until the transaction ends (a settings change recomputes their due dates). */
  async lockOpenOfSite(tx: EntityManager, siteId: string): Promise<ComplaintRow[]> {
    return (await tx.query(`SELECT * FROM complaint WHERE site_id = $1 AND status NOT IN ('answered', 'closed') ORDER BY id FOR UPDATE`, [siteId])) as ComplaintRow[];
  }

  /** The stored due dates only (not a handler's change: no version, no updated_at). */
  async setDueDates(tx: EntityManager, id: string, firstResponseDueAt: Date, resolutionDueAt: Date): Promise<void> {
    await tx.query(`UPDATE complaint SET first_response_due_at = $2, resolution_due_at = $3 WHERE id = $1`, [id, firstResponseDueAt, resolutionDueAt]);
  }

  async codeOf(id: string): Promise<string | null> {
    const rows = (await this.db.query(`SELECT code FROM complaint WHERE id = $1`, [id])) as { code: string }[];
    return rows[0]?.code ?? null;
  }
}
