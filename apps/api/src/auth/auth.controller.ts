import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { DeviceResponse, LoginResponse, LoginResult, StaffUserResponse, TotpEnrolmentResponse } from '@mpp/contracts';
import { ApiException } from '../common/errors/api-exception';
import { CurrentPrincipal, Public } from './auth.decorators';
import { AUTH_MESSAGES } from './auth.messages';
import { AuthService } from './auth.service';
import { DevicesService } from './devices.service';
import { LoginDto } from './dto/login.dto';
import { TotpConfirmDto, TotpEnrolmentDto, TotpVerifyDto } from './dto/second-factor.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { SecondFactorThrottlerGuard } from './second-factor-throttler.guard';
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
  @ApiOperation({
    summary:
      'Staff login. Officers: a JWT (status signed_in). Administrators: never a session here, but status second_factor_enrolment_required (enrolmentToken) or second_factor_required (challengeToken). Rate-limited per address and account.',
  })
  login(@Body() dto: LoginDto): Promise<LoginResult> {
    return this.auth.login(dto.email, dto.password);
  }

  @Post('totp/enrolment')
  @Public()
  @HttpCode(200)
  @UseGuards(SecondFactorThrottlerGuard)
  @SkipThrottle({ booking: true })
  @ApiOperation({ summary: "An administrator's new TOTP secret (otpauth URI, QR as data URL), shown once; asking again replaces it" })
  startEnrolment(@Body() dto: TotpEnrolmentDto): Promise<TotpEnrolmentResponse> {
    return this.auth.startTotpEnrolment(dto.enrolmentToken);
  }

  @Post('totp/enrolment/confirm')
  @Public()
  @HttpCode(200)
  @UseGuards(SecondFactorThrottlerGuard)
  @SkipThrottle({ booking: true })
  @ApiOperation({ summary: 'The first code from the authenticator app confirms the secret; returns the session' })
  confirmEnrolment(@Body() dto: TotpConfirmDto): Promise<LoginResponse> {
    return this.auth.confirmTotpEnrolment(dto.enrolmentToken, dto.code);
  }

  @Post('totp/verify')
  @Public()
  @HttpCode(200)
  @UseGuards(SecondFactorThrottlerGuard)
  @SkipThrottle({ booking: true })
  @ApiOperation({ summary: "An enrolled administrator's code (±30 s, each accepted once); returns the session. Rate-limited like the password" })
  verify(@Body() dto: TotpVerifyDto): Promise<LoginResponse> {
    return this.auth.verifyTotp(dto.challengeToken, dto.code);
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
