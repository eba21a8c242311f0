import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleSweep } from '../common/interval-sweep';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BookingService } from './booking.service';

/** Marks bookings whose check-in window has closed as no-shows, on the queue's sweep interval (QUEUE_SWEEP_SECONDS, 0 = never). */
@Injectable()
export class BookingSweeper implements OnApplicationBootstrap {
  static readonly INTERVAL = 'booking no-show sweep';
  private readonly logger = new Logger(BookingSweeper.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bookings: BookingService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    scheduleSweep(this.scheduler, this.logger, BookingSweeper.INTERVAL, this.config.queueSweepSeconds, () => this.bookings.markNoShows());
  }
}
