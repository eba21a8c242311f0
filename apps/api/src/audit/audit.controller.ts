import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditPage } from '@mpp/contracts';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

/** The audit log is read only: there is no route that changes or deletes a row. */
@ApiTags('admin: audit')
@ApiBearerAuth()
@Controller('v1/admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  @ApiOperation({ summary: 'Administrative changes, newest first (who, when, before → after), within your scope; cursor paging' })
  search(@CurrentStaff() staff: StaffPrincipal, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.search(staff, query);
  }
}
