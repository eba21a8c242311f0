import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { FilesModule } from '../files/files.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ApplicationFlagsController } from './application-flags.controller';
import { ApplicationFlags } from './application-flags';
import { ApplicationRetention } from './application-retention';

/**
 * The applications' SLA flags and escalation, and the retention of their files (docs/applications.md,
 * "Flags, escalation and retention"): jobs of the JobRunner and the flag lists of agency and site staff.
 * Imported by ApplicationsModule. PiiCipher, Clock and APP_CONFIG come from AppModule (global).
 */
@Module({
  imports: [CatalogueModule, FilesModule, JobsModule, NotificationsModule],
  controllers: [ApplicationFlagsController],
  providers: [ApplicationFlags, ApplicationRetention],
  exports: [ApplicationFlags, ApplicationRetention],
})
export class ApplicationFlagsModule {}
