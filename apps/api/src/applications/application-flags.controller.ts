import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApplicationFlagListResponse } from '@mpp/contracts';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { UuidPipe } from '../common/pipes';
import { ApplicationFlags } from './application-flags';

/**
 * The open SLA flags of applications (due soon, overdue, at risk of being deemed granted), oldest
 * first, for the agency's staff and for the site's admins (escalation). Nothing personal.
 */
@ApiTags('applications (flags)')
@ApiBearerAuth()
@Controller('v1')
export class ApplicationFlagsController {
  constructor(private readonly flags: ApplicationFlags) {}

  @Get('agency/application-flags')
  @StaffRoles('officer', 'agency_admin')
  @ApiOperation({ summary: "The open flags of the caller's agency's applications, oldest first (at most 200; total counts all)" })
  agency(@CurrentStaff() staff: StaffPrincipal): Promise<ApplicationFlagListResponse> {
    return this.flags.listForAgency(staff);
  }

  @Get('sites/:siteId/application-flags')
  @StaffRoles('site_admin', 'system_admin')
  @ApiOperation({ summary: "The open flags of a site's applications, oldest first (its site admins; another site's answer 403)" })
  site(@CurrentStaff() staff: StaffPrincipal, @Param('siteId', UuidPipe) siteId: string): Promise<ApplicationFlagListResponse> {
    return this.flags.listForSite(staff, siteId);
  }
}
