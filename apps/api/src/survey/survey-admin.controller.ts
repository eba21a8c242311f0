import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { sendReport } from '../common/http/send-report';
import { SiteCodePipe } from '../common/pipes';
import { SurveyReportQueryDto } from './dto/survey.dto';
import { surveyCsv, surveyFileName, surveyXlsx } from './survey-export';
import { SurveyReportService } from './survey-report.service';

@ApiTags('admin: survey')
@ApiBearerAuth()
@Controller('v1/admin')
export class SurveyAdminController {
  constructor(private readonly reports: SurveyReportService) {}

  @Get('sites/:code/survey/report')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  @ApiOperation({ summary: 'IKM over site-local dates from..to (site, or agencyId/serviceId): elements lowest first, per agency and service, sample, profile; format=csv|xlsx downloads it' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  async report(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('code', SiteCodePipe) code: string,
    @Query() query: SurveyReportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const format = query.format ?? 'json';
    const report = await this.reports.report(staff, code, query);
    await sendReport(res, format, report, { fileName: surveyFileName, csv: surveyCsv, xlsx: surveyXlsx });
  }
}
