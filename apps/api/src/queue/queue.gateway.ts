import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { QUEUE_EVENTS, QUEUE_JOINS, type ApiError, type DisplayCall, type WaitingTicket } from '@mpp/contracts';
import type { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { SessionEvents } from '../auth/session-events';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { reachesOtherProcesses } from '../common/http/socket-adapter';
import { DisplayService } from './display.service';
import { QueueEvents, TicketChange } from './queue-events';
import { QueuePlaceService } from './queue-place.service';
import type { CounterRow } from './queue.repository';
import { authenticateSocket, closeSessionSockets, currentPrincipal, recheckSessionSockets } from './socket-sessions';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { CounterService } from './counter.service';
import { PublicTicketService } from './public-ticket.service';
import { QueuePlaceRepository } from './queue-place.repository';
import { ticketNumber, toPublicTicketResponse } from './queue.mapper';
import type { TicketRow } from './queue.repository';
import { TicketPagePlaces } from './ticket-page-places';
import { TicketViews } from './ticket-views';

type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

const WAITING_COUNTS_DEBOUNCE_MS = 250;
/**
 * Between the API processes (serverSideEmit): a ticket changed (publicCode, id, siteId, whether its
 * line moved); each process pushes it to its own ticket pages, and their places when the line moved.
 */
const TICKET_CHANGED = 'mpp:ticket-changed';
/** Between the API processes: a counter changed at a site (siteId), which moves the places of its tickets. */
const LINES_MOVED = 'mpp:lines-moved';

/**
 * Rooms: display:{siteId}, service:{serviceId} (counter consoles), ticket:{publicCode}.
 * Which browser origins may connect is decided by AllowListIoAdapter (common/http), not here.
 * Joins are this process's own; every push is a broadcast to a room, which the socket.io adapter
 * (common/http/socket-adapter.ts) carries to the sockets of every API process, except a ticket
 * page's: its change is told to every process (one message per change), and each one that has the
 * page open reads it and pushes it to its own sockets (no read for pages nobody has open), and
 * tells its open pages of that site their new places when the line moved (TicketPagePlaces: one
 * read per site, no read by the pages).
 *
 * Nothing is pushed inside the request that made the change: QueueEvents' listener only queues
 * the change, and the queue is emptied on the next turn of the event loop (setImmediate), after
 * the answer has been written, in the order the changes were published.
 */
@WebSocketGateway({ namespace: '/queue' })
export class QueueGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer() private server!: Namespace;
  private readonly logger = new Logger(QueueGateway.name);
  private readonly errors = new AllExceptionsFilter();
  private readonly pendingCounts = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: (() => void)[] = [];
  /** Changes published since the last turn of the event loop, pushed in order by drain(). */
  private readonly outbox: (() => void)[] = [];
  private pagePlaces!: TicketPagePlaces;

  constructor(
    private readonly auth: AuthService,
    private readonly counters: CounterService,
    private readonly tickets: PublicTicketService,
    private readonly views: TicketViews,
    private readonly display: DisplayService,
    private readonly events: QueueEvents,
    private readonly sessions: SessionEvents,
    private readonly places: QueuePlaceService,
    private readonly placeRepo: QueuePlaceRepository,
    private readonly catalogue: CatalogueRepository,
  ) {}

  afterInit(): void {
    this.pagePlaces = new TicketPagePlaces(this.server, this.places, this.placeRepo, this.catalogue);
    this.unsubscribe.push(
      this.events.onTicket((change) => this.later(() => this.onTicket(change))),
      this.events.onCounter((counter) => this.later(() => void this.onCounter(counter))),
      this.sessions.onEnded((ref) => closeSessionSockets(this.server, ref)),
      this.sessions.onGap(() => void recheckSessionSockets(this.server, this.auth)),
    );
    const ticketChanged = (publicCode: string, id: string, siteId?: string, moved?: boolean) => {
      void this.pushTicket(String(publicCode), String(id));
      if (typeof siteId === 'string' && moved === true) this.remoteLinesMoved(siteId);
    };
    const linesMoved = (siteId: string) => typeof siteId === 'string' && this.remoteLinesMoved(siteId);
    this.server.on(TICKET_CHANGED, ticketChanged);
    this.server.on(LINES_MOVED, linesMoved);
    this.unsubscribe.push(
      () => this.server.off(TICKET_CHANGED, ticketChanged),
      () => this.server.off(LINES_MOVED, linesMoved),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe.forEach((off) => off());
    this.pendingCounts.forEach((t) => clearTimeout(t));
    this.pagePlaces?.stop();
  }

  /** How many ticket pages (distinct tickets) are open in this process. */
  get openTicketPages(): number {
    return this.pagePlaces?.openPages ?? 0;
  }

  /**
   * A token in the handshake identifies displays (device) and consoles (staff); ticket pages need
   * none. Messages can arrive before the check is done, so handlers await it. Sessions (ending
   * at once, checked on every message): socket-sessions.ts.
   */
  handleConnection(socket: Socket): void {
    socket.data.principal = authenticateSocket(socket, this.auth);
  }

  private principalOf(socket: Socket): Promise<Principal | undefined> {
    return currentPrincipal(socket, this.auth);
  }

  @SubscribeMessage(QUEUE_JOINS.display)
  async joinDisplay(@ConnectedSocket() socket: Socket, @MessageBody() body: { siteCode?: string }): Promise<Ack<unknown>> {
    return this.answer(async () => {
      const site = await this.display.requireSiteFor(await this.principalOf(socket), String(body?.siteCode ?? ''));
      await socket.join(`display:${site.id}`);
      const snapshot = await this.display.snapshot(site);
      socket.emit(QUEUE_EVENTS.displaySnapshot, snapshot);
      return snapshot;
    });
  }

  @SubscribeMessage(QUEUE_JOINS.counter)
  async joinCounter(@ConnectedSocket() socket: Socket, @MessageBody() body: { counterId?: string }): Promise<Ack<unknown>> {
    return this.answer(async () => {
      const principal = await this.principalOf(socket);
      if (principal?.kind !== 'staff') throw new Error('STAFF_ONLY');
      const snapshot = await this.counters.counterSnapshot(principal, String(body?.counterId ?? ''));
      const services = new Set([...snapshot.waiting.map((w) => w.serviceId), ...(await this.counters.callableServiceIdsFor(principal, snapshot.counter.id))]);
      await socket.join([`counter:${snapshot.counter.id}`, ...[...services].map((id) => `service:${id}`)]);
      socket.emit(QUEUE_EVENTS.counterSnapshot, snapshot);
      return snapshot;
    });
  }

  @SubscribeMessage(QUEUE_JOINS.ticket)
  async joinTicket(@ConnectedSocket() socket: Socket, @MessageBody() body: { publicCode?: string }): Promise<Ack<unknown>> {
    return this.answer(async () => {
      const ticket = await this.tickets.get(String(body?.publicCode ?? ''));
      await socket.join(`ticket:${ticket.publicCode}`);
      await this.pagePlaces.opened(ticket);
      socket.emit(QUEUE_EVENTS.ticketUpdated, ticket);
      return ticket;
    });
  }

  private async answer<T>(work: () => Promise<T>): Promise<Ack<T>> {
    try {
      return { ok: true, data: await work() };
    } catch (error) {
      if ((error as Error).message === 'STAFF_ONLY') {
        return { ok: false, error: { statusCode: 403, code: 'STAFF_ONLY', message: { id: 'Hanya untuk petugas.', en: 'Staff only.' } } };
      }
      return { ok: false, error: this.errors.toApiError(error) };
    }
  }

  // ---- fan-out, after commit -----------------------------------------------------------

  /**
   * Runs `push` on the next turn of the event loop, after the request that published the change
   * has been answered; everything queued meanwhile goes out together, in order.
   */
  private later(push: () => void): void {
    this.outbox.push(push);
    if (this.outbox.length === 1) setImmediate(() => this.drain());
  }

  private drain(): void {
    for (const push of this.outbox.splice(0)) this.safely('queue event', push);
  }

  /**
   * Each audience is told on its own: a push that fails is logged and the others still go out.
   * Nothing here is thrown back at the request that made the change (it has committed).
   */
  private onTicket({ row, action, counter }: TicketChange): void {
    const display = `display:${row.site_id}`;
    // A push to a room nobody is in (here, and no other process behind the adapter) is not built
    // nor encoded: in a hall without consoles or displays open, an issue or a call pushes nothing.
    const displays = this.mayHaveSockets(display);
    const consoles = this.mayHaveSockets(`service:${row.service_id}`);
    if (displays && (action === 'call' || action === 'recall') && counter) {
      this.safely('display call', () => {
        const call: DisplayCall = {
          ticketNumber: ticketNumber(row),
          counterNumber: counter.number,
          counterName: counter.name,
          serviceName: row.service_name,
          priority: row.priority,
          at: (row.called_at ?? new Date()).toISOString(),
          recall: action === 'recall',
        };
        this.server.to(display).emit(QUEUE_EVENTS.call, call);
      });
    }
    if (displays && counter && action !== 'issue') {
      this.safely('display counter', () => {
        const current = row.status === 'called' || row.status === 'serving' ? { ticketNumber: ticketNumber(row), serviceName: row.service_name, status: row.status } : null;
        this.server.to(display).emit(QUEUE_EVENTS.counterChanged, { number: counter.number, name: counter.name, state: counter.state, current });
      });
    }
    this.safely('counter consoles', () => {
      if (!consoles) return;
      if (row.status === 'waiting') {
        const waiting: WaitingTicket = {
          id: row.id,
          number: ticketNumber(row),
          serviceId: row.service_id,
          serviceName: row.service_name,
          priority: row.priority,
          issuedAt: row.issued_at.toISOString(),
          targetCounterId: row.target_counter_id,
        };
        this.server.to(`service:${row.service_id}`).emit(QUEUE_EVENTS.ticketWaiting, waiting);
      } else if (action === 'call' || action === 'cancel' || action === 'close_day') {
        this.server.to(`service:${row.service_id}`).emit(QUEUE_EVENTS.ticketLeft, { id: row.id });
      }
    });
    // The waiting line moved: the displays' counts, and the places of the site's open ticket pages.
    const moved = action !== 'recall' && action !== 'start' && action !== 'finish';
    if (moved) {
      this.safely('waiting counts', () => this.scheduleWaitingCounts(row.site_id, row.time_zone));
      this.safely('ticket pages places', () => this.pagePlaces.linesMoved(row.site_id));
    }
    void this.pushTicket(row.public_code, row.id, row);
    if (reachesOtherProcesses(this.server)) {
      this.safely('ticket to other processes', () => this.server.serverSideEmit(TICKET_CHANGED, row.public_code, row.id, row.site_id, moved));
    }
  }

  /** Another process changed the line of a site: its counters as cached here may be stale. */
  private remoteLinesMoved(siteId: string): void {
    if (!this.pagePlaces.hasPages(siteId)) return;
    this.places.forgetSiteCounters(siteId);
    this.pagePlaces.linesMoved(siteId);
  }

  private safely(what: string, push: () => void): void {
    try {
      push();
    } catch (error) {
      this.logger.error(`${what} push failed: ${(error as Error).message}`);
    }
  }

  /**
   * Whether a push to `room` can reach anyone, to skip reading what nobody would receive. The
   * rooms known here are this process's sockets only: with other processes behind the adapter, a
   * room empty here may have sockets there.
   */
  private mayHaveSockets(room: string): boolean {
    return reachesOtherProcesses(this.server) || !!this.server.adapter.rooms.get(room)?.size;
  }

  /**
   * A changed ticket to the pages open on it in THIS process (each process is told: onTicket).
   * This process's own change is shown as the change left it (`row`: a call followed at once by a
   * no-show is heard as called, then absent); another process's is read.
   */
  private async pushTicket(publicCode: string, id: string, row?: TicketRow): Promise<void> {
    const room = `ticket:${publicCode}`;
    if (!this.server.adapter.rooms.get(room)?.size) return;
    try {
      const ticket = row ? toPublicTicketResponse(await this.views.ticket(row)) : await this.tickets.byId(id);
      if (ticket) this.server.local.to(room).emit(QUEUE_EVENTS.ticketUpdated, ticket);
    } catch (error) {
      this.logger.warn(`ticket push failed: ${(error as Error).message}`);
    }
  }

  private async onCounter(counter: CounterRow): Promise<void> {
    if (this.mayHaveSockets(`display:${counter.site_id}`)) await this.pushCounter(counter);
    // A counter opening, pausing or closing changes who may call its services' tickets.
    this.pagePlaces.linesMoved(counter.site_id);
    if (reachesOtherProcesses(this.server)) {
      this.safely('lines moved to other processes', () => this.server.serverSideEmit(LINES_MOVED, counter.site_id));
    }
  }

  /** A counter's state and ticket to the site's displays (its ticket read: no display, no read). */
  private async pushCounter(counter: CounterRow): Promise<void> {
    try {
      const response = await this.views.counter(counter);
      const current = response.current ? { ticketNumber: response.current.number, serviceName: response.current.service.name, status: response.current.status } : null;
      this.server.to(`display:${counter.site_id}`).emit(QUEUE_EVENTS.counterChanged, { number: counter.number, name: counter.name, state: counter.state, current });
    } catch (error) {
      this.logger.warn(`counter push failed: ${(error as Error).message}`);
    }
  }

  /** Counts change with every ticket; displays get them at most four times a second per site. */
  private scheduleWaitingCounts(siteId: string, timeZone: string): void {
    if (this.pendingCounts.has(siteId)) return;
    const timer = setTimeout(() => {
      this.pendingCounts.delete(siteId);
      if (!this.mayHaveSockets(`display:${siteId}`)) return;
      this.display
        .waitingCounts(siteId, timeZone)
        .then((waiting) => this.server.to(`display:${siteId}`).emit(QUEUE_EVENTS.waitingCounts, waiting))
        .catch((error: unknown) => this.logger.warn(`waiting counts failed: ${(error as Error).message}`));
    }, WAITING_COUNTS_DEBOUNCE_MS);
    timer.unref();
    this.pendingCounts.set(siteId, timer);
  }
}
