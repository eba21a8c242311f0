import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The wait estimate reads, per service, the call→finish times of its last finished tickets:
 * served ('done') and called but absent ('no_show'), as both hold a counter from the call on.
 * The index of AddQueue covers 'done' only.
 */
export class AddTicketFinishedRecentIndex1765000000000 implements MigrationInterface {
  name = 'AddTicketFinishedRecentIndex1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_ticket_finished_recent ON ticket (service_id, finished_at DESC) WHERE status IN ('done', 'no_show')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_ticket_finished_recent`);
  }
}
