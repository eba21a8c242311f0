import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports' rollup (issue 15, docs/reports.md "The rollup"): per site, past day and grouping
 * (service, counter, officer, hour) the ticket counts and the sums of waits and service times;
 * sparse 1-minute histograms of both per day and per month; and which days are built. Written
 * only by the job `reports.rollup` (ReportsRollup); a write to a past day's tickets deletes the
 * day's hall_day_built row so the report reads that day live until the job builds it again.
 * `key` is the group's id or hour ('' = none: no counter, no closing officer); `agency_id` is the
 * agency of the tickets' service, so an agency admin's report can filter every grouping.
 */
export class AddHallRollup1766520000000 implements MigrationInterface {
  name = 'AddHallRollup1766520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hall_day_figures (
        site_id uuid NOT NULL REFERENCES site (id),
        local_date date NOT NULL,
        group_by varchar(8) NOT NULL CHECK (group_by IN ('service', 'counter', 'officer', 'hour')),
        key text NOT NULL,
        agency_id uuid NOT NULL,
        kiosk integer NOT NULL,
        booking integer NOT NULL,
        online integer NOT NULL,
        staff integer NOT NULL,
        tickets integer NOT NULL,
        served integer NOT NULL,
        no_show integer NOT NULL,
        not_served integer NOT NULL,
        cancelled integer NOT NULL,
        open integer NOT NULL,
        wait_count integer NOT NULL,
        wait_sum double precision NOT NULL,
        service_count integer NOT NULL,
        service_sum double precision NOT NULL,
        PRIMARY KEY (site_id, group_by, local_date, key, agency_id)
      )`);
    await q.query(`
      CREATE TABLE hall_day_histogram (
        site_id uuid NOT NULL REFERENCES site (id),
        local_date date NOT NULL,
        group_by varchar(8) NOT NULL,
        key text NOT NULL,
        agency_id uuid NOT NULL,
        measure varchar(8) NOT NULL CHECK (measure IN ('wait', 'service')),
        bucket smallint NOT NULL CHECK (bucket BETWEEN 0 AND 240),
        n integer NOT NULL CHECK (n > 0),
        PRIMARY KEY (site_id, group_by, local_date, key, agency_id, measure, bucket)
      )`);
    await q.query(`
      CREATE TABLE hall_month_histogram (
        site_id uuid NOT NULL REFERENCES site (id),
        month date NOT NULL,
        group_by varchar(8) NOT NULL,
        key text NOT NULL,
        agency_id uuid NOT NULL,
        measure varchar(8) NOT NULL CHECK (measure IN ('wait', 'service')),
        bucket smallint NOT NULL CHECK (bucket BETWEEN 0 AND 240),
        n integer NOT NULL CHECK (n > 0),
        PRIMARY KEY (site_id, group_by, month, key, agency_id, measure, bucket)
      )`);
    await q.query(`
      CREATE TABLE hall_day_built (
        site_id uuid NOT NULL REFERENCES site (id),
        local_date date NOT NULL,
        built_at timestamptz NOT NULL,
        PRIMARY KEY (site_id, local_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hall_day_built`);
    await q.query(`DROP TABLE hall_month_histogram`);
    await q.query(`DROP TABLE hall_day_histogram`);
    await q.query(`DROP TABLE hall_day_figures`);
  }
}
