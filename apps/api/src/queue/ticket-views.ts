import { Injectable, Logger } from '@nestjs/common';
import type { CounterResponse, TicketResponse } from '@mpp/contracts';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { QueuePlaceService, type TicketPlace } from './queue-place.service';
import { NO_PLACE, toCounterResponse, toTicketResponse } from './queue.mapper';
import { CounterRow, QueueRepository, TicketRow } from './queue.repository';

/** Reads what a response needs besides its row (a waiting ticket's place, a counter's ticket) and maps it (queue.mapper). */
@Injectable()
export class TicketViews {
  private readonly logger = new Logger(TicketViews.name);

  constructor(
    private readonly repo: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly places: QueuePlaceService,
  ) {}

  /** `issuedNow`: the ticket was issued a moment ago (its place then comes from the day's tallies). */
  async ticket(row: TicketRow, site?: SiteEntity, issuedNow = false): Promise<TicketResponse> {
    return toTicketResponse(row, row.status === 'waiting' ? await this.placeOrNone(row, site, issuedNow) : NO_PLACE);
  }

  async counter(c: CounterRow): Promise<CounterResponse> {
    const current = await this.repo.findActiveTicketOfCounter(c.id);
    return toCounterResponse(c, current ? await this.ticket(current) : null);
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
      return NO_PLACE;
    }
  }
}
