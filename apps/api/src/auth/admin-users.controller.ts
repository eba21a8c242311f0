import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DeviceRegisteredResponse, DeviceResponse, StaffUserResponse } from '@mpp/contracts';
import { SiteCodePipe, UuidPipe } from '../common/pipes';
import { CurrentStaff, StaffRoles } from './auth.decorators';
import { DevicesService } from './devices.service';
import { RegisterDeviceDto } from './dto/register-device.dto';
import { CreateStaffUserDto, UpdateStaffUserDto } from './dto/staff-user.dto';
import type { StaffPrincipal } from './principal';
import { StaffUsersService } from './staff-users.service';

@ApiTags('admin: staff and devices')
@ApiBearerAuth()
@Controller('v1/admin')
export class AdminUsersController {
  constructor(
    private readonly users: StaffUsersService,
    private readonly devices: DevicesService,
  ) {}

  @Get('users')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  listUsers(@CurrentStaff() staff: StaffPrincipal): Promise<StaffUserResponse[]> {
    return this.users.list(staff);
  }

  @Post('users')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  createUser(@CurrentStaff() staff: StaffPrincipal, @Body() dto: CreateStaffUserDto): Promise<StaffUserResponse> {
    return this.users.create(staff, dto);
  }

  @Patch('users/:id')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  updateUser(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateStaffUserDto,
  ): Promise<StaffUserResponse> {
    return this.users.update(staff, id, dto);
  }

  @Get('sites/:code/devices')
  @StaffRoles('system_admin', 'site_admin')
  listDevices(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<DeviceResponse[]> {
    return this.devices.list(staff, code);
  }

  @Post('sites/:code/devices')
  @StaffRoles('system_admin', 'site_admin')
  registerDevice(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('code', SiteCodePipe) code: string,
    @Body() dto: RegisterDeviceDto,
  ): Promise<DeviceRegisteredResponse> {
    return this.devices.register(staff, code, dto);
  }

  @Post('devices/:id/revoke')
  @HttpCode(200)
  @StaffRoles('system_admin', 'site_admin')
  revokeDevice(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<DeviceResponse> {
    return this.devices.revoke(staff, id);
  }
}
