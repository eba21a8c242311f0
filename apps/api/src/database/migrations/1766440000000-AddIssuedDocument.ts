import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents the MPP issues for an application (issue 14, "Verifiable documents";
 * docs/applications.md "Receipts, results and verification"):
 * - issued_document: a receipt (tanda terima) per submission, a result uploaded by the agency, a
 *   generated decision letter. Its public `number` (TT-/HS-/SK-…, random, printed with a QR to the
 *   verification page) and the sha256 of the exact PDF given out; the bytes are stored encrypted
 *   (FilesService) under `file_key`. Immutable (mpp_forbid_change): a new version is a new row.
 *   A receipt is issued once per submission: `submission_event_id` is the trail's submit or
 *   resubmit event it acknowledges, unique among receipts.
 * - issued_document_access: every download of one (who, when, from where), append-only.
 */
export class AddIssuedDocument1766440000000 implements MigrationInterface {
  name = 'AddIssuedDocument1766440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issued_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(24) NOT NULL,
        kind varchar(16) NOT NULL,
        letter_kind varchar(10),
        application_id uuid NOT NULL REFERENCES application (id),
        service_id uuid NOT NULL REFERENCES service (id),
        agency_id uuid NOT NULL REFERENCES agency (id),
        site_id uuid NOT NULL REFERENCES site (id),
        submission_event_id bigint REFERENCES application_event (id),
        issued_at timestamptz NOT NULL,
        sha256 char(64) NOT NULL,
        size bigint NOT NULL,
        file_key char(32) NOT NULL,
        issued_by_kind varchar(8) NOT NULL,
        issued_by_id uuid,
        CONSTRAINT uq_issued_document_number UNIQUE (number),
        CONSTRAINT uq_issued_document_file UNIQUE (file_key),
        CONSTRAINT ck_issued_document_kind CHECK (kind IN ('receipt', 'result', 'decision_letter')),
        CONSTRAINT ck_issued_document_letter_kind CHECK ((kind = 'decision_letter') = (letter_kind IS NOT NULL) AND (letter_kind IS NULL OR letter_kind IN ('approval', 'rejection'))),
        CONSTRAINT ck_issued_document_receipt CHECK ((kind = 'receipt') = (submission_event_id IS NOT NULL)),
        CONSTRAINT ck_issued_document_size CHECK (size >= 1),
        CONSTRAINT ck_issued_document_issuer CHECK (issued_by_kind IN ('citizen', 'officer', 'system'))
      )`);
    // One receipt per submission: two requests racing for it insert one row.
    await q.query(`CREATE UNIQUE INDEX uq_issued_document_receipt ON issued_document (submission_event_id) WHERE kind = 'receipt'`);
    await q.query(`CREATE INDEX ix_issued_document_application ON issued_document (application_id, kind, issued_at DESC)`);
    await q.query(`
      CREATE TRIGGER issued_document_immutable BEFORE UPDATE OR DELETE ON issued_document
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);

    await q.query(`
      CREATE TABLE issued_document_access (
        id bigserial PRIMARY KEY,
        issued_document_id uuid NOT NULL REFERENCES issued_document (id),
        application_id uuid NOT NULL REFERENCES application (id),
        actor_kind varchar(8) NOT NULL,
        actor_id uuid,
        at timestamptz NOT NULL,
        ip varchar(64),
        user_agent varchar(300),
        CONSTRAINT ck_issued_document_access_actor CHECK (actor_kind IN ('citizen', 'officer'))
      )`);
    await q.query(`CREATE INDEX ix_issued_document_access ON issued_document_access (application_id, id)`);
    await q.query(`
      CREATE TRIGGER issued_document_access_append_only BEFORE UPDATE OR DELETE ON issued_document_access
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issued_document_access`);
    await q.query(`DROP TABLE issued_document`);
  }
}
