import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Red flags (issue 15, docs/red-flags.md): each site's thresholds (no row: the defaults of
 * libs/domain DEFAULT_RED_FLAG_SETTINGS; a null threshold switches its flag off), and one row per
 * site and local day whose summary email was written, the key that makes it once a day whatever
 * the number of API processes.
 */
export class AddRedFlagSettingAndSummary1766540000000 implements MigrationInterface {
  name = 'AddRedFlagSettingAndSummary1766540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE red_flag_setting (
        site_id uuid PRIMARY KEY REFERENCES site (id) ON DELETE CASCADE,
        wait_minutes integer CONSTRAINT ck_red_flag_wait CHECK (wait_minutes BETWEEN 5 AND 480),
        idle_minutes integer CONSTRAINT ck_red_flag_idle CHECK (idle_minutes BETWEEN 5 AND 240),
        picked_share_percent integer CONSTRAINT ck_red_flag_picked_share CHECK (picked_share_percent BETWEEN 1 AND 100),
        picked_min_calls integer NOT NULL CONSTRAINT ck_red_flag_picked_min CHECK (picked_min_calls BETWEEN 1 AND 1000),
        overdue_applications integer CONSTRAINT ck_red_flag_overdue CHECK (overdue_applications BETWEEN 1 AND 1000),
        ikm_min_band char(1) CONSTRAINT ck_red_flag_ikm_band CHECK (ikm_min_band IN ('A', 'B', 'C')),
        ikm_days integer NOT NULL CONSTRAINT ck_red_flag_ikm_days CHECK (ikm_days BETWEEN 7 AND 365),
        ikm_min_respondents integer NOT NULL CONSTRAINT ck_red_flag_ikm_respondents CHECK (ikm_min_respondents BETWEEN 1 AND 1000),
        calendar_days_before integer CONSTRAINT ck_red_flag_calendar CHECK (calendar_days_before BETWEEN 1 AND 365),
        summary_hour integer CONSTRAINT ck_red_flag_summary_hour CHECK (summary_hour BETWEEN 0 AND 23),
        updated_at timestamptz NOT NULL,
        updated_by uuid REFERENCES staff_user (id)
      )`);
    await q.query(`
      CREATE TABLE red_flag_summary (
        site_id uuid NOT NULL REFERENCES site (id) ON DELETE CASCADE,
        local_date date NOT NULL,
        sent_at timestamptz NOT NULL,
        flags integer NOT NULL,
        recipients integer NOT NULL,
        PRIMARY KEY (site_id, local_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE red_flag_summary`);
    await q.query(`DROP TABLE red_flag_setting`);
  }
}
