import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The optional citizen account (docs/citizen-account.md): a citizen, found by a keyed hash of
 * each verified phone number, email address or OpenID Connect subject (never stored in clear: the
 * value itself only encrypted); the one-time codes sent to sign in (only their keyed hash); the
 * sessions (only the SHA-256 of their token); and `citizen_id` on the bookings and tickets made
 * while signed in, for "Riwayat saya". Deleting a citizen leaves their bookings and tickets, unlinked.
 */
export class AddCitizenAccount1766350000000 implements MigrationInterface {
  name = 'AddCitizenAccount1766350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizen (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE citizen_identity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id uuid NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
        kind varchar(8) NOT NULL,
        lookup_hash char(64) NOT NULL,
        value_cipher text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_citizen_identity_kind CHECK (kind IN ('phone', 'email', 'oidc')),
        CONSTRAINT uq_citizen_identity UNIQUE (kind, lookup_hash)
      )`);
    await q.query(`CREATE INDEX ix_citizen_identity_citizen ON citizen_identity (citizen_id)`);
    await q.query(`
      CREATE TABLE citizen_otp (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_hash char(64) NOT NULL,
        channel varchar(8) NOT NULL,
        code_hash char(64) NOT NULL,
        attempts smallint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT ck_citizen_otp_channel CHECK (channel IN ('sms', 'email'))
      )`);
    await q.query(`CREATE INDEX ix_citizen_otp_recipient ON citizen_otp (recipient_hash, created_at)`);
    await q.query(`
      CREATE TABLE citizen_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash char(64) NOT NULL,
        citizen_id uuid NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
        via varchar(8) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT uq_citizen_session_token UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_citizen_session_citizen ON citizen_session (citizen_id)`);
    await q.query(`ALTER TABLE booking ADD COLUMN citizen_id uuid REFERENCES citizen (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX ix_booking_citizen ON booking (citizen_id, created_at) WHERE citizen_id IS NOT NULL`);
    await q.query(`ALTER TABLE ticket ADD COLUMN citizen_id uuid REFERENCES citizen (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX ix_ticket_citizen ON ticket (citizen_id, issued_at) WHERE citizen_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_ticket_citizen`);
    await q.query(`ALTER TABLE ticket DROP COLUMN citizen_id`);
    await q.query(`DROP INDEX ix_booking_citizen`);
    await q.query(`ALTER TABLE booking DROP COLUMN citizen_id`);
    await q.query(`DROP TABLE citizen_session`);
    await q.query(`DROP TABLE citizen_otp`);
    await q.query(`DROP TABLE citizen_identity`);
    await q.query(`DROP TABLE citizen`);
  }
}
