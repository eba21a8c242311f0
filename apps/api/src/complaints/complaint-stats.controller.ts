import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ComplaintStatsResponse } from '@mpp/contracts';
import { Public } from '../auth/auth.decorators';
import { SiteCodePipe } from '../common/pipes';
import { ComplaintStatsService } from './complaint-stats.service';
import { ComplaintPeriodQueryDto } from './dto/complaint-period-query.dto';

/** The public's view of a site's complaint handling: figures only. */
@ApiTags('complaints (public statistics)')
@Public()
@Controller('v1/sites')
export class ComplaintStatsController {
  constructor(private readonly stats: ComplaintStatsService) {}

  @Get(':code/complaints/stats')
  @ApiOperation({ summary: "A site's complaints over a period (default: this month): received, answered, on time on each clock, average rating; per agency; no personal data" })
  forSite(@Param('code', SiteCodePipe) code: string, @Query() query: ComplaintPeriodQueryDto): Promise<ComplaintStatsResponse> {
    return this.stats.forSite(code, query);
  }
}
