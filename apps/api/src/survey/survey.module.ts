import { Module } from '@nestjs/common';

/** The SKM survey (PermenPANRB 14/2017, issue 15): one-time tokens, anonymous answers, IKM reports. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class SurveyModule {}
