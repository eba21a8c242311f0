import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { QUEUE_EVENTS, QUEUE_JOINS, type PublicTicketResponse, type TicketQueueMovedEvent } from '@mpp/contracts';
import { openQueueRoom, type JoinAnswer, type LiveConnection, type LoadState, type QueueRoom } from '@mpp/ui';
import { Subject, catchError, debounce, map, of, switchMap, timer, type Subscription } from 'rxjs';

import { TicketApi } from './ticket-api.service';

export type { LiveConnection } from '@mpp/ui';

const QUEUE_MOVED = QUEUE_EVENTS.ticketQueueMoved;

interface ServerEvents {
  [QUEUE_EVENTS.ticketUpdated]: (ticket: PublicTicketResponse) => void;
  [QUEUE_MOVED]: (payload: Partial<TicketQueueMovedEvent> & { serviceId: string }) => void;
}

type TicketRoom = QueueRoom<ServerEvents, { publicCode: string }, PublicTicketResponse>;

/** A moving line sends a burst of events; a page told no place asks for it once it settles. */
export const QUEUE_MOVED_REFETCH_MS = 500;

/**
 * One ticket, kept current: fetched once over HTTP (the fastest first paint on a slow phone), then
 * pushed over socket.io (`/queue`, the ticket's room). The ticket's own changes arrive whole; a
 * move of the line brings the ticket's new place (`ticket.queue-moved`), taken as it is: with
 * thousands of pages open, none reads anything when a counter calls. Only a move that carries no
 * place (a server from before) makes a waiting ticket fetch it, debounced. Reconnects join again,
 * which also resends the ticket.
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
  private room: TicketRoom | null = null;
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
    const room: TicketRoom = openQueueRoom({
      join: QUEUE_JOINS.ticket,
      body: () => ({ publicCode: code }),
      onJoined: (answer) => this.joined(answer),
      onState: (state) => this.connectionSignal.set(state),
    });
    this.room = room;
    room.socket.on(QUEUE_EVENTS.ticketUpdated, (ticket) => this.take(ticket));
    room.socket.on(QUEUE_MOVED, (moved) => {
      const current = this.stateSignal();
      // Only a waiting ticket has a place in the line; the rest changes through ticket.updated.
      if (current.status !== 'ready' || current.value.status !== 'waiting') return;
      if (moved.publicCode === code && moved.position !== undefined) {
        this.take({ ...current.value, position: moved.position, positionMin: moved.positionMin ?? moved.position, estimatedWaitMinutes: moved.estimatedWaitMinutes ?? null });
      } else {
        this.fetches.next('settled');
      }
    });
  }

  private joined(answer: JoinAnswer<PublicTicketResponse>): void {
    if (answer.ok) {
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
    this.room?.close();
    this.room = null;
    this.code = null;
  }
}
