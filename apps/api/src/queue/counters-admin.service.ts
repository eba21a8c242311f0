import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CounterResponse, QueuePolicy, RetiredCounterResponse } from '@mpp/contracts';
import { AccessPolicy } from '../auth/access-policy';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueMessages } from '../catalogue/catalogue.messages';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { SitesService } from '../catalogue/sites.service';
import { AuditLog } from '../common/audit-log';
import { ApiException } from '../common/errors/api-exception';
import { CreateCounterDto, QueuePolicyDto, UpdateCounterDto } from './dto/queue.dto';
import { ticketNumber } from './queue.mapper';
import { QueueMessages } from './queue.messages';
import { QueueRepository, type CounterRow } from './queue.repository';
import { TicketViews } from './ticket-views';

/** Site admins set up counters (loket) and the site's calling policy. */
@Injectable()
export class CountersAdminService {
  constructor(
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly sites: SitesService,
    private readonly views: TicketViews,
    private readonly audit: AuditLog,
  ) {}

  async create(staff: StaffPrincipal, siteCode: string, dto: CreateCounterDto): Promise<CounterResponse> {
    const site = await this.sites.requireManageableSite(staff, siteCode);
    await this.assertServicesOfSite(site.id, dto.serviceIds);
    const id = await this.repo.transaction(async (tx) => {
      const counterId = await this.repo.createCounter(tx, { siteId: site.id, number: dto.number, name: dto.name.trim(), serviceIds: dto.serviceIds });
      const created = (await this.repo.findCounter(counterId, tx))!;
      await this.audit.record(tx, { actor: staff, action: 'counter.create', entityType: 'counter', entityId: counterId, siteId: site.id, agencyId: null, entityLabel: counterLabel(created), before: null, after: counterAudit(created) });
      return counterId;
    });
    return this.views.counter((await this.repo.findCounter(id))!);
  }

  async update(staff: StaffPrincipal, id: string, dto: UpdateCounterDto): Promise<CounterResponse> {
    const counter = await this.repo.findCounter(id);
    if (!counter) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
    AccessPolicy.assertSite(staff, counter.site_id);
    if (dto.serviceIds) await this.assertServicesOfSite(counter.site_id, dto.serviceIds);
    await this.repo.transaction(async (tx) => {
      if (dto.number !== undefined) await this.repo.lockCounterNumbering(tx, counter.site_id);
      const before = await this.repo.lockCounter(tx, id);
      if (!before) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
      if (dto.number !== undefined && dto.number !== before.number) await this.renumber(tx, staff, before, dto.number);
      if (dto.name !== undefined) await this.repo.renameCounter(tx, id, dto.name.trim());
      if (dto.serviceIds) await this.repo.setCounterServices(tx, id, dto.serviceIds);
      const after = (await this.repo.findCounter(id, tx))!;
      await this.audit.record(tx, { actor: staff, action: 'counter.update', entityType: 'counter', entityId: id, siteId: after.site_id, agencyId: null, entityLabel: counterLabel(after), before: counterAudit(before), after: counterAudit(after) });
    });
    return this.views.counter((await this.repo.findCounter(id))!);
  }

  /**
   * Retires a loket: it leaves the picker, the display and the lists, and can no longer be opened;
   * its tickets and its number stay in the records. Only a closed loket with nobody at it, holding
   * no ticket and with no ticket transferred to it alone.
   */
  async retire(staff: StaffPrincipal, id: string): Promise<void> {
    const counter = await this.repo.findCounter(id);
    if (!counter) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
    AccessPolicy.assertSite(staff, counter.site_id);
    await this.repo.transaction(async (tx) => {
      const locked = await this.repo.lockCounterAndItsTicket(tx, id);
      if (!locked) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
      const { counter: before, ticket } = locked;
      if (ticket) throw ApiException.conflict('COUNTER_BUSY', QueueMessages.counterBusy(ticketNumber(ticket)));
      if (before.state !== 'closed' || before.officer_id) throw ApiException.conflict('COUNTER_IN_USE', QueueMessages.counterStillOpen(before.state));
      const sent = await this.repo.countTicketsSentToCounter(tx, id);
      if (sent > 0) throw ApiException.conflict('COUNTER_HAS_TRANSFERS', QueueMessages.counterHasTransfers(sent));
      await this.repo.retireCounter(tx, id);
      await this.audit.record(tx, { actor: staff, action: 'counter.retire', entityType: 'counter', entityId: id, siteId: before.site_id, agencyId: null, entityLabel: counterLabel(before), before: { retired: false }, after: { retired: true } });
    });
  }

  /**
   * Gives the loket another number (its place on the display). When another active loket holds
   * that number the two swap, through a number no loket of the site has held, under the site's
   * numbering lock: the unique (site, number) constraint is checked row by row, so a swap cannot
   * be one statement. The other loket's change is audited on its own row.
   */
  private async renumber(tx: EntityManager, staff: StaffPrincipal, counter: CounterRow, number: number): Promise<void> {
    const holder = await this.repo.findCounterByNumber(tx, counter.site_id, number);
    if (!holder) {
      await this.repo.setCounterNumber(tx, counter.id, number);
      return;
    }
    if (holder.retired) throw ApiException.conflict('COUNTER_NUMBER_RETIRED', QueueMessages.counterNumberRetired(number));
    const other = await this.repo.lockCounter(tx, holder.id);
    if (!other) throw ApiException.conflict('COUNTER_NUMBER_RETIRED', QueueMessages.counterNumberRetired(number));
    const free = await this.repo.freeCounterNumber(tx, counter.site_id);
    if (free === null) throw ApiException.conflict('NO_FREE_COUNTER_NUMBER', QueueMessages.noFreeCounterNumber);
    await this.repo.setCounterNumber(tx, counter.id, free);
    await this.repo.setCounterNumber(tx, other.id, counter.number);
    await this.repo.setCounterNumber(tx, counter.id, number);
    const moved = (await this.repo.findCounter(other.id, tx))!;
    await this.audit.record(tx, { actor: staff, action: 'counter.update', entityType: 'counter', entityId: other.id, siteId: other.site_id, agencyId: null, entityLabel: counterLabel(moved), before: counterAudit(other), after: counterAudit(moved) });
  }

  /** The site's retired lokets, for its admins (a retired site's too: reading changes nothing). */
  async retired(staff: StaffPrincipal, siteCode: string): Promise<RetiredCounterResponse[]> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(siteCode));
    AccessPolicy.assertSite(staff, site.id);
    const rows = await this.repo.findRetiredCountersOfSite(site.id);
    return rows.map((c) => ({ id: c.id, number: c.number, name: c.name, retiredAt: new Date(c.retired_at).toISOString() }));
  }

  /** The site's calling policy, in the shape setPolicy (PUT) accepts; a retired site's too (reading changes nothing). */
  async policy(staff: StaffPrincipal, siteCode: string): Promise<QueuePolicy> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(siteCode));
    AccessPolicy.assertSite(staff, site.id);
    return toQueuePolicy(site);
  }

  async setPolicy(staff: StaffPrincipal, siteCode: string, dto: QueuePolicyDto): Promise<QueuePolicy> {
    const site = await this.sites.requireManageableSite(staff, siteCode);
    return this.sites.setQueuePolicy(staff, site, { mode: dto.mode, interleaveEvery: dto.interleaveEvery, allowPick: dto.allowPick, maxRecalls: dto.maxRecalls });
  }

  private async assertServicesOfSite(siteId: string, serviceIds: string[]): Promise<void> {
    const found = new Set(await this.catalogue.findActiveServiceIdsOfSite(siteId, serviceIds));
    const missing = serviceIds.filter((id) => !found.has(id));
    if (missing.length) {
      throw ApiException.unprocessable(
        'SERVICE_NOT_AT_SITE',
        { id: 'Sebagian layanan tidak ada atau bukan layanan MPP ini.', en: 'Some services do not exist or belong to another site.' },
        missing.map((id) => ({ field: `serviceIds.${serviceIds.indexOf(id)}`, message: { id: `Layanan ${id} tidak ada di MPP ini.`, en: `Service ${id} is not at this site.` } })),
      );
    }
  }
}

/** A site's calling policy as GET and PUT /admin/sites/{code}/queue-policy carry it. */
export function toQueuePolicy(site: SiteEntity): QueuePolicy {
  return { mode: site.queueMode, interleaveEvery: site.queueInterleaveEvery, allowPick: site.queueAllowPick, maxRecalls: site.queueMaxRecalls };
}

/** What the audit log keeps of a counter: its number, name and services (sorted ids). */
function counterAudit(counter: CounterRow): Record<string, unknown> {
  return { number: counter.number, name: counter.name, serviceIds: [...counter.service_ids].sort() };
}

function counterLabel(counter: CounterRow): string {
  return `Loket ${counter.number} ${counter.name}`;
}
