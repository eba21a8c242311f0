import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Creating applications and uploading their documents, per client address, endpoint and minute:
 * 300, counted apart from every other limit, in the module's storage (shared by all API processes with
 * REDIS_URL). A hall's phones usually share one public address: 50 citizens at once, each
 * creating an application and sending five documents, is 300 requests; an address sending more for
 * a whole minute is a script. Reading and the other steps are not limited here (each is one row).
 */
export const APPLICATION_RATE_LIMIT = 300;

@Injectable()
export class ApplicationThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = [{ name: 'application', ttl: 60_000, limit: APPLICATION_RATE_LIMIT }];
  }
}
