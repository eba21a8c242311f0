import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live events between API processes (@socket.io/postgres-adapter, common/http/socket-adapter.ts):
 * NOTIFY carries at most 8,000 bytes, so a larger event is written here and only its id is
 * notified. Rows are read once by each process and deleted by the adapter after 30 seconds.
 */
export class AddSocketIoAttachment1766000000000 implements MigrationInterface {
  name = 'AddSocketIoAttachment1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE socket_io_attachment (
        id bigserial PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        payload bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_socket_io_attachment_created_at ON socket_io_attachment (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE socket_io_attachment`);
  }
}
