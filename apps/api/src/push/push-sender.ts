import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Agent } from 'node:https';
import { sendNotification, WebPushError, type PushSubscription as WebPushSubscription } from 'web-push';
import { PiiCipher } from '../common/pii-cipher';
import type { PushPayload } from './push-messages';
import { PushRepository, type PushTarget } from './push.repository';
import { VAPID_KEYS, type VapidKeySource } from './vapid-keys';

/** Waits before the 2nd, 3rd and 4th attempt (a push service's 429/5xx or no answer). */
export const PUSH_RETRY_DELAYS_MS = [2_000, 10_000, 30_000];
/** Sends in flight at once; more wait their turn in memory. */
const CONCURRENCY = 8;
/** Beyond this many waiting sends, new ones are dropped with a warning (the page itself still updates). */
const MAX_QUEUED = 20_000;

export interface PushJob {
  target: PushTarget;
  payload: PushPayload;
  /** Seconds the push service keeps it for an offline phone; a call is stale after ten minutes. */
  ttlSeconds: number;
}

interface QueuedJob extends PushJob {
  attempt: number;
  /** Order of enqueueing: a subscription's messages leave in this order, one at a time. */
  seq: number;
}

/**
 * Sends Web Push messages with `web-push` (VAPID, aes128gcm), after the queue's change committed
 * and outside the officer's request: `enqueue` returns at once, sends run in the background, a
 * failure is retried and at worst logged, never thrown at anyone. A subscription the push service
 * says is gone (404, 410) is deleted. Logged by subscription id and status code only: the endpoint
 * (which identifies a browser) and the text never reach the log.
 */
@Injectable()
export class PushSender implements OnModuleDestroy {
  private readonly logger = new Logger('Push');
  private readonly queue: QueuedJob[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private nextSeq = 0;
  /** Subscriptions with a message on its way: the next one for them waits (order kept). */
  private readonly busy = new Set<string>();
  /** Per subscription, the seq of its latest "called" message: an older "ahead" is not sent after it. */
  private readonly latestCall = new Map<string, number>();
  private stopped = false;
  /** Tests shorten them. */
  retryDelaysMs: readonly number[] = PUSH_RETRY_DELAYS_MS;
  /** Tests trust their own push service's certificate with it. */
  agent: Agent | undefined;

  constructor(
    private readonly repo: PushRepository,
    private readonly cipher: PiiCipher,
    @Inject(VAPID_KEYS) private readonly vapid: VapidKeySource,
  ) {}

  enqueue(job: PushJob): void {
    if (this.stopped) return;
    if (this.queue.length >= MAX_QUEUED) {
      this.logger.warn({ msg: 'push queue full; message dropped', subscriptionId: job.target.id });
      return;
    }
    const seq = this.nextSeq++;
    if (job.payload.notification.data.kind === 'called') {
      if (this.latestCall.size >= MAX_QUEUED) this.forgetSettledCalls();
      this.latestCall.set(job.target.id, seq);
    }
    this.queue.push({ ...job, attempt: 1, seq });
    this.pump();
  }

  /** Resolves once nothing is queued, sending or waiting for a retry (tests, shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.settle();
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.running === 0 && this.timers.size === 0;
  }

  private settle(): void {
    if (!this.isIdle() && !this.stopped) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }

  private pump(): void {
    // One message at a time per subscription, in the order they were queued: with the same topic
    // and tag, a late "N orang lagi" would otherwise replace "Dipanggil" on the phone.
    for (let i = 0; !this.stopped && this.running < CONCURRENCY && i < this.queue.length; ) {
      const job = this.queue[i];
      if (this.busy.has(job.target.id)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      if (job.payload.notification.data.kind === 'ahead' && (this.latestCall.get(job.target.id) ?? -1) > job.seq) continue;
      this.running++;
      this.busy.add(job.target.id);
      void this.send(job).finally(() => {
        this.running--;
        this.busy.delete(job.target.id);
        this.pump();
        this.settle();
      });
    }
  }

  private async send(job: QueuedJob): Promise<void> {
    const keys = this.vapid();
    if (!keys) return;
    let subscription: WebPushSubscription;
    try {
      subscription = JSON.parse(this.cipher.decrypt(job.target.subscriptionCipher)) as WebPushSubscription;
    } catch {
      this.logger.error({ msg: 'push subscription unreadable (another DATA_KEY?); deleted', subscriptionId: job.target.id });
      await this.repo.deleteById(job.target.id).catch(() => undefined);
      return;
    }
    try {
      await sendNotification(subscription, JSON.stringify(job.payload), {
        vapidDetails: keys,
        TTL: job.ttlSeconds,
        urgency: 'high',
        // One pending message per subscription at the push service: the call replaces "3 orang lagi".
        topic: 'ticket',
        contentEncoding: 'aes128gcm',
        timeout: 10_000,
        ...(this.agent ? { agent: this.agent } : {}),
      });
    } catch (error) {
      await this.failed(job, error);
    }
  }

  /** Bounds latestCall: only subscriptions with a message queued or on its way still need theirs. */
  private forgetSettledCalls(): void {
    const live = new Set([...this.busy, ...this.queue.map((j) => j.target.id)]);
    for (const id of this.latestCall.keys()) if (!live.has(id)) this.latestCall.delete(id);
  }

  private async failed(job: QueuedJob, error: unknown): Promise<void> {
    const status = error instanceof WebPushError ? error.statusCode : null;
    const context = { subscriptionId: job.target.id, kind: job.payload.notification.data.kind, attempt: job.attempt, status };
    if (status === 404 || status === 410) {
      this.logger.log({ msg: 'push subscription gone; deleted', ...context });
      await this.repo.deleteById(job.target.id).catch((e: unknown) => this.logger.error({ msg: 'push subscription not deleted', ...context, error: String(e) }));
      return;
    }
    const retryable = status === null || status === 429 || status >= 500;
    const delay = this.retryDelaysMs[job.attempt - 1];
    if (!retryable || delay === undefined || this.stopped) {
      this.logger.warn({ msg: 'push message given up', ...context, error: status === null ? errorName(error) : undefined });
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.queue.push({ ...job, attempt: job.attempt + 1 });
      this.pump();
      this.settle();
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}

/** A network error's code (ECONNREFUSED, ETIMEDOUT), never its message (it may carry the endpoint). */
function errorName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}
