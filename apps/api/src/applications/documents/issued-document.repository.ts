import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DecisionLetterKind, IssuedDocumentKind } from '@mpp/contracts';
import { DataSource, EntityManager } from 'typeorm';

export interface IssuedDocumentRow {
  id: string;
  number: string;
  kind: IssuedDocumentKind;
  letter_kind: DecisionLetterKind | null;
  application_id: string;
  service_id: string;
  agency_id: string;
  site_id: string;
  /** bigint: as a string. */
  submission_event_id: string | null;
  issued_at: Date;
  sha256: string;
  /** bigint: as a string. */
  size: string;
  file_key: string;
  issued_by_kind: 'citizen' | 'officer' | 'system';
  issued_by_id: string | null;
}

export type NewIssuedDocument = Omit<IssuedDocumentRow, 'id' | 'size'> & { size: number };

/** A document with what the public verification shows of it (names only: no personal data). */
export interface VerifiableRow extends IssuedDocumentRow {
  service_name: string;
  service_name_en: string | null;
  agency_name: string;
  site_name: string;
  time_zone: string;
}

/** The trail's submit or resubmit event a receipt acknowledges, and which submission it was (1, 2, …). */
export interface SubmissionRow {
  id: string;
  at: Date;
  ordinal: number;
}

/** The document version received with a submission. */
export interface ReceivedDocumentRow {
  requirement_id: string;
  version: number;
  sha256: string;
  content_type: string;
}

type Db = DataSource | EntityManager;

/** Every issued-document query, by name (raw SQL; shapes in issued-document.tables.ts). */
@Injectable()
export class IssuedDocumentRepository {
  private hasDocumentTable: boolean | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The data source, for the shared checks that take one (assertFileNotPurged). */
  get queryable(): DataSource {
    return this.db;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  /** Serialises the issue of one submission's receipt: a second request waits, then finds the first one's row. */
  async lockSubmission(tx: EntityManager, submissionEventId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`issued-receipt:${submissionEventId}`]);
  }

  /** The latest submit or resubmit of the application, or null while it was never submitted. */
  async latestSubmission(applicationId: string, db: Db = this.db): Promise<SubmissionRow | null> {
    const rows = (await db.query(
      `SELECT id::text AS id, at, count(*) OVER ()::int AS ordinal
         FROM application_event WHERE application_id = $1 AND action IN ('submit', 'resubmit')
        ORDER BY id DESC LIMIT 1`,
      [applicationId],
    )) as SubmissionRow[];
    return rows[0] ?? null;
  }

  async receiptOf(submissionEventId: string, db: Db = this.db): Promise<IssuedDocumentRow | null> {
    const rows = (await db.query(`SELECT * FROM issued_document WHERE kind = 'receipt' AND submission_event_id = $1`, [submissionEventId])) as IssuedDocumentRow[];
    return rows[0] ?? null;
  }

  /** The newest document of a kind for the application (a result or letter replaced by a newer one stays verifiable). */
  async latest(applicationId: string, kind: IssuedDocumentKind, db: Db = this.db): Promise<IssuedDocumentRow | null> {
    const rows = (await db.query(`SELECT * FROM issued_document WHERE application_id = $1 AND kind = $2 ORDER BY issued_at DESC, id DESC LIMIT 1`, [applicationId, kind])) as IssuedDocumentRow[];
    return rows[0] ?? null;
  }

  async allOf(applicationId: string): Promise<IssuedDocumentRow[]> {
    return (await this.db.query(`SELECT * FROM issued_document WHERE application_id = $1 ORDER BY issued_at, submission_event_id NULLS LAST, id`, [applicationId])) as IssuedDocumentRow[];
  }

  async insert(tx: EntityManager, d: NewIssuedDocument): Promise<IssuedDocumentRow> {
    const rows = (await tx.query(
      `INSERT INTO issued_document (number, kind, letter_kind, application_id, service_id, agency_id, site_id, submission_event_id, issued_at, sha256, size, file_key, issued_by_kind, issued_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
      [d.number, d.kind, d.letter_kind, d.application_id, d.service_id, d.agency_id, d.site_id, d.submission_event_id, d.issued_at, d.sha256, d.size, d.file_key, d.issued_by_kind, d.issued_by_id],
    )) as IssuedDocumentRow[];
    return rows[0];
  }

  async byNumber(number: string): Promise<VerifiableRow | null> {
    const rows = (await this.db.query(
      `SELECT d.*, s.name AS service_name, s.name_en AS service_name_en, a.name AS agency_name, t.name AS site_name, t.time_zone
         FROM issued_document d
         JOIN service s ON s.id = d.service_id
         JOIN agency a ON a.id = d.agency_id
         JOIN site t ON t.id = d.site_id
        WHERE d.number = $1`,
      [number],
    )) as VerifiableRow[];
    return rows[0] ?? null;
  }

  /** Every download, append-only: who, when, from where. */
  async logAccess(e: { documentId: string; applicationId: string; actorKind: 'citizen' | 'officer'; actorId: string | null; at: Date; ip: string | null; userAgent: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO issued_document_access (issued_document_id, application_id, actor_kind, actor_id, at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.documentId, e.applicationId, e.actorKind, e.actorId, e.at, e.ip?.slice(0, 64) ?? null, e.userAgent?.slice(0, 300) ?? null],
    );
  }

  /**
   * The latest version of each checklist item's document uploaded at or before `at` (the
   * submission): what the receipt lists. Empty while the uploads table is not there.
   */
  async documentsReceivedAt(applicationId: string, at: Date, db: Db = this.db): Promise<ReceivedDocumentRow[]> {
    if (this.hasDocumentTable !== true) {
      const rows = (await db.query(`SELECT to_regclass('application_document') IS NOT NULL AS present`)) as { present: boolean }[];
      this.hasDocumentTable = rows[0].present;
      if (!this.hasDocumentTable) return [];
    }
    return (await db.query(
      `SELECT DISTINCT ON (requirement_id) requirement_id, version, sha256, content_type
         FROM application_document WHERE application_id = $1 AND uploaded_at <= $2
        ORDER BY requirement_id, version DESC`,
      [applicationId, at],
    )) as ReceivedDocumentRow[];
  }

  /** The officer's name as the letter is signed. */
  async staffName(userId: string): Promise<string | null> {
    const rows = (await this.db.query(`SELECT full_name FROM staff_user WHERE id = $1`, [userId])) as { full_name: string }[];
    return rows[0]?.full_name ?? null;
  }
}
