import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DevicesService } from './devices.service';
import { SessionEvents } from './session-events';
import { StaffUsersService } from './staff-users.service';

@Module({
  imports: [],
  controllers: [AuthController, AdminUsersController],
  providers: [SessionEvents, AuthService, StaffUsersService, DevicesService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionEvents],
})
export class AuthModule {}
