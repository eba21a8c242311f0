import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ComplaintSettingsResponse } from '@mpp/contracts';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { SiteCodePipe } from '../common/pipes';
import { ComplaintSettingsDto } from './complaint-settings.dto';
import { ComplaintSettingsService } from './complaint-settings.service';

/** A site's complaint settings (docs/complaints.md): the clocks in working days, the untouched flag, the reopen period. */
@ApiTags('complaints (staff)')
@ApiBearerAuth()
@StaffRoles('system_admin', 'site_admin')
@Controller('v1/admin/sites/:code/complaint-settings')
export class ComplaintSettingsController {
  constructor(private readonly settings: ComplaintSettingsService) {}

  @Get()
  @ApiOperation({ summary: "The site's complaint settings (the defaults until saved; null clock = the legal default)" })
  get(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<ComplaintSettingsResponse> {
    return this.settings.get(staff, code);
  }

  @Put()
  @ApiOperation({ summary: 'Replace them (422 out of range or first response longer than resolution); written to the audit log' })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: ComplaintSettingsDto): Promise<ComplaintSettingsResponse> {
    return this.settings.update(staff, code, dto);
  }
}
