import { Logger } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { JobRepository, type ClaimedRun } from './job.repository';
import { JobRunner } from './job-runner';

/**
 * The job table in memory, claimed as the SQL does (due and no live lease), on the fake clock.
 * One process's view: what two processes do on PostgreSQL is jobs.e2e-spec.ts.
 */
class MemoryJobs implements Pick<JobRepository, 'register' | 'claim' | 'renew' | 'finish' | 'msUntilDue'> {
  readonly rows = new Map<string, { every: number; next: number; owner: string | null; until: number | null; runs: number; failures: number; error: string | null }>();

  register(name: string, every: number): Promise<void> {
    const row = this.rows.get(name);
    if (row) row.every = every;
    else this.rows.set(name, { every, next: Date.now() + every * 1000, owner: null, until: null, runs: 0, failures: 0, error: null });
    return Promise.resolve();
  }

  claim(name: string, owner: string, lease: number): Promise<ClaimedRun | null> {
    const row = this.rows.get(name)!;
    const now = Date.now();
    if (row.next > now || (row.until !== null && row.until > now)) return Promise.resolve(null);
    Object.assign(row, { owner, until: now + lease * 1000, next: now + row.every * 1000 });
    return Promise.resolve({ startedAt: new Date(now) });
  }

  renew(name: string, owner: string, lease: number): Promise<boolean> {
    const row = this.rows.get(name)!;
    if (row.owner !== owner) return Promise.resolve(false);
    row.until = Date.now() + lease * 1000;
    return Promise.resolve(true);
  }

  finish(name: string, owner: string, error: string | null): Promise<void> {
    const row = this.rows.get(name)!;
    Object.assign(row, { runs: row.runs + 1, failures: row.failures + (error === null ? 0 : 1), error });
    if (row.owner === owner) Object.assign(row, { owner: null, until: null });
    return Promise.resolve();
  }

  msUntilDue(name: string): Promise<number | null> {
    const row = this.rows.get(name);
    return Promise.resolve(row ? Math.max(row.next, row.until ?? row.next) - Date.now() : null);
  }
}

describe(JobRunner.name, () => {
  const start = async () => {
    const table = new MemoryJobs();
    const module = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot()],
      providers: [JobRunner, { provide: JobRepository, useValue: table }],
    }).compile();
    const app = module.createNestApplication({ logger: false });
    return { app, sut: app.get(JobRunner), table };
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('should run a registered job every interval from the bootstrap until the application closes', async () => {
    const { app, sut, table } = await start();
    const run = jest.fn().mockResolvedValue(undefined);
    sut.register({ name: 'sweep', everySeconds: 30, run });
    await app.init();
    await jest.advanceTimersByTimeAsync(0);
    expect(app.get(SchedulerRegistry).getTimeouts()).toEqual(['job: sweep']);

    await jest.advanceTimersByTimeAsync(29_000);
    expect(run).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_100);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(table.rows.get('sweep')).toMatchObject({ runs: 2, failures: 0, owner: null });

    await app.close();
    expect(app.get(SchedulerRegistry).getTimeouts()).toEqual([]);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('should leave out a job whose interval is 0', async () => {
    const { app, sut, table } = await start();
    const run = jest.fn().mockResolvedValue(undefined);
    sut.register({ name: 'sweep', everySeconds: 0, run });
    await app.init();

    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(run).not.toHaveBeenCalled();
    expect(sut.names()).toEqual([]);
    expect(table.rows.size).toBe(0);
    await app.close();
  });

  it('should refuse a second job of the same name', async () => {
    const { sut } = await start();
    sut.register({ name: 'sweep', everySeconds: 1, run: () => Promise.resolve() });

    expect(() => sut.register({ name: 'sweep', everySeconds: 1, run: () => Promise.resolve() })).toThrow(/registered twice/);
  });

  it('should log and count a failed run, keep its error without personal data, and run again at the next due time', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { app, sut, table } = await start();
    const run = jest.fn().mockRejectedValueOnce(new Error('no route to 081234567890')).mockResolvedValue(undefined);
    sut.register({ name: 'sweep', everySeconds: 1, run });
    await app.init();

    await jest.advanceTimersByTimeAsync(1_100);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ msg: 'sweep failed', job: 'sweep', error: 'no route to [number]' }));
    expect(table.rows.get('sweep')).toMatchObject({ runs: 1, failures: 1, error: 'no route to [number]' });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(table.rows.get('sweep')).toMatchObject({ runs: 2, failures: 1, error: null });
    await app.close();
  });

  it('should never start a run while the previous one goes on, and renew its lease meanwhile', async () => {
    const { app, sut, table } = await start();
    let finish!: () => void;
    const run = jest
      .fn()
      .mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)))
      .mockResolvedValue(undefined);
    sut.register({ name: 'slow', everySeconds: 1, leaseSeconds: 3, run });
    await app.init();

    await jest.advanceTimersByTimeAsync(1_100); // the first run starts and hangs
    await jest.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(table.rows.get('slow')!.until).toBeGreaterThan(Date.now()); // renewed past its first 3 s
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2); // long overdue: at once
    await app.close();
  });
});
