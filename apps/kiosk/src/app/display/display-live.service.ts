import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { QUEUE_EVENTS, QUEUE_JOINS, type ApiError, type DisplayCall, type DisplaySnapshot } from '@mpp/contracts';
import { withCall, withCounter, withWaiting, type DisplayCounter } from '@mpp/domain';
import { openQueueRoom, type JoinAnswer, type LiveConnection, type QueueRoom } from '@mpp/ui';

/**
 * connecting: first contact; live: joined the hall; reconnecting: lost, trying again;
 * refused: the server turned the device token or the join down (no retry helps).
 */
export type DisplayConnection = LiveConnection | 'refused';

/** Sent by the gateway before it drops a connection whose token it does not accept. */
const AUTH_ERROR = 'error.auth';
/** After a refusal (token or join), asks again this much later: a passing server fault heals by itself. */
export const DISPLAY_REFUSED_RETRY_MS = 30_000;

interface ServerEvents {
  [QUEUE_EVENTS.displaySnapshot]: (snapshot: DisplaySnapshot) => void;
  [QUEUE_EVENTS.call]: (call: DisplayCall) => void;
  [QUEUE_EVENTS.counterChanged]: (counter: DisplayCounter) => void;
  [QUEUE_EVENTS.waitingCounts]: (waiting: DisplaySnapshot['waiting']) => void;
  [AUTH_ERROR]: (body: { code: string }) => void;
}

type DisplayRoom = QueueRoom<ServerEvents, { siteCode: string }, DisplaySnapshot>;

/**
 * The hall as a signal: a snapshot on joining (socket.io `/queue`, device token in the
 * handshake), then every call, counter change and waiting count pushed after it. Each
 * (re)connection joins again and starts over from the new snapshot, so nothing missed while the
 * line was down stays missing. Live calls (not the snapshot) go to `onCall` listeners, for the
 * voice and the highlight.
 *
 * Provide it in the page component: the socket closes with the page.
 */
@Injectable()
export class DisplayLiveService {
  private readonly snapshotSignal = signal<DisplaySnapshot | null>(null);
  private readonly connectionSignal = signal<DisplayConnection>('connecting');
  private readonly errorSignal = signal<ApiError | null>(null);

  /** The hall as last known; null until the first snapshot. */
  readonly snapshot = this.snapshotSignal.asReadonly();
  readonly connection = this.connectionSignal.asReadonly();
  /** Why the server refused the join, while it does. */
  readonly error = this.errorSignal.asReadonly();

  private room: DisplayRoom | null = null;
  private readonly callListeners: ((call: DisplayCall) => void)[] = [];
  private siteCode: string | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Starts following the hall of this site with the device's token (stops any earlier one). */
  watch(siteCode: string, token: string): void {
    this.stop();
    this.siteCode = siteCode;
    this.snapshotSignal.set(null);
    this.errorSignal.set(null);
    this.connectionSignal.set('connecting');
    const room: DisplayRoom = openQueueRoom({
      token: () => token,
      join: QUEUE_JOINS.display,
      body: () => ({ siteCode }),
      onJoined: (answer) => this.joined(answer),
      onState: (state) => this.connectionSignal.set(state),
      refused: () => this.connectionSignal() === 'refused',
    });
    this.room = room;
    const socket = room.socket;
    socket.on(AUTH_ERROR, () => {
      // A revoked or unknown device token: retrying would be refused the same way.
      this.refused({
        statusCode: 401,
        code: 'INVALID_TOKEN',
        message: { id: 'Token perangkat ditolak.', en: 'The device token was refused.' },
      });
      socket.disconnect();
      this.retryLater(() => {
        this.connectionSignal.set('connecting');
        socket.connect();
      });
    });
    socket.on(QUEUE_EVENTS.displaySnapshot, (snapshot) => this.take(snapshot));
    socket.on(QUEUE_EVENTS.call, (call) => {
      this.update((s) => withCall(s, call));
      this.callListeners.forEach((listener) => listener(call));
    });
    socket.on(QUEUE_EVENTS.counterChanged, (counter) => this.update((s) => withCounter(s, counter)));
    socket.on(QUEUE_EVENTS.waitingCounts, (waiting) => this.update((s) => withWaiting(s, waiting)));
  }

  /** Asks for a fresh snapshot (e.g. when the site's day has turned). */
  resync(): void {
    this.room?.join();
  }

  /** Called for every live call and recall (never for calls that arrive in a snapshot). */
  onCall(listener: (call: DisplayCall) => void): void {
    this.callListeners.push(listener);
  }

  private joined(answer: JoinAnswer<DisplaySnapshot>): void {
    if (answer.ok) {
      this.errorSignal.set(null);
      this.take(answer.data);
    } else {
      this.refused(answer.error);
      this.retryLater(() => this.resync());
    }
  }

  private refused(error: ApiError): void {
    this.connectionSignal.set('refused');
    this.errorSignal.set(error);
  }

  private retryLater(again: () => void): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(again, DISPLAY_REFUSED_RETRY_MS);
  }

  private take(snapshot: DisplaySnapshot): void {
    if (snapshot.siteCode !== this.siteCode) return;
    this.snapshotSignal.set(withWaiting(snapshot, snapshot.waiting));
  }

  private update(change: (snapshot: DisplaySnapshot) => DisplaySnapshot): void {
    const current = this.snapshotSignal();
    // Pushes before the first snapshot are already in it.
    if (current) this.snapshotSignal.set(change(current));
  }

  private stop(): void {
    clearTimeout(this.retry);
    this.room?.close();
    this.room = null;
    this.siteCode = null;
  }
}
