import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { addDaysToLocalDate, localDate } from '@mpp/domain';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { JobRunner } from '../jobs/job-runner';
import { ReportsRollupRepository } from './reports-rollup.repository';

/** At most this many days per site in one run: the first backfill of a year takes a dozen runs, each short. */
export const ROLLUP_DAYS_PER_RUN = 31;

/**
 * The job `reports.rollup` (docs/reports.md, "The rollup"): builds every past day of every site
 * that is not built yet (a new site's history, a day the day-end close changed later), oldest
 * first, one transaction per day. Every REPORTS_ROLLUP_SECONDS (0 = off; off with the sweeps,
 * QUEUE_SWEEP_SECONDS=0, as in tests, which run it by hand).
 */
@Injectable()
export class ReportsRollup implements OnModuleInit {
  static readonly JOB = 'reports.rollup';
  private readonly logger = new Logger('ReportsRollup');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ReportsRollupRepository,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: ReportsRollup.JOB,
      everySeconds: this.config.queueSweepSeconds > 0 ? this.config.reportsRollupSeconds : 0,
      run: async () => {
        await this.run();
      },
    });
  }

  /** One run: up to ROLLUP_DAYS_PER_RUN days per site, up to yesterday (site-local). Answers the days built. */
  async run(daysPerRun = ROLLUP_DAYS_PER_RUN): Promise<number> {
    let built = 0;
    for (const site of await this.repo.sites()) {
      const yesterday = addDaysToLocalDate(localDate(this.clock.now(), site.time_zone), -1);
      for (const day of await this.repo.daysToBuild(site.id, yesterday, daysPerRun)) {
        await this.repo.buildDay(site, day, this.clock.now());
        built++;
      }
    }
    if (built > 0) this.logger.log({ msg: 'rollup built', days: built });
    return built;
  }

  /** Builds one day of a site again now (tests; a repair by hand). */
  async buildDay(siteId: string, day: string): Promise<void> {
    const site = (await this.repo.sites()).find((s) => s.id === siteId);
    if (!site) throw new Error(`no site ${siteId}`);
    await this.repo.buildDay(site, day, this.clock.now());
  }
}
