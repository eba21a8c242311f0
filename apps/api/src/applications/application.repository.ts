import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApplicationDocumentContentType, ApplicationFlagKindName, ApplicationItemState, ApplicationResultDeliveryName, ApplicationStateName, CitizenLanguage } from '@mpp/contracts';
import { UNDECIDED_APPLICATION_STATES } from '@mpp/domain';
import { DataSource, EntityManager } from 'typeorm';

export interface ApplicationRow {
  id: string;
  code: string;
  service_id: string;
  site_id: string;
  agency_id: string;
  requirements_version: number;
  state: ApplicationStateName;
  citizen_id: string | null;
  owner_secret_hash: Buffer | null;
  nik_hash: string;
  nik_cipher: string;
  name_cipher: string;
  phone_cipher: string;
  email_cipher: string | null;
  language: CitizenLanguage;
  assigned_officer_id: string | null;
  citizen_deadline: Date | null;
  result_delivery: ApplicationResultDeliveryName | null;
  decision_reason: string | null;
  clock_started_at: Date | null;
  clock_phase: 'not_started' | 'running' | 'paused' | 'stopped';
  due_at: Date | null;
  legal_due_at: Date | null;
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  opened_by_officer_id: string | null;
  ticket_id: string | null;
}

/** One version of an item's document (application_document; `size` comes back from bigint as text). */
export interface ApplicationDocumentRow {
  id: string;
  application_id: string;
  requirement_id: string;
  version: number;
  file_key: string;
  sha256: string;
  size: string;
  content_type: ApplicationDocumentContentType;
  file_name_cipher: string | null;
  uploaded_by_kind: 'citizen' | 'officer';
  uploaded_by_id: string | null;
  uploaded_at: Date;
  /** When the retention job deleted its file (application_file_purge), else null. */
  purged_at: Date | null;
}

export interface NewApplicationDocument {
  applicationId: string;
  requirementId: string;
  fileKey: string;
  sha256: string;
  size: number;
  contentType: ApplicationDocumentContentType;
  fileNameCipher: string | null;
  uploadedByKind: 'citizen' | 'officer';
  uploadedById: string | null;
  at: Date;
}

export interface DocumentAccessRow {
  document_id: string;
  requirement_id: string;
  version: number;
  actor_kind: 'citizen' | 'officer';
  actor_id: string | null;
  at: Date;
  ip: string | null;
  user_agent: string | null;
  purpose: 'download' | 'view';
}

/** The ticket a walk-in's application is opened from, with what the walk-in check needs. */
export interface WalkInTicketRow {
  id: string;
  status: string;
  service_id: string;
  site_id: string;
  counter_id: string | null;
  agency_id: string;
  /** The officer sitting at the ticket's counter (null: none, or no counter). */
  counter_officer_id: string | null;
}

export interface ApplicationItemRow {
  requirement_id: string;
  position: number;
  name: string;
  name_en: string | null;
  mandatory: boolean;
  state: ApplicationItemState;
  reason: string | null;
  reviewed_at: Date | null;
}

export interface ApplicationEventRow {
  action: string;
  from_state: ApplicationStateName | null;
  to_state: ApplicationStateName;
  actor_kind: 'citizen' | 'officer' | 'system';
  actor_id: string | null;
  /** An officer actor's full name (staff_user); null for a citizen or the system. */
  actor_name: string | null;
  at: Date;
}

export interface NewApplicationEvent {
  applicationId: string;
  action: string;
  from: ApplicationStateName | null;
  to: ApplicationStateName;
  actorKind: 'citizen' | 'officer' | 'system';
  actorId: string | null;
  at: Date;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

export interface InboxRow {
  id: string;
  code: string;
  state: ApplicationStateName;
  service_id: string;
  service_name: string;
  assigned_officer_id: string | null;
  clock_phase: string;
  /** The flag job's at_risk flag is open (kept while the application is back with the citizen). */
  at_risk_raised: boolean;
  due_at: Date | null;
  legal_due_at: Date | null;
  citizen_deadline: Date | null;
  created_at: Date;
}

export interface InboxQuery {
  agencyId: string;
  state: ApplicationStateName | null;
  /** Only the applications carrying that flag at `now` (libs/domain applicationFlagsAt, in SQL). */
  due: ApplicationFlagKindName | null;
  now: Date;
  /** The close of the agency's site's current working day at `now` (currentWorkingDayClose): due_soon's bound. */
  currentClose: Date | null;
  /** The last row of the previous page. */
  after: { createdAt: Date; id: string } | null;
  limit: number;
}

/** States whose due date still matters for the inbox's flags (ix_application_due's predicate). */
export const OPEN_STATES_SQL = `state NOT IN ('draft', 'ready', 'done', 'rejected', 'withdrawn', 'expired')`;

type Db = DataSource | EntityManager;

/** Every applications query, by name. Transitions lock the row (lockById) for their transaction. */
@Injectable()
export class ApplicationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async insert(
    tx: EntityManager,
    a: Pick<
      ApplicationRow,
      | 'code'
      | 'service_id'
      | 'site_id'
      | 'agency_id'
      | 'requirements_version'
      | 'citizen_id'
      | 'owner_secret_hash'
      | 'nik_hash'
      | 'nik_cipher'
      | 'name_cipher'
      | 'phone_cipher'
      | 'email_cipher'
      | 'language'
      | 'opened_by_officer_id'
      | 'ticket_id'
    > & { now: Date },
  ): Promise<ApplicationRow> {
    const rows = (await tx.query(
      `INSERT INTO application (code, service_id, site_id, agency_id, requirements_version, state, citizen_id, owner_secret_hash,
         nik_hash, nik_cipher, name_cipher, phone_cipher, email_cipher, language, created_at, updated_at, opened_by_officer_id, ticket_id)
       VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16)
       RETURNING *`,
      [
        a.code,
        a.service_id,
        a.site_id,
        a.agency_id,
        a.requirements_version,
        a.citizen_id,
        a.owner_secret_hash,
        a.nik_hash,
        a.nik_cipher,
        a.name_cipher,
        a.phone_cipher,
        a.email_cipher,
        a.language,
        a.now,
        a.opened_by_officer_id,
        a.ticket_id,
      ],
    )) as ApplicationRow[];
    return rows[0];
  }

  /**
   * The service's requirement set version, the service row share-locked until the transaction
   * ends: a catalogue edit (which locks it FOR UPDATE) waits, so the version and the rows copied
   * into the checklist agree. Null for no such service.
   */
  async shareLockRequirementsVersion(tx: EntityManager, serviceId: string): Promise<number | null> {
    const rows = (await tx.query(`SELECT requirements_version FROM service WHERE id = $1 FOR SHARE`, [serviceId])) as { requirements_version: number }[];
    return rows[0]?.requirements_version ?? null;
  }

  /** The checklist: one pending item per active requirement of the service (the current version). */
  async insertItemsFromRequirements(tx: EntityManager, applicationId: string, serviceId: string): Promise<number> {
    const rows = (await tx.query(
      `INSERT INTO application_item (application_id, requirement_id, position)
       SELECT $1, id, position FROM service_requirement WHERE service_id = $2 AND retired_at IS NULL
       RETURNING requirement_id`,
      [applicationId, serviceId],
    )) as unknown[];
    return rows.length;
  }

  async findById(id: string, db: Db = this.db): Promise<ApplicationRow | null> {
    const rows = (await db.query(`SELECT * FROM application WHERE id = $1`, [id])) as ApplicationRow[];
    return rows[0] ?? null;
  }

  async findByCode(code: string, db: Db = this.db): Promise<ApplicationRow | null> {
    const rows = (await db.query(`SELECT * FROM application WHERE code = $1`, [code])) as ApplicationRow[];
    return rows[0] ?? null;
  }

  /** The row, locked until the transaction ends: transitions of one application run one after another. */
  async lockById(tx: EntityManager, id: string): Promise<ApplicationRow | null> {
    const rows = (await tx.query(`SELECT * FROM application WHERE id = $1 FOR UPDATE`, [id])) as ApplicationRow[];
    return rows[0] ?? null;
  }

  async items(applicationId: string, db: Db = this.db): Promise<ApplicationItemRow[]> {
    return (await db.query(
      `SELECT i.requirement_id, i.position, r.name, r.name_en, r.mandatory, i.state, i.reason, i.reviewed_at
         FROM application_item i JOIN service_requirement r ON r.id = i.requirement_id
        WHERE i.application_id = $1 ORDER BY i.position`,
      [applicationId],
    )) as ApplicationItemRow[];
  }

  /** Marks one item; false when the application has no such item. */
  async setItemState(tx: EntityManager, applicationId: string, requirementId: string, state: ApplicationItemState, reason: string | null, officerId: string, at: Date): Promise<boolean> {
    // An UPDATE answers [rows, count] (TypeORM's PostgreSQL driver).
    const [, count] = (await tx.query(
      `UPDATE application_item SET state = $3, reason = $4, reviewed_by = $5, reviewed_at = $6
        WHERE application_id = $1 AND requirement_id = $2`,
      [applicationId, requirementId, state, reason, officerId, at],
    )) as [unknown[], number];
    return count === 1;
  }

  /** After a resubmission the corrected items wait for review again. */
  async reopenRevisedItems(tx: EntityManager, applicationId: string): Promise<void> {
    await tx.query(`UPDATE application_item SET state = 'pending', reviewed_by = NULL, reviewed_at = NULL WHERE application_id = $1 AND state = 'needs_revision'`, [applicationId]);
  }

  async update(
    tx: EntityManager,
    id: string,
    set: Partial<Pick<ApplicationRow, 'state' | 'assigned_officer_id' | 'citizen_deadline' | 'result_delivery' | 'decision_reason' | 'clock_started_at' | 'clock_phase' | 'due_at' | 'legal_due_at' | 'submitted_at'>>,
    now: Date,
  ): Promise<ApplicationRow> {
    const keys = Object.keys(set) as (keyof typeof set)[];
    const assignments = keys.map((k, i) => `${k} = $${i + 3}`);
    const rows = (await tx.query(
      `UPDATE application SET ${[...assignments, 'updated_at = $2', 'version = version + 1'].join(', ')} WHERE id = $1 RETURNING *`,
      [id, now, ...keys.map((k) => set[k])],
    )) as [ApplicationRow[], number]; // an UPDATE answers [rows, count]
    return rows[0][0];
  }

  async appendEvent(tx: EntityManager, e: NewApplicationEvent): Promise<void> {
    await tx.query(
      `INSERT INTO application_event (application_id, action, from_state, to_state, actor_kind, actor_id, at, ip, user_agent, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.applicationId, e.action, e.from, e.to, e.actorKind, e.actorId, e.at, e.ip?.slice(0, 64) ?? null, e.userAgent?.slice(0, 300) ?? null, JSON.stringify(e.details)],
    );
  }

  /** The trail's state changes, in order: the clock's history. */
  async events(applicationId: string, db: Db = this.db): Promise<ApplicationEventRow[]> {
    return (await db.query(
      `SELECT e.action, e.from_state, e.to_state, e.actor_kind, e.actor_id, s.full_name AS actor_name, e.at
         FROM application_event e LEFT JOIN staff_user s ON e.actor_kind = 'officer' AND s.id = e.actor_id
        WHERE e.application_id = $1 ORDER BY e.id`,
      [applicationId],
    )) as ApplicationEventRow[];
  }

  /** A staff member's full name (staff names are not citizen data); null when there is no such user. */
  async staffName(id: string, db: Db = this.db): Promise<string | null> {
    const rows = (await db.query(`SELECT full_name FROM staff_user WHERE id = $1`, [id])) as { full_name: string }[];
    return rows[0]?.full_name ?? null;
  }

  /**
   * A page of the agency's inbox, newest first (keyset on created_at, id): by ix_application_inbox,
   * ix_application_inbox_state, or for the due_soon / overdue filters ix_application_due.
   */
  async inbox(q: InboxQuery): Promise<InboxRow[]> {
    const { sql, params } = inboxQuery(q);
    return (await this.db.query(sql, params)) as InboxRow[];
  }

  // ---- documents ---------------------------------------------------------------------------

  /**
   * A new version of an item's document: the next number for the item (the caller holds the
   * application's row lock, so two uploads to one item number one after the other).
   */
  async insertDocument(tx: EntityManager, d: NewApplicationDocument): Promise<ApplicationDocumentRow> {
    const rows = (await tx.query(
      `INSERT INTO application_document (application_id, requirement_id, version, file_key, sha256, size, content_type, file_name_cipher, uploaded_by_kind, uploaded_by_id, uploaded_at)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10
         FROM application_document WHERE application_id = $1 AND requirement_id = $2
       RETURNING *, NULL::timestamptz AS purged_at`,
      [d.applicationId, d.requirementId, d.fileKey, d.sha256, d.size, d.contentType, d.fileNameCipher, d.uploadedByKind, d.uploadedById, d.at],
    )) as ApplicationDocumentRow[];
    return rows[0];
  }

  /** Every version of every item's document, by item and version. */
  async documents(applicationId: string, db: Db = this.db): Promise<ApplicationDocumentRow[]> {
    return (await db.query(
      `SELECT d.*, p.purged_at FROM application_document d LEFT JOIN application_file_purge p ON p.application_document_id = d.id
        WHERE d.application_id = $1 ORDER BY d.requirement_id, d.version`,
      [applicationId],
    )) as ApplicationDocumentRow[];
  }

  async findDocument(applicationId: string, documentId: string): Promise<ApplicationDocumentRow | null> {
    const rows = (await this.db.query(
      `SELECT d.*, p.purged_at FROM application_document d LEFT JOIN application_file_purge p ON p.application_document_id = d.id
        WHERE d.application_id = $1 AND d.id = $2`,
      [applicationId, documentId],
    )) as ApplicationDocumentRow[];
    return rows[0] ?? null;
  }

  /** The mandatory items with no document at all (position order): what a submission still lacks. */
  async mandatoryItemsWithoutDocument(tx: EntityManager, applicationId: string): Promise<ApplicationItemRow[]> {
    return (await tx.query(
      `SELECT i.requirement_id, i.position, r.name, r.name_en, r.mandatory, i.state, i.reason, i.reviewed_at
         FROM application_item i JOIN service_requirement r ON r.id = i.requirement_id
        WHERE i.application_id = $1 AND r.mandatory
          AND NOT EXISTS (SELECT 1 FROM application_document d WHERE d.application_id = i.application_id AND d.requirement_id = i.requirement_id)
        ORDER BY i.position`,
      [applicationId],
    )) as ApplicationItemRow[];
  }

  async item(applicationId: string, requirementId: string, db: Db = this.db): Promise<ApplicationItemRow | null> {
    const rows = (await db.query(
      `SELECT i.requirement_id, i.position, r.name, r.name_en, r.mandatory, i.state, i.reason, i.reviewed_at
         FROM application_item i JOIN service_requirement r ON r.id = i.requirement_id
        WHERE i.application_id = $1 AND i.requirement_id = $2`,
      [applicationId, requirementId],
    )) as ApplicationItemRow[];
    return rows[0] ?? null;
  }

  async appendDocumentAccess(e: { documentId: string; applicationId: string; actorKind: 'citizen' | 'officer'; actorId: string | null; at: Date; ip: string | null; userAgent: string | null; purpose: 'download' | 'view' }): Promise<void> {
    await this.db.query(
      `INSERT INTO application_document_access (document_id, application_id, actor_kind, actor_id, at, ip, user_agent, purpose) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.documentId, e.applicationId, e.actorKind, e.actorId, e.at, e.ip?.slice(0, 64) ?? null, e.userAgent?.slice(0, 300) ?? null, e.purpose],
    );
  }

  /** The reads of an application's documents, oldest first. */
  async documentAccess(applicationId: string): Promise<DocumentAccessRow[]> {
    return (await this.db.query(
      `SELECT x.document_id, d.requirement_id, d.version, x.actor_kind, x.actor_id, x.at, x.ip, x.user_agent, x.purpose
         FROM application_document_access x JOIN application_document d ON d.id = x.document_id
        WHERE x.application_id = $1 ORDER BY x.id`,
      [applicationId],
    )) as DocumentAccessRow[];
  }

  // ---- walk-in ---------------------------------------------------------------------------

  /** The ticket, its service's agency and the officer at its counter, locked for the transaction (a call or finish waits). */
  async lockWalkInTicket(tx: EntityManager, ticketId: string): Promise<WalkInTicketRow | null> {
    const rows = (await tx.query(
      `SELECT t.id, t.status, t.service_id, t.site_id, t.counter_id, s.agency_id, c.officer_id AS counter_officer_id
         FROM ticket t JOIN service s ON s.id = t.service_id LEFT JOIN counter c ON c.id = t.counter_id
        WHERE t.id = $1
        FOR SHARE OF t`,
      [ticketId],
    )) as WalkInTicketRow[];
    return rows[0] ?? null;
  }

  /** Returned applications whose correction deadline is at or before `now`. */
  async findReturnedPastDeadline(now: Date, limit = 500): Promise<string[]> {
    const rows = (await this.db.query(`SELECT id FROM application WHERE state = 'returned' AND citizen_deadline <= $1 ORDER BY citizen_deadline LIMIT $2`, [now, limit])) as { id: string }[];
    return rows.map((r) => r.id);
  }
}

/** Whether the flag job's at_risk flag of application `a` is open (FlaggedApplication.atRiskRaised). */
const AT_RISK_RAISED_SQL = `EXISTS (SELECT 1 FROM application_flag f WHERE f.application_id = a.id AND f.kind = 'at_risk' AND f.resolved_at IS NULL)`;

/** The inbox's SQL and parameters (also what its performance test explains). */
export function inboxQuery(q: InboxQuery): { sql: string; params: unknown[] } {
  // A draft is the citizen's until submitted: never in the agency's inbox, except its walk-ins' drafts when asked for (state=draft).
  const where = ['a.agency_id = $1', q.state === 'draft' ? 'a.opened_by_officer_id IS NOT NULL' : "a.state <> 'draft'"];
  const params: unknown[] = [q.agencyId];
  if (q.state) {
    params.push(q.state);
    where.push(`a.state = $${params.length}`);
  }
  // The flags of libs/domain applicationFlagsAt, in SQL (applications-inbox.e2e-spec.ts compares the
  // two): only while the clock runs, in a flaggable state; overdue after due_at, due_soon from now to
  // the current working day's close; at_risk after legal_due_at while undecided.
  if (q.due === 'due_soon' || q.due === 'overdue') {
    params.push(q.now);
    where.push(`a.due_at IS NOT NULL AND a.${OPEN_STATES_SQL} AND a.clock_phase = 'running'`);
    if (q.due === 'overdue') where.push(`a.due_at < $${params.length}`);
    else if (q.currentClose) {
      params.push(q.currentClose);
      where.push(`a.due_at >= $${params.length - 1} AND a.due_at <= $${params.length}`);
    } else where.push('false');
  } else if (q.due === 'at_risk') {
    params.push(q.now, UNDECIDED_APPLICATION_STATES);
    where.push(
      `((a.legal_due_at < $${params.length - 1} AND a.state = ANY($${params.length}::text[]) AND a.clock_phase = 'running')` +
        ` OR (a.state = 'returned' AND a.clock_phase = 'paused' AND a.legal_due_at IS NOT NULL AND ${AT_RISK_RAISED_SQL}))`,
    );
  }
  if (q.after) {
    params.push(q.after.createdAt, q.after.id);
    where.push(`(a.created_at, a.id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(q.limit);
  const sql = `SELECT a.id, a.code, a.state, a.service_id, s.name AS service_name, a.assigned_officer_id, a.clock_phase, ${AT_RISK_RAISED_SQL} AS at_risk_raised, a.due_at, a.legal_due_at, a.citizen_deadline, a.created_at
     FROM application a JOIN service s ON s.id = a.service_id
    WHERE ${where.join(' AND ')}
    ORDER BY a.created_at DESC, a.id DESC
    LIMIT $${params.length}`;
  return { sql, params };
}
