import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { sendReport } from '../common/http/send-report';
import { SiteCodePipe } from '../common/pipes';
import { complaintReportCsv, complaintReportFileName, complaintReportXlsx } from './complaint-report-export';
import { ComplaintReportService } from './complaint-report.service';
import { ComplaintReportQueryDto } from './dto/complaint-report-query.dto';

/** Registered before ComplaintsAdminController, whose `:id` would otherwise take "report". */
@ApiTags('admin: complaints')
@ApiBearerAuth()
@StaffRoles('system_admin', 'site_admin', 'agency_admin')
@Controller('v1/admin/sites/:code/complaints/report')
export class ComplaintReportController {
  constructor(private readonly reports: ComplaintReportService) {}

  @Get()
  @ApiOperation({ summary: 'The monthly complaint report per agency: volumes, response and resolution times, on time, ratings; format=csv|xlsx downloads it (an agency admin: their agency)' })
  async monthly(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Query() query: ComplaintReportQueryDto, @Res() res: Response): Promise<void> {
    const report = await this.reports.monthly(staff, code, query);
    await sendReport(res, query.format ?? 'json', report, { fileName: complaintReportFileName, csv: complaintReportCsv, xlsx: complaintReportXlsx });
  }
}
