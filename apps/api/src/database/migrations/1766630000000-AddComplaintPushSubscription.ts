import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web Push for a complaint's reporter (issue 16): the tracking page, opened with the code and the
 * secret, may ask to be told when the status changes. Same shape and rules as `push_subscription`
 * (the browser's subscription encrypted, found by a keyed hash of its endpoint); rows go with the
 * complaint and when the push service answers 404 or 410.
 */
export class AddComplaintPushSubscription1766630000000 implements MigrationInterface {
  name = 'AddComplaintPushSubscription1766630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_push_subscription (
        id bigserial PRIMARY KEY,
        complaint_id uuid NOT NULL CONSTRAINT fk_complaint_push_subscription_complaint REFERENCES complaint(id) ON DELETE CASCADE,
        endpoint_hash varchar(64) NOT NULL,
        subscription_cipher text NOT NULL,
        lang varchar(2) NOT NULL DEFAULT 'id' CONSTRAINT ck_complaint_push_subscription_lang CHECK (lang IN ('id', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_complaint_push_subscription_endpoint UNIQUE (complaint_id, endpoint_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_push_subscription`);
  }
}
