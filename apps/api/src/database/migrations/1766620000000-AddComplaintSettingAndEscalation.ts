import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-site complaint settings and the escalation marks (issue 16, docs/complaints.md):
 *
 * - complaint_setting: one row per site that saved its own times (no row: the defaults). The first
 *   response and resolution times in the site's working days (null: the legal default, UU 25/2009
 *   Pasal 50, counted in calendar days), the "untouched" red flag threshold in days and the reopen
 *   period in days.
 * - complaint.first_response_escalated_at / resolution_escalated_at: when the escalation job told
 *   the agency's admins and the site's admins that the clock ran out (null: not yet), so it is sent
 *   once per clock; a reopen clears the resolution mark (a new resolution clock starts).
 */
export class AddComplaintSettingAndEscalation1766620000000 implements MigrationInterface {
  name = 'AddComplaintSettingAndEscalation1766620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_setting (
        site_id uuid PRIMARY KEY REFERENCES site (id) ON DELETE CASCADE,
        first_response_days integer CONSTRAINT ck_complaint_setting_first_response CHECK (first_response_days BETWEEN 1 AND 60),
        resolution_days integer CONSTRAINT ck_complaint_setting_resolution CHECK (resolution_days BETWEEN 1 AND 60),
        untouched_days integer NOT NULL CONSTRAINT ck_complaint_setting_untouched CHECK (untouched_days BETWEEN 1 AND 60),
        reopen_days integer NOT NULL CONSTRAINT ck_complaint_setting_reopen CHECK (reopen_days BETWEEN 1 AND 90),
        updated_at timestamptz NOT NULL,
        updated_by uuid REFERENCES staff_user (id),
        CONSTRAINT ck_complaint_setting_order CHECK (first_response_days IS NULL OR resolution_days IS NULL OR first_response_days <= resolution_days)
      )`);
    await q.query(`ALTER TABLE complaint ADD COLUMN first_response_escalated_at timestamptz`);
    await q.query(`ALTER TABLE complaint ADD COLUMN resolution_escalated_at timestamptz`);
    // The escalation job's look-up: open complaints whose clock ran out and is not escalated yet.
    await q.query(`
      CREATE INDEX ix_complaint_open_due ON complaint (resolution_due_at) WHERE status NOT IN ('answered', 'closed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_complaint_open_due`);
    await q.query(`ALTER TABLE complaint DROP COLUMN resolution_escalated_at`);
    await q.query(`ALTER TABLE complaint DROP COLUMN first_response_escalated_at`);
    await q.query(`DROP TABLE complaint_setting`);
  }
}
