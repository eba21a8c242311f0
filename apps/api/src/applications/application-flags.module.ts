import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';

/**
 * The applications' SLA flags and escalation, and the retention of their files (docs/applications.md,
 * "Flags, escalation and retention"): jobs of the JobRunner and the flag lists of agency and site staff.
 * Imported by ApplicationsModule.
 */
@Module({
  imports: [CatalogueModule, JobsModule, NotificationsModule],
  controllers: [],
  providers: [],
})
export class ApplicationFlagsModule {}
