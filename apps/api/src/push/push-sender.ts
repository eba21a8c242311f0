import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Agent } from 'node:https';
import { sendNotification, WebPushError, type PushSubscription as WebPushSubscription } from 'web-push';
import { PiiCipher } from '../common/pii-cipher';
import type { PushKind, PushPayload } from './push-messages';
import { PushRepository, type PushTarget } from './push.repository';
import { VAPID_KEYS, type VapidKeySource } from './vapid-keys';

/** Waits before the 2nd, 3rd and 4th attempt (a push service's 429/5xx or no answer). */
export const PUSH_RETRY_DELAYS_MS = [2_000, 10_000, 30_000];
/**
 * How long a send may wait for the push service's answer. Beyond it the send counts as failed and
 * is retried, although the push service may have taken it: the resend carries the same `Topic`
 * (it replaces the first while that one is still pending) and the same notification tag (it
 * replaces the first on the phone), and it is not made at all once a newer message for the
 * subscription is queued.
 */
export const PUSH_SEND_TIMEOUT_MS = 10_000;
/**
 * Web Push `Topic` of every message: the push service keeps one pending message per subscription
 * and topic, so a newer message (or a resend) replaces one not yet delivered to an offline phone.
 */
export const PUSH_TOPIC = 'ticket';
/** The `Topic` of a complaint's status messages: the newest status replaces one not yet delivered. */
export const COMPLAINT_PUSH_TOPIC = 'complaint';
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

interface WaitingRetry {
  job: QueuedJob;
  timer: NodeJS.Timeout;
}

/**
 * Sends Web Push messages with `web-push` (VAPID, aes128gcm), after the queue's change committed
 * and outside the officer's request: `enqueue` returns at once, sends run in the background, a
 * failure is retried and at worst logged, never thrown at anyone. A subscription's messages leave
 * one at a time in the order queued, a retry included (the subscription stays busy while it waits);
 * a newer message for the subscription replaces a failed one rather than following it (same topic
 * and tag: a stale "Dipanggil: menuju loket 1" must not arrive after "... loket 2"). A subscription
 * the push service says is gone (404, 410) is deleted. Logged by subscription id and status code only: the endpoint
 * (which identifies a browser) and the text never reach the log.
 */
@Injectable()
export class PushSender implements OnModuleDestroy {
  private readonly logger = new Logger('Push');
  private readonly queue: QueuedJob[] = [];
  /**
   * Per subscription, a failed message waiting for its next attempt. The subscription stays busy
   * meanwhile (nothing of its own overtakes the retry), and a newer message for it drops the retry
   * and goes at once: same topic and tag, the newer one is what the phone should show.
   */
  private readonly retrying = new Map<string, WaitingRetry>();
  /** Subscriptions whose retry is due and back in the queue, waiting for a sending slot. */
  private readonly queuedRetries = new Set<string>();
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
  sendTimeoutMs = PUSH_SEND_TIMEOUT_MS;
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
    this.supersedeRetry(job.target.id, job.payload.notification.data.kind);
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
    for (const { timer } of this.retrying.values()) clearTimeout(timer);
    this.retrying.clear();
    this.queue.length = 0;
    this.queuedRetries.clear();
    this.settle();
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.running === 0 && this.retrying.size === 0;
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
      if (this.busy.has(job.target.id) || this.retrying.has(job.target.id)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      if (job.attempt > 1) this.queuedRetries.delete(job.target.id);
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
        topic: job.payload.notification.data.kind === 'complaint' ? COMPLAINT_PUSH_TOPIC : PUSH_TOPIC,
        contentEncoding: 'aes128gcm',
        timeout: this.sendTimeoutMs,
        ...(this.agent ? { agent: this.agent } : {}),
      });
    } catch (error) {
      await this.failed(job, error);
    }
  }

  /** Bounds latestCall: only subscriptions with a message queued or on its way still need theirs. */
  private forgetSettledCalls(): void {
    const live = new Set([...this.busy, ...this.retrying.keys(), ...this.queue.map((j) => j.target.id)]);
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
    // A newer message for the subscription was queued while this one was on its way (it may even
    // have been taken, only late to answer): that one replaces it, so this one is not sent again.
    if (this.queue.some((j) => j.target.id === job.target.id && j.seq > job.seq)) {
      this.logger.log({ msg: 'push message superseded; not retried', ...context });
      return;
    }
    const timer = setTimeout(() => {
      this.retrying.delete(job.target.id);
      this.queuedRetries.add(job.target.id);
      this.queue.push({ ...job, attempt: job.attempt + 1 });
      this.pump();
      this.settle();
    }, delay);
    timer.unref();
    this.retrying.set(job.target.id, { job, timer });
  }

  /** A newer message for the subscription drops its waiting retry (same topic and tag: it replaces it). */
  private supersedeRetry(subscriptionId: string, newerKind: PushKind): void {
    let dropped: QueuedJob | undefined;
    const waiting = this.retrying.get(subscriptionId);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.retrying.delete(subscriptionId);
      dropped = waiting.job;
    } else if (this.queuedRetries.delete(subscriptionId)) {
      // Due, but still waiting for a sending slot.
      const i = this.queue.findIndex((j) => j.target.id === subscriptionId && j.attempt > 1);
      if (i >= 0) dropped = this.queue.splice(i, 1)[0];
    }
    if (!dropped) return;
    this.logger.log({
      msg: 'push retry superseded by a newer message',
      subscriptionId,
      kind: dropped.payload.notification.data.kind,
      attempt: dropped.attempt,
      newerKind,
    });
  }
}

/** A network error's code (ECONNREFUSED, ETIMEDOUT), never its message (it may carry the endpoint). */
function errorName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}
