import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BookingService } from './booking.service';

/** Marks bookings whose check-in window has closed as no-shows, on the queue's sweep interval. */
@Injectable()
export class BookingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BookingSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bookings: BookingService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.queueSweepSeconds <= 0) return;
    this.timer = setInterval(() => {
      this.bookings.markNoShows().catch((error: unknown) => this.logger.error(`no-show sweep failed: ${(error as Error).message}`));
    }, this.config.queueSweepSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
