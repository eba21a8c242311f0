import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffUserResponse } from '@mpp/contracts';
import { UuidPipe } from '../common/pipes';
import { CurrentStaff, StaffRoles } from './auth.decorators';
import { AuthService } from './auth.service';
import type { StaffPrincipal } from './principal';

@ApiTags('admin: staff and devices')
@ApiBearerAuth()
@Controller('v1/admin/users')
export class SecondFactorAdminController {
  constructor(private readonly auth: AuthService) {}

  @Post(':id/second-factor/reset')
  @HttpCode(200)
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({
    summary: "Clears another administrator's authenticator (a lost phone): they enrol again at the next sign-in, and their sessions end. System admins: any administrator; site admins: their site's agency admins",
  })
  reset(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<StaffUserResponse> {
    return this.auth.resetSecondFactor(staff, id);
  }
}
