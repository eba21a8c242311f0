import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { TicketStatus } from '@mpp/contracts';
import { ClusterBus } from '../common/cluster-bus';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { QueueEvents, type TicketChange } from '../queue/queue-events';
import type { CounterRow } from '../queue/queue.repository';
import { QueueService } from '../queue/queue.service';
import type { PushSubscriptionDto } from './dto/push-subscription.dto';
import { aheadMessage, calledMessage, type PushLang } from './push-messages';
import { PushSender } from './push-sender';
import { PushRepository } from './push.repository';
import { VAPID_KEYS, type VapidKeySource } from './vapid-keys';

const FINAL: readonly TicketStatus[] = ['done', 'no_show', 'cancelled', 'not_served'];
const OPEN: readonly string[] = ['waiting', 'called', 'serving'];
const MOVES_THE_LINE: readonly TicketChange['action'][] = ['call', 'cancel', 'transfer', 'return'];
/** Browsers (phone, tablet, ...) one ticket may notify. */
export const MAX_SUBSCRIPTIONS_PER_TICKET = 5;
/** A site's "who is N ahead now" check waits this long for the events of one burst to settle. */
const AHEAD_CHECK_DELAY_MS = 150;
/** Tickets checked per site and run (the earliest in line first; they are the ones that matter). */
const AHEAD_CHECK_LIMIT = 200;
/** The cluster bus topic: a ticket of this site (`siteId`) is getting a subscription. */
export const PUSH_SUBSCRIBED_TOPIC = 'push_subscribed';
/** The sites with subscriptions are read again after this (sites whose subscriptions all ended leave the set). */
export const SITES_REREAD_MS = 60_000;
/** An announced subscription is written (committed) within this, far more than it takes. */
const ANNOUNCED_MARGIN_MS = 30_000;
const CALL_TTL_SECONDS = 10 * 60;
const AHEAD_TTL_SECONDS = 30 * 60;

const messages = {
  disabled: { id: 'Notifikasi push belum diaktifkan di server ini.', en: 'Push notifications are not enabled on this server.' },
  ticketNotFound: { id: 'Tiket tidak ditemukan. Periksa kode pada tiket Anda.', en: 'Ticket not found. Check the code on your ticket.' },
  ticketEnded: { id: 'Tiket ini sudah selesai; tidak ada lagi yang perlu diberitahukan.', en: 'This ticket has ended; there is nothing more to notify.' },
  tooMany: {
    id: `Tiket ini sudah menerima notifikasi di ${MAX_SUBSCRIPTIONS_PER_TICKET} perangkat.`,
    en: `This ticket already sends notifications to ${MAX_SUBSCRIPTIONS_PER_TICKET} devices.`,
  },
  badEndpoint: { id: 'Alamat layanan push tidak valid.', en: 'The push service address is not valid.' },
};

/**
 * Web Push for a ticket page: its subscriptions (proof: the ticket's public code, the same key as
 * the page and its cancel, which is on the citizen's QR and never on a public screen), and what
 * they are told, decided from the queue's after-commit events (QueueEvents: listened to, not
 * changed): "N orang lagi sebelum Anda" once per ticket when the site's N is reached, and
 * "Dipanggil: menuju loket X" at each call and recall. Every send leaves through PushSender, in
 * the background, so an officer's request never waits for a push service or hears of its errors.
 */
@Injectable()
export class PushService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Push');
  private readonly listeners: (() => void)[] = [];
  private readonly aheadTimers = new Map<string, NodeJS.Timeout>();
  private readonly aheadRunning = new Map<string, Promise<void>>();
  private readonly aheadAgain = new Set<string>();
  private readonly working = new Set<Promise<void>>();
  /**
   * The sites with a subscription (any of their tickets), or null when not known (at start, after
   * a gap of the cluster bus): a call, no-show or finish at a site not in it has nothing to claim
   * or delete, and runs no statement of this module. Never short of a site for long: a
   * subscription is announced on the cluster bus before it is written (every process adds its
   * site), the set is read again every SITES_REREAD_MS (a site whose subscriptions all ended
   * leaves it), and while it is unknown or being read every event does its work as it would
   * without it.
   */
  private sites: { ids: Set<string>; readAt: number } | null = null;
  private readingSites: Promise<void> | null = null;
  /** When each site was last announced: a read that began less than ANNOUNCED_MARGIN_MS after may not see its row yet. */
  private readonly announcedAt = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly repo: PushRepository,
    private readonly sender: PushSender,
    private readonly queue: QueueService,
    private readonly cipher: PiiCipher,
    private readonly moduleRef: ModuleRef,
    private readonly bus: ClusterBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(VAPID_KEYS) private readonly vapid: VapidKeySource,
  ) {}

  onModuleInit(): void {
    // In production the keys are read (or made) at start: a missing pair or an unwritable DATA_DIR
    // shows in the start's log, not at the first citizen's tap. Tests and development make none
    // until a push is asked for.
    if (this.config.nodeEnv === 'production') this.vapid();
    // QueueModule exports QueueService only; its event bus is read here without changing it.
    const events = this.moduleRef.get(QueueEvents, { strict: false });
    this.listeners.push(
      events.onTicket((change) => this.onTicket(change)),
      events.onCounter((counter) => this.onCounter(counter)),
      this.bus.on(PUSH_SUBSCRIBED_TOPIC, (message) => typeof message.siteId === 'string' && this.announced(message.siteId)),
      this.bus.onGap(() => {
        this.sites = null;
      }),
    );
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.listeners.forEach((off) => off());
    for (const timer of this.aheadTimers.values()) clearTimeout(timer);
    this.aheadTimers.clear();
  }

  publicKey(): { publicKey: string } {
    const keys = this.vapid();
    if (!keys) throw ApiException.notFound('PUSH_DISABLED', messages.disabled);
    return { publicKey: keys.publicKey };
  }

  async subscribe(code: string, dto: PushSubscriptionDto): Promise<{ created: boolean }> {
    if (!this.vapid()) throw ApiException.notFound('PUSH_DISABLED', messages.disabled);
    this.checkEndpoint(dto.endpoint);
    const ticket = await this.openTicket(code);
    const hash = this.endpointHash(dto.endpoint);
    // The same browser again is an update, not one more.
    if ((await this.repo.countForTicket(ticket.id)) >= MAX_SUBSCRIPTIONS_PER_TICKET && !(await this.repo.exists(ticket.id, hash))) {
      throw ApiException.conflict('TOO_MANY_SUBSCRIPTIONS', messages.tooMany);
    }
    const cipher = this.cipher.encrypt(JSON.stringify({ endpoint: dto.endpoint, keys: { p256dh: dto.keys.p256dh, auth: dto.keys.auth } }));
    // Every process (this one at once) counts the site as having subscriptions before the row exists.
    this.announced(ticket.siteId);
    await this.bus.publish(PUSH_SUBSCRIBED_TOPIC, { siteId: ticket.siteId });
    const result = await this.repo.upsert(ticket.id, hash, cipher, dto.lang ?? 'id');
    // Already within N of the counter? Then it is told now, not at the next call.
    if (ticket.status === 'waiting') this.scheduleAheadCheck(ticket.siteId);
    return result;
  }

  async remove(code: string, endpoint: string): Promise<void> {
    const ticket = await this.repo.findTicketByPublicCode(code);
    if (!ticket) throw ApiException.notFound('TICKET_NOT_FOUND', messages.ticketNotFound);
    await this.repo.deleteForTicketAndEndpoint(ticket.id, this.endpointHash(endpoint));
  }

  private async openTicket(code: string) {
    const ticket = await this.repo.findTicketByPublicCode(code);
    if (!ticket) throw ApiException.notFound('TICKET_NOT_FOUND', messages.ticketNotFound);
    if (!OPEN.includes(ticket.status)) throw ApiException.conflict('TICKET_ENDED', messages.ticketEnded);
    return ticket;
  }

  /**
   * The API POSTs to this address: only https (push services speak nothing else; nor does
   * web-push), and in production never to an IP literal or a local name.
   */
  checkEndpoint(endpoint: string): void {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw ApiException.badRequest('INVALID_PUSH_ENDPOINT', messages.badEndpoint, [{ field: 'endpoint', message: messages.badEndpoint }]);
    }
    const production = this.config.nodeEnv === 'production';
    const localName = /^(localhost|.*\.local|.*\.internal|\[.*\]|\d+\.\d+\.\d+\.\d+)$/i.test(url.hostname);
    const ok = url.protocol === 'https:' && !(production && localName) && !url.username && !url.password;
    if (!ok) throw ApiException.badRequest('INVALID_PUSH_ENDPOINT', messages.badEndpoint, [{ field: 'endpoint', message: messages.badEndpoint }]);
  }

  endpointHash(endpoint: string): string {
    return this.cipher.lookupHash(`push-endpoint:${endpoint}`);
  }

  // ---- after-commit: what the queue did, and who should be told -------------------------------

  /** A subscription is being made at the site (here or on another process). */
  private announced(siteId: string): void {
    this.sites?.ids.add(siteId);
    this.announcedAt.set(siteId, Date.now());
  }

  /**
   * False only when the site certainly has no subscription; true when it may have (also when the
   * set is not known yet: it is read in the background meanwhile).
   */
  private mayHaveSubscriptions(siteId: string): boolean {
    const sites = this.sites;
    if (!sites || Date.now() - sites.readAt >= SITES_REREAD_MS) this.readSites();
    return !sites || sites.ids.has(siteId);
  }

  private readSites(): void {
    if (this.readingSites || this.stopped) return;
    const startedAt = Date.now();
    this.readingSites = this.repo
      .siteIdsWithSubscriptions()
      .then((read) => {
        const ids = new Set(read);
        // Announced during the read, or shortly before it began: the read may not see the row yet.
        for (const [id, at] of this.announcedAt) {
          if (at >= startedAt - ANNOUNCED_MARGIN_MS) ids.add(id);
          else this.announcedAt.delete(id);
        }
        this.sites = { ids, readAt: startedAt };
      })
      .catch((error: unknown) => this.logger.warn({ msg: 'sites with push subscriptions not read; every event checks meanwhile', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.readingSites = null;
      });
  }

  private onTicket({ row, action, counter }: TicketChange): Promise<void> | void {
    if (this.stopped || !this.mayHaveSubscriptions(row.site_id)) return;
    const status = row.status as TicketStatus;
    const work: Promise<unknown>[] = [];
    if (FINAL.includes(status)) work.push(this.repo.deleteForTicket(row.id));
    else if ((action === 'call' || action === 'recall') && status === 'called' && counter) work.push(this.sendCalled(row.id, counter));
    else if ((action === 'return' || action === 'transfer') && status === 'waiting') work.push(this.repo.resetSent(row.id));
    // Only a ticket leaving the line (or coming back into it) moves the others forward: a new
    // ticket never does, nor what happens at a counter to a ticket already called.
    if (MOVES_THE_LINE.includes(action)) this.scheduleAheadCheck(row.site_id);
    if (work.length === 0) return;
    const done = Promise.all(work).then(() => undefined);
    this.working.add(done);
    void done.catch(() => undefined).finally(() => this.working.delete(done));
    // Rejections reach QueueEvents, which logs them: the change itself stays committed.
    return done;
  }

  private onCounter(counter: CounterRow): void {
    if (!this.stopped && this.mayHaveSubscriptions(counter.site_id)) this.scheduleAheadCheck(counter.site_id);
  }

  private async sendCalled(ticketId: string, counter: { number: number; name: string }): Promise<void> {
    const targets = await this.repo.claimCalled(ticketId);
    if (targets.length === 0) return;
    const ticket = await this.queue.ticketReference(ticketId);
    if (!ticket) return;
    for (const target of targets) {
      this.sender.enqueue({ target, payload: calledMessage(target.lang, ticket, counter), ttlSeconds: CALL_TTL_SECONDS });
    }
  }

  /** One check per site after a burst of events; a check asked for while one runs runs again after it. */
  private scheduleAheadCheck(siteId: string): void {
    if (this.stopped || this.aheadTimers.has(siteId)) return;
    if (this.aheadRunning.has(siteId)) {
      this.aheadAgain.add(siteId);
      return;
    }
    const timer = setTimeout(() => {
      this.aheadTimers.delete(siteId);
      const run = this.checkAhead(siteId)
        .catch((error: unknown) => this.logger.error({ msg: 'push ahead check failed', siteId, error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          this.aheadRunning.delete(siteId);
          if (this.aheadAgain.delete(siteId)) this.scheduleAheadCheck(siteId);
        });
      this.aheadRunning.set(siteId, run);
    }, AHEAD_CHECK_DELAY_MS);
    timer.unref();
    this.aheadTimers.set(siteId, timer);
  }

  private async checkAhead(siteId: string): Promise<void> {
    for (const candidate of await this.repo.findAheadCandidates(siteId, AHEAD_CHECK_LIMIT)) {
      if (this.stopped) return;
      const ticket = await this.queue.ticket(candidate.ticketId);
      if (!ticket || ticket.status !== 'waiting' || ticket.position === null) continue;
      // The earliest place it may have: better told a moment early than late.
      const ahead = (ticket.positionMin ?? ticket.position) - 1;
      if (ahead > candidate.aheadNotice) continue;
      for (const target of await this.repo.claimAhead(ticket.id)) {
        const payload = aheadMessage(target.lang, { publicCode: ticket.publicCode, number: ticket.number, serviceName: serviceName(ticket.service, target.lang) }, ahead);
        this.sender.enqueue({ target, payload, ttlSeconds: AHEAD_TTL_SECONDS });
      }
    }
  }

  /**
   * The sites known to have subscriptions (null: not known); with `reread`, read again now first,
   * and with 'afresh' as at start, without the sites announced in the last ANNOUNCED_MARGIN_MS (tests).
   */
  async sitesWithSubscriptions(reread?: 'reread' | 'afresh'): Promise<ReadonlySet<string> | null> {
    if (reread) {
      await this.readingSites;
      if (reread === 'afresh') this.announcedAt.clear();
      this.sites = null;
      this.readSites();
      await this.readingSites;
    }
    return this.sites?.ids ?? null;
  }

  /** Resolves once every scheduled check has run and every message has left or been given up (tests). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.readingSites) await this.readingSites;
      else if (this.working.size > 0) await Promise.allSettled(this.working);
      else if (this.aheadTimers.size > 0) await new Promise((r) => setTimeout(r, AHEAD_CHECK_DELAY_MS));
      else if (this.aheadRunning.size > 0) await Promise.all(this.aheadRunning.values());
      else break;
    }
    await this.sender.idle();
  }
}

function serviceName(service: { name: string; nameEn: string }, lang: PushLang): string {
  return lang === 'en' && service.nameEn ? service.nameEn : service.name;
}
