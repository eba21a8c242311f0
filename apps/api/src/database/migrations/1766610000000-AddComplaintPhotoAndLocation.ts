import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaint photos and location (docs/complaints.md, Photos and location).
 *
 * - complaint.location_cipher: where it happened, `{ lat, lng, accuracyM, source }` as JSON
 *   encrypted under DATA_KEY (PiiCipher): a point a phone reported can be the reporter's home, so
 *   it is personal data and kept like the text and the identity. Null when none was given.
 * - complaint_photo: up to three photos per complaint, re-encoded as JPEG without any metadata and
 *   stored encrypted by FilesService under `file_key`; the row keeps the copy's size in pixels and
 *   bytes. Photos stay with their complaint (no retention job yet).
 */
export class AddComplaintPhotoAndLocation1766610000000 implements MigrationInterface {
  name = 'AddComplaintPhotoAndLocation1766610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint ADD COLUMN location_cipher text`);
    await q.query(`
      CREATE TABLE complaint_photo (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        file_key char(32) NOT NULL,
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        bytes integer NOT NULL CHECK (bytes > 0),
        created_at timestamptz NOT NULL,
        CONSTRAINT uq_complaint_photo_file UNIQUE (file_key)
      )`);
    await q.query(`CREATE INDEX ix_complaint_photo ON complaint_photo (complaint_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_photo`);
    await q.query(`ALTER TABLE complaint DROP COLUMN location_cipher`);
  }
}
