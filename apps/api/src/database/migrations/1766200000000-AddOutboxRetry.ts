import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the outbox relay (notifications/outbox-relay.ts) needs to retry a message: `attempts`, the
 * sends begun (the first, in process, is 1), and `next_attempt_at`, when the relay may take the
 * row: for a 'pending' row the end of its send's lease (a send in flight is never doubled), for a
 * 'failed' row the end of its backoff; NULL once nothing more will be tried ('sent', 'logged', or
 * 'failed' after the last attempt). The partial index holds only the rows still waiting, which is
 * what the relay's claim reads.
 *
 * Rows already there count as tried once. Those of the last day still waiting ('pending' or
 * 'failed', with their encrypted text) are taken by the relay: a pending one five minutes after it
 * was written, a failed one at once; older ones are left as they are, as is every row whose text
 * was erased by EncryptOutboxMessageBody (it cannot be sent).
 */
export class AddOutboxRetry1766200000000 implements MigrationInterface {
  name = 'AddOutboxRetry1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN next_attempt_at timestamptz`);
    await q.query(`UPDATE outbox_message SET attempts = 1`);
    await q.query(`
      UPDATE outbox_message
         SET next_attempt_at = CASE WHEN status = 'pending' THEN created_at + interval '5 minutes' ELSE now() END
       WHERE status IN ('pending', 'failed') AND body_cipher IS NOT NULL AND created_at > now() - interval '1 day'`);
    await q.query(`
      ALTER TABLE outbox_message
        ADD CONSTRAINT ck_outbox_attempts CHECK (attempts >= 0),
        ADD CONSTRAINT ck_outbox_next_attempt CHECK (next_attempt_at IS NULL OR status IN ('pending', 'failed'))`);
    await q.query(`CREATE INDEX ix_outbox_due ON outbox_message (next_attempt_at) WHERE next_attempt_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_outbox_due`);
    await q.query(`ALTER TABLE outbox_message DROP CONSTRAINT ck_outbox_next_attempt, DROP CONSTRAINT ck_outbox_attempts`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN next_attempt_at, DROP COLUMN attempts`);
  }
}
