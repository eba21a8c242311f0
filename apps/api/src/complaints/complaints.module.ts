import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ComplaintThrottlerGuard } from './complaint-throttler.guard';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintService } from './complaint.service';
import { ComplaintsAdminController } from './complaints-admin.controller';
import { ComplaintsController } from './complaints.controller';

/** Complaints and consultation (pengaduan, issue 16; docs/complaints.md). PiiCipher and Clock come from AppModule (global). */
@Module({
  imports: [CatalogueModule, NotificationsModule],
  controllers: [ComplaintsController, ComplaintsAdminController],
  providers: [ComplaintRepository, ComplaintService, ComplaintThrottlerGuard],
  exports: [],
})
export class ComplaintsModule {}
