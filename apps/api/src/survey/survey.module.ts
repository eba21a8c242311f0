import { Module } from '@nestjs/common';
import { SurveyAdminController } from './survey-admin.controller';
import { SurveyReportService } from './survey-report.service';
import { SurveyThrottlerGuard } from './survey-throttler.guard';
import { SurveyController } from './survey.controller';
import { SurveyRepository } from './survey.repository';
import { SurveyService } from './survey.service';

/** The SKM survey (PermenPANRB 14/2017, issue 15): one-time tokens, anonymous answers, IKM reports. */
@Module({
  imports: [],
  controllers: [SurveyController, SurveyAdminController],
  providers: [SurveyRepository, SurveyService, SurveyReportService, SurveyThrottlerGuard],
  exports: [SurveyRepository],
})
export class SurveyModule {}
