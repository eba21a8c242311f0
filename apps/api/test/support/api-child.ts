/**
 * One real API process for the multi-process tests (api-processes.ts starts it through ts-node):
 * the same `startServer` as main.ts, with the configuration from its environment, standing at
 * MPP_CHILD_CLOCK (an instant, then running in real time) so a test can choose a site's open hours.
 * Prints `MPP_CHILD_READY <port>` once it listens; SIGTERM stops it as main.ts does. It exits by
 * itself when the test process that started it is gone, so a crashed test leaves nothing running.
 * With MPP_CHILD_HOLD=1 it prints `MPP_CHILD_HOLDING` once loaded and starts on SIGUSR2.
 */
import 'reflect-metadata';
import { Clock } from '../../src/common/clock';
import { createRootLogger } from '../../src/common/logging/api-logger';
import { loadConfig } from '../../src/config/app-config';
import { RunningServer, startServer } from '../../src/server';
import { registerTestJobs } from './test-jobs';

/** A clock that starts at a chosen instant and then runs as real time does. */
class ShiftedClock extends Clock {
  private readonly offset: number;

  constructor(start: Date) {
    super();
    this.offset = start.getTime() - Date.now();
  }

  override now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const at = process.env.MPP_CHILD_CLOCK;
  const clock = at ? new ShiftedClock(new Date(at)) : undefined;
  // Set once it listens; a signal before then has nothing to close.
  const running: { server?: RunningServer } = {};
  // A second signal during the stop changes nothing (only SIGKILL cuts it short), as in main.ts.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void (running.server ? running.server.stop(signal) : Promise.resolve()).finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(1);
    }
  }, 1_000).unref();
  if (process.env.MPP_CHILD_HOLD === '1') {
    // startApiProcessesTogether: loaded, now wait for the signal that starts every replica at once.
    await new Promise<void>((go) => {
      // A signal listener does not keep Node running: this timer does, until the signal.
      const alive = setInterval(() => undefined, 60_000);
      process.once('SIGUSR2', () => {
        clearInterval(alive);
        go();
      });
      process.stdout.write('MPP_CHILD_HOLDING\n');
    });
  }
  const server = (running.server = await startServer(config, { root: createRootLogger(config.logLevel), clock }));
  // Jobs only the tests run (jobs.e2e-spec.ts), registered once the server is up.
  if (process.env.MPP_CHILD_TEST_JOBS) registerTestJobs(server.app, process.env.MPP_CHILD_TEST_JOBS.split(','));
  process.stdout.write(`MPP_CHILD_READY ${server.port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`MPP_CHILD_FAILED ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
