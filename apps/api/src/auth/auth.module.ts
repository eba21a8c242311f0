import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DevicesService } from './devices.service';
import { DeviceEntity } from './entities/device.entity';
import { SecondFactorAdminController } from './second-factor-admin.controller';
import { StaffUserEntity } from './entities/staff-user.entity';
import { SessionEvents } from './session-events';
import { StaffUsersService } from './staff-users.service';

/** SiteDirectory (what auth reads of the catalogue) is bound in AppModule. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffUserEntity, DeviceEntity])],
  controllers: [AuthController, AdminUsersController, SecondFactorAdminController],
  providers: [SessionEvents, AuthService, StaffUsersService, DevicesService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionEvents],
})
export class AuthModule {}
