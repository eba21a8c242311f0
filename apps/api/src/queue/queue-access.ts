import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal, StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { ApiException } from '../common/errors/api-exception';
import { ticketNumber } from './queue.mapper';
import { QueueMessages } from './queue.messages';
import { CounterRow, QueueRepository, type TicketRow } from './queue.repository';

/** Roles that may sit at a counter: they act for their own agency. */
export const COUNTER_ROLES: ReadonlySet<string> = new Set(['officer', 'agency_admin']);

/** Who may act where in the hall: every refusal of the queue's access rules, in one place. */
@Injectable()
export class QueueAccess {
  constructor(
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
  ) {}

  /** A kiosk of the site, or staff of the site (system admins anywhere). */
  assertMayIssue(principal: Principal, siteId: string): void {
    if (principal.kind === 'device') {
      if (principal.deviceKind !== 'kiosk') throw ApiException.forbidden('KIOSK_ONLY', QueueMessages.kioskOnly);
      if (principal.siteId !== siteId) throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
      return;
    }
    if (principal.role !== 'system_admin' && principal.siteId !== siteId) {
      throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
    }
  }

  /** Staff of the counter's site (system admins anywhere). */
  assertMayStaff(staff: StaffPrincipal, c: Pick<CounterRow, 'site_id'>): void {
    if (staff.siteId !== c.site_id && staff.role !== 'system_admin') throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
  }

  /** The counter, locked: everything one counter does happens one at a time. */
  async requireCounter(tx: EntityManager, counterId: string): Promise<CounterRow> {
    const c = await this.repo.lockCounter(tx, counterId);
    if (!c) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
    return c;
  }

  /** The counter the officer sits at. */
  async requireOwnCounter(tx: EntityManager, staff: StaffPrincipal, counterId: string): Promise<CounterRow> {
    const c = await this.requireCounter(tx, counterId);
    this.assertMayStaff(staff, c);
    if (c.officer_id !== staff.userId) throw ApiException.forbidden('NOT_AT_COUNTER', QueueMessages.notAtCounter);
    return c;
  }

  /** The counter the officer sits at, and the ticket it holds (both locked, in one statement). */
  async requireOwnCounterAndItsTicket(tx: EntityManager, staff: StaffPrincipal, counterId: string): Promise<{ counter: CounterRow; ticket: TicketRow | null }> {
    const found = await this.repo.lockCounterAndItsTicket(tx, counterId);
    if (!found) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
    this.assertMayStaff(staff, found.counter);
    if (found.counter.officer_id !== staff.userId) throw ApiException.forbidden('NOT_AT_COUNTER', QueueMessages.notAtCounter);
    return found;
  }

  /** The officer's counter, open and holding no ticket. */
  async requireCallableCounter(tx: EntityManager, staff: StaffPrincipal, counterId: string): Promise<CounterRow> {
    const c = await this.requireOwnCounter(tx, staff, counterId);
    if (c.state !== 'open') throw ApiException.conflict('COUNTER_NOT_OPEN', QueueMessages.counterNotOpen);
    const holding = await this.repo.lockActiveTicketOfCounter(tx, c.id);
    if (holding) throw ApiException.conflict('COUNTER_BUSY', QueueMessages.counterBusy(ticketNumber(holding)));
    return c;
  }

  /** The counter's services that belong to the officer's agency: an officer acts only for their own agency. */
  async callableServiceIds(staff: StaffPrincipal, c: Pick<CounterRow, 'service_ids'>): Promise<string[]> {
    const ids = await this.agencyServiceIds(staff, c);
    if (ids.length === 0) throw ApiException.forbidden('NOT_YOUR_AGENCY', QueueMessages.noServiceOfYours);
    return ids;
  }

  /** As callableServiceIds, empty instead of refused; all of the counter's services for admins. */
  async agencyServiceIds(staff: StaffPrincipal, c: Pick<CounterRow, 'service_ids'>): Promise<string[]> {
    if (!COUNTER_ROLES.has(staff.role)) return c.service_ids;
    const services = await Promise.all(c.service_ids.map((id) => this.catalogue.cachedActiveService(id)));
    return services.filter((s) => s !== null && s.agencyId === staff.agencyId).map((s) => s!.id);
  }
}
