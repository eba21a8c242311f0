import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { QUEUE_EVENTS, QUEUE_JOINS, type ApiError, type PublicTicketResponse } from '@mpp/contracts';
import type { LoadState } from '@mpp/ui';
import { Subject, catchError, debounce, map, of, switchMap, timer, type Subscription } from 'rxjs';
import { io, type Socket } from 'socket.io-client';

import { TicketApi } from './ticket-api.service';

/** connecting: first contact; live: joined the ticket's room; reconnecting: lost, trying again. */
export type LiveConnection = 'connecting' | 'live' | 'reconnecting';

type JoinAnswer = { ok: true; data: PublicTicketResponse } | { ok: false; error: ApiError };

const JOIN_TICKET = QUEUE_JOINS.ticket;
const QUEUE_MOVED = QUEUE_EVENTS.ticketQueueMoved;

interface ServerEvents {
  [QUEUE_EVENTS.ticketUpdated]: (ticket: PublicTicketResponse) => void;
  [QUEUE_MOVED]: (payload: { serviceId: string }) => void;
}

interface ClientEvents {
  [JOIN_TICKET]: (body: { publicCode: string }, ack: (answer: JoinAnswer) => void) => void;
}

/** A moving line sends a burst of events; the page asks for its new place once it settles. */
export const QUEUE_MOVED_REFETCH_MS = 500;

/**
 * One ticket, kept current: fetched once over HTTP (the fastest first paint on a slow phone), then
 * pushed over socket.io (`/queue`, room of the ticket and of its service's waiting line). The
 * ticket's own changes arrive whole; a move of the line only says "something moved", so a waiting
 * ticket fetches its new place, debounced. Reconnects join again, which also resends the ticket.
 *
 * Provide it in the page component: the socket closes with the page.
 */
@Injectable()
export class TicketLiveService {
  private readonly api = inject(TicketApi);

  private readonly stateSignal = signal<LoadState<PublicTicketResponse>>({ status: 'loading' });
  private readonly connectionSignal = signal<LiveConnection>('connecting');

  /** The ticket as last known, or why it could not be loaded. */
  readonly state = this.stateSignal.asReadonly();
  readonly connection = this.connectionSignal.asReadonly();

  private code: string | null = null;
  private socket: Socket<ServerEvents, ClientEvents> | null = null;
  private fetching: Subscription | null = null;
  private readonly fetches = new Subject<'now' | 'settled'>();
  /** Counts tickets taken from pushes, so a fetch that started before one does not undo it. */
  private pushes = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Starts following the ticket with this public code (stops following any other). */
  watch(code: string): void {
    this.stop();
    this.code = code;
    this.stateSignal.set({ status: 'loading' });
    this.connectionSignal.set('connecting');
    this.fetching = this.fetches
      .pipe(
        debounce((kind) => timer(kind === 'now' ? 0 : QUEUE_MOVED_REFETCH_MS)),
        switchMap(() => {
          const pushesBefore = this.pushes;
          return this.api.get(code).pipe(
            map((ticket) => ({ ticket, pushesBefore, error: null as unknown })),
            catchError((error: unknown) => of({ ticket: null, pushesBefore, error })),
          );
        }),
      )
      .subscribe(({ ticket, pushesBefore, error }) => {
        if (ticket) {
          if (pushesBefore === this.pushes) this.stateSignal.set({ status: 'ready', value: ticket });
        } else if (this.stateSignal().status !== 'ready') {
          // A failed refresh keeps the ticket on screen; only a first load shows the error.
          this.stateSignal.set({ status: 'error', error });
        }
      });
    this.fetches.next('now');
    this.connect(code);
  }

  /** Fetches the ticket again at once (the "Try again" of a failed first load). */
  reload(): void {
    if (this.stateSignal().status === 'error') this.stateSignal.set({ status: 'loading' });
    this.fetches.next('now');
  }

  /** Shows a ticket the page got by other means (the answer to a cancel). */
  replace(ticket: PublicTicketResponse): void {
    this.take(ticket);
  }

  private connect(code: string): void {
    const socket: Socket<ServerEvents, ClientEvents> = io('/queue', { transports: ['websocket', 'polling'] });
    this.socket = socket;
    // 'connect' comes again after every reconnection: the rooms are gone then, so join again.
    socket.on('connect', () => {
      socket.emit(JOIN_TICKET, { publicCode: code }, (answer) => this.joined(answer));
    });
    socket.on('disconnect', (reason) => {
      this.connectionSignal.set('reconnecting');
      // The client retries by itself, except when the server closed the connection.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => this.connectionSignal.set('reconnecting'));
    socket.on(QUEUE_EVENTS.ticketUpdated, (ticket) => this.take(ticket));
    socket.on(QUEUE_MOVED, () => {
      const current = this.stateSignal();
      // Only a waiting ticket has a place in the line; the rest changes through ticket.updated.
      if (current.status === 'ready' && current.value.status === 'waiting') this.fetches.next('settled');
    });
  }

  private joined(answer: JoinAnswer): void {
    if (answer.ok) {
      this.connectionSignal.set('live');
      this.take(answer.data);
    } else if (this.stateSignal().status !== 'ready') {
      this.stateSignal.set({ status: 'error', error: answer.error });
    }
  }

  private take(ticket: PublicTicketResponse): void {
    if (ticket.publicCode !== this.code) return;
    this.pushes++;
    this.stateSignal.set({ status: 'ready', value: ticket });
  }

  private stop(): void {
    this.fetching?.unsubscribe();
    this.fetching = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.code = null;
  }
}
