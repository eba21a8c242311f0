import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents of applications (issue 14, docs/applications.md "Documents (uploads)"):
 * - application_document: every uploaded version per checklist item (1, 2, … per item), the
 *   stored file's key (FilesService, encrypted), its sha256, size and sniffed type, the file name
 *   encrypted under DATA_KEY (a name can be personal), who uploaded it. Immutable: an UPDATE or
 *   DELETE raises (mpp_forbid_change); retention marks purged files in a table of its own.
 * - application_document_access: every read of a document (who, when, from where), append-only.
 * - application.opened_by_officer_id and application.ticket_id: a walk-in's application, opened by
 *   an officer at the counter from the ticket being served.
 */
export class AddApplicationDocuments1766430000000 implements MigrationInterface {
  name = 'AddApplicationDocuments1766430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application ADD COLUMN opened_by_officer_id uuid REFERENCES staff_user (id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE application ADD COLUMN ticket_id uuid REFERENCES ticket (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX ix_application_ticket ON application (ticket_id) WHERE ticket_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE application_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        requirement_id uuid NOT NULL,
        version integer NOT NULL,
        file_key char(32) NOT NULL,
        sha256 char(64) NOT NULL,
        size bigint NOT NULL,
        content_type varchar(32) NOT NULL,
        file_name_cipher text,
        uploaded_by_kind varchar(8) NOT NULL,
        uploaded_by_id uuid,
        uploaded_at timestamptz NOT NULL,
        CONSTRAINT fk_application_document_item FOREIGN KEY (application_id, requirement_id) REFERENCES application_item (application_id, requirement_id),
        CONSTRAINT uq_application_document_version UNIQUE (application_id, requirement_id, version),
        CONSTRAINT uq_application_document_file UNIQUE (file_key),
        CONSTRAINT ck_application_document_version CHECK (version >= 1),
        CONSTRAINT ck_application_document_size CHECK (size >= 1),
        CONSTRAINT ck_application_document_type CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        CONSTRAINT ck_application_document_uploader CHECK (uploaded_by_kind IN ('citizen', 'officer'))
      )`);
    await q.query(`
      CREATE TRIGGER application_document_immutable BEFORE UPDATE OR DELETE ON application_document
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);

    await q.query(`
      CREATE TABLE application_document_access (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES application_document (id),
        application_id uuid NOT NULL REFERENCES application (id),
        actor_kind varchar(8) NOT NULL,
        actor_id uuid,
        at timestamptz NOT NULL,
        ip varchar(64),
        user_agent varchar(300),
        purpose varchar(16) NOT NULL,
        CONSTRAINT ck_application_document_access_actor CHECK (actor_kind IN ('citizen', 'officer')),
        CONSTRAINT ck_application_document_access_purpose CHECK (purpose IN ('download', 'view'))
      )`);
    await q.query(`CREATE INDEX ix_application_document_access ON application_document_access (application_id, id)`);
    await q.query(`
      CREATE TRIGGER application_document_access_append_only BEFORE UPDATE OR DELETE ON application_document_access
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_document_access`);
    await q.query(`DROP TABLE application_document`);
    await q.query(`DROP INDEX ix_application_ticket`);
    await q.query(`ALTER TABLE application DROP COLUMN ticket_id`);
    await q.query(`ALTER TABLE application DROP COLUMN opened_by_officer_id`);
  }
}
