import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobRunner } from '../jobs/job-runner';
import { jobErrorText } from '../jobs/job-schedule';
import { NotificationsService } from './notifications.service';
import { RELAY_BATCH_SIZE } from './outbox-retry';

/** Messages one run sends at most; the rest wait for the next run (a backlog never makes one endless run). */
const MAX_PER_RUN = 50 * RELAY_BATCH_SIZE;

/**
 * The outbox relay: the job `outbox relay` of the JobRunner, every OUTBOX_RELAY_SECONDS (0 = off).
 * Each run claims the messages due for another attempt in small batches
 * (NotificationsService.claimDue: failed ones past their backoff, pending ones whose send's lease
 * ran out) and sends the messages of a batch together, each from its row
 * (NotificationsService.deliver: so every send begins at once, inside its lease), which records the outcome
 * and the next attempt or reports the message given up (docs/booking.md, Messages that fail).
 */
@Injectable()
export class OutboxRelay implements OnModuleInit {
  static readonly JOB = 'outbox relay';
  private readonly logger = new Logger('Notifications');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: OutboxRelay.JOB, everySeconds: this.config.outboxRelaySeconds, run: () => this.relay() });
  }

  /** One pass: answers how many messages it tried. A database error ends the run (the job fails and runs again later). */
  async relay(): Promise<number> {
    let tried = 0;
    while (tried < MAX_PER_RUN) {
      const ids = await this.notifications.claimDue(Math.min(RELAY_BATCH_SIZE, MAX_PER_RUN - tried));
      // All of a batch at once: each send begins as soon as its row is claimed, well inside its lease.
      await Promise.all(ids.map((id) => this.deliver(id)));
      tried += ids.length;
      if (ids.length < RELAY_BATCH_SIZE) break;
    }
    return tried;
  }

  private async deliver(outboxId: string): Promise<void> {
    try {
      await this.notifications.deliver(outboxId);
    } catch (error) {
      // Its row keeps its lease and is taken again when the lease runs out.
      this.logger.error({ msg: 'notification retry not recorded', outboxId, error: jobErrorText(error) });
    }
  }
}
