import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  QUEUE_EVENTS,
  QUEUE_JOINS,
  type CounterResponse,
  type DisplayCall,
  type DisplaySnapshot,
} from '@mpp/contracts';
import { latestRead, openQueueRoom, type LatestRead, type LiveConnection, type QueueRoom } from '@mpp/ui';

import { AuthSession } from '../auth/auth-session.service';
import { QueueApi } from './queue-api.service';

type WaitingCounts = DisplaySnapshot['waiting'];

interface ServerEvents {
  [QUEUE_EVENTS.displaySnapshot]: (snapshot: DisplaySnapshot) => void;
  [QUEUE_EVENTS.call]: (call: DisplayCall) => void;
  [QUEUE_EVENTS.counterChanged]: (counter: unknown) => void;
  [QUEUE_EVENTS.waitingCounts]: (waiting: WaitingCounts) => void;
}

type HallRoom = QueueRoom<ServerEvents, { siteCode: string }, DisplaySnapshot>;

/** Counter events come in bursts (a call changes the counter and the line): read once they settle. */
export const HALL_REFETCH_MS = 250;

/**
 * Every counter of a site and the waiting counts, for the supervisor. Joins the hall display's
 * room with the staff JWT (`join-display`); the display events carry no counter ids, so each one
 * makes the page read the counters again (debounced), while waiting counts arrive whole.
 *
 * Provide it in the page component: the socket closes with the page.
 */
@Injectable()
export class HallLiveService {
  private readonly api = inject(QueueApi);
  private readonly session = inject(AuthSession);

  private readonly countersSignal = signal<CounterResponse[] | null>(null);
  private readonly waitingSignal = signal<WaitingCounts>([]);
  private readonly errorSignal = signal<unknown>(null);
  private readonly connectionSignal = signal<LiveConnection>('connecting');

  readonly counters = this.countersSignal.asReadonly();
  readonly waiting = this.waitingSignal.asReadonly();
  readonly loadError = this.errorSignal.asReadonly();
  readonly connection = this.connectionSignal.asReadonly();

  private room: HallRoom | null = null;
  private counterReads: LatestRead | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  watch(siteCode: string): void {
    this.stop();
    this.countersSignal.set(null);
    this.waitingSignal.set([]);
    this.errorSignal.set(null);
    this.connectionSignal.set('connecting');
    this.counterReads = latestRead(
      () => this.api.siteCounters(siteCode),
      (read) => {
        if (read.ok) {
          this.errorSignal.set(null);
          this.countersSignal.set([...read.value].sort((a, b) => a.number - b.number));
        } else if (!this.countersSignal()) {
          this.errorSignal.set(read.error);
        }
      },
    );
    this.counterReads.request();
    this.connect(siteCode);
  }

  reload(): void {
    this.errorSignal.set(null);
    this.counterReads?.request();
  }

  private connect(siteCode: string): void {
    const room: HallRoom = openQueueRoom({
      token: () => this.session.token(),
      join: QUEUE_JOINS.display,
      body: () => ({ siteCode }),
      onJoined: (answer) => {
        if (answer.ok) {
          this.waitingSignal.set(answer.data.waiting);
          // Anything may have happened while we were away.
          this.counterReads?.request();
        } else if (!this.countersSignal()) {
          this.errorSignal.set(answer.error);
        }
      },
      onState: (state) => this.connectionSignal.set(state),
    });
    this.room = room;
    const socket = room.socket;
    socket.on(QUEUE_EVENTS.waitingCounts, (waiting) => this.waitingSignal.set(waiting));
    socket.on(QUEUE_EVENTS.call, () => this.counterReads?.request(HALL_REFETCH_MS));
    socket.on(QUEUE_EVENTS.counterChanged, () => this.counterReads?.request(HALL_REFETCH_MS));
  }

  private stop(): void {
    this.counterReads?.stop();
    this.counterReads = null;
    this.room?.close();
    this.room = null;
  }
}
