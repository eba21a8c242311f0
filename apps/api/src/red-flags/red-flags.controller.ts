import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RedFlagListResponse, RedFlagSettingsResponse } from '@mpp/contracts';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { SiteCodePipe } from '../common/pipes';
import { RedFlagSettingsDto } from './dto/red-flag-settings.dto';
import { RedFlagsService } from './red-flags.service';

/** A site's red flags (docs/red-flags.md): the live list, and the thresholds behind it. */
@ApiTags('red flags')
@ApiBearerAuth()
@Controller('v1/admin/sites/:code/red-flags')
export class RedFlagsController {
  constructor(private readonly flags: RedFlagsService) {}

  @Get()
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  @ApiOperation({ summary: "The flags that hold now, critical first (an agency admin: only their agency's; no personal data)" })
  list(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<RedFlagListResponse> {
    return this.flags.list(staff, code);
  }

  @Get('settings')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: "The site's thresholds (the defaults until saved)" })
  settings(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<RedFlagSettingsResponse> {
    return this.flags.getSettings(staff, code);
  }

  @Put('settings')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: "Replace the site's thresholds (null switches a flag off; 422 when the daily summary would reach no site admin)" })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: RedFlagSettingsDto): Promise<RedFlagSettingsResponse> {
    return this.flags.updateSettings(staff, code, dto);
  }
}
