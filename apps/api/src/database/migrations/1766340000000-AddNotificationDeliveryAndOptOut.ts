import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifications module's delivery record, dead letters, WhatsApp and the citizen's choice
 * (docs/notifications.md):
 * - outbox_message: channel 'whatsapp'; status 'dead' (given up after the last attempt, with
 *   `dead_at`), `provider_message_id` (the id an SMS gateway or WhatsApp answered), `last_attempt_at`,
 *   the `template` and `language` a message was written from, the `site_id` it concerns (admins
 *   count their site's), the `ticket_id` it is about ("called" messages), and `payload_cipher`
 *   (a WhatsApp template's parameters, encrypted like the text);
 * - notification_recipient: one row per phone number or email address the citizen gave, by its
 *   keyed hash only: the channel chosen for it, the language, and the opt-out;
 * - notification_ticket_contact: the contact to tell when a ticket is called (online tickets),
 *   the number encrypted and hashed.
 * Rows already given up ('failed' after the 5th attempt, nothing more to try) become 'dead'.
 */
export class AddNotificationDeliveryAndOptOut1766340000000 implements MigrationInterface {
  name = 'AddNotificationDeliveryAndOptOut1766340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_message
        DROP CONSTRAINT ck_outbox_channel,
        DROP CONSTRAINT ck_outbox_status,
        ADD COLUMN provider_message_id varchar(200),
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN dead_at timestamptz,
        ADD COLUMN template varchar(40),
        ADD COLUMN language varchar(2),
        ADD COLUMN site_id uuid REFERENCES site (id),
        ADD COLUMN ticket_id uuid REFERENCES ticket (id),
        ADD COLUMN payload_cipher text`);
    await q.query(`UPDATE outbox_message SET status = 'dead', dead_at = now() WHERE status = 'failed' AND next_attempt_at IS NULL AND attempts >= 5`);
    await q.query(`UPDATE outbox_message o SET site_id = b.site_id FROM booking b WHERE o.booking_id = b.id`);
    await q.query(`
      ALTER TABLE outbox_message
        ADD CONSTRAINT ck_outbox_channel CHECK (channel IN ('email', 'sms', 'whatsapp')),
        ADD CONSTRAINT ck_outbox_status CHECK (status IN ('pending', 'logged', 'sent', 'failed', 'dead')),
        ADD CONSTRAINT ck_outbox_language CHECK (language IS NULL OR language IN ('id', 'en')),
        ADD CONSTRAINT ck_outbox_dead CHECK ((status = 'dead') = (dead_at IS NOT NULL))`);
    await q.query(`CREATE INDEX ix_outbox_status_site ON outbox_message (status, site_id)`);
    await q.query(`CREATE INDEX ix_outbox_ticket ON outbox_message (ticket_id) WHERE ticket_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE notification_recipient (
        recipient_hash varchar(64) PRIMARY KEY,
        channel varchar(8) CONSTRAINT ck_notification_recipient_channel CHECK (channel IS NULL OR channel IN ('email', 'sms', 'whatsapp')),
        language varchar(2) NOT NULL DEFAULT 'id' CONSTRAINT ck_notification_recipient_language CHECK (language IN ('id', 'en')),
        opted_out_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notification_ticket_contact (
        ticket_id uuid PRIMARY KEY REFERENCES ticket (id),
        recipient_cipher text NOT NULL,
        recipient_hash varchar(64) NOT NULL,
        channel varchar(8) NOT NULL CONSTRAINT ck_notification_ticket_contact_channel CHECK (channel IN ('email', 'sms', 'whatsapp')),
        language varchar(2) NOT NULL CONSTRAINT ck_notification_ticket_contact_language CHECK (language IN ('id', 'en')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_ticket_contact`);
    await q.query(`DROP TABLE notification_recipient`);
    await q.query(`DROP INDEX ix_outbox_ticket`);
    await q.query(`DROP INDEX ix_outbox_status_site`);
    await q.query(`DELETE FROM outbox_message WHERE channel = 'whatsapp'`);
    await q.query(`UPDATE outbox_message SET status = 'failed' WHERE status = 'dead'`);
    await q.query(`
      ALTER TABLE outbox_message
        DROP CONSTRAINT ck_outbox_dead, DROP CONSTRAINT ck_outbox_language, DROP CONSTRAINT ck_outbox_status, DROP CONSTRAINT ck_outbox_channel,
        DROP COLUMN payload_cipher, DROP COLUMN ticket_id, DROP COLUMN site_id, DROP COLUMN language, DROP COLUMN template,
        DROP COLUMN dead_at, DROP COLUMN last_attempt_at, DROP COLUMN provider_message_id`);
    await q.query(`
      ALTER TABLE outbox_message
        ADD CONSTRAINT ck_outbox_channel CHECK (channel IN ('email', 'sms')),
        ADD CONSTRAINT ck_outbox_status CHECK (status IN ('pending', 'logged', 'sent', 'failed'))`);
  }
}
