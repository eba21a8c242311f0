import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { CounterWork, HallCounter, meanMinutes, placeInHall, shownWaitMinutes, type WaitingGroup } from '@mpp/domain';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { Clock } from '../common/clock';
import { TtlCache } from '../common/ttl-cache';
import { COUNTER_ROLES } from './queue-access';
import { QueueEvents } from './queue-events';
import { groupsOfIssuedTicket, PlaceCounterRow, QueuePlaceRepository } from './queue-place.repository';
import type { IssuedTicketRow, TicketRow } from './queue.repository';


/** Minutes assumed for a service whose standard gives none. */
const DEFAULT_EXPECTED_MINUTES = 10;

export interface TicketPlace {
  /** 1 = certainly next; otherwise the latest place the ticket can have. Null when not waiting. */
  position: number | null;
  /** The earliest place it can have (equal to `position` when certain). */
  positionMin: number | null;
  /** Whole minutes; null when no counter that may call it is open. */
  estimatedWaitMinutes: number | null;
}

const NONE: TicketPlace = { position: null, positionMin: null, estimatedWaitMinutes: null };

/** The counter as calling sees it: its services of its officer's agency when open, all of them otherwise. */
function toHallCounter(c: PlaceCounterRow, asOpen: boolean): HallCounter {
  const byAgency = asOpen && c.officer_role !== null && COUNTER_ROLES.has(c.officer_role) && c.officer_agency_id !== null;
  const services = byAgency ? c.services.filter((s) => s.agencyId === c.officer_agency_id) : c.services;
  return { id: c.id, serviceIds: services.map((s) => s.id), regularStreak: c.regular_streak };
}

/**
 * A waiting ticket's place and estimated wait (docs/queue.md "Place and estimated wait"): the
 * rules are libs/domain's `placeInHall` and `shownWaitMinutes`; this reads their inputs.
 */
@Injectable()
export class QueuePlaceService implements OnModuleDestroy {
  /** Recent durations of a service: read at most every two seconds, at once after a finish here. */
  private readonly durations = new TtlCache<string, number[]>(2_000);
  /**
   * A site's counters (state, streak, services, what each holds): read again after any change to
   * a counter or to a ticket at one in this process, and at least every second, so the many
   * tickets issued between two calls do not each read them.
   */
  private readonly counters = new TtlCache<string, PlaceCounterRow[]>(1_000);
  private readonly unsubscribe: (() => void)[];
  /** Per site, the services each service shares a counter with (counters' services change rarely). */
  private readonly sharing = new TtlCache<string, Map<string, Set<string>>>(5_000);

  constructor(
    private readonly repo: QueuePlaceRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: Clock,
    events: QueueEvents,
  ) {
    this.unsubscribe = [
      events.onTicket(({ row, action }) => {
        if (action !== 'issue' && action !== 'cancel') this.counters.delete(row.site_id);
        if (action === 'finish' || action === 'no_show') this.durations.delete(row.service_id);
      }),
      events.onCounter((counter) => this.counters.delete(counter.site_id)),
    ];
  }

  onModuleDestroy(): void {
    this.unsubscribe.forEach((off) => off());
  }

  private siteCounters(siteId: string): Promise<PlaceCounterRow[]> {
    return this.counters.get(siteId, () => this.repo.siteCounters(siteId));
  }

  /**
   * The services whose waiting tickets' places a change in the lines of `serviceIds` can move:
   * those served at a counter with one of them (a call of akta at a counter shared with KTP moves
   * every KTP ticket's place), themselves included.
   */
  async servicesMovedWith(siteId: string, serviceIds: readonly string[]): Promise<string[]> {
    const sharing = await this.sharing.get(siteId, async () => {
      const map = new Map<string, Set<string>>();
      for (const c of await this.siteCounters(siteId)) {
        for (const s of c.services) {
          const set = map.get(s.id) ?? new Set<string>();
          c.services.forEach((other) => set.add(other.id));
          map.set(s.id, set);
        }
      }
      return map;
    });
    return [...new Set(serviceIds.flatMap((id) => [id, ...(sharing.get(id) ?? [])]))];
  }

  /** A new ticket's groups: from what its issue statement answered when it is that answer. */
  private groupsOfNew(row: TicketRow | IssuedTicketRow): WaitingGroup[] | Promise<WaitingGroup[]> {
    return 'day_tallies' in row ? groupsOfIssuedTicket(row) : this.repo.waitingGroupsOfNewTicket(row);
  }

  /** `issuedNow`: the ticket was issued a moment ago (its place comes from the day's tallies). */
  async placeOf(row: TicketRow, site: SiteEntity, issuedNow = false): Promise<TicketPlace> {
    if (row.status !== 'waiting') return NONE;
    const [counters, groups] = await Promise.all([
      this.siteCounters(row.site_id),
      issuedNow ? this.groupsOfNew(row) : this.repo.waitingGroups(row),
    ]);
    const policy = { mode: site.queueMode, interleaveEvery: site.queueInterleaveEvery };
    const ticket = { serviceId: row.service_id, priority: row.priority, targetCounterId: row.target_counter_id };
    const open = counters.filter((c) => c.state === 'open');
    const place = placeInHall(ticket, groups, open.map((c) => toHallCounter(c, true)), policy);
    if (!place) {
      // No open counter may call it: its place once the counters that serve it open; no estimate.
      const later = placeInHall(ticket, groups, counters.map((c) => toHallCounter(c, false)), policy);
      return later ? { position: later.max, positionMin: later.min, estimatedWaitMinutes: null } : NONE;
    }

    const eligible = open.filter((c) => place.counterIds.includes(c.id));
    const serviceIds = [...new Set([row.service_id, ...place.aheadByService.keys(), ...eligible.flatMap((c) => (c.held_service_id ? [c.held_service_id] : []))])];
    const known = new Map(
      await Promise.all(
        serviceIds.map(
          async (id) =>
            [
              id,
              {
                durations: await this.durations.get(id, async () => (await this.repo.recentDurations([id])).get(id) ?? []),
                expected: (await this.catalogue.cachedActiveService(id))?.expectedServiceMinutes ?? DEFAULT_EXPECTED_MINUTES,
              },
            ] as const,
        ),
      ),
    );
    const mean = (id: string) => meanMinutes(known.get(id)!.durations, known.get(id)!.expected);
    let weight = 0;
    let minutes = 0;
    for (const [serviceId, n] of place.aheadByService) {
      weight += n;
      minutes += n * mean(serviceId);
    }
    const now = this.clock.now().getTime();
    const work: CounterWork[] = eligible.map((c) => {
      const held = c.held_service_id ? known.get(c.held_service_id)! : known.get(row.service_id)!;
      const busyFor = c.held_service_id ? Math.max(0, (now - (c.held_since ?? new Date(now)).getTime()) / 60_000) : null;
      return { busyForMinutes: busyFor, durations: held.durations, expectedMinutes: held.expected };
    });
    const estimatedWaitMinutes = shownWaitMinutes({
      ahead: place.expectedAhead,
      meanAheadMinutes: weight > 0 ? minutes / weight : mean(row.service_id),
      counters: work,
    });
    return { position: place.max, positionMin: place.min, estimatedWaitMinutes };
  }
}
