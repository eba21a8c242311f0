import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Filing complaints, per client address and minute: 60, counted apart from every other limit.
 * A hall's phones share one public address: 60 complaints in one minute from one hall is far above
 * what a busy MPP sees (a few a day per agency), while a script sending more for a whole minute is
 * held back. Reading and the later steps are not limited here (each needs the secret or a login).
 */
export const COMPLAINT_RATE_LIMIT = 60;

@Injectable()
export class ComplaintThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = [{ name: 'complaint', ttl: 60_000, limit: COMPLAINT_RATE_LIMIT }];
  }
}
