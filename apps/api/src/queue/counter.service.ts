import { Injectable } from '@nestjs/common';
import type { CounterResponse, CounterSnapshot, TicketAction, TicketResponse } from '@mpp/contracts';
import { localDate } from '@mpp/domain';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { TransferDto } from './dto/queue.dto';
import { COUNTER_ROLES, QueueAccess } from './queue-access';
import { QueuePublisher } from './queue-publisher';
import { ticketNumber } from './queue.mapper';
import { QueueMessages } from './queue.messages';
import { CounterRow, QueueRepository, TicketRow } from './queue.repository';
import { actorAt, TicketTransitions } from './ticket-transitions';
import { TicketViews } from './ticket-views';

/**
 * A counter's work: an officer opens, pauses and closes it, calls the next ticket (or picks one),
 * recalls, starts, finishes, marks a no-show, returns or transfers the ticket it holds. Each
 * change is published after its commit (QueuePublisher).
 */
@Injectable()
export class CounterService {
  constructor(
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
    private readonly access: QueueAccess,
    private readonly transitions: TicketTransitions,
    private readonly publisher: QueuePublisher,
    private readonly views: TicketViews,
  ) {}

  async openCounter(staff: StaffPrincipal, counterId: string): Promise<CounterResponse> {
    const counter = await this.repo.transaction(async (tx) => {
      const c = await this.access.requireCounter(tx, counterId);
      this.access.assertMayStaff(staff, c);
      // An officer sits only where their agency is served: elsewhere they would lock its own agency out.
      if (COUNTER_ROLES.has(staff.role) && (await this.access.agencyServiceIds(staff, c)).length === 0) {
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
        await this.repo.setCounterState(tx, previous.id, 'closed');
      }
      await this.repo.seatOfficer(tx, c.id, staff.userId);
      return (await this.repo.findCounter(c.id, tx))!;
    });
    this.publisher.counterChanged(null, counter);
    return this.views.counter(counter);
  }

  async setCounterState(staff: StaffPrincipal, counterId: string, state: 'paused' | 'closed'): Promise<CounterResponse> {
    const counter = await this.repo.transaction(async (tx) => {
      const c = await this.access.requireOwnCounter(tx, staff, counterId);
      if (state === 'closed') {
        const holding = await this.repo.lockActiveTicketOfCounter(tx, c.id);
        if (holding) throw ApiException.conflict('COUNTER_BUSY', QueueMessages.counterBusy(ticketNumber(holding)));
      }
      await this.repo.setCounterState(tx, c.id, state);
      return (await this.repo.findCounter(c.id, tx))!;
    });
    this.publisher.counterChanged(null, counter);
    return this.views.counter(counter);
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
    this.publisher.ticketChanged(null, row, 'call', { number: row.counter_number!, name: row.counter_name!, state: 'open' });
    return this.views.ticket(row);
  }

  /** An officer calls one specific waiting ticket, where the site allows it; the pick is logged. */
  async pick(staff: StaffPrincipal, counterId: string, ticketId: string): Promise<TicketResponse> {
    const serviceIds = await this.callableServiceIdsFor(staff, counterId);
    const { row, counter } = await this.repo.transaction(async (tx) => {
      const c = await this.access.requireCallableCounter(tx, staff, counterId);
      if (!c.queue_allow_pick) throw ApiException.forbidden('PICK_NOT_ALLOWED', QueueMessages.pickNotAllowed);
      const ticket = await this.repo.lockTicket(tx, ticketId);
      if (!ticket || ticket.site_id !== c.site_id) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
      if (!serviceIds.includes(ticket.service_id)) throw ApiException.forbidden('NOT_FOR_THIS_COUNTER', QueueMessages.notForThisCounter);
      if (ticket.target_counter_id && ticket.target_counter_id !== c.id) throw ApiException.forbidden('NOT_FOR_THIS_COUNTER', QueueMessages.ticketSentElsewhere);
      return { row: await this.transitions.apply(tx, ticket, 'call', actorAt(c, staff.userId), { picked: true }), counter: c };
    });
    this.publisher.ticketChanged(null, row, 'call', counter);
    return this.views.ticket(row);
  }

  /** Announce again; past the site's limit the ticket becomes a no-show. */
  async recall(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => {
      if (ticket.status === 'called' && ticket.recall_count >= c.queue_max_recalls) {
        return { row: await this.transitions.apply(tx, ticket, 'no_show', actorAt(c, staff.userId), { reason: 'max_recalls' }), action: 'no_show' };
      }
      return { row: await this.transitions.apply(tx, ticket, 'recall', actorAt(c, staff.userId), {}), action: 'recall' };
    });
  }

  start(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => ({
      row: await this.transitions.apply(tx, ticket, 'start', actorAt(c, staff.userId), {}),
      action: 'start',
    }));
  }

  finish(staff: StaffPrincipal, counterId: string, outcomeNote: string | null): Promise<TicketResponse> {
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => ({
      row: await this.transitions.apply(tx, ticket, 'finish', actorAt(c, staff.userId), { outcomeNote }),
      action: 'finish',
    }));
  }

  noShow(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    return this.onCurrentTicket(staff, counterId, async (tx, c, ticket) => ({
      row: await this.transitions.apply(tx, ticket, 'no_show', actorAt(c, staff.userId), {}),
      action: 'no_show',
    }));
  }

  /** Also for another agency's ticket (one called before defects #3 was fixed): it frees the counter. */
  returnToQueue(staff: StaffPrincipal, counterId: string): Promise<TicketResponse> {
    return this.onCurrentTicket(
      staff,
      counterId,
      async (tx, c, ticket) => ({
        row: await this.transitions.apply(tx, ticket, 'return', actorAt(c, staff.userId), {}),
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
        row: await this.transitions.apply(tx, ticket, 'transfer', actorAt(c, staff.userId), {
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
    this.access.assertMayStaff(staff, counter);
    const serviceIds = await this.access.callableServiceIds(staff, counter);
    const waiting = await this.repo.listWaitingForServices(counter.site_id, localDate(this.clock.now(), counter.time_zone), serviceIds);
    return {
      counter: await this.views.counter(counter),
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
    return Promise.all(counters.map((c) => this.views.counter(c)));
  }

  async callableServiceIdsFor(staff: StaffPrincipal, counterId: string): Promise<string[]> {
    const counter = await this.repo.findCounter(counterId);
    if (!counter) return [];
    return this.access.agencyServiceIds(staff, counter);
  }

  private async onCurrentTicket(
    staff: StaffPrincipal,
    counterId: string,
    work: (tx: EntityManager, counter: CounterRow, ticket: TicketRow) => Promise<{ row: TicketRow; action: TicketAction }>,
    options: { anyAgency?: boolean } = {},
  ): Promise<TicketResponse> {
    const { row, action, counter } = await this.repo.transaction(async (tx) => {
      const { counter: c, ticket } = await this.access.requireOwnCounterAndItsTicket(tx, staff, counterId);
      if (!ticket) throw ApiException.conflict('NO_CURRENT_TICKET', QueueMessages.noCurrentTicket);
      // An officer serves only their own agency's tickets, even one that reached their counter.
      if (!options.anyAgency && COUNTER_ROLES.has(staff.role) && ticket.agency_id !== staff.agencyId) {
        throw ApiException.forbidden('OTHER_AGENCY_TICKET', QueueMessages.otherAgencyTicket(ticketNumber(ticket), ticket.agency_short_name));
      }
      return { ...(await work(tx, c, ticket)), counter: c };
    });
    this.publisher.ticketChanged(null, row, action, counter);
    return this.views.ticket(row);
  }
}
