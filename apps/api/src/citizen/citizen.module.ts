import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { NotificationsModule } from '../notifications/notifications.module';
import { CitizenAccountService } from './citizen-account.service';
import { CitizenController } from './citizen.controller';
import { CitizenHistoryService } from './citizen-history.service';
import { CitizenLinkInterceptor } from './citizen-link.interceptor';
import { CitizenRepository } from './citizen.repository';
import { CitizenSessionGuard } from './citizen-session.guard';
import { CitizenSessionsService } from './citizen-sessions.service';
import { OidcService } from './oidc.service';
import { OtpService } from './otp.service';

/**
 * The optional citizen account: sign-in by one-time code or OpenID Connect, the citizen's
 * session (a cookie, apart from staff auth), and "Riwayat saya". PiiCipher and APP_CONFIG come
 * from AppModule (global).
 */
@Module({
  imports: [NotificationsModule],
  controllers: [CitizenController],
  providers: [
    CitizenRepository,
    CitizenSessionsService,
    CitizenSessionGuard,
    CitizenHistoryService,
    CitizenAccountService,
    OtpService,
    OidcService,
    { provide: APP_INTERCEPTOR, useClass: CitizenLinkInterceptor },
  ],
  exports: [CitizenSessionsService],
})
export class CitizenModule {}
