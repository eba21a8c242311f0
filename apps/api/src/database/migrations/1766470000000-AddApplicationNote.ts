import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officers' internal notes on an application (issue 14, "Officers": notes): who wrote it, when,
 * and the text encrypted under DATA_KEY (a note can name the applicant or quote a document).
 * Never shown to the citizen. Append-only: a note is corrected by another note.
 */
export class AddApplicationNote1766470000000 implements MigrationInterface {
  name = 'AddApplicationNote1766470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        author_id uuid NOT NULL REFERENCES staff_user (id),
        at timestamptz NOT NULL,
        body_cipher text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_application_note ON application_note (application_id, at)`);
    await q.query(`
      CREATE TRIGGER application_note_append_only BEFORE UPDATE OR DELETE ON application_note
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_note`);
  }
}
