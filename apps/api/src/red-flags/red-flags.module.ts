import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { IkmSource, SurveyAnswerIkmSource } from './ikm-source';
import { RedFlagSummary } from './red-flag-summary';
import { RedFlagsController } from './red-flags.controller';
import { RedFlagsRepository } from './red-flags.repository';
import { RedFlagsService } from './red-flags.service';

/**
 * The site's red flags (issue 15, docs/red-flags.md): thresholds per site, the live list, the
 * daily summary email (a job of the JobRunner, through the outbox). The IKM is read through the
 * IkmSource port (default: the SKM answers' table). Clock and APP_CONFIG come from AppModule (global).
 */
@Module({
  imports: [CatalogueModule, JobsModule, NotificationsModule],
  controllers: [RedFlagsController],
  providers: [RedFlagsRepository, RedFlagsService, RedFlagSummary, { provide: IkmSource, useClass: SurveyAnswerIkmSource }],
  exports: [RedFlagsService],
})
export class RedFlagsModule {}
