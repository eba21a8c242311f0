import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { checkJobDefinition, JobDefinition, jobErrorText, leaseRenewalMs, nextAttemptDelayMs } from './job-schedule';
import { JobRepository } from './job.repository';

/** A shut-down process waits this long for its runs in progress; a run still going then is left to its lease. */
const SHUTDOWN_WAIT_MS = 10_000;

interface ScheduledJob {
  definition: Required<JobDefinition>;
  registered: boolean;
  /** The attempt or run in progress (one at a time per process). */
  current: Promise<void> | null;
}

/**
 * Every piece of background work of the API, run once per due time across all processes on one
 * database (docs/architecture.md, Background work). A module registers a named job with its
 * interval (`register`, in its onModuleInit); from the application's bootstrap each process asks
 * the job table, at the job's due time, to claim the run (one conditional UPDATE: one process
 * gets it), runs it while renewing its lease, and records the outcome (runs, failures, the error
 * text). A process that dies mid-run leaves a lease that runs out, and another process takes the
 * job on. The waits are timeouts of @nestjs/schedule's registry (`job: <name>`), unref'd, cleared
 * at shutdown.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  /** This process in the job table's lease_owner: host, pid and a random tag (pids are reused). */
  readonly owner = `${hostname().slice(0, 80)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly jobs = new Map<string, ScheduledJob>();
  private started = false;
  private stopped = false;

  constructor(
    private readonly repo: JobRepository,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  /**
   * Adds a job to this process. A job whose interval is 0 or less is left out (a switch such as
   * QUEUE_SWEEP_SECONDS=0 turns it off). Registered before the bootstrap, it starts then; after,
   * at once.
   */
  register(job: JobDefinition): void {
    const definition = checkJobDefinition(job);
    if (this.jobs.has(definition.name)) throw new Error(`job "${definition.name}" is registered twice`);
    if (definition.everySeconds <= 0) {
      this.logger.debug({ msg: 'job off', job: definition.name });
      return;
    }
    const scheduled: ScheduledJob = { definition, registered: false, current: null };
    this.jobs.set(definition.name, scheduled);
    if (this.started && !this.stopped) this.attempt(scheduled);
  }

  /** The names of the jobs this process runs. */
  names(): string[] {
    return [...this.jobs.keys()];
  }

  onApplicationBootstrap(): void {
    this.started = true;
    for (const job of this.jobs.values()) this.attempt(job);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const name of this.jobs.keys()) this.clearTimer(name);
    const current = [...this.jobs.values()].flatMap((job) => (job.current ? [job.current] : []));
    if (!current.length) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(current), new Promise((done) => (timer = setTimeout(done, SHUTDOWN_WAIT_MS).unref()))]);
    clearTimeout(timer);
  }

  /** Asks for the job's run now, then waits for its next due time. */
  private attempt(job: ScheduledJob): void {
    const { name, everySeconds } = job.definition;
    job.current = this.claimAndRun(job)
      .catch((error: unknown) => {
        this.logger.error({ msg: 'job scheduling failed', job: name, error: jobErrorText(error) });
        return null;
      })
      .then((msUntilDue) => {
        job.current = null;
        if (this.stopped) return;
        this.clearTimer(name);
        const timer = setTimeout(() => {
          this.clearTimer(name);
          if (!this.stopped) this.attempt(job);
        }, nextAttemptDelayMs(msUntilDue, everySeconds));
        timer.unref();
        this.scheduler.addTimeout(timerName(name), timer);
      });
  }

  /** Claims and runs the job if it is due here; answers how long until it may next be claimed. */
  private async claimAndRun(job: ScheduledJob): Promise<number | null> {
    const { name, everySeconds, leaseSeconds } = job.definition;
    if (!job.registered) {
      await this.repo.register(name, everySeconds);
      job.registered = true;
    }
    const claimed = await this.repo.claim(name, this.owner, leaseSeconds);
    if (claimed) await this.run(job, claimed.startedAt);
    return this.repo.msUntilDue(name);
  }

  private async run(job: ScheduledJob, startedAt: Date): Promise<void> {
    const { name, leaseSeconds, run } = job.definition;
    const renewal = setInterval(() => {
      this.repo.renew(name, this.owner, leaseSeconds).then(
        (held) => held || this.logger.warn({ msg: 'job lease lost while running: another process may run it too', job: name }),
        (error: unknown) => this.logger.warn({ msg: 'job lease not renewed', job: name, error: jobErrorText(error) }),
      );
    }, leaseRenewalMs(leaseSeconds));
    renewal.unref();
    let failure: string | null = null;
    try {
      await run({ startedAt });
    } catch (error) {
      failure = jobErrorText(error);
      this.logger.error({ msg: `${name} failed`, job: name, error: failure });
    } finally {
      clearInterval(renewal);
    }
    await this.repo.finish(name, this.owner, failure);
  }

  private clearTimer(name: string): void {
    if (this.scheduler.doesExist('timeout', timerName(name))) this.scheduler.deleteTimeout(timerName(name));
  }
}

function timerName(job: string): string {
  return `job: ${job}`;
}
