import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  QUEUE_EVENTS,
  QUEUE_JOINS,
  type CounterResponse,
  type CounterSnapshot,
  type TicketResponse,
  type WaitingTicket,
} from '@mpp/contracts';
import { isActive } from '@mpp/domain';
import { latestRead, openQueueRoom, type LatestRead, type LiveConnection, type QueueRoom } from '@mpp/ui';
import { map } from 'rxjs';

import { AuthSession } from '../auth/auth-session.service';
import { QueueApi } from './queue-api.service';

export type { LiveConnection } from '@mpp/ui';

interface ServerEvents {
  [QUEUE_EVENTS.counterSnapshot]: (snapshot: CounterSnapshot) => void;
  [QUEUE_EVENTS.ticketWaiting]: (ticket: WaitingTicket) => void;
  [QUEUE_EVENTS.ticketLeft]: (payload: { id: string }) => void;
}

type CounterRoom = QueueRoom<ServerEvents, { counterId: string }, CounterSnapshot>;

/** After a burst of waiting-list events, read the list once more for its exact order. */
export const RESYNC_MS = 400;

/**
 * One counter, kept current: read over HTTP, then followed over socket.io (`/queue`, the staff
 * JWT in the handshake, `join-counter`). Tickets joining or leaving the counter's line arrive as
 * events and show at once; the list is then read again (debounced) for its exact calling order.
 * The officer's own actions come back as HTTP answers and are applied here too. Every
 * (re)connection joins again and takes the fresh snapshot.
 *
 * Provide it in the page component: the socket closes with the page.
 */
@Injectable()
export class CounterLiveService {
  private readonly api = inject(QueueApi);
  private readonly session = inject(AuthSession);

  private readonly snapshotSignal = signal<CounterSnapshot | null>(null);
  private readonly errorSignal = signal<unknown>(null);
  private readonly connectionSignal = signal<LiveConnection>('connecting');

  readonly snapshot = this.snapshotSignal.asReadonly();
  /** Why the counter could not be loaded (only while nothing is on screen). */
  readonly loadError = this.errorSignal.asReadonly();
  readonly connection = this.connectionSignal.asReadonly();

  private counterId: string | null = null;
  private room: CounterRoom | null = null;
  private snapshotReads: LatestRead | null = null;
  /** Counts local changes, so a read that started before one does not undo it. */
  private changes = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  watch(counterId: string): void {
    this.stop();
    this.counterId = counterId;
    this.snapshotSignal.set(null);
    this.errorSignal.set(null);
    this.connectionSignal.set('connecting');
    this.snapshotReads = latestRead(
      () => {
        const changesBefore = this.changes;
        return this.api.counter(counterId).pipe(map((snapshot) => ({ snapshot, changesBefore })));
      },
      (read) => {
        if (read.ok) {
          if (read.value.changesBefore === this.changes) this.take(read.value.snapshot);
          else this.resync();
        } else if (!this.snapshotSignal()) {
          this.errorSignal.set(read.error);
        }
      },
    );
    this.snapshotReads.request();
    this.connect(counterId);
  }

  /** Reads the counter again at once (the "Try again" of a failed first load). */
  reload(): void {
    this.errorSignal.set(null);
    this.snapshotReads?.request();
  }

  /** The answer to one of the officer's actions on the current ticket. */
  applyTicket(ticket: TicketResponse): void {
    this.change((snapshot) => {
      const mine = ticket.counter?.id === snapshot.counter.id && isActive(ticket.status);
      return {
        counter: { ...snapshot.counter, current: mine ? ticket : snapshot.counter.current?.id === ticket.id ? null : snapshot.counter.current },
        waiting: snapshot.waiting.filter((w) => w.id !== ticket.id),
      };
    });
    this.resync();
  }

  /** The answer to opening, pausing or closing the counter. */
  applyCounter(counter: CounterResponse): void {
    this.change((snapshot) => ({ ...snapshot, counter }));
    this.resync();
  }

  private change(update: (snapshot: CounterSnapshot) => CounterSnapshot): void {
    const snapshot = this.snapshotSignal();
    if (!snapshot) return;
    this.changes++;
    this.snapshotSignal.set(update(snapshot));
  }

  private resync(): void {
    this.snapshotReads?.request(RESYNC_MS);
  }

  private take(snapshot: CounterSnapshot): void {
    if (snapshot.counter.id !== this.counterId) return;
    this.errorSignal.set(null);
    this.snapshotSignal.set(snapshot);
  }

  private connect(counterId: string): void {
    const room: CounterRoom = openQueueRoom({
      // Read at every (re)connection: the token in use then.
      token: () => this.session.token(),
      join: QUEUE_JOINS.counter,
      body: () => ({ counterId }),
      onJoined: (answer) => {
        if (answer.ok) {
          this.changes++;
          this.take(answer.data);
        } else if (!this.snapshotSignal()) {
          this.errorSignal.set(answer.error);
        }
      },
      onState: (state) => this.connectionSignal.set(state),
    });
    this.room = room;
    const socket = room.socket;
    socket.on(QUEUE_EVENTS.counterSnapshot, (snapshot) => {
      this.changes++;
      this.take(snapshot);
    });
    socket.on(QUEUE_EVENTS.ticketWaiting, (ticket) => this.ticketWaiting(ticket));
    socket.on(QUEUE_EVENTS.ticketLeft, ({ id }) => {
      this.change((snapshot) => ({ ...snapshot, waiting: snapshot.waiting.filter((w) => w.id !== id) }));
    });
  }

  private ticketWaiting(ticket: WaitingTicket): void {
    const snapshot = this.snapshotSignal();
    // Tickets sent to another counter are not ours to see.
    if (!snapshot || (ticket.targetCounterId !== null && ticket.targetCounterId !== snapshot.counter.id)) return;
    this.change((s) => ({
      ...s,
      counter: s.counter.current?.id === ticket.id ? { ...s.counter, current: null } : s.counter,
      waiting: [...s.waiting.filter((w) => w.id !== ticket.id), ticket],
    }));
    this.resync();
  }

  private stop(): void {
    this.snapshotReads?.stop();
    this.snapshotReads = null;
    this.room?.close();
    this.room = null;
    this.counterId = null;
  }
}
