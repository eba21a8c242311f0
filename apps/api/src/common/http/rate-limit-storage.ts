import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A Redis command that takes longer than this counts as Redis being down. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * The counters of every rate limit (login, booking, the public ticket endpoints), in Redis so
 * that all API processes count together (@nest-lab/throttler-storage-redis: one Lua script per
 * hit, a window per key). A Redis outage never turns a request into an error: while Redis does
 * not answer (refused at once, or within 500 ms), each process counts in its own memory, as with
 * no Redis at all, and says so once in the log (warn); when Redis answers again, it says that too
 * and the shared counts go on.
 */
export class SharedRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  /** Per-process counts, only while Redis is unreachable. */
  private readonly local = new ThrottlerStorageService();
  private down = false;

  constructor(redisUrl: string) {
    this.redis = new Redis(redisUrl, {
      // Fail at once while disconnected instead of queueing: the request falls back, never waits.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
      keyPrefix: 'mpp:rate:',
    });
    // Without a listener ioredis prints every failed reconnect; the fall-back below logs the outage once.
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.down) {
        this.down = false;
        this.logger.log({ msg: 'Redis answers again: rate limits are shared by every API process again' });
      }
      return record;
    } catch (error) {
      if (!this.down) {
        this.down = true;
        this.logger.warn({ msg: 'Redis unreachable: rate limits are counted per API process until it is back', error: (error as Error).message });
      }
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect(false);
  }
}

/** Shared counts with REDIS_URL; without it, undefined: @nestjs/throttler's in-memory storage, per process. */
export function rateLimitStorage(redisUrl: string | null): ThrottlerStorage | undefined {
  return redisUrl === null ? undefined : new SharedRateLimitStorage(redisUrl);
}
