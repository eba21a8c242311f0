import { Injectable } from '@nestjs/common';
import type { CounterResponse, QueuePolicy } from '@mpp/contracts';
import { AccessPolicy } from '../auth/access-policy';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { SitesService } from '../catalogue/sites.service';
import { ApiException } from '../common/errors/api-exception';
import { CreateCounterDto, QueuePolicyDto, UpdateCounterDto } from './dto/queue.dto';
import { QueueMessages } from './queue.messages';
import { QueueRepository } from './queue.repository';
import { TicketViews } from './ticket-views';

/** Site admins set up counters (loket) and the site's calling policy. */
@Injectable()
export class CountersAdminService {
  constructor(
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly sites: SitesService,
    private readonly views: TicketViews,
  ) {}

  async create(staff: StaffPrincipal, siteCode: string, dto: CreateCounterDto): Promise<CounterResponse> {
    const site = await this.sites.requireManageableSite(staff, siteCode);
    await this.assertServicesOfSite(site.id, dto.serviceIds);
    const id = await this.repo.transaction((tx) => this.repo.createCounter(tx, { siteId: site.id, number: dto.number, name: dto.name.trim(), serviceIds: dto.serviceIds }));
    return this.views.counter((await this.repo.findCounter(id))!);
  }

  async update(staff: StaffPrincipal, id: string, dto: UpdateCounterDto): Promise<CounterResponse> {
    const counter = await this.repo.findCounter(id);
    if (!counter) throw ApiException.notFound('COUNTER_NOT_FOUND', QueueMessages.counterNotFound);
    AccessPolicy.assertSite(staff, counter.site_id);
    if (dto.serviceIds) await this.assertServicesOfSite(counter.site_id, dto.serviceIds);
    await this.repo.transaction(async (tx) => {
      if (dto.name !== undefined) await this.repo.renameCounter(tx, id, dto.name.trim());
      if (dto.serviceIds) await this.repo.setCounterServices(tx, id, dto.serviceIds);
    });
    return this.views.counter((await this.repo.findCounter(id))!);
  }

  async setPolicy(staff: StaffPrincipal, siteCode: string, dto: QueuePolicyDto): Promise<QueuePolicy> {
    const site = await this.sites.requireManageableSite(staff, siteCode);
    return this.sites.setQueuePolicy(site, { mode: dto.mode, interleaveEvery: dto.interleaveEvery, allowPick: dto.allowPick, maxRecalls: dto.maxRecalls });
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
