import { Module } from '@nestjs/common';

/** The hall's performance for site and agency admins (issue 15): live figures, period reports, exports. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class ReportsModule {}
