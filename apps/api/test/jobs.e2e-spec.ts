import { Client } from 'pg';
import { JobRunner } from '../src/jobs/job-runner';
import type { JobRow } from '../src/jobs/job.repository';
import { BookingSweeper } from '../src/booking/booking-sweeper';
import { DayEndService } from '../src/queue/day-end.service';
import { ApiProcess, clusterSecrets, killApiProcesses, startApiProcessesTogether } from './support/api-processes';
import { createTestDatabase, TestDatabase } from './support/test-app';
import { JOB_PROBE_TABLE, STUCK_LEASE_SECONDS, TEST_JOBS } from './support/test-jobs';

/**
 * Background work across processes (docs/architecture.md, Background work): two real API
 * processes on one database, every job due each second; each due run is claimed by one process.
 */
describe(`${JobRunner.name} across processes`, () => {
  let db: TestDatabase;
  let sql: Client;
  let processes: ApiProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(JOB_PROBE_TABLE);
    processes = await startApiProcessesTogether(2, {
      databaseUrl: db.url,
      secrets: clusterSecrets(),
      env: { QUEUE_SWEEP_SECONDS: '1', MPP_CHILD_TEST_JOBS: 'probe,flaky,stuck' },
    });
  }, 120_000);

  afterAll(async () => {
    await killApiProcesses();
    await sql?.end();
    await db?.drop();
  }, 60_000);

  const job = async (name: string): Promise<JobRow | undefined> => (await sql.query<JobRow>(`SELECT * FROM job WHERE name = $1`, [name])).rows[0];
  const probes = async (name: string, since = new Date(0)) =>
    (
      await sql.query<{ pid: number; started_at: Date }>(`SELECT pid, started_at FROM job_probe WHERE job = $1 AND started_at >= $2 ORDER BY started_at, id`, [
        name,
        since,
      ])
    ).rows;
  /** Polls the database (every 100 ms, at most `ms`) until `check` answers true. */
  const until = async (what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const dbNow = async (): Promise<Date> => (await sql.query<{ now: Date }>(`SELECT clock_timestamp() AS now`)).rows[0].now;

  it('should run each due run of a job once, by one of the processes, and count it', async () => {
    // From now on both processes are up and ask for the job at every due time.
    const since = await dbNow();
    await until('six runs of the probe', async () => (await probes(TEST_JOBS.probe, since)).length >= 6);

    const rows = await probes(TEST_JOBS.probe, since);
    const all = await probes(TEST_JOBS.probe);
    const row = (await job(TEST_JOBS.probe))!;
    // Two processes each running it every second would start runs less than a second apart.
    const gaps = rows.slice(1).map((r, i) => r.started_at.getTime() - rows[i].started_at.getTime());
    expect(gaps.filter((gap) => gap < 1000)).toEqual([]);
    expect(new Set(rows.map((r) => r.started_at.getTime())).size).toBe(rows.length);
    // A run writes its row before it is counted: the count is at most one behind.
    expect(all.length - row.runs).toBeGreaterThanOrEqual(0);
    expect(all.length - row.runs).toBeLessThanOrEqual(1);
    expect(row).toMatchObject({ interval_seconds: 1, failures: 0, abandoned: 0, last_error: null });
    expect(rows.every((r) => processes.some((p) => p.pid === r.pid))).toBe(true);
  });

  it('should count a failed run, log it without personal data, and run the job again at its next due time', async () => {
    await until('the flaky job run again after its failure', async () => ((await job(TEST_JOBS.flaky))?.runs ?? 0) >= 3);

    const row = (await job(TEST_JOBS.flaky))!;
    expect(row).toMatchObject({ failures: 1, last_error: null });
    const failureLines = processes.flatMap((p) => p.output.filter((line) => line.includes(`"${TEST_JOBS.flaky} failed"`)));
    expect(failureLines).toHaveLength(1);
    expect(JSON.parse(failureLines[0])).toMatchObject({ level: 'error', job: TEST_JOBS.flaky, error: 'flaky probe: no answer from [number] for [email]' });
    const rows = await probes(TEST_JOBS.flaky);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[1].started_at.getTime() - rows[0].started_at.getTime()).toBeGreaterThanOrEqual(1000);
  });

  it("should run the queue's sweeps as jobs: tickets a past day left open closed once, each with one event", async () => {
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO ticket (site_id, service_id, prefix, number, local_date, public_code, priority, source, status, queue_at, issued_at)
       SELECT s.site_id, s.id, 'Z', g, DATE '2026-01-05', 'JOBTEST' || g, 'regular', 'kiosk', 'waiting', now(), now()
         FROM (SELECT id, site_id FROM service ORDER BY code LIMIT 1) s, generate_series(1, 20) g
       RETURNING id`,
    );
    const ids = inserted.rows.map((r) => r.id);

    await until('the day-end sweep closed them', async () => {
      const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket WHERE id = ANY($1) AND status = 'not_served'`, [ids]);
      return rows[0].n === ids.length;
    });
    const dayEnd = (await job(DayEndService.JOB))!;
    const sweepsBefore = dayEnd.runs;
    await until('two more day-end sweeps', async () => (await job(DayEndService.JOB))!.runs >= sweepsBefore + 2);

    const { rows: events } = await sql.query<{ ticket_id: string; n: number }>(
      `SELECT ticket_id, count(*)::int AS n FROM ticket_event WHERE ticket_id = ANY($1) AND action = 'close_day' GROUP BY ticket_id ORDER BY ticket_id`,
      [ids],
    );
    expect(events).toEqual([...ids].sort().map((id) => ({ ticket_id: id, n: 1 })));
    expect(await job(DayEndService.JOB)).toMatchObject({ interval_seconds: 1, failures: 0, last_error: null });
    expect((await job(BookingSweeper.JOB))!.runs).toBeGreaterThan(0);
    expect(await job(BookingSweeper.JOB)).toMatchObject({ failures: 0, last_error: null });
  });

  it('should let another process take over a job whose process was killed mid-run once its lease runs out, and never before', async () => {
    await until('a process holds the stuck job', async () => (await job(TEST_JOBS.stuck))?.lease_owner != null);
    const held = (await job(TEST_JOBS.stuck))!;
    const holder = processes.find((p) => held.lease_owner!.includes(`:${p.pid}:`))!;
    const other = processes.find((p) => p !== holder)!;
    // While its process lives, the run keeps its lease past the first STUCK_LEASE_SECONDS: no second run.
    await until('the run outlived its first lease', async () => (await dbNow()).getTime() > held.last_started_at!.getTime() + (STUCK_LEASE_SECONDS + 1) * 1000);
    expect(await job(TEST_JOBS.stuck)).toMatchObject({ lease_owner: held.lease_owner, runs: 0, abandoned: 0 });
    expect(await probes(TEST_JOBS.stuck)).toHaveLength(1);

    await holder.kill();
    const killedAt = await dbNow();
    await until('the other process runs it', async () => (await probes(TEST_JOBS.stuck)).length === 2, 10_000);

    const rows = await probes(TEST_JOBS.stuck);
    expect(rows[1].pid).toBe(other.pid);
    // The lease was renewed at most a third of it before the kill: it ran out within STUCK_LEASE_SECONDS,
    // and the other process asks when it ends (a second of slack for a loaded machine).
    expect(rows[1].started_at.getTime() - killedAt.getTime()).toBeLessThanOrEqual(STUCK_LEASE_SECONDS * 1000 + 1000);
    expect(await job(TEST_JOBS.stuck)).toMatchObject({ abandoned: 1, lease_owner: expect.stringContaining(`:${other.pid}:`) });
  });
});
