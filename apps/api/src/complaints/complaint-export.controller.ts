import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { SiteCodePipe } from '../common/pipes';
import { ComplaintExportService, type ComplaintExport } from './complaint-export.service';
import { ComplaintPeriodQueryDto } from './dto/complaint-period-query.dto';

/** Registered before ComplaintsAdminController, whose `:id` would otherwise take "export". */
@ApiTags('admin: complaints')
@ApiBearerAuth()
@StaffRoles('system_admin', 'site_admin')
@Controller('v1/admin/sites/:code/complaints/export')
export class ComplaintExportController {
  constructor(private readonly exports: ComplaintExportService) {}

  @Get()
  @ApiOperation({ summary: "A period's complaints (default this month) as Open311 GeoReport v2 requests: text, service, agency, status, dates; never a reporter" })
  export(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Query() query: ComplaintPeriodQueryDto): Promise<ComplaintExport> {
    return this.exports.export(staff, code, query);
  }
}
