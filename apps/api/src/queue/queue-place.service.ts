import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CounterWork, firstFreeMinutes, HallCounter, meanMinutes, placeInHall, shownWaitMinutes, type PlaceTicket, type WaitingGroup } from '@mpp/domain';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { Clock } from '../common/clock';
import { TtlCache } from '../common/ttl-cache';
import { COUNTER_ROLES } from './queue-access';
import { QueueEvents } from './queue-events';
import { groupsOfIssuedTicket, type LineTicket, PlaceCounterRow, QueuePlaceRepository } from './queue-place.repository';
import type { IssuedTicketRow, TicketRow } from './queue.repository';


/** Minutes assumed for a service whose standard gives none. */
const DEFAULT_EXPECTED_MINUTES = 10;

/**
 * How long a site's hall (what places are computed from) serves the tickets that follow, at most
 * (the counters cache's own life): the kiosks' burst of issues computes the wait for the first
 * counter to free once, not once per ticket. Any change that moves a place (a counter or a ticket
 * at one, a finish, a catalogue edit) gives new counters or a new site object and a new hall.
 */
const HALL_REUSE_MS = 1_000;

type Hall = { place: (ticket: PlaceTicket, groups: readonly WaitingGroup[]) => TicketPlace };

/** A site's hall as last built, with what it was built from (reused only while all of it is the same). */
interface KeptHall {
  site: SiteEntity;
  counters: readonly PlaceCounterRow[];
  serviceIds: ReadonlySet<string>;
  builtAt: number;
  hall: Promise<Hall>;
}

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
  /** Per site, the hall last built (HALL_REUSE_MS). */
  private readonly halls = new Map<string, KeptHall>();

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

  /** The hall of these counters and services, reused from the last one built for the site when nothing it depends on changed. */
  private keptHall(site: SiteEntity, counters: readonly PlaceCounterRow[], serviceIds: readonly string[]): Promise<Hall> {
    const now = this.clock.now().getTime();
    const kept = this.halls.get(site.id);
    if (
      kept &&
      kept.site === site &&
      kept.counters === counters &&
      now >= kept.builtAt &&
      now - kept.builtAt < HALL_REUSE_MS &&
      serviceIds.every((id) => kept.serviceIds.has(id))
    ) {
      return kept.hall;
    }
    // A service the kept hall lacks: the new one covers both, so the next tickets reuse it.
    const ids = new Set(serviceIds);
    if (kept && kept.site === site && kept.counters === counters) kept.serviceIds.forEach((id) => ids.add(id));
    const hall = this.hall(site, counters, [...ids]);
    const entry: KeptHall = { site, counters, serviceIds: ids, builtAt: now, hall };
    this.halls.set(site.id, entry);
    // A failed read is not kept: the next ticket tries again.
    hall.catch(() => {
      if (this.halls.get(site.id) === entry) this.halls.delete(site.id);
    });
    return hall;
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
    const ticket = { serviceId: row.service_id, priority: row.priority, targetCounterId: row.target_counter_id };
    // Only the services whose durations this ticket's estimate reads (a site may have dozens).
    const policy = { mode: site.queueMode, interleaveEvery: site.queueInterleaveEvery };
    const open = counters.filter((c) => c.state === 'open');
    const inHall = placeInHall(ticket, groups, open.map((c) => toHallCounter(c, true)), policy);
    const eligible = inHall ? open.filter((c) => inHall.counterIds.includes(c.id)) : [];
    const serviceIds = [row.service_id, ...(inHall?.aheadByService.keys() ?? []), ...eligible.flatMap((c) => (c.held_service_id ? [c.held_service_id] : []))];
    const hall = await this.keptHall(site, counters, serviceIds);
    return hall.place(ticket, groups);
  }

  /**
   * The places of many waiting tickets of one site at once (the open ticket pages, after the line
   * moved): `line` is the site's waiting tickets of one day in calling order (queue_at, seq), as
   * `QueuePlaceRepository.waitingLine` reads them; the place of each ticket `wanted` accepts is
   * counted from the tickets before it in `line`, the same groups `waitingGroups` counts for one
   * ticket. The counters, durations and the wait for the first counter to free are read and
   * computed once for the whole line. Answers by ticket id. With `slice`, the event loop is let
   * go after every `slice` places (a line of thousands takes tens of milliseconds).
   */
  async placesInLine(site: SiteEntity, line: readonly LineTicket[], wanted: (t: LineTicket) => boolean, slice = Infinity): Promise<Map<string, TicketPlace>> {
    const places = new Map<string, TicketPlace>();
    if (!line.some(wanted)) return places;
    const counters = await this.siteCounters(site.id);
    const open = counters.filter((c) => c.state === 'open');
    const serviceIds = [...line.map((t) => t.service_id), ...open.flatMap((c) => [...toHallCounter(c, true).serviceIds, ...(c.held_service_id ? [c.held_service_id] : [])])];
    const hall = await this.keptHall(site, counters, serviceIds);
    const keyOf = (t: LineTicket) => `${t.service_id}|${t.target_counter_id ?? ''}|${t.priority !== 'regular' ? 1 : 0}`;
    const totals = new Map<string, { serviceId: string; targetCounterId: string | null; priority: boolean; total: number }>();
    for (const t of line) {
      const key = keyOf(t);
      const group = totals.get(key);
      if (group) group.total += 1;
      else totals.set(key, { serviceId: t.service_id, targetCounterId: t.target_counter_id, priority: t.priority !== 'regular', total: 1 });
    }
    const before = new Map<string, number>();
    for (const t of line) {
      const key = keyOf(t);
      if (wanted(t)) {
        const groups: WaitingGroup[] = [];
        for (const [k, g] of totals) {
          const total = g.total - (k === key ? 1 : 0);
          if (total > 0) groups.push({ serviceId: g.serviceId, targetCounterId: g.targetCounterId, priority: g.priority, ahead: before.get(k) ?? 0, total });
        }
        places.set(t.id, hall.place({ serviceId: t.service_id, priority: t.priority, targetCounterId: t.target_counter_id }, groups));
        if (places.size % slice === 0) await nextTurn();
      }
      before.set(key, (before.get(key) ?? 0) + 1);
    }
    return places;
  }

  /** Forgets a site's counters (another process changed one: its ticket pages are about to be told their places). */
  forgetSiteCounters(siteId: string): void {
    this.counters.delete(siteId);
  }

  /**
   * What the places of a site's tickets are computed from, read once: its counters, and the
   * recent durations and expected minutes of the services the estimates need (`serviceIds`: the
   * tickets', those served at the counters and those they hold). `place()` is then pure, and
   * keeps the wait for the first of a set of counters to free, which depends on the counters alone.
   */
  private async hall(site: SiteEntity, counters: readonly PlaceCounterRow[], serviceIds: readonly string[]): Promise<Hall> {
    const policy = { mode: site.queueMode, interleaveEvery: site.queueInterleaveEvery };
    const open = counters.filter((c) => c.state === 'open');
    const openHall = open.map((c) => toHallCounter(c, true));
    const allHall = counters.map((c) => toHallCounter(c, false));
    const ids = new Set(serviceIds);
    const known = new Map(
      await Promise.all(
        [...ids].map(
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
    const fallback = { durations: [] as number[], expected: DEFAULT_EXPECTED_MINUTES };
    const info = (id: string) => known.get(id) ?? fallback;
    const mean = (id: string) => meanMinutes(info(id).durations, info(id).expected);
    const now = this.clock.now().getTime();
    // The counters that may call a ticket depend on its service and target counter alone (`mayCall`):
    // their work, and the wait for the first of them to free, are computed once per such line.
    const lines = new Map<string, { work: CounterWork[]; free: number; firstFree?: number }>();
    const lineOf = (ticket: PlaceTicket, counterIds: readonly string[]) => {
      const key = `${ticket.serviceId}|${ticket.targetCounterId ?? ''}`;
      let line = lines.get(key);
      if (!line) {
        const work: CounterWork[] = open
          .filter((c) => counterIds.includes(c.id))
          .map((c) => {
            const held = info(c.held_service_id ?? ticket.serviceId);
            const busyFor = c.held_service_id ? Math.max(0, (now - (c.held_since ?? new Date(now)).getTime()) / 60_000) : null;
            return { busyForMinutes: busyFor, durations: held.durations, expectedMinutes: held.expected };
          });
        line = { work, free: work.filter((w) => w.busyForMinutes === null).length };
        lines.set(key, line);
      }
      return line;
    };

    const place = (ticket: PlaceTicket, groups: readonly WaitingGroup[]): TicketPlace => {
      const inHall = placeInHall(ticket, groups, openHall, policy);
      if (!inHall) {
        // No open counter may call it: its place once the counters that serve it open; no estimate.
        const later = placeInHall(ticket, groups, allHall, policy);
        return later ? { position: later.max, positionMin: later.min, estimatedWaitMinutes: null } : NONE;
      }
      let weight = 0;
      let minutes = 0;
      for (const [serviceId, n] of inHall.aheadByService) {
        weight += n;
        minutes += n * mean(serviceId);
      }
      const line = lineOf(ticket, inHall.counterIds);
      // Needed only when more are ahead than counters are free (estimateWaitMinutes), as before.
      if (line.firstFree === undefined && Math.ceil(inHall.expectedAhead) >= line.free) line.firstFree = firstFreeMinutes(line.work);
      const estimatedWaitMinutes = shownWaitMinutes({
        ahead: inHall.expectedAhead,
        meanAheadMinutes: weight > 0 ? minutes / weight : mean(ticket.serviceId),
        counters: line.work,
        firstFreeMinutes: line.firstFree,
      });
      return { position: inHall.max, positionMin: inHall.min, estimatedWaitMinutes };
    };
    return { place };
  }
}
