import type { CounterResponse, PublicTicketResponse, TicketResponse } from '@mpp/contracts';
import { formatTicketNumber } from '@mpp/domain';
import type { TicketPlace } from './queue-place.service';
import type { CounterRow, TicketRow } from './queue.repository';

/**
 * The queue's one mapper from rows to the shapes that cross the wire: a column reaches a client
 * only through these functions. What they need besides the row (a waiting ticket's place, a
 * counter's current ticket) is read by TicketViews and passed in.
 */

/** A ticket's number as every screen shows it (formatTicketNumber of libs/domain, its one formatter). */
export function ticketNumber(row: { prefix: string; number: number }): string {
  return formatTicketNumber(row.prefix, row.number);
}

/** The place of a ticket that is not waiting, or whose place is unknown. */
export const NO_PLACE: TicketPlace = { position: null, positionMin: null, estimatedWaitMinutes: null };

export function toTicketResponse(row: TicketRow, place: TicketPlace): TicketResponse {
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
    position: place.position,
    positionMin: place.positionMin,
    estimatedWaitMinutes: place.estimatedWaitMinutes,
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

/** The public page shows no internal ids or staff notes. */
export function toPublicTicketResponse(t: TicketResponse): PublicTicketResponse {
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
    source: t.source,
  };
}

export function toCounterResponse(c: CounterRow, current: TicketResponse | null): CounterResponse {
  return {
    id: c.id,
    siteCode: c.site_code,
    number: c.number,
    name: c.name,
    state: c.state,
    serviceIds: c.service_ids,
    officer: c.officer_id ? { id: c.officer_id, fullName: c.officer_name ?? '' } : null,
    current,
  };
}
