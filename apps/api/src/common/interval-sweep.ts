import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Runs `sweep` every `seconds` as a named interval of @nestjs/schedule's registry (so it is
 * listed there and cleared when the application shuts down); `seconds` 0 or less schedules
 * nothing. A pass still running when the next is due is not doubled; a failed pass is logged and
 * the next one runs as usual. The timer never keeps the process alive by itself.
 */
export function scheduleSweep(
  registry: SchedulerRegistry,
  logger: Logger,
  name: string,
  seconds: number,
  sweep: () => Promise<unknown>,
): void {
  if (seconds <= 0) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep()
      .catch((error: unknown) => logger.error({ msg: `${name} failed`, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  registry.addInterval(name, timer);
}
