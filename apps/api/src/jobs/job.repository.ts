import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A run this process has claimed. */
export interface ClaimedRun {
  startedAt: Date;
}

/** Rows of the job table for tests, metrics and operators (no personal data). */
export interface JobRow {
  name: string;
  interval_seconds: number;
  next_run_at: Date;
  lease_owner: string | null;
  lease_until: Date | null;
  runs: number;
  failures: number;
  abandoned: number;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_error: string | null;
}

/**
 * The job table's queries (docs/architecture.md, Background work). Every time is the database's
 * `now()`, so processes whose clocks disagree still agree on what is due.
 */
@Injectable()
export class JobRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Adds the job, first due one interval from now; a job already there takes the interval given
   * (the latest process to start says it) and is due no later than one new interval from now.
   */
  async register(name: string, everySeconds: number): Promise<void> {
    await this.db.query(
      `INSERT INTO job (name, interval_seconds, next_run_at) VALUES ($1, $2::int, now() + make_interval(secs => $2::int))
       ON CONFLICT (name) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds,
                                        next_run_at = LEAST(job.next_run_at, EXCLUDED.next_run_at)`,
      [name, everySeconds],
    );
  }

  /**
   * Claims the job's due run for `owner`, or answers null: one conditional UPDATE, so of the
   * processes asking at once exactly one gets a row (the others wait for its row lock, then see
   * the due time moved on). Due means next_run_at has come and no live lease is held; the next due
   * time is set at once, one interval from this start. A lease still set but run out means the
   * process that held it died: counted in abandoned.
   */
  async claim(name: string, owner: string, leaseSeconds: number): Promise<ClaimedRun | null> {
    const rows = (await this.db.query(
      `UPDATE job SET lease_owner = $2,
                      lease_until = now() + make_interval(secs => $3::int),
                      last_started_at = now(),
                      next_run_at = now() + make_interval(secs => interval_seconds),
                      abandoned = abandoned + (lease_owner IS NOT NULL)::int
        WHERE name = $1 AND next_run_at <= now() AND (lease_until IS NULL OR lease_until <= now())
       RETURNING last_started_at AS started_at`,
      [name, owner, leaseSeconds],
    )) as [{ started_at: Date }[], number];
    const row = rows[0][0];
    return row ? { startedAt: row.started_at } : null;
  }

  /** Extends the lease of a run still going; false when another process has taken it over. */
  async renew(name: string, owner: string, leaseSeconds: number): Promise<boolean> {
    const [, count] = (await this.db.query(`UPDATE job SET lease_until = now() + make_interval(secs => $3::int) WHERE name = $1 AND lease_owner = $2`, [
      name,
      owner,
      leaseSeconds,
    ])) as [unknown, number];
    return count === 1;
  }

  /**
   * Records the end of a run: counted in runs, and in failures with its error text when it
   * failed; the lease is released if this process still holds it.
   */
  async finish(name: string, owner: string, error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE job SET runs = runs + 1,
                      failures = failures + ($3::text IS NOT NULL)::int,
                      last_error = $3,
                      last_finished_at = now(),
                      lease_owner = CASE WHEN lease_owner = $2 THEN NULL ELSE lease_owner END,
                      lease_until = CASE WHEN lease_owner = $2 THEN NULL ELSE lease_until END
        WHERE name = $1`,
      [name, owner, error],
    );
  }

  /** Milliseconds until the job may next be claimed (its due time, or the end of a lease held); null if it is not there. */
  async msUntilDue(name: string): Promise<number | null> {
    const rows = (await this.db.query(
      `SELECT extract(epoch FROM GREATEST(next_run_at, COALESCE(lease_until, next_run_at)) - now()) * 1000 AS ms FROM job WHERE name = $1`,
      [name],
    )) as { ms: string | number }[];
    return rows.length ? Number(rows[0].ms) : null;
  }

  async findAll(): Promise<JobRow[]> {
    return (await this.db.query(`SELECT * FROM job ORDER BY name`)) as JobRow[];
  }
}
