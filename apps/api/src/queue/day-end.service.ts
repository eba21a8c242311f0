import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { localDate } from '@mpp/domain';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobRunner } from '../jobs/job-runner';
import { QueuePublisher } from './queue-publisher';
import { QueueRepository } from './queue.repository';
import { siteOpenNow } from './site-hours';

/**
 * The end of a queue day, with no job at midnight: numbering is per site-local date, so a new
 * day starts new numbers by itself. Tickets left open are closed as not served: those of a past
 * day whenever the site's queue is next touched, and waiting or called ones of today once the
 * site has closed, by a light sweep: the job `day-end sweep` of the JobRunner, every
 * QUEUE_SWEEP_SECONDS (0 = never), run by one process at a time.
 */
@Injectable()
export class DayEndService implements OnModuleInit {
  static readonly JOB = 'day-end sweep';
  private readonly logger = new Logger(DayEndService.name);
  private readonly checkedDay = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
    private readonly publisher: QueuePublisher,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: DayEndService.JOB, everySeconds: this.config.queueSweepSeconds, run: () => this.sweep() });
  }

  /** Closes what earlier days left open at a site; cheap after the first call of a day. */
  async closePastDays(siteId: string, today: string): Promise<number> {
    if (this.checkedDay.get(siteId) === today) return 0;
    const closed = await this.close(siteId, { beforeDate: today, onDate: null, statuses: ['waiting', 'called', 'serving'] });
    this.checkedDay.set(siteId, today);
    return closed;
  }

  /** One pass over the sites with open tickets. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    let closed = 0;
    for (const siteId of await this.repo.listSiteIdsWithOpenTickets()) {
      const site = await this.catalogue.findSiteById(siteId);
      if (!site) continue;
      const today = localDate(now, site.timeZone);
      closed += await this.close(siteId, { beforeDate: today, onDate: null, statuses: ['waiting', 'called', 'serving'] });
      const open = await siteOpenNow(this.catalogue, site, now);
      // After closing time nobody is called any more; a ticket being served is finished by its officer.
      if (!open.open) closed += await this.close(siteId, { beforeDate: null, onDate: today, statuses: ['waiting', 'called'] });
    }
    return closed;
  }

  private async close(
    siteId: string,
    q: { beforeDate: string | null; onDate: string | null; statuses: ('waiting' | 'called' | 'serving')[] },
  ): Promise<number> {
    const at = this.clock.now();
    const closed = await this.repo.transaction((tx) => this.repo.closeOpenTickets(tx, { siteId, ...q, at }));
    // After the commit: telling the screens may fail (logged), the closing stands.
    for (const c of closed) {
      try {
        const row = await this.repo.findTicketById(c.id);
        if (row) this.publisher.ticketChanged(null, row, 'close_day', null);
      } catch (error) {
        this.logger.error({ msg: 'closed ticket not announced', ticketId: c.id, error: (error as Error).message });
      }
    }
    if (closed.length) this.logger.log({ msg: 'closed open tickets as not served', siteId, count: closed.length });
    return closed.length;
  }
}
