import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Taking a ticket from home, per client address and minute: as many as a booking allows
 * (BOOKING_RATE_LIMIT, 30 by default), counted apart from bookings, in the module's storage
 * (shared by all API processes with REDIS_URL).
 */
@Injectable()
export class OnlineTicketThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = [{ name: 'online-ticket', ttl: 60_000, limit: this.config.bookingRateLimit }];
  }
}
