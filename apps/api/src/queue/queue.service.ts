import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { CounterResponse, CounterSnapshot, PublicTicketResponse, TicketAction, TicketResponse } from '@mpp/contracts';
import { formatTicketNumber, localDate, nextStatus, transitionError } from '@mpp/domain';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/errors/pg-error';
import type { Principal, StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { Clock } from '../common/clock';
import { randomToken } from '../common/random-token';
import { ApiException } from '../common/errors/api-exception';
import { DayEndService } from './day-end.service';
import { IssueTicketDto, TransferDto } from './dto/queue.dto';
import { QueueEvents } from './queue-events';
import { QueuePlaceService, type TicketPlace } from './queue-place.service';
import { QueueMessages } from './queue.messages';
import { CounterRow, QueueRepository, TicketFields, TicketRow } from './queue.repository';
import { siteOpenNow } from './site-hours';

const NOT_WAITING: TicketPlace = { position: null, positionMin: null, estimatedWaitMinutes: null };

/** Roles that may sit at a counter: they act for their own agency. */
const COUNTER_ROLES = new Set(['officer', 'agency_admin']);

@Injectable()
export class QueueService {
  private readonly logger = new Logger(QueueService.name);

  constructor(
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
    private readonly events: QueueEvents,
    private readonly dayEnd: DayEndService,
    private readonly places: QueuePlaceService,
  ) {}

  // ---- issuing -------------------------------------------------------------------------

  /**
   * Issues a ticket from a kiosk (device) or by staff. With an Idempotency-Key the same request
   * returns the same ticket, however often it is retried and however many retries race.
   */
  async issue(principal: Principal, dto: IssueTicketDto, idempotencyKey: string | null): Promise<{ ticket: TicketResponse; replayed: boolean }> {
    const scope = principal.kind === 'device' ? `device:${principal.deviceId}` : `user:${principal.userId}`;
    const hash = createHash('sha256').update(JSON.stringify([dto.serviceId, dto.priority ?? 'regular'])).digest('hex');
    // A retried request is recognised when something stops it (its key is taken, or the service,
    // the hours or the quota refuse it now): then the ticket of its first attempt is the answer.
    // New tickets, the common case, pay no extra round trip for the check.
    const refuse = async (error: unknown): Promise<never> => {
      const replay = idempotencyKey ? await this.replay(scope, idempotencyKey, hash) : null;
      if (replay) throw new IdempotentReplay(replay);
      throw error;
    };
    try {
      return { ticket: await this.issueNew(principal, dto, idempotencyKey ? { scope, key: idempotencyKey, hash } : null, refuse), replayed: false };
    } catch (error) {
      if (error instanceof IdempotentReplay) return { ticket: error.ticket, replayed: true };
      throw error;
    }
  }

  private async issueNew(
    principal: Principal,
    dto: IssueTicketDto,
    idempotency: { scope: string; key: string; hash: string } | null,
    refuse: (error: unknown) => Promise<never>,
  ): Promise<TicketResponse> {
    const service = await this.catalogue.cachedActiveService(dto.serviceId);
    if (!service) return refuse(ApiException.notFound('SERVICE_NOT_FOUND', QueueMessages.serviceNotFound));
    const site = (await this.catalogue.cachedSite(service.siteId))!;
    this.assertMayIssue(principal, site.id);
    if (principal.kind === 'device' && !service.walkInEnabled) {
      return refuse(ApiException.conflict('WALK_IN_DISABLED', QueueMessages.walkInDisabled));
    }
    const now = this.clock.now();
    const open = await siteOpenNow(this.catalogue, site, now);
    if (!open.open) return refuse(ApiException.conflict('SITE_CLOSED', QueueMessages.siteClosed(open.reason)));
    const today = localDate(now, site.timeZone);
    await this.dayEnd.closePastDays(site.id, today);

    let issued: Awaited<ReturnType<QueueRepository['issue']>>;
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
      if (idempotency && isUniqueViolation(error, 'idempotency_key_pkey')) return refuse(error);
      throw error;
    }
    if (!issued) return refuse(ApiException.conflict('DAILY_QUOTA_REACHED', QueueMessages.quotaFull(service.dailyQuota ?? 0)));
    const row: TicketRow = issued;
    this.events.ticketChanged(row, 'issue', null);
    return this.toTicketResponse(row, site, true);
  }

  private async replay(scope: string, key: string, hash: string): Promise<TicketResponse | null> {
    const existing = await this.repo.findIdempotencyKey(scope, key);
    if (!existing) return null;
    if (existing.request_hash !== hash) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', QueueMessages.idempotencyMismatch);
    }
    const row = (await this.repo.findTicketById(existing.ticket_id))!;
    return this.toTicketResponse(row);
  }

  private assertMayIssue(principal: Principal, siteId: string): void {
    if (principal.kind === 'device') {
      if (principal.deviceKind !== 'kiosk') throw ApiException.forbidden('KIOSK_ONLY', QueueMessages.kioskOnly);
      if (principal.siteId !== siteId) throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
      return;
    }
    if (principal.role !== 'system_admin' && principal.siteId !== siteId) {
      throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
    }
  }

  // ---- public ticket page ------------------------------------------------------------------

  async getPublic(code: string): Promise<PublicTicketResponse> {
    const row = await this.repo.findTicketByPublicCode(code);
    if (!row) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
    return toPublic(await this.toTicketResponse(row));
  }

  async cancelByCitizen(code: string): Promise<PublicTicketResponse> {
    const found = await this.repo.findTicketByPublicCode(code);
    if (!found) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
    const row = await this.repo.transaction(async (tx) => {
      const ticket = (await this.repo.lockTicket(tx, found.id))!;
      return this.applyTransition(tx, ticket, 'cancel', { counterId: null, userId: null }, {});
    });
    this.events.ticketChanged(row, 'cancel', null);
    return toPublic(await this.toTicketResponse(row));
  }

  // ---- counters ------------------------------------------------------------------------

  async openCounter(staff: StaffPrincipal, counterId: string): Promise<CounterResponse> {
    const counter = await this.repo.transaction(async (tx) => {
      const c = await this.requireCounter(tx, counterId);
      this.assertMayStaff(staff, c);
      // An officer sits only where their agency is served: elsewhere they would lock its own agency out.
      if (COUNTER_ROLES.has(staff.role) && (await this.agencyServiceIds(staff, c)).length === 0) {
        throw ApiException.forbidden('NOT_YOUR_AGENCY', QueueMessages.noServiceOfYours);
      }
      if (c.officer_id && c.officer_id !== staff.userId) {
        throw ApiException.conflict('COUNTER_TAKEN', QueueMessages.counterTaken(c.officer_name ?? '-'));
      }
      // Moving to another counter releases the previous one, unless it still holds a ticket.
      const previous = await this.repo.findCounterOfOfficer(tx, staff.userId);
      if (previous && previous.id !== c.id) {
        const holding = await this.repo.lockActiveTicketOfCounter(tx, previous.id);
        if (holding) throw ApiException.conflict('COUNTER_BUSY', QueueMessages.counterBusy(ticketNumber(holding)));
        await tx.query(`UPDATE counter SET officer_id = NULL, state = 'closed', updated_at = now() WHERE id = $1`, [previous.id]);
      }
      await tx.query(`UPDATE counter SET officer_id = $2, state = 'open', updated_at = now() WHERE id = $1`, [c.id, staff.userId]);
      return (await this.repo.findCounter(c.id, tx))!;
    });
    this.events.counterChanged(counter);
    return this.toCounterResponse(counter);
  }

  async setCounterState(staff: StaffPrincipal, counterId: string, state: 'paused' | 'closed'): Promise<CounterResponse> {
    const counter = await this.repo.transaction(async (tx) => {
      const c = await this.requireOwnCounter(tx, staff, counterId);
      if (state === 'closed') {
        const holding = await this.repo.lockActiveTicketOfCounter(tx, c.id);
        if (holding) throw ApiException.conflict('COUNTER_BUSY', QueueMessages.counterBusy(ticketNumber(holding)));
      }
      // $2 is the enum column's value; comparing it with a text literal too made PostgreSQL deduce
      // two types for it ("inconsistent types deduced for parameter $2"), so closing is its own flag.
      await tx.query(`UPDATE counter SET state = $2, officer_id = CASE WHEN $3 THEN NULL ELSE officer_id END, updated_at = now() WHERE id = $1`, [
        c.id,
        state,
        state === 'closed',
      ]);
      return (await this.repo.findCounter(c.id, tx))!;
    });
    this.events.counterChanged(counter);
    return this.toCounterResponse(counter);
  }

  /**
   * The next ticket by the site's policy; two counters never get the same one. One database
   * function does it all (QueueRepository.callNext); the refusals come back as outcomes, checked
   * in the same order as every other counter action: counter, site, officer, state, held ticket,
   * the officer's agency, then the queue.
   */
  async callNext(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    const { outcome, ticket } = await this.repo.callNext({
      counterId,
      userId: staff.userId,
      siteId: staff.role === 'system_admin' ? null : staff.siteId,
      agencyId: COUNTER_ROLES.has(staff.role) ? staff.agencyId : null,
      now: this.clock.now(),
    });
    switch (outcome) {
      case 'called':
        break;
      case 'counter_not_found':
        throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
      case 'other_site':
        throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
      case 'not_at_counter':
        throw ApiException.forbidden('NOT_AT_COUNTER', QueueMessages.notAtCounter);
      case 'not_open':
        throw ApiException.conflict('COUNTER_NOT_OPEN', QueueMessages.counterNotOpen);
      case 'counter_busy':
        throw ApiException.conflict('COUNTER_BUSY', QueueMessages.counterBusy(ticket ? ticketNumber(ticket) : '-'));
      case 'not_your_agency':
        throw ApiException.forbidden('NOT_YOUR_AGENCY', QueueMessages.noServiceOfYours);
      case 'queue_empty':
        throw ApiException.notFound('QUEUE_EMPTY', QueueMessages.queueEmpty);
    }
    const row = ticket!;
    // A call happens only at an open counter; the ticket's view carries its number and name.
    this.events.ticketChanged(row, 'call', { number: row.counter_number!, name: row.counter_name!, state: 'open' });
    return this.toTicketResponse(row);
  }

  /** An officer calls one specific waiting ticket, where the site allows it; the pick is logged. */
  async pick(staff: StaffPrincipal, counterId: string, ticketId: string): Promise<TicketResponse> {
    const serviceIds = await this.callableServiceIdsFor(staff, counterId);
    const { row, counter } = await this.repo.transaction(async (tx) => {
      const c = await this.requireCallableCounter(tx, staff, counterId);
      if (!c.queue_allow_pick) throw ApiException.forbidden('PICK_NOT_ALLOWED', QueueMessages.pickNotAllowed);
      const ticket = await this.repo.lockTicket(tx, ticketId);
      if (!ticket || ticket.site_id !== c.site_id) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
      if (!serviceIds.includes(ticket.service_id)) throw ApiException.forbidden('NOT_FOR_THIS_COUNTER', QueueMessages.notForThisCounter);
      if (ticket.target_counter_id && ticket.target_counter_id !== c.id) throw ApiException.forbidden('NOT_FOR_THIS_COUNTER', QueueMessages.ticketSentElsewhere);
      return { row: await this.applyTransition(tx, ticket, 'call', { counterId: c.id, userId: staff.userId, counterNumber: c.number, counterName: c.name }, { picked: true }), counter: c };
    });
    this.events.ticketChanged(row, 'call', counter);
    return this.toTicketResponse(row);
  }

  /** Announce again; past the site's limit the ticket becomes a no-show. */
  async recall(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => {
      if (ticket.status === 'called' && ticket.recall_count >= c.queue_max_recalls) {
        return { row: await this.applyTransition(tx, ticket, 'no_show', { counterId: c.id, userId: staff.userId, counterNumber: c.number, counterName: c.name }, { reason: 'max_recalls' }), action: 'no_show' };
      }
      return { row: await this.applyTransition(tx, ticket, 'recall', { counterId: c.id, userId: staff.userId, counterNumber: c.number, counterName: c.name }, {}), action: 'recall' };
    });
  }

  start(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => ({
      row: await this.applyTransition(tx, ticket, 'start', { counterId: c.id, userId: staff.userId, counterNumber: c.number, counterName: c.name }, {}),
      action: 'start',
    }));
  }

  finish(staff: StaffPrincipal, counterId: string, outcomeNote: string | null): Promise<TicketResponse> {
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => ({
      row: await this.applyTransition(tx, ticket, 'finish', { counterId: c.id, userId: staff.userId, counterNumber: c.number, counterName: c.name }, { outcomeNote }),
      action: 'finish',
    }));
  }

  noShow(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => ({
      row: await this.applyTransition(tx, ticket, 'no_show', { counterId: c.id, userId: staff.userId, counterNumber: c.number, counterName: c.name }, {}),
      action: 'no_show',
    }));
  }

  /** Also for another agency's ticket (one called before defects #3 was fixed): it frees the counter. */
  returnToQueue(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    return this.onCurrentTicket(
      staff,
      counterId,
      async (tx, c, ticket) => ({
        row: await this.applyTransition(tx, ticket, 'return', { counterId: c.id, userId: staff.userId, counterNumber: c.number, counterName: c.name }, {}),
        action: 'return',
      }),
      { anyAgency: true },
    );
  }

  /** To another service and/or counter; the ticket keeps its number and its place (original issue time). */
  async transfer(staff: StaffPrincipal, counterId: string, dto: TransferDto): Promise<TicketResponse> {
    if (!dto.serviceId && !dto.counterId) throw ApiException.unprocessable('TRANSFER_TARGET_MISSING', QueueMessages.transferTargetMissing);
    const targetService = dto.serviceId ? await this.catalogue.cachedActiveService(dto.serviceId) : null;
    if (dto.serviceId && !targetService) throw ApiException.notFound('SERVICE_NOT_FOUND', QueueMessages.serviceNotFound);
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => {
      let serviceId = ticket.service_id;
      if (targetService) {
        if (targetService.siteId !== c.site_id) throw ApiException.notFound('SERVICE_NOT_FOUND', QueueMessages.serviceNotFound);
        serviceId = targetService.id;
      }
      if (dto.counterId) {
        const target = await this.repo.findCounter(dto.counterId, tx);
        if (!target || target.site_id !== c.site_id) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
        if (!target.service_ids.includes(serviceId)) {
          throw ApiException.unprocessable('TRANSFER_COUNTER_NO_SERVICE', QueueMessages.transferCounterNoService);
        }
      }
      return {
        row: await this.applyTransition(tx, ticket, 'transfer', { counterId: c.id, userId: staff.userId, counterNumber: c.number, counterName: c.name }, {
          serviceId,
          targetCounterId: dto.counterId ?? null,
        }),
        action: 'transfer',
      };
    });
  }

  async counterSnapshot(staff: StaffPrincipal, counterId: string): Promise<CounterSnapshot> {
    const counter = await this.repo.findCounter(counterId);
    if (!counter) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
    this.assertMayStaff(staff, counter);
    const serviceIds = await this.callableServiceIds(this.catalogue.manager, staff, counter);
    const waiting = await this.repo.listWaitingForServices(counter.site_id, localDate(this.clock.now(), counter.time_zone), serviceIds);
    return {
      counter: await this.toCounterResponse(counter),
      waiting: waiting
        .filter((t) => t.target_counter_id === null || t.target_counter_id === counter.id)
        .map((t) => ({
          id: t.id,
          number: ticketNumber(t),
          serviceId: t.service_id,
          serviceName: t.service_name,
          priority: t.priority,
          issuedAt: t.issued_at.toISOString(),
          targetCounterId: t.target_counter_id,
        })),
    };
  }

  /** Every counter of a site and what it is doing (supervisors, and officers choosing a counter). */
  async siteCounters(staff: StaffPrincipal, siteCode: string): Promise<CounterResponse[]> {
    const site = await this.catalogue.findActiveSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', { id: `MPP "${siteCode}" tidak ditemukan.`, en: `Site "${siteCode}" not found.` });
    if (staff.role !== 'system_admin' && staff.siteId !== site.id) throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
    const counters = await this.repo.listCounters(site.id);
    return Promise.all(counters.map((c) => this.toCounterResponse(c)));
  }

  findTicketRow(id: string): Promise<TicketRow | null> {
    return this.repo.findTicketById(id);
  }

  async callableServiceIdsFor(staff: StaffPrincipal, counterId: string): Promise<string[]> {
    const counter = await this.repo.findCounter(counterId);
    if (!counter) return [];
    return this.agencyServiceIds(staff, counter);
  }

  // ---- transitions ----------------------------------------------------------------------

  private async onCurrentTicket(
    staff: StaffPrincipal,
    counterId: string,
    work: (tx: EntityManager, counter: CounterRow, ticket: TicketRow) => Promise<{ row: TicketRow; action: TicketAction }>,
    options: { anyAgency?: boolean } = {},
  ): Promise<TicketResponse> {
    const { row, action, counter } = await this.repo.transaction(async (tx) => {
      const c = await this.requireOwnCounter(tx, staff, counterId);
      const ticket = await this.repo.lockActiveTicketOfCounter(tx, c.id);
      if (!ticket) throw ApiException.conflict('NO_CURRENT_TICKET', QueueMessages.noCurrentTicket);
      // An officer serves only their own agency's tickets, even one that reached their counter.
      if (!options.anyAgency && COUNTER_ROLES.has(staff.role) && ticket.agency_id !== staff.agencyId) {
        throw ApiException.forbidden('OTHER_AGENCY_TICKET', QueueMessages.otherAgencyTicket(ticketNumber(ticket), ticket.agency_short_name));
      }
      return { ...(await work(tx, c, ticket)), counter: c };
    });
    this.events.ticketChanged(row, action, counter);
    return this.toTicketResponse(row);
  }

  /**
   * The state machine of libs/domain decides; this applies the change and appends the event.
   * A transition the machine refuses answers 409 and says what is allowed.
   */
  private async applyTransition(
    tx: EntityManager,
    ticket: TicketRow,
    action: TicketAction,
    actor: { counterId: string | null; userId: string | null; counterNumber?: number; counterName?: string },
    details: { outcomeNote?: string | null; serviceId?: string; targetCounterId?: string | null; picked?: boolean; reason?: string },
    streak: { counterId: string; value: number } | null = null,
  ): Promise<TicketRow> {
    const to = nextStatus(ticket.status, action);
    if (!to) {
      throw new ApiException(HttpStatus.CONFLICT, 'INVALID_TRANSITION', transitionError(ticket.status, action));
    }
    const now = this.clock.now();
    let fields: TicketFields;
    let tally: { ticket: TicketRow; change: 1 | -1 } | null = null;
    switch (action) {
      case 'call':
        tally = { ticket, change: -1 };
        fields = {
          status: to,
          counter_id: actor.counterId,
          target_counter_id: null,
          recall_count: 0,
          called_at: now,
          ...(ticket.first_called_at ? {} : { first_called_at: now }),
        };
        break;
      case 'recall':
        fields = { recall_count: ticket.recall_count + 1, called_at: now };
        break;
      case 'start':
        fields = { status: to, started_at: now };
        break;
      case 'finish':
        fields = { status: to, finished_at: now, outcome_note: details.outcomeNote ?? null };
        break;
      case 'no_show':
      case 'cancel':
      case 'close_day':
        if (ticket.status === 'waiting') tally = { ticket, change: -1 };
        fields = { status: to, finished_at: now };
        break;
      case 'return':
        tally = { ticket, change: 1 };
        fields = { status: to, counter_id: null, called_at: null, started_at: null };
        break;
      case 'transfer':
        tally = { ticket: { ...ticket, service_id: details.serviceId ?? ticket.service_id }, change: 1 };
        fields = {
          status: to,
          counter_id: null,
          called_at: null,
          started_at: null,
          service_id: details.serviceId ?? ticket.service_id,
          target_counter_id: details.targetCounterId ?? null,
          recall_count: 0,
        };
        break;
    }
    await this.repo.applyChange(tx, {
      id: ticket.id,
      fields,
      event: {
        ticketId: ticket.id,
        siteId: ticket.site_id,
        action,
        from: ticket.status,
        to,
        counterId: actor.counterId,
        userId: actor.userId,
        deviceId: null,
        at: now,
        details: withoutUndefined({
          ...details,
          ...(action === 'transfer' ? { fromServiceId: ticket.service_id } : {}),
          ...(action === 'recall' ? { recall: ticket.recall_count + 1 } : {}),
        }),
      },
      tally: tally
        ? {
            serviceId: tally.ticket.service_id,
            localDate: tally.ticket.local_date,
            regular: tally.ticket.priority === 'regular' ? tally.change : 0,
            priority: tally.ticket.priority === 'regular' ? 0 : tally.change,
          }
        : null,
      streak,
    });
    if (fields.service_id && fields.service_id !== ticket.service_id) return (await this.repo.findTicketById(ticket.id, tx))!;
    // The row as it now is, without reading it again.
    return {
      ...ticket,
      ...fields,
      ...(fields.counter_id !== undefined
        ? { counter_number: fields.counter_id ? (actor.counterNumber ?? null) : null, counter_name: fields.counter_id ? (actor.counterName ?? null) : null }
        : {}),
    } as TicketRow;
  }

  // ---- who may act where ------------------------------------------------------------------

  private async requireCounter(tx: EntityManager, counterId: string): Promise<CounterRow> {
    const c = await this.repo.lockCounter(tx, counterId);
    if (!c) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
    return c;
  }

  /** An officer (or agency admin) of this site whose agency this counter serves. */
  private assertMayStaff(staff: StaffPrincipal, c: CounterRow): void {
    if (staff.siteId !== c.site_id && staff.role !== 'system_admin') throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
  }

  private async requireOwnCounter(tx: EntityManager, staff: StaffPrincipal, counterId: string): Promise<CounterRow> {
    const c = await this.requireCounter(tx, counterId);
    this.assertMayStaff(staff, c);
    if (c.officer_id !== staff.userId) throw ApiException.forbidden('NOT_AT_COUNTER', QueueMessages.notAtCounter);
    return c;
  }

  private async requireCallableCounter(tx: EntityManager, staff: StaffPrincipal, counterId: string): Promise<CounterRow> {
    const c = await this.requireOwnCounter(tx, staff, counterId);
    if (c.state !== 'open') throw ApiException.conflict('COUNTER_NOT_OPEN', QueueMessages.counterNotOpen);
    const holding = await this.repo.lockActiveTicketOfCounter(tx, c.id);
    if (holding) throw ApiException.conflict('COUNTER_BUSY', QueueMessages.counterBusy(ticketNumber(holding)));
    return c;
  }

  /** The counter's services that belong to the officer's agency: an officer acts only for their own agency. */
  private async callableServiceIds(_db: EntityManager, staff: StaffPrincipal, c: CounterRow): Promise<string[]> {
    const ids = await this.agencyServiceIds(staff, c);
    if (ids.length === 0) throw ApiException.forbidden('NOT_YOUR_AGENCY', QueueMessages.noServiceOfYours);
    return ids;
  }

  private async agencyServiceIds(staff: StaffPrincipal, c: Pick<CounterRow, 'service_ids'>): Promise<string[]> {
    if (!COUNTER_ROLES.has(staff.role)) return c.service_ids;
    const services = await Promise.all(c.service_ids.map((id) => this.catalogue.cachedActiveService(id)));
    return services.filter((s) => s !== null && s.agencyId === staff.agencyId).map((s) => s!.id);
  }

  // ---- responses ------------------------------------------------------------------------

  /** `issuedNow`: the ticket was issued a moment ago (its place then comes from the day's tallies). */
  async toTicketResponse(row: TicketRow, site?: SiteEntity, issuedNow = false): Promise<TicketResponse> {
    const { position, positionMin, estimatedWaitMinutes } = row.status === 'waiting' ? await this.placeOrNone(row, site, issuedNow) : NOT_WAITING;
    return {
      id: row.id,
      publicCode: row.public_code,
      number: ticketNumber(row),
      siteCode: row.site_code,
      siteName: row.site_name,
      timeZone: row.time_zone,
      service: { id: row.service_id, name: row.service_name, nameEn: row.service_name_en },
      agency: { shortName: row.agency_short_name },
      priority: row.priority,
      status: row.status,
      position,
      positionMin,
      estimatedWaitMinutes,
      counter: row.counter_id && row.counter_number !== null ? { id: row.counter_id, number: row.counter_number, name: row.counter_name ?? '' } : null,
      issuedAt: row.issued_at.toISOString(),
      localDate: row.local_date,
      calledAt: row.called_at?.toISOString() ?? null,
      finishedAt: row.finished_at?.toISOString() ?? null,
      source: row.source,
      recallCount: row.recall_count,
      startedAt: row.started_at?.toISOString() ?? null,
      outcomeNote: row.outcome_note,
      targetCounterId: row.target_counter_id,
    };
  }

  /**
   * The place of a waiting ticket, read after its change was committed: a failure to read it
   * (a busy pool, a dropped connection) leaves the place unknown in this answer, never turns the
   * committed change into an error. The ticket page reads it again on the next event.
   */
  private async placeOrNone(row: TicketRow, site: SiteEntity | undefined, issuedNow: boolean): Promise<TicketPlace> {
    try {
      return await this.places.placeOf(row, site ?? (await this.catalogue.cachedSite(row.site_id))!, issuedNow);
    } catch (error) {
      this.logger.error({ msg: "ticket's place not read; answered without it", ticketId: row.id, error: error instanceof Error ? error.message : String(error) });
      return NOT_WAITING;
    }
  }

  async toCounterResponse(c: CounterRow): Promise<CounterResponse> {
    const current = await this.repo.findActiveTicketOfCounter(c.id);
    return {
      id: c.id,
      siteCode: c.site_code,
      number: c.number,
      name: c.name,
      state: c.state,
      serviceIds: c.service_ids,
      officer: c.officer_id ? { id: c.officer_id, fullName: c.officer_name ?? '' } : null,
      current: current ? await this.toTicketResponse(current) : null,
    };
  }
}

export function ticketNumber(row: { prefix: string; number: number }): string {
  return formatTicketNumber(row.prefix, row.number);
}

/** The public page shows no internal ids or staff notes. */
export function toPublic(t: TicketResponse): PublicTicketResponse {
  return {
    publicCode: t.publicCode,
    number: t.number,
    siteCode: t.siteCode,
    siteName: t.siteName,
    timeZone: t.timeZone,
    service: t.service,
    agency: t.agency,
    priority: t.priority,
    status: t.status,
    position: t.position,
    positionMin: t.positionMin,
    estimatedWaitMinutes: t.estimatedWaitMinutes,
    counter: t.counter,
    issuedAt: t.issuedAt,
    localDate: t.localDate,
    calledAt: t.calledAt,
    finishedAt: t.finishedAt,
  };
}

function withoutUndefined<T extends Record<string, unknown>>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Carries the ticket of a request's first attempt out of the issue path (see QueueService.issue). */
class IdempotentReplay extends Error {
  constructor(readonly ticket: TicketResponse) {
    super('idempotent replay');
  }
}
