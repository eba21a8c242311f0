import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ComplaintExportController } from './complaint-export.controller';
import { ComplaintExportService } from './complaint-export.service';
import { ComplaintStatsController } from './complaint-stats.controller';
import { ComplaintStatsRepository } from './complaint-stats.repository';
import { ComplaintStatsService } from './complaint-stats.service';
import { ComplaintThrottlerGuard } from './complaint-throttler.guard';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintService } from './complaint.service';
import { ComplaintsAdminController } from './complaints-admin.controller';
import { ComplaintsController } from './complaints.controller';

/** Complaints and consultation (pengaduan, issue 16; docs/complaints.md). PiiCipher and Clock come from AppModule (global). */
@Module({
  imports: [CatalogueModule, NotificationsModule],
  controllers: [ComplaintsController, ComplaintExportController, ComplaintsAdminController, ComplaintStatsController],
  providers: [ComplaintRepository, ComplaintService, ComplaintThrottlerGuard, ComplaintStatsRepository, ComplaintStatsService, ComplaintExportService],
  exports: [],
})
export class ComplaintsModule {}
