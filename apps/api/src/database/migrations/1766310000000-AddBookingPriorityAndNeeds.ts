import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking carries the citizen's UU 25/2009 Pasal 29 priority group (self-declared, as at the
 * kiosk; the ticket is issued with it at check-in) and what to have ready at the counter
 * (wheelchair, sign-language interpreter, staff assistance). Both are short codes from closed
 * lists, checked here as well as by the API; they identify nobody, and are never in a public
 * answer (docs/booking.md, "Priority group and needs"). Bookings made before are 'regular' with
 * no needs.
 */
export class AddBookingPriorityAndNeeds1766310000000 implements MigrationInterface {
  name = 'AddBookingPriorityAndNeeds1766310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE booking ADD COLUMN priority_group varchar(16) NOT NULL DEFAULT 'regular'`);
    await q.query(`ALTER TABLE booking ADD COLUMN needs varchar(16)[] NOT NULL DEFAULT '{}'`);
    await q.query(
      `ALTER TABLE booking ADD CONSTRAINT ck_booking_priority_group
         CHECK (priority_group IN ('regular', 'disability', 'elderly', 'pregnant', 'child', 'disaster_victim'))`,
    );
    await q.query(`ALTER TABLE booking ADD CONSTRAINT ck_booking_needs CHECK (needs <@ ARRAY['wheelchair', 'sign_language', 'companion']::varchar(16)[])`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE booking DROP CONSTRAINT ck_booking_needs`);
    await q.query(`ALTER TABLE booking DROP CONSTRAINT ck_booking_priority_group`);
    await q.query(`ALTER TABLE booking DROP COLUMN needs`);
    await q.query(`ALTER TABLE booking DROP COLUMN priority_group`);
  }
}
