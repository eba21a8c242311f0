import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LivePerformanceResponse } from '@mpp/contracts';
import type { Response } from 'express';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { sendReport } from '../common/http/send-report';
import { SiteCodePipe } from '../common/pipes';
import { HallReportQueryDto } from './dto/hall-report-query.dto';
import { reportCsv, reportFileName, reportXlsx } from './report-export';
import { ReportsService } from './reports.service';

@ApiTags('admin: reports')
@ApiBearerAuth()
@Controller('v1/admin')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('sites/:code/performance/live')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  @ApiOperation({ summary: "The hall now: waiting per service, longest wait, counters open/paused/closed/idle, served and no-shows today (an agency admin: their agency's)" })
  live(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<LivePerformanceResponse> {
    return this.reports.live(staff, code);
  }

  @Get('reports/hall')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  @ApiOperation({ summary: 'Hall report over site-local dates from..to grouped by site, agency, service, counter, officer or hour; format=csv|xlsx downloads it' })
  async hall(@CurrentStaff() staff: StaffPrincipal, @Query() query: HallReportQueryDto, @Res() res: Response): Promise<void> {
    const report = await this.reports.hall(staff, query);
    await sendReport(res, query.format ?? 'json', report, { fileName: reportFileName, csv: reportCsv, xlsx: reportXlsx });
  }
}
