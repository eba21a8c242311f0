import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CounterState, PriorityClass } from '@mpp/contracts';
import type { WaitingGroup } from '@mpp/domain';
import { DataSource } from 'typeorm';
import type { DayTallyRow, IssuedTicketRow, TicketRow } from './queue.repository';

/** A counter of a site as the place and the wait estimate need it. */
export interface PlaceCounterRow {
  id: string;
  state: CounterState;
  regular_streak: number;
  officer_role: string | null;
  officer_agency_id: string | null;
  /** Its active services with their agencies. */
  services: { id: string; agencyId: string }[];
  /** The service of the ticket it holds (called or serving), and when it called it. */
  held_service_id: string | null;
  held_since: Date | null;
}

/** A waiting ticket as a line of them needs it (QueuePlaceService.placesInLine). */
export interface LineTicket {
  id: string;
  public_code: string;
  local_date: string;
  service_id: string;
  target_counter_id: string | null;
  priority: PriorityClass;
}

/** What the place of a just-issued ticket needs of it. */
export type NewTicket = Pick<TicketRow, 'id' | 'site_id' | 'local_date' | 'service_id' | 'priority'>;

/**
 * The waiting groups ahead of a ticket issued a moment ago, from the day's tallies (which count
 * targeted tickets and the new ticket too): everyone waiting queued before it. Targeted tickets
 * (transfers, few) are their own groups, taken out of their service's tally.
 */
export function groupsOfNewTicket(rows: readonly DayTallyRow[], ticket: NewTicket): WaitingGroup[] {
  const groups = rows.map((r) => ({ serviceId: r.service_id, targetCounterId: r.target_counter_id, priority: r.priority, ahead: r.total, total: r.total }));
  const untargeted = (serviceId: string, priority: boolean) => groups.find((g) => g.targetCounterId === null && g.serviceId === serviceId && g.priority === priority);
  for (const g of groups) {
    if (g.targetCounterId === null) continue;
    const tally = untargeted(g.serviceId, g.priority);
    if (tally) tally.ahead = tally.total = Math.max(0, tally.total - g.total);
  }
  const own = untargeted(ticket.service_id, ticket.priority !== 'regular');
  if (own) own.ahead = own.total = Math.max(0, own.total - 1);
  return groups.filter((g) => g.total > 0);
}

/**
 * The same from what the issue statement answered: the other lines as it began, its own line's
 * tallies after the ticket was counted (IssuedTicketRow), so no second round trip is needed.
 */
export function groupsOfIssuedTicket(row: IssuedTicketRow): WaitingGroup[] {
  const own: DayTallyRow[] = [
    { service_id: row.service_id, target_counter_id: null, priority: false, total: row.waiting_regular },
    { service_id: row.service_id, target_counter_id: null, priority: true, total: row.waiting_priority },
  ];
  return groupsOfNewTicket([...own.filter((r) => r.total > 0), ...row.day_tallies], row);
}

/** How many recent call→finish times of a service the estimate reads. */
export const RECENT_DURATIONS = 50;

/** The reads behind a ticket's place and estimated wait (QueuePlaceService). */
@Injectable()
export class QueuePlaceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every counter of the site in service, with its officer, services and the ticket it holds. */
  async siteCounters(siteId: string): Promise<PlaceCounterRow[]> {
    return (await this.db.query(
      `SELECT c.id, c.state, c.regular_streak, u.role AS officer_role, u.agency_id AS officer_agency_id,
              coalesce((SELECT json_agg(json_build_object('id', s.id, 'agencyId', s.agency_id))
                          FROM counter_service cs
                          JOIN service s ON s.id = cs.service_id AND s.retired_at IS NULL
                          JOIN agency a ON a.id = s.agency_id AND a.retired_at IS NULL
                         WHERE cs.counter_id = c.id), '[]'::json) AS services,
              h.service_id AS held_service_id,
              (SELECT max(e.at) FROM ticket_event e WHERE e.ticket_id = h.id AND e.action = 'call') AS held_since
         FROM counter c
         LEFT JOIN staff_user u ON u.id = c.officer_id
         LEFT JOIN ticket h ON h.counter_id = c.id AND h.status IN ('called', 'serving')
        WHERE c.site_id = $1 AND c.retired_at IS NULL`,
      [siteId],
    )) as PlaceCounterRow[];
  }

  /** The site's waiting tickets of the day by (service, target counter, class): before `ticket` and in all, itself left out. */
  async waitingGroups(ticket: { id: string; seq: string; site_id: string; local_date: string; queue_at: Date }): Promise<WaitingGroup[]> {
    const rows = (await this.db.query(
      `SELECT w.service_id, w.target_counter_id, w.priority <> 'regular' AS priority,
              count(*) FILTER (WHERE (w.queue_at, w.seq) < ($3::timestamptz, $4::bigint))::int AS ahead,
              count(*)::int AS total
         FROM ticket w
        WHERE w.site_id = $1 AND w.local_date = $2 AND w.status = 'waiting' AND w.id <> $5
        GROUP BY 1, 2, 3`,
      [ticket.site_id, ticket.local_date, ticket.queue_at, ticket.seq, ticket.id],
    )) as { service_id: string; target_counter_id: string | null; priority: boolean; ahead: number; total: number }[];
    return rows.map((r) => ({ serviceId: r.service_id, targetCounterId: r.target_counter_id, priority: r.priority, ahead: r.ahead, total: r.total }));
  }

  /**
   * The site's waiting tickets of these days, each day in calling order (queue_at, then issue
   * order), which `waitingGroups` counts: one read for the places of all the site's open ticket
   * pages (through the partial index of waiting tickets by site, day and queue_at).
   */
  async waitingLine(siteId: string, localDates: readonly string[]): Promise<LineTicket[]> {
    return (await this.db.query(
      `SELECT w.id, w.public_code, to_char(w.local_date, 'YYYY-MM-DD') AS local_date, w.service_id, w.target_counter_id, w.priority
         FROM ticket w
        WHERE w.site_id = $1 AND w.local_date = ANY($2::date[]) AND w.status = 'waiting'
        ORDER BY w.local_date, w.queue_at, w.seq`,
      [siteId, localDates],
    )) as LineTicket[];
  }

  /**
   * What waits at the site on a day, by (service, target counter, class), as the issue statement
   * reads it (QueueRepository.issue): the services' waiting tallies, and the targeted tickets
   * (transfers, few) counted from the tickets. The one query for the place of a ticket joining
   * now (an online ticket's estimate) and of one issued a moment ago (`waitingGroupsOfNewTicket`).
   */
  async dayTallies(siteId: string, localDate: string): Promise<DayTallyRow[]> {
    return (await this.db.query(
      `SELECT d.service_id, NULL::uuid AS target_counter_id, false AS priority, d.waiting_regular AS total
         FROM service_day_count d JOIN service s ON s.id = d.service_id
        WHERE s.site_id = $1 AND d.local_date = $2 AND d.waiting_regular > 0
       UNION ALL
       SELECT d.service_id, NULL::uuid, true, d.waiting_priority
         FROM service_day_count d JOIN service s ON s.id = d.service_id
        WHERE s.site_id = $1 AND d.local_date = $2 AND d.waiting_priority > 0
       UNION ALL
       SELECT t.service_id, t.target_counter_id, t.priority <> 'regular', count(*)::int
         FROM ticket t
        WHERE t.target_counter_id IS NOT NULL AND t.status = 'waiting' AND t.site_id = $1 AND t.local_date = $2
        GROUP BY 1, 2, 3`,
      [siteId, localDate],
    )) as DayTallyRow[];
  }

  /**
   * The same for a ticket issued a moment ago, from the day's waiting tallies (no count over the
   * tickets on the issue path): everyone waiting queued before it. Targeted tickets (transfers,
   * few) are counted from the tickets and taken out of their service's tally.
   */
  async waitingGroupsOfNewTicket(ticket: NewTicket): Promise<WaitingGroup[]> {
    return groupsOfNewTicket(await this.dayTallies(ticket.site_id, ticket.local_date), ticket);
  }

  /**
   * Per service, the minutes from the (last) call to the finish of its latest finished tickets,
   * served or absent: the time a counter is taken by a ticket of the service.
   */
  async recentDurations(serviceIds: readonly string[]): Promise<Map<string, number[]>> {
    const rows = (await this.db.query(
      `SELECT s.id AS service_id, coalesce(r.minutes, '{}') AS minutes
         FROM unnest($1::uuid[]) AS s(id)
         LEFT JOIN LATERAL (
           SELECT array_agg(extract(epoch FROM (d.finished_at - e.at)) / 60) AS minutes
             FROM (SELECT t.id, t.finished_at FROM ticket t
                    WHERE t.service_id = s.id AND t.status IN ('done', 'no_show')
                    ORDER BY t.finished_at DESC LIMIT $2) d
             CROSS JOIN LATERAL (SELECT max(x.at) AS at FROM ticket_event x WHERE x.ticket_id = d.id AND x.action = 'call') e
            WHERE e.at IS NOT NULL
         ) r ON true`,
      [serviceIds, RECENT_DURATIONS],
    )) as { service_id: string; minutes: (string | number)[] }[];
    return new Map(rows.map((r) => [r.service_id, r.minutes.map(Number)]));
  }
}
