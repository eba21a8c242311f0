import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * The public survey endpoints, per client address, endpoint and minute: 300, counted apart from
 * every other limit in the module's storage (shared by all API processes with REDIS_URL). A hall's
 * phones share one public address: 300 forms or answers a minute is far more than a hall finishes;
 * an address sending more is guessing tokens.
 */
export const SURVEY_RATE_LIMIT = 300;

@Injectable()
export class SurveyThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = [{ name: 'survey', ttl: 60_000, limit: SURVEY_RATE_LIMIT }];
  }
}
