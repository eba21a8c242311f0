import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AddNotificationDeliveryAndOptOut's index on (status, site_id) was one the planner took for the
 * outbox relay's claim (status IN ('pending', 'failed')) instead of the partial ix_outbox_due that
 * holds only the waiting rows. A site admin's counts read by site: (site_id, status) serves them
 * and stays out of the claim's way.
 */
export class IndexOutboxBySite1766340000001 implements MigrationInterface {
  name = 'IndexOutboxBySite1766340000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_outbox_status_site`);
    await q.query(`CREATE INDEX ix_outbox_site_status ON outbox_message (site_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_outbox_site_status`);
    await q.query(`CREATE INDEX ix_outbox_status_site ON outbox_message (status, site_id)`);
  }
}
