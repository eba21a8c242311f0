import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

const MINUTE_MS = 60_000;

/**
 * The public ticket endpoints, per client address and minute (TRUST_PROXY decides what the
 * address is). A hall's phones usually share one public address (the hall's Wi-Fi, or a
 * carrier's NAT), and every phone on a ticket page reads its ticket again each time the queue of
 * its service moves, so the limits are sized for the hall, not for one phone; see docs/api.md
 * (Rate limits) for the arithmetic. Each endpoint counts separately, in the module's storage like
 * every other limit: shared by all API processes with REDIS_URL, per process without
 * (rate-limit-storage.ts).
 */
abstract class TicketThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected abstract limit(config: AppConfig): number;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    // Only this guard's limit: the module's named throttlers (login, booking) are other guards'.
    this.throttlers = [{ name: 'default', ttl: MINUTE_MS, limit: this.limit(this.config) }];
  }
}

/** Look-up and cancel: TICKET_RATE_LIMIT (3,000 a minute by default). */
@Injectable()
export class TicketLookupThrottlerGuard extends TicketThrottlerGuard {
  protected limit(config: AppConfig): number {
    return config.ticketRateLimit.lookup;
  }
}

/** The PDF and the print page, which cost a rendering each: TICKET_PRINT_RATE_LIMIT (300 a minute). */
@Injectable()
export class TicketPrintThrottlerGuard extends TicketThrottlerGuard {
  protected limit(config: AppConfig): number {
    return config.ticketRateLimit.print;
  }
}
