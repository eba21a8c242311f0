import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a booking's messages are written in (the portal sends its own: `id` or `en`;
 * bookings made before keep Indonesian), and the signed-in citizen's choice of how to be told
 * (`sms`, `whatsapp`, `email`, `none`) and in which language, used for what they make next
 * (docs/citizen-account.md, docs/notifications.md). Neither is personal data: no number or
 * address, only the kind of channel.
 */
export class AddBookingLanguageAndCitizenNotifyBy1766370000000 implements MigrationInterface {
  name = 'AddBookingLanguageAndCitizenNotifyBy1766370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE booking ADD COLUMN language varchar(2) NOT NULL DEFAULT 'id'`);
    await q.query(`ALTER TABLE booking ADD CONSTRAINT ck_booking_language CHECK (language IN ('id', 'en'))`);
    await q.query(`ALTER TABLE citizen ADD COLUMN notify_by varchar(8)`);
    await q.query(`ALTER TABLE citizen ADD CONSTRAINT ck_citizen_notify_by CHECK (notify_by IN ('sms', 'whatsapp', 'email', 'none'))`);
    await q.query(`ALTER TABLE citizen ADD COLUMN language varchar(2)`);
    await q.query(`ALTER TABLE citizen ADD CONSTRAINT ck_citizen_language CHECK (language IN ('id', 'en'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizen DROP COLUMN language`);
    await q.query(`ALTER TABLE citizen DROP COLUMN notify_by`);
    await q.query(`ALTER TABLE booking DROP COLUMN language`);
  }
}
