import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { DeviceResponse, LoginResponse, StaffUserResponse } from '@mpp/contracts';
import { ApiException } from '../common/errors/api-exception';
import { CurrentPrincipal, Public } from './auth.decorators';
import { AUTH_MESSAGES } from './auth.messages';
import { AuthService } from './auth.service';
import { DevicesService } from './devices.service';
import { LoginDto } from './dto/login.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly devices: DevicesService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @SkipThrottle({ booking: true })
  @ApiOperation({ summary: 'Staff login; returns a JWT. Rate-limited per address and account.' })
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.login(dto.email, dto.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in staff member' })
  me(@CurrentPrincipal() principal: Principal): Promise<StaffUserResponse> {
    if (principal.kind !== 'staff') throw ApiException.forbidden('STAFF_ONLY', AUTH_MESSAGES.staffOnly);
    return this.auth.me(principal.userId);
  }

  @Get('device')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in kiosk or display device and its site' })
  device(@CurrentPrincipal() principal: Principal): Promise<DeviceResponse> {
    if (principal.kind !== 'device') {
      throw ApiException.forbidden('DEVICE_ONLY', { id: 'Hanya untuk perangkat kios atau layar.', en: 'For kiosk and display devices only.' });
    }
    return this.devices.describe(principal.deviceId);
  }
}
