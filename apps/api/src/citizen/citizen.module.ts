import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { CitizenAccountService } from './citizen-account.service';
import { CitizenController } from './citizen.controller';
import { CitizenHistoryService } from './citizen-history.service';
import { CITIZEN_LINKED_ROUTES, CitizenLinkMiddleware } from './citizen-link.middleware';
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
    CitizenLinkMiddleware,
  ],
  exports: [CitizenSessionsService],
})
export class CitizenModule implements NestModule {
  /** The link to the signed-in citizen, on its two routes only (a global interceptor cost every request ~0.3 ms). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CitizenLinkMiddleware).forRoutes(...CITIZEN_LINKED_ROUTES.map(({ path, method }) => ({ path, method })));
  }
}
