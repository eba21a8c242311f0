import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { JobRunner } from '../../src/jobs/job-runner';

/**
 * Jobs that only the tests register (api-child.ts, MPP_CHILD_TEST_JOBS=probe,flaky,stuck), every
 * second, each writing one row per run into job_probe (a table the test creates): what each run
 * did is then counted from outside.
 */
export const JOB_PROBE_TABLE = `CREATE TABLE job_probe (id serial PRIMARY KEY, job text NOT NULL, pid integer NOT NULL, started_at timestamptz NOT NULL)`;

export const TEST_JOBS = {
  /** Writes its row and ends. */
  probe: 'test probe',
  /** Writes its row; its first run then fails with an error that names a phone number and an e-mail address. */
  flaky: 'test flaky',
  /** Writes its row and never ends (lease 2 s, renewed while the process lives). */
  stuck: 'test stuck',
} as const;

export const STUCK_LEASE_SECONDS = 2;

export function registerTestJobs(app: NestExpressApplication, names: string[]): void {
  const runner = app.get(JobRunner);
  const db = app.get(DataSource);
  const record = async (job: string, startedAt: Date): Promise<number> => {
    await db.query(`INSERT INTO job_probe (job, pid, started_at) VALUES ($1, $2, $3)`, [job, process.pid, startedAt]);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM job_probe WHERE job = $1`, [job])) as { n: number }[];
    return n;
  };
  for (const name of names) {
    switch (name) {
      case 'probe':
        runner.register({ name: TEST_JOBS.probe, everySeconds: 1, run: ({ startedAt }) => record(TEST_JOBS.probe, startedAt) });
        break;
      case 'flaky':
        runner.register({
          name: TEST_JOBS.flaky,
          everySeconds: 1,
          run: async ({ startedAt }) => {
            if ((await record(TEST_JOBS.flaky, startedAt)) === 1) throw new Error('flaky probe: no answer from 081234567890 for budi.santoso@example.co.id');
          },
        });
        break;
      case 'stuck':
        runner.register({
          name: TEST_JOBS.stuck,
          everySeconds: 1,
          leaseSeconds: STUCK_LEASE_SECONDS,
          run: async ({ startedAt }) => {
            await record(TEST_JOBS.stuck, startedAt);
            await new Promise<never>(() => undefined);
          },
        });
        break;
      default:
        throw new Error(`unknown test job ${name}`);
    }
  }
}
