import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { QueueModule } from '../queue/queue.module';
import { BookingController } from './booking.controller';
import { BookingDocuments } from './booking-documents';
import { BookingNotifier } from './booking-notifier';
import { BookingRepository } from './booking.repository';
import { BookingService } from './booking.service';
import { BookingSweeper } from './booking-sweeper';
import { BookingThrottlerGuard } from './booking-throttler.guard';
import { CheckInController } from './check-in.controller';

/** PiiCipher comes from AppModule (global), its one provider. */
@Module({
  imports: [CatalogueModule, JobsModule, QueueModule, NotificationsModule],
  controllers: [BookingController, CheckInController],
  providers: [BookingRepository, BookingService, BookingNotifier, BookingDocuments, BookingSweeper, BookingThrottlerGuard],
  exports: [BookingService],
})
export class BookingModule {}
