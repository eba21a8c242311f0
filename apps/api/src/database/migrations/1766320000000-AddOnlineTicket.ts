import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets taken from home ("antrean daring", docs/queue.md "Online tickets"):
 * - `service.online_ticket_enabled`, off by default: each service opts in;
 * - a ticket's source may be 'online' (same queue, numbering and rules as the kiosk's);
 * - `online_ticket`: who took each online ticket, as bookings keep it (docs/personal-data.md): the
 *   NIK's keyed hash to count a NIK's tickets of the day, the NIK, name and mobile encrypted;
 * - `online_ticket_policy`: a site's daily caps per NIK (per service, and over all its services);
 *   a site without a row takes the defaults (1 and 3).
 */
export class AddOnlineTicket1766320000000 implements MigrationInterface {
  name = 'AddOnlineTicket1766320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service ADD COLUMN online_ticket_enabled boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE ticket DROP CONSTRAINT ck_ticket_source`);
    await q.query(`ALTER TABLE ticket ADD CONSTRAINT ck_ticket_source CHECK (source IN ('kiosk', 'booking', 'staff', 'online'))`);
    await q.query(`
      CREATE TABLE online_ticket (
        ticket_id uuid PRIMARY KEY REFERENCES ticket (id),
        site_id uuid NOT NULL REFERENCES site (id),
        service_id uuid NOT NULL REFERENCES service (id),
        local_date date NOT NULL,
        nik_hash char(64) NOT NULL,
        nik_cipher text NOT NULL,
        name_cipher text NOT NULL,
        phone_cipher text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A NIK's tickets of a day (the caps), and a site's of a day (reports).
    await q.query(`CREATE INDEX ix_online_ticket_nik_day ON online_ticket (nik_hash, local_date)`);
    await q.query(`CREATE INDEX ix_online_ticket_site_day ON online_ticket (site_id, local_date)`);
    await q.query(`
      CREATE TABLE online_ticket_policy (
        site_id uuid PRIMARY KEY REFERENCES site (id),
        per_service_daily integer NOT NULL DEFAULT 1 CONSTRAINT ck_online_ticket_per_service CHECK (per_service_daily BETWEEN 1 AND 10),
        per_day integer NOT NULL DEFAULT 3 CONSTRAINT ck_online_ticket_per_day CHECK (per_day BETWEEN 1 AND 20),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_online_ticket_caps CHECK (per_service_daily <= per_day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE online_ticket_policy`);
    await q.query(`DROP TABLE online_ticket`);
    await q.query(`ALTER TABLE ticket DROP CONSTRAINT ck_ticket_source`);
    await q.query(`ALTER TABLE ticket ADD CONSTRAINT ck_ticket_source CHECK (source IN ('kiosk', 'booking', 'staff'))`);
    await q.query(`ALTER TABLE service DROP COLUMN online_ticket_enabled`);
  }
}
