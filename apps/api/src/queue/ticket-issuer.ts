import { HttpStatus, Injectable } from '@nestjs/common';
import type { PriorityClass, TicketResponse } from '@mpp/contracts';
import { localDate } from '@mpp/domain';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { isUniqueViolation } from '../common/errors/pg-error';
import { randomToken } from '../common/random-token';
import { DayEndService } from './day-end.service';
import { IssueTicketDto } from './dto/queue.dto';
import { QueueAccess } from './queue-access';
import { QueuePublisher } from './queue-publisher';
import { QueueMessages } from './queue.messages';
import { QueueRepository, TicketRow } from './queue.repository';
import { siteOpenNow } from './site-hours';
import { TicketViews } from './ticket-views';

interface Idempotency {
  scope: string;
  key: string;
  hash: string;
}

/** A new ticket, or why it was refused (a refusal a retried request may answer with its first ticket). */
type Attempt = { issued: TicketResponse } | { refused: unknown };

/** What a booking's check-in needs issued: the queue fills in number, code and tallies. */
export interface BookingTicketRequest {
  site: { id: string; timeZone: string };
  service: { id: string; ticketPrefix: string; dailyQuota: number | null };
  /** Past the check-in window: joins as a walk-in (queued now, within the daily quota). */
  late: boolean;
  /** The booked slot's start, the ticket's place in the queue when on time. */
  startsAt: Date;
  deviceId: string;
  now: Date;
  /** The UU 25/2009 Pasal 29 group declared with the booking (default regular). */
  priority?: PriorityClass;
}

/** Issuing tickets: from a kiosk or by staff (with idempotency), and for a booking's check-in. */
@Injectable()
export class TicketIssuer {
  constructor(
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
    private readonly dayEnd: DayEndService,
    private readonly access: QueueAccess,
    private readonly publisher: QueuePublisher,
    private readonly views: TicketViews,
  ) {}

  /**
   * Issues a ticket from a kiosk (device) or by staff. With an Idempotency-Key the same request
   * returns the same ticket, however often it is retried and however many retries race.
   */
  async issue(principal: Principal, dto: IssueTicketDto, idempotencyKey: string | null): Promise<{ ticket: TicketResponse; replayed: boolean }> {
    const scope = principal.kind === 'device' ? `device:${principal.deviceId}` : `user:${principal.userId}`;
    const hash = createHash('sha256').update(JSON.stringify([dto.serviceId, dto.priority ?? 'regular'])).digest('hex');
    const idempotency = idempotencyKey ? { scope, key: idempotencyKey, hash } : null;
    const attempt = await this.attempt(principal, dto, idempotency);
    if ('issued' in attempt) return { ticket: attempt.issued, replayed: false };
    // A retried request is recognised when something stops it (its key is taken, or the service,
    // the hours or the quota refuse it now): then the ticket of its first attempt is the answer.
    // New tickets, the common case, pay no extra round trip for the check.
    const replayed = idempotency ? await this.replay(idempotency) : null;
    if (replayed) return { ticket: replayed, replayed: true };
    throw attempt.refused;
  }

  /**
   * A booking's ticket, issued inside the booking's transaction and announced once it commits
   * (QueuePublisher). Null when a late arrival finds the daily quota used up.
   */
  async issueForBooking(tx: EntityManager, r: BookingTicketRequest): Promise<TicketRow | null> {
    const issued = await this.repo.issue(
      {
        siteId: r.site.id,
        serviceId: r.service.id,
        prefix: r.service.ticketPrefix,
        localDate: localDate(r.now, r.site.timeZone),
        // A booked seat is already counted; a late arrival joins as a walk-in, within the quota.
        quota: r.late ? r.service.dailyQuota : null,
        publicCode: randomToken(12),
        priority: r.priority ?? 'regular',
        source: r.late ? 'kiosk' : 'booking',
        queueAt: r.late ? r.now : r.startsAt,
        issuedAt: r.now,
        userId: null,
        deviceId: r.deviceId,
        idempotency: null,
      },
      tx,
    );
    if (issued) this.publisher.ticketChanged(tx, issued, 'issue', null);
    return issued;
  }

  /** Refusals the first attempt of a retried request may explain are returned; the rest are thrown. */
  private async attempt(principal: Principal, dto: IssueTicketDto, idempotency: Idempotency | null): Promise<Attempt> {
    const service = await this.catalogue.cachedActiveService(dto.serviceId);
    if (!service) return { refused: ApiException.notFound('SERVICE_NOT_FOUND', QueueMessages.serviceNotFound) };
    const site = (await this.catalogue.cachedSite(service.siteId))!;
    this.access.assertMayIssue(principal, site.id);
    if (principal.kind === 'device' && !service.walkInEnabled) {
      return { refused: ApiException.conflict('WALK_IN_DISABLED', QueueMessages.walkInDisabled) };
    }
    const now = this.clock.now();
    const open = await siteOpenNow(this.catalogue, site, now);
    if (!open.open) return { refused: ApiException.conflict('SITE_CLOSED', QueueMessages.siteClosed(open.reason)) };
    const today = localDate(now, site.timeZone);
    await this.dayEnd.closePastDays(site.id, today);

    let issued: TicketRow | null;
    try {
      issued = await this.repo.issue({
        siteId: site.id,
        serviceId: service.id,
        prefix: service.ticketPrefix,
        localDate: today,
        quota: service.dailyQuota,
        publicCode: randomToken(12),
        priority: dto.priority ?? 'regular',
        source: principal.kind === 'device' ? 'kiosk' : 'staff',
        queueAt: now,
        issuedAt: now,
        userId: principal.kind === 'staff' ? principal.userId : null,
        deviceId: principal.kind === 'device' ? principal.deviceId : null,
        idempotency,
      });
    } catch (error) {
      // The key is taken: a retry of a request that already has its ticket (the statement rolled
      // back whole, so no number was used), or the same key reused for another request (422).
      if (idempotency && isUniqueViolation(error, 'idempotency_key_pkey')) return { refused: error };
      throw error;
    }
    if (!issued) return { refused: ApiException.conflict('DAILY_QUOTA_REACHED', QueueMessages.quotaFull(service.dailyQuota ?? 0)) };
    this.publisher.ticketChanged(null, issued, 'issue', null);
    return { issued: await this.views.ticket(issued, site, true) };
  }

  /** The ticket of the request's first attempt; 422 when the key was used for another request. */
  private async replay(i: Idempotency): Promise<TicketResponse | null> {
    const existing = await this.repo.findIdempotencyKey(i.scope, i.key);
    if (!existing) return null;
    if (existing.request_hash !== i.hash) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', QueueMessages.idempotencyMismatch);
    }
    const row = (await this.repo.findTicketById(existing.ticket_id))!;
    return this.views.ticket(row);
  }
}
