/** Queue shapes: tickets, counters (loket), live events. No personal data ever travels here. */

/** UU 25/2009 Pasal 29 groups, plus regular. */
export const PRIORITY_CLASSES = ['regular', 'disability', 'elderly', 'pregnant', 'child', 'disaster_victim'] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

export const TICKET_SOURCES = ['kiosk', 'booking', 'staff', 'online'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'not_served'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = ['call', 'recall', 'start', 'finish', 'no_show', 'transfer', 'return', 'cancel', 'close_day'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const COUNTER_STATES = ['open', 'paused', 'closed'] as const;
export type CounterState = (typeof COUNTER_STATES)[number];

export type CallingMode = 'priority_first' | 'interleave';

export interface QueuePolicy {
  mode: CallingMode;
  /** With 'interleave': one priority ticket after this many regular ones. */
  interleaveEvery: number;
  /** Officers may call a specific waiting ticket (each pick is logged). */
  allowPick: boolean;
  /** Recalls after which a called ticket becomes a no-show. */
  maxRecalls: number;
}

export interface CounterRef {
  id: string;
  number: number;
  name: string;
}

/** What the ticket's QR page and the printed ticket show. */
export interface PublicTicketResponse {
  publicCode: string;
  /** e.g. "A001" */
  number: string;
  siteCode: string;
  siteName: string;
  timeZone: string;
  service: { id: string; name: string; nameEn: string };
  agency: { shortName: string };
  priority: PriorityClass;
  status: TicketStatus;
  /**
   * Place in the calling order, 1 = called next, counted at every open counter that may call the
   * ticket (tickets of other services at shared counters included). When which counter frees
   * first decides it, this is the latest place it can have (1 only when it is certainly next) and
   * `positionMin` the earliest. Null when not waiting.
   */
  position: number | null;
  /** The earliest place it can have; equal to `position` when the place is certain. Null when not waiting. */
  positionMin: number | null;
  /** Expected minutes until it is called (0: a free counter calls it now); null when not waiting or no counter that may call it is open. */
  estimatedWaitMinutes: number | null;
  counter: CounterRef | null;
  issuedAt: string;
  /** Site-local date of issue, YYYY-MM-DD. */
  localDate: string;
  calledAt: string | null;
  finishedAt: string | null;
  /** How it was issued: the ticket page tells an online ticket (taken from home) when to set off. */
  source: TicketSource;
  /**
   * The one-time SKM survey token (docs/survey.md), only in GET /v1/tickets/:code of a ticket
   * served (status done): the survey page is /survei/<token>. Absent elsewhere (live updates,
   * staff views). Not given once the survey was answered (then surveyAnswered is true).
   */
  surveyToken?: string;
  /**
   * Only beside the survey's offer (a served ticket, survey open): true when its survey was
   * answered, so the page thanks instead of offering it again; false while it may be answered.
   */
  surveyAnswered?: boolean;
}

/** The staff view of a ticket (still no personal data: bookings add theirs in issue 4). */
export interface TicketResponse extends PublicTicketResponse {
  id: string;
  recallCount: number;
  startedAt: string | null;
  outcomeNote: string | null;
  targetCounterId: string | null;
}

export interface IssueTicketRequest {
  serviceId: string;
  priority?: PriorityClass;
  source?: TicketSource;
}

export interface CounterResponse {
  id: string;
  siteCode: string;
  number: number;
  name: string;
  state: CounterState;
  serviceIds: string[];
  officer: { id: string; fullName: string } | null;
  current: TicketResponse | null;
}

/** A retired loket as its site's admins list it (GET /admin/sites/{code}/counters/retired): it is in no other list. */
export interface RetiredCounterResponse {
  id: string;
  number: number;
  name: string;
  /** ISO 8601 instant. */
  retiredAt: string;
}

export interface WaitingTicket {
  id: string;
  number: string;
  serviceId: string;
  serviceName: string;
  priority: PriorityClass;
  issuedAt: string;
  targetCounterId: string | null;
}

export interface DisplayCall {
  ticketNumber: string;
  counterNumber: number;
  counterName: string;
  serviceName: string;
  priority: PriorityClass;
  at: string;
  recall: boolean;
}

export interface DisplaySnapshot {
  siteCode: string;
  siteName: string;
  timeZone: string;
  localDate: string;
  counters: { number: number; name: string; state: CounterState; current: { ticketNumber: string; serviceName: string; status: TicketStatus } | null }[];
  lastCalls: DisplayCall[];
  waiting: { serviceId: string; serviceName: string; count: number }[];
}

export interface CounterSnapshot {
  counter: CounterResponse;
  waiting: WaitingTicket[];
}

/**
 * `ticket.queue-moved`, to one ticket's page: its line moved, and here is its new place (the
 * fields of PublicTicketResponse of that name), so the page reads nothing. Sent only to a
 * waiting ticket's page, and only when its place changed.
 */
export interface TicketQueueMovedEvent {
  serviceId: string;
  publicCode: string;
  position: number | null;
  positionMin: number | null;
  estimatedWaitMinutes: number | null;
}

/** socket.io event names. */
export const QUEUE_EVENTS = {
  displaySnapshot: 'display.snapshot',
  call: 'display.call',
  counterChanged: 'display.counter',
  waitingCounts: 'display.waiting',
  counterSnapshot: 'counter.snapshot',
  ticketWaiting: 'counter.ticket-waiting',
  ticketLeft: 'counter.ticket-left',
  ticketUpdated: 'ticket.updated',
  ticketQueueMoved: 'ticket.queue-moved',
} as const;

/** Messages a client sends to join a room (with an acknowledgement callback). */
export const QUEUE_JOINS = {
  display: 'join-display',
  counter: 'join-counter',
  ticket: 'join-ticket',
} as const;
