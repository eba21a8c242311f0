import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background jobs run once across every API process (jobs/job-runner.ts): one row per named job,
 * claimed by a conditional UPDATE that takes a lease. The counters (runs, failures, abandoned) are
 * what the metrics read. last_error is the latest run's error text with digits runs and e-mail
 * addresses taken out (never personal data).
 */
export class AddJob1766100000000 implements MigrationInterface {
  name = 'AddJob1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job (
        name varchar(80) PRIMARY KEY,
        interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
        next_run_at timestamptz NOT NULL,
        lease_owner varchar(120),
        lease_until timestamptz,
        runs integer NOT NULL DEFAULT 0,
        failures integer NOT NULL DEFAULT 0,
        abandoned integer NOT NULL DEFAULT 0,
        last_started_at timestamptz,
        last_finished_at timestamptz,
        last_error text,
        CONSTRAINT ck_job_lease CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job`);
  }
}
