import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { JobsModule } from '../jobs/jobs.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsRollup } from './reports-rollup';
import { ReportsRollupRepository } from './reports-rollup.repository';
import { ReportsService } from './reports.service';

/** The hall's performance for site and agency admins (issue 15): live figures, period reports, exports. */
@Module({
  imports: [CatalogueModule, JobsModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsRollupRepository, ReportsRollup, ReportsService],
  exports: [ReportsService, ReportsRollup],
})
export class ReportsModule {}
