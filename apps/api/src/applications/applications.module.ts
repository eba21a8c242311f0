import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { CitizenModule } from '../citizen/citizen.module';
import { FilesModule } from '../files/files.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AgencyApplicationsController } from './agency-applications.controller';
import { ApplicationFlagsModule } from './application-flags.module';
import { ApplicationNotifier } from './application-notifier';
import { ApplicationRepository } from './application.repository';
import { ApplicationService } from './application.service';
import { ApplicationSweeper } from './application-sweeper';
import { ApplicationThrottlerGuard } from './application-throttler.guard';
import { ApplicationUploadsService } from './application-uploads.service';
import { ApplicationNotesService } from './application-notes.service';
import { ApplicationsController } from './applications.controller';

/** Digital applications (docs/applications.md). PiiCipher, Clock and APP_CONFIG come from AppModule (global). */
@Module({
  imports: [CatalogueModule, CitizenModule, FilesModule, JobsModule, NotificationsModule, ApplicationFlagsModule],
  controllers: [ApplicationsController, AgencyApplicationsController],
  providers: [ApplicationRepository, ApplicationService, ApplicationNotifier, ApplicationSweeper, ApplicationUploadsService, ApplicationNotesService, ApplicationThrottlerGuard],
  exports: [ApplicationService],
})
export class ApplicationsModule {}
