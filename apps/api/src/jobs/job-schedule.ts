/**
 * The pure parts of the job runner (job-runner.ts): what a job is, how long a process sleeps
 * before it next asks for a job, when it renews a lease, and the error text kept in the job table.
 */

/** What the code that owns some background work hands the runner (JobRunner.register). */
export interface JobDefinition {
  /**
   * Unique across the deployment: the job table's key, and the `job` label of the metrics. Words
   * and spaces, up to 80 characters (`day-end sweep`).
   */
  name: string;
  /** Seconds from the start of one run to the next due time; 0 or less: the job never runs. */
  everySeconds: number;
  /**
   * How long another process waits for this one before it takes over a run that it stopped
   * renewing (the process died). Renewed every third of it while the run goes on, so a run may
   * last longer. Default DEFAULT_LEASE_SECONDS.
   */
  leaseSeconds?: number;
  /** One run. A throw is a failed run: logged, counted, and the job runs again at its next due time. */
  run: (context: JobRunContext) => Promise<unknown>;
}

export interface JobRunContext {
  /** The database's time when this process claimed the run. */
  startedAt: Date;
}

export const DEFAULT_LEASE_SECONDS = 60;
export const MAX_JOB_NAME_LENGTH = 80;
export const MAX_JOB_ERROR_LENGTH = 300;

/** A valid definition with its defaults, or an Error that says what is wrong. */
export function checkJobDefinition(job: JobDefinition): Required<JobDefinition> {
  if (!/^[a-z0-9][a-z0-9 ._:-]*$/i.test(job.name) || job.name.length > MAX_JOB_NAME_LENGTH) {
    throw new Error(`job name "${job.name}": letters, digits, spaces and . _ : - only, at most ${MAX_JOB_NAME_LENGTH} characters`);
  }
  if (!Number.isFinite(job.everySeconds)) throw new Error(`job "${job.name}": everySeconds must be a number`);
  const leaseSeconds = job.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1) throw new Error(`job "${job.name}": leaseSeconds must be a whole number of seconds, at least 1`);
  return { ...job, everySeconds: Math.round(job.everySeconds), leaseSeconds };
}

/**
 * How long a process sleeps before it asks for the job again: until the database says it is due
 * (the due time, or the end of another process's lease), a few milliseconds late so as not to
 * arrive before it, and never longer than the job's interval (a lease renewed or a due time moved
 * by another process is seen at the latest one interval on).
 */
export function nextAttemptDelayMs(msUntilDue: number | null, everySeconds: number): number {
  const interval = everySeconds * 1000;
  if (msUntilDue === null || !Number.isFinite(msUntilDue)) return interval;
  return Math.min(Math.max(Math.ceil(msUntilDue), 0) + 5, interval);
}

/** How often a process renews the lease of a run it is still doing: three times per lease. */
export function leaseRenewalMs(leaseSeconds: number): number {
  return Math.max(Math.floor((leaseSeconds * 1000) / 3), 100);
}

/**
 * The text kept in job.last_error and logged: the error's message without what could be a
 * person's data (an e-mail address, a run of 5 or more digits such as a NIK or a phone number),
 * on one line, at most MAX_JOB_ERROR_LENGTH characters.
 */
export function jobErrorText(error: unknown): string {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const text = message
    .replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, '[email]')
    .replace(/\+?\d[\d -]{3,}\d/g, (run) => (run.replace(/\D/g, '').length >= 5 ? '[number]' : run))
    .replace(/\s+/g, ' ')
    .trim();
  return (text || 'unknown error').slice(0, MAX_JOB_ERROR_LENGTH);
}
