import { Injectable } from '@nestjs/common';
import type { DisplayCall, DisplaySnapshot } from '@mpp/contracts';
import { formatTicketNumber, localDate, zonedToUtc } from '@mpp/domain';
import type { Principal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { QueueMessages } from './queue.messages';
import { QueueRepository } from './queue.repository';

const LAST_CALLS = 10;

/** What a hall display shows: today's calls and counts, never a name, NIK or phone. */
@Injectable()
export class DisplayService {
  constructor(
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
  ) {}

  /** Displays and kiosks of the site, and its staff, may watch the hall. */
  async requireSiteFor(principal: Principal | undefined, siteCode: string): Promise<SiteEntity> {
    const site = await this.catalogue.findActiveSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', { id: `MPP "${siteCode}" tidak ditemukan.`, en: `Site "${siteCode}" not found.` });
    if (!principal) throw ApiException.unauthorized('UNAUTHENTICATED', { id: 'Layar perlu masuk dengan token perangkat.', en: 'The display must sign in with its device token.' });
    const allowed = principal.kind === 'device' ? principal.siteId === site.id : principal.role === 'system_admin' || principal.siteId === site.id;
    if (!allowed) throw ApiException.forbidden('OTHER_SITE', QueueMessages.otherSite);
    return site;
  }

  async snapshot(site: SiteEntity): Promise<DisplaySnapshot> {
    const today = localDate(this.clock.now(), site.timeZone);
    const [counters, calls, waiting] = await Promise.all([
      this.repo.displayCounters(site.id, today),
      this.repo.lastCalls(site.id, today, zonedToUtc(today, '00:00', site.timeZone), LAST_CALLS),
      this.repo.waitingCounts(site.id, today),
    ]);
    return {
      siteCode: site.code,
      siteName: site.name,
      timeZone: site.timeZone,
      localDate: today,
      counters: counters.map((c) => ({
        number: c.number,
        name: c.name,
        state: c.state,
        current: c.prefix && c.ticket_number !== null ? { ticketNumber: formatTicketNumber(c.prefix, c.ticket_number), serviceName: c.service_name ?? '', status: c.status! } : null,
      })),
      lastCalls: calls.map(
        (c): DisplayCall => ({
          ticketNumber: formatTicketNumber(c.prefix, c.ticket_number),
          counterNumber: c.counter_number,
          counterName: c.counter_name,
          serviceName: c.service_name,
          priority: c.priority,
          at: c.at.toISOString(),
          recall: c.action === 'recall',
        }),
      ),
      waiting: waiting.map((w) => ({ serviceId: w.service_id, serviceName: w.service_name, count: w.count })),
    };
  }

  async waitingCounts(siteId: string, timeZone: string): Promise<DisplaySnapshot['waiting']> {
    const rows = await this.repo.waitingCounts(siteId, localDate(this.clock.now(), timeZone));
    return rows.map((w) => ({ serviceId: w.service_id, serviceName: w.service_name, count: w.count }));
  }
}
