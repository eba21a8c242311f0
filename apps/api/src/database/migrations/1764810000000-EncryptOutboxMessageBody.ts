import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox kept each message's text in clear (`body`): the citizen's name and, since the manage
 * token, the secret link. It keeps it encrypted instead (`body_cipher`, AES-256-GCM under DATA_KEY
 * like the recipient; docs/personal-data.md). A migration has no key, so the texts written before
 * are erased rather than encrypted: they were handed to their channel when written (nothing sends
 * a message twice), and their channel, status, subject and booking stay. `body_cipher` is NULL
 * only for those rows.
 */
export class EncryptOutboxMessageBody1764810000000 implements MigrationInterface {
  name = 'EncryptOutboxMessageBody1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message ADD COLUMN body_cipher text`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN body`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The clear texts cannot come back: each row gets an empty body.
    await q.query(`ALTER TABLE outbox_message ADD COLUMN body text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE outbox_message ALTER COLUMN body DROP DEFAULT`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN body_cipher`);
  }
}
