import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administrators sign in with a second factor (issue 15): the TOTP secret encrypted under
 * DATA_KEY (PiiCipher), when a code confirmed it, and the last accepted time step (a code is
 * accepted once). Nothing set: the administrator enrols at the next sign-in.
 */
export class AddStaffTotp1766510000000 implements MigrationInterface {
  name = 'AddStaffTotp1766510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_user
        ADD COLUMN totp_secret_cipher text,
        ADD COLUMN totp_enrolled_at timestamptz,
        ADD COLUMN totp_last_step integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_user DROP COLUMN totp_last_step, DROP COLUMN totp_enrolled_at, DROP COLUMN totp_secret_cipher`);
  }
}
