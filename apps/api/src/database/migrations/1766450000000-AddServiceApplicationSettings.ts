import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settings the digital applications read from the catalogue (issue 14):
 * - service.max_upload_mb: the largest document a citizen or officer may upload for the service
 *   (1–50 MB, 20 by default);
 * - service.applications_enabled: whether the service takes applications (on by default: every
 *   active service did until now);
 * - site.application_file_retention_days: files of finished applications are deleted this many
 *   days after their last change (30–3650, a year by default); the rows and the trail stay.
 */
export class AddServiceApplicationSettings1766450000000 implements MigrationInterface {
  name = 'AddServiceApplicationSettings1766450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service ADD COLUMN max_upload_mb integer NOT NULL DEFAULT 20`);
    await q.query(`ALTER TABLE service ADD CONSTRAINT ck_service_max_upload_mb CHECK (max_upload_mb BETWEEN 1 AND 50)`);
    await q.query(`ALTER TABLE service ADD COLUMN applications_enabled boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE site ADD COLUMN application_file_retention_days integer NOT NULL DEFAULT 365`);
    await q.query(
      `ALTER TABLE site ADD CONSTRAINT ck_site_application_file_retention_days CHECK (application_file_retention_days BETWEEN 30 AND 3650)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE site DROP COLUMN application_file_retention_days`);
    await q.query(`ALTER TABLE service DROP COLUMN applications_enabled`);
    await q.query(`ALTER TABLE service DROP COLUMN max_upload_mb`);
  }
}
