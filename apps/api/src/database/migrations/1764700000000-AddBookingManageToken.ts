import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ownership of a booking rests on a secret only the citizen receives (docs/booking.md): the
 * SHA-256 of a 128-bit manage token carried in the link of the confirmation and its messages.
 * Bookings made before have none (NULL) and are proved by the full NIK instead, with a
 * per-booking lockout after repeated failed proofs.
 */
export class AddBookingManageToken1764700000000 implements MigrationInterface {
  name = 'AddBookingManageToken1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE booking ADD COLUMN manage_token_hash bytea`);
    await q.query(`ALTER TABLE booking ADD COLUMN proof_failures smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE booking ADD COLUMN proof_locked_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE booking DROP COLUMN proof_locked_until`);
    await q.query(`ALTER TABLE booking DROP COLUMN proof_failures`);
    await q.query(`ALTER TABLE booking DROP COLUMN manage_token_hash`);
  }
}
