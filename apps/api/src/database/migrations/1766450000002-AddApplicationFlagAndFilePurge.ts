import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The applications' SLA flags and the purge of their files (docs/applications.md, "Flags,
 * escalation and retention"):
 * - application_flag: one row per (application, kind) — due_soon, overdue, at_risk (past the legal
 *   deadline undecided) — raised by the flag job, notified once, resolved when it no longer holds
 *   (raised again later: the same row, reopened and notified again).
 * - application_file_purge: each stored file deleted by the retention job (an uploaded document
 *   version or an issued document); the document rows and the trail stay.
 */
export class AddApplicationFlagAndFilePurge1766450000002 implements MigrationInterface {
  name = 'AddApplicationFlagAndFilePurge1766450000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_flag (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        kind varchar(8) NOT NULL CONSTRAINT ck_application_flag_kind CHECK (kind IN ('due_soon', 'overdue', 'at_risk')),
        deadline timestamptz NOT NULL,
        raised_at timestamptz NOT NULL,
        notified_at timestamptz,
        resolved_at timestamptz,
        CONSTRAINT uq_application_flag UNIQUE (application_id, kind)
      )`);
    await q.query(`CREATE INDEX ix_application_flag_open ON application_flag (raised_at, id) WHERE resolved_at IS NULL`);
    await q.query(`
      CREATE TABLE application_file_purge (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        application_document_id uuid UNIQUE REFERENCES application_document (id),
        issued_document_id uuid UNIQUE REFERENCES issued_document (id),
        file_key char(32) NOT NULL,
        purged_at timestamptz NOT NULL,
        CONSTRAINT ck_application_file_purge_one CHECK (num_nonnulls(application_document_id, issued_document_id) = 1)
      )`);
    await q.query(`CREATE INDEX ix_application_file_purge_application ON application_file_purge (application_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_file_purge`);
    await q.query(`DROP TABLE application_flag`);
  }
}
