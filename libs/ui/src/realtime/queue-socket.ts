import type { ApiError, QUEUE_JOINS } from '@mpp/contracts';
import { io, type Socket } from 'socket.io-client';

/** connecting: first contact; live: joined the room; reconnecting: lost, trying again. */
export type LiveConnection = 'connecting' | 'live' | 'reconnecting';

/** The acknowledgement of a join: the room's snapshot, or why the server refused. */
export type JoinAnswer<TData> = { ok: true; data: TData } | { ok: false; error: ApiError };

export type QueueJoin = (typeof QUEUE_JOINS)[keyof typeof QUEUE_JOINS];

/**
 * socket.io's own bound for an events map: an interface of named events satisfies only an index of
 * `any` (an index of `unknown` would ask for a declared index signature).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventsMap = Record<string, any>;

type JoinEvents<TBody, TData> = Record<QueueJoin, (body: TBody, ack: (answer: JoinAnswer<TData>) => void) => void>;

export interface QueueRoomOptions<TBody, TData> {
  /** The handshake token (staff JWT, device token), read at every (re)connection; none: anonymous. */
  token?: () => string | null;
  join: QueueJoin;
  /** The join message's body, read at every join. */
  body: () => TBody;
  /** Every join's answer; `onState('live')` has come just before an accepted one. */
  onJoined: (answer: JoinAnswer<TData>) => void;
  /** 'live' when a join is accepted, 'reconnecting' when the line is lost. */
  onState: (state: LiveConnection) => void;
  /** While this answers true (the server turned the client down), a lost line is neither reported nor reconnected. */
  refused?: () => boolean;
}

export interface QueueRoom<TServer extends EventsMap, TBody, TData> {
  /** For the caller's own event handlers. */
  readonly socket: Socket<TServer, JoinEvents<TBody, TData>>;
  /** Joins again now, if connected (e.g. for a fresh snapshot). */
  join(): void;
  /** Removes every listener and disconnects; answers arriving later are dropped. */
  close(): void;
}

/**
 * Opens socket.io `/queue` and joins a room on every 'connect' (the first and after each
 * reconnection, when the server has forgotten the rooms), reporting the connection's state. When
 * the server closes the line ('io server disconnect') it connects again; the client retries any
 * other loss by itself.
 */
export function openQueueRoom<TServer extends EventsMap, TBody, TData>(options: QueueRoomOptions<TBody, TData>): QueueRoom<TServer, TBody, TData> {
  const { token } = options;
  const socket: Socket<TServer, JoinEvents<TBody, TData>> = io('/queue', {
    transports: ['websocket', 'polling'],
    ...(token && { auth: (callback: (data: object) => void) => callback({ token: token() ?? '' }) }),
  });
  let closed = false;
  const refused = (): boolean => options.refused?.() ?? false;
  const join = (): void => {
    if (closed || !socket.connected) return;
    socket.emit(options.join, options.body(), (answer) => {
      if (closed) return;
      if (answer.ok) options.onState('live');
      options.onJoined(answer);
    });
  };
  socket.on('connect', join);
  socket.on('disconnect', (reason) => {
    if (refused()) return;
    options.onState('reconnecting');
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', () => {
    if (!refused()) options.onState('reconnecting');
  });
  return {
    socket,
    join,
    close: () => {
      closed = true;
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
