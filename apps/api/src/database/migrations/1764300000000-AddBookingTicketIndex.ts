import { MigrationInterface, QueryRunner } from 'typeorm';

/** The counter console looks up the booking behind a checked-in ticket: one booking per ticket. */
export class AddBookingTicketIndex1764300000000 implements MigrationInterface {
  name = 'AddBookingTicketIndex1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX uq_booking_ticket ON booking (ticket_id) WHERE ticket_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_booking_ticket`);
  }
}
