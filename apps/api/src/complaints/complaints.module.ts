import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { FilesModule } from '../files/files.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PushModule } from '../push/push.module';
import { ComplaintEscalation } from './complaint-escalation';
import { ComplaintEscalationRepository } from './complaint-escalation.repository';
import { ComplaintExportController } from './complaint-export.controller';
import { ComplaintExportService } from './complaint-export.service';
import { ComplaintPhotosAdminController, ComplaintPhotosController } from './complaint-photos.controller';
import { ComplaintPhotoRepository } from './complaint-photos.repository';
import { ComplaintPhotosService } from './complaint-photos.service';
import { ComplaintEvents } from './complaint-events';
import { ComplaintPushController } from './complaint-push.controller';
import { ComplaintPushRepository } from './complaint-push.repository';
import { ComplaintPushService } from './complaint-push.service';
import { ComplaintReportController } from './complaint-report.controller';
import { ComplaintSettingsController } from './complaint-settings.controller';
import { ComplaintSettingsRepository } from './complaint-settings.repository';
import { ComplaintSettingsService } from './complaint-settings.service';
import { ComplaintReportRepository } from './complaint-report.repository';
import { ComplaintReportService } from './complaint-report.service';
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
  imports: [CatalogueModule, FilesModule, NotificationsModule, PushModule, JobsModule],
  controllers: [ComplaintsController, ComplaintExportController, ComplaintReportController, ComplaintsAdminController, ComplaintStatsController, ComplaintPhotosController, ComplaintPhotosAdminController, ComplaintPushController, ComplaintSettingsController],
  providers: [ComplaintRepository, ComplaintService, ComplaintThrottlerGuard, ComplaintStatsRepository, ComplaintStatsService, ComplaintExportService, ComplaintReportRepository, ComplaintReportService, ComplaintPhotoRepository, ComplaintPhotosService, ComplaintEvents, ComplaintPushRepository, ComplaintPushService, ComplaintSettingsRepository, ComplaintSettingsService, ComplaintEscalationRepository, ComplaintEscalation],
  exports: [],
})
export class ComplaintsModule {}
