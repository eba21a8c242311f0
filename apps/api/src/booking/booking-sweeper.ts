import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobRunner } from '../jobs/job-runner';
import { BookingService } from './booking.service';

/**
 * Marks bookings whose check-in window has closed as no-shows: the job `booking no-show sweep` of
 * the JobRunner, on the queue's sweep interval (QUEUE_SWEEP_SECONDS, 0 = never).
 */
@Injectable()
export class BookingSweeper implements OnModuleInit {
  static readonly JOB = 'booking no-show sweep';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bookings: BookingService,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: BookingSweeper.JOB, everySeconds: this.config.queueSweepSeconds, run: () => this.bookings.markNoShows() });
  }
}
