import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Online booking: per-service slot settings, per-site check-in settings, bookings with personal
 * data stored as a keyed hash plus ciphertext, exact slot and day counters, and the outbox of
 * messages to citizens.
 */
export class AddBooking1764200000000 implements MigrationInterface {
  name = 'AddBooking1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service
        ADD COLUMN booking_slot_minutes integer NOT NULL DEFAULT 30
          CONSTRAINT ck_service_booking_slot_minutes CHECK (booking_slot_minutes BETWEEN 5 AND 240),
        ADD COLUMN booking_slot_capacity integer NOT NULL DEFAULT 4
          CONSTRAINT ck_service_booking_slot_capacity CHECK (booking_slot_capacity BETWEEN 1 AND 500),
        ADD COLUMN booking_days_ahead integer NOT NULL DEFAULT 14
          CONSTRAINT ck_service_booking_days_ahead CHECK (booking_days_ahead BETWEEN 1 AND 90),
        ADD COLUMN booking_cutoff_minutes integer NOT NULL DEFAULT 60
          CONSTRAINT ck_service_booking_cutoff CHECK (booking_cutoff_minutes BETWEEN 0 AND 2880),
        ADD COLUMN booking_walk_in_share integer NOT NULL DEFAULT 30
          CONSTRAINT ck_service_booking_walk_in_share CHECK (booking_walk_in_share BETWEEN 0 AND 100)`);

    await q.query(`
      ALTER TABLE site
        ADD COLUMN checkin_early_minutes integer NOT NULL DEFAULT 30
          CONSTRAINT ck_site_checkin_early CHECK (checkin_early_minutes BETWEEN 0 AND 240),
        ADD COLUMN checkin_late_minutes integer NOT NULL DEFAULT 15
          CONSTRAINT ck_site_checkin_late CHECK (checkin_late_minutes BETWEEN 0 AND 240),
        ADD COLUMN checkin_late_policy varchar(8) NOT NULL DEFAULT 'walk_in'
          CONSTRAINT ck_site_checkin_late_policy CHECK (checkin_late_policy IN ('walk_in', 'refuse')),
        ADD COLUMN booking_weekly_limit integer NOT NULL DEFAULT 3
          CONSTRAINT ck_site_booking_weekly_limit CHECK (booking_weekly_limit BETWEEN 1 AND 50)`);

    await q.query(`
      CREATE TABLE booking (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code char(8) NOT NULL CONSTRAINT uq_booking_code UNIQUE,
        site_id uuid NOT NULL REFERENCES site (id),
        service_id uuid NOT NULL REFERENCES service (id),
        slot_date date NOT NULL,
        slot_start time NOT NULL,
        slot_end time NOT NULL,
        starts_at timestamptz NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'active'
          CONSTRAINT ck_booking_status CHECK (status IN ('active', 'checked_in', 'cancelled', 'no_show')),
        nik_hash char(64) NOT NULL,
        nik_cipher text NOT NULL,
        name_cipher text NOT NULL,
        phone_cipher text NOT NULL,
        email_cipher text,
        ticket_id uuid REFERENCES ticket (id),
        checked_in_late boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        checked_in_at timestamptz,
        no_show_at timestamptz
      )`);
    // One active booking per NIK, service and day.
    await q.query(`
      CREATE UNIQUE INDEX uq_booking_nik_service_day ON booking (service_id, slot_date, nik_hash)
      WHERE status IN ('active', 'checked_in')`);
    await q.query(`CREATE INDEX ix_booking_nik_date ON booking (nik_hash, slot_date) WHERE status IN ('active', 'checked_in')`);
    await q.query(`CREATE INDEX ix_booking_active_starts ON booking (starts_at) WHERE status = 'active'`);
    await q.query(`CREATE INDEX ix_booking_service_date ON booking (service_id, slot_date)`);

    // Seats taken, per slot and per day, counted in the same statement as the booking.
    await q.query(`
      CREATE TABLE booking_slot_count (
        service_id uuid NOT NULL REFERENCES service (id),
        slot_date date NOT NULL,
        slot_start time NOT NULL,
        booked integer NOT NULL CONSTRAINT ck_booking_slot_count CHECK (booked >= 0),
        PRIMARY KEY (service_id, slot_date, slot_start)
      )`);
    await q.query(`
      CREATE TABLE booking_day_count (
        service_id uuid NOT NULL REFERENCES service (id),
        slot_date date NOT NULL,
        booked integer NOT NULL CONSTRAINT ck_booking_day_count CHECK (booked >= 0),
        PRIMARY KEY (service_id, slot_date)
      )`);

    await q.query(`
      CREATE TABLE outbox_message (
        id bigserial PRIMARY KEY,
        channel varchar(8) NOT NULL CONSTRAINT ck_outbox_channel CHECK (channel IN ('email', 'sms')),
        recipient_masked varchar(120) NOT NULL,
        recipient_cipher text NOT NULL,
        subject text,
        body text NOT NULL,
        booking_id uuid REFERENCES booking (id),
        status varchar(8) NOT NULL DEFAULT 'pending' CONSTRAINT ck_outbox_status CHECK (status IN ('pending', 'logged', 'sent', 'failed')),
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_outbox_booking ON outbox_message (booking_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_message`);
    await q.query(`DROP TABLE booking_day_count`);
    await q.query(`DROP TABLE booking_slot_count`);
    await q.query(`DROP TABLE booking`);
    await q.query(`
      ALTER TABLE site DROP COLUMN checkin_early_minutes, DROP COLUMN checkin_late_minutes,
        DROP COLUMN checkin_late_policy, DROP COLUMN booking_weekly_limit`);
    await q.query(`
      ALTER TABLE service DROP COLUMN booking_slot_minutes, DROP COLUMN booking_slot_capacity,
        DROP COLUMN booking_days_ahead, DROP COLUMN booking_cutoff_minutes, DROP COLUMN booking_walk_in_share`);
  }
}
