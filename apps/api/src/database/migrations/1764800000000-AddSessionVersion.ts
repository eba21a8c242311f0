import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session version on staff accounts and devices, carried in every token and socket: a password
 * change, a disabled account or a revoked device raises it, and every earlier token and open
 * socket of that account or device ends at once (docs/architecture.md, "Sessions").
 */
export class AddSessionVersion1764800000000 implements MigrationInterface {
  name = 'AddSessionVersion1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_user ADD COLUMN session_version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE device ADD COLUMN session_version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE device DROP COLUMN session_version`);
    await q.query(`ALTER TABLE staff_user DROP COLUMN session_version`);
  }
}
