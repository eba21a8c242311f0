import { Module } from '@nestjs/common';

/** The site's red flags (issue 15): thresholds per site, the live list, the daily summary email. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class RedFlagsModule {}
