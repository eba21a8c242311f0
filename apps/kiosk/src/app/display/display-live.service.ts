import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { QUEUE_EVENTS, QUEUE_JOINS, type ApiError, type DisplayCall, type DisplaySnapshot } from '@mpp/contracts';
import { withCall, withCounter, withWaiting, type DisplayCounter } from '@mpp/domain';
import { io, type Socket } from 'socket.io-client';

/**
 * connecting: first contact; live: joined the hall; reconnecting: lost, trying again;
 * refused: the server turned the device token or the join down (no retry helps).
 */
export type DisplayConnection = 'connecting' | 'live' | 'reconnecting' | 'refused';

type JoinAnswer = { ok: true; data: DisplaySnapshot } | { ok: false; error: ApiError };

const JOIN_DISPLAY = QUEUE_JOINS.display;
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

interface ClientEvents {
  [JOIN_DISPLAY]: (body: { siteCode: string }, ack: (answer: JoinAnswer) => void) => void;
}

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

  private socket: Socket<ServerEvents, ClientEvents> | null = null;
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
    const socket: Socket<ServerEvents, ClientEvents> = io('/queue', { auth: { token }, transports: ['websocket', 'polling'] });
    this.socket = socket;
    // 'connect' comes again after every reconnection: the rooms are gone then, so join again.
    socket.on('connect', () => this.join());
    socket.on('disconnect', (reason) => {
      if (this.connectionSignal() === 'refused') return;
      this.connectionSignal.set('reconnecting');
      // The client retries by itself, except when the server closed the connection.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => {
      if (this.connectionSignal() !== 'refused') this.connectionSignal.set('reconnecting');
    });
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
    if (this.socket?.connected) this.join();
  }

  /** Called for every live call and recall (never for calls that arrive in a snapshot). */
  onCall(listener: (call: DisplayCall) => void): void {
    this.callListeners.push(listener);
  }

  private join(): void {
    const socket = this.socket;
    const siteCode = this.siteCode;
    if (!socket || !siteCode) return;
    socket.emit(JOIN_DISPLAY, { siteCode }, (answer) => {
      if (socket !== this.socket) return;
      if (answer.ok) {
        this.errorSignal.set(null);
        this.connectionSignal.set('live');
        this.take(answer.data);
      } else {
        this.refused(answer.error);
        this.retryLater(() => this.resync());
      }
    });
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
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.siteCode = null;
  }
}
