import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { COMPLAINT_STATUS_LABELS } from '@mpp/domain';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import type { PushSubscriptionDto } from '../push/dto/push-subscription.dto';
import { complaintStatusMessage } from '../push/push-messages';
import { PushSender } from '../push/push-sender';
import { PushService } from '../push/push.service';
import { ComplaintEvents, type ComplaintStatusChange } from './complaint-events';
import { ComplaintPushRepository } from './complaint-push.repository';
import { ComplaintService } from './complaint.service';

/** Browsers (phone, laptop, ...) one complaint may notify. */
export const MAX_SUBSCRIPTIONS_PER_COMPLAINT = 5;
/** A status message waits this long at the push service for an offline phone (the SMS, if any, also says it). */
const STATUS_TTL_SECONDS = 3 * 24 * 3600;

const messages = {
  tooMany: {
    id: `Pengaduan ini sudah mengirim notifikasi ke ${MAX_SUBSCRIPTIONS_PER_COMPLAINT} perangkat.`,
    en: `This complaint already sends notifications to ${MAX_SUBSCRIPTIONS_PER_COMPLAINT} devices.`,
  },
  closed: { id: 'Pengaduan ini sudah selesai; tidak ada lagi yang perlu diberitahukan.', en: 'This complaint is closed; there is nothing more to notify.' },
};

/**
 * Web Push for a complaint's reporter (docs/complaints.md, Status updates): the tracking page
 * subscribes with the code and the secret (the same proof as every other reporter's step; an
 * anonymous reporter, who gets no SMS, is told this way), and each status a handler sets is pushed
 * after the commit through the ticket pages' PushSender (VAPID, retries, a gone subscription
 * deleted). Nothing personal in a message: the code and the status.
 */
@Injectable()
export class ComplaintPushService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ComplaintPush');
  private off: (() => void) | null = null;
  private readonly working = new Set<Promise<void>>();

  constructor(
    private readonly repo: ComplaintPushRepository,
    private readonly complaints: ComplaintService,
    private readonly push: PushService,
    private readonly sender: PushSender,
    private readonly cipher: PiiCipher,
    private readonly events: ComplaintEvents,
  ) {}

  onModuleInit(): void {
    this.off = this.events.onStatus((change) => this.track(this.tell(change)));
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  async subscribe(code: string, secret: string | null, dto: PushSubscriptionDto): Promise<{ created: boolean }> {
    this.push.publicKey();
    this.push.checkEndpoint(dto.endpoint);
    const complaint = await this.complaints.requireOwned(code, secret);
    if (complaint.status === 'closed') throw ApiException.conflict('COMPLAINT_CLOSED', messages.closed);
    const hash = this.push.endpointHash(dto.endpoint);
    if ((await this.repo.count(complaint.id)) >= MAX_SUBSCRIPTIONS_PER_COMPLAINT && !(await this.repo.exists(complaint.id, hash))) {
      throw ApiException.conflict('TOO_MANY_SUBSCRIPTIONS', messages.tooMany);
    }
    const cipher = this.cipher.encrypt(JSON.stringify({ endpoint: dto.endpoint, keys: { p256dh: dto.keys.p256dh, auth: dto.keys.auth } }));
    return this.repo.upsert(complaint.id, hash, cipher, dto.lang ?? complaint.language);
  }

  async remove(code: string, secret: string | null, endpoint: string): Promise<void> {
    const complaint = await this.complaints.requireOwned(code, secret);
    await this.repo.delete(complaint.id, this.push.endpointHash(endpoint));
  }

  /** Resolves once every status change heard so far has been handed to the sender, and the sender is idle (tests). */
  async idle(): Promise<void> {
    while (this.working.size > 0) await Promise.allSettled(this.working);
    await this.sender.idle();
  }

  private async tell(change: ComplaintStatusChange): Promise<void> {
    const targets = await this.repo.targets(change.id);
    for (const target of targets) {
      const statusLabel = COMPLAINT_STATUS_LABELS[change.status][target.lang];
      this.sender.enqueue({ target, payload: complaintStatusMessage(target.lang, { code: change.code, status: change.status, statusLabel }), ttlSeconds: STATUS_TTL_SECONDS });
    }
  }

  private track(work: Promise<void>): Promise<void> {
    const done = work.catch((error: unknown) => this.logger.warn({ msg: 'complaint push not queued', error: error instanceof Error ? error.message : String(error) }));
    this.working.add(done);
    void done.finally(() => this.working.delete(done));
    return done;
  }
}
