import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web Push (apps/api/src/push): a ticket page's push subscriptions and each site's "N people ahead"
 * setting.
 *
 * `push_subscription` holds what a browser's push service gave it, encrypted (`subscription_cipher`:
 * PiiCipher, the endpoint and its keys as JSON), found again by `endpoint_hash`, a keyed hash of the
 * endpoint (never the endpoint in clear: it identifies a browser). `ahead_sent_at` and `called_sent_at`
 * keep each message from being sent twice. Rows go with their ticket (ON DELETE CASCADE), when the
 * ticket ends, and when the push service answers 404 or 410.
 *
 * `push_site_setting.ahead_notice`: how many people ahead of a ticket the "N orang lagi sebelum Anda"
 * message is sent at (a site without a row uses 3; 0 = never).
 */
export class AddPushSubscription1766330000000 implements MigrationInterface {
  name = 'AddPushSubscription1766330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE push_subscription (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL CONSTRAINT fk_push_subscription_ticket REFERENCES ticket(id) ON DELETE CASCADE,
        endpoint_hash varchar(64) NOT NULL,
        subscription_cipher text NOT NULL,
        lang varchar(2) NOT NULL DEFAULT 'id' CONSTRAINT ck_push_subscription_lang CHECK (lang IN ('id', 'en')),
        ahead_sent_at timestamptz,
        called_sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_push_subscription_ticket_endpoint UNIQUE (ticket_id, endpoint_hash)
      )`);
    await q.query(`CREATE INDEX ix_push_subscription_endpoint ON push_subscription (endpoint_hash)`);
    await q.query(`
      CREATE TABLE push_site_setting (
        site_id uuid PRIMARY KEY CONSTRAINT fk_push_site_setting_site REFERENCES site(id) ON DELETE CASCADE,
        ahead_notice smallint NOT NULL DEFAULT 3 CONSTRAINT ck_push_site_setting_ahead CHECK (ahead_notice BETWEEN 0 AND 50)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE push_site_setting`);
    await q.query(`DROP TABLE push_subscription`);
  }
}
