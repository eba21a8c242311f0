import { io, Socket } from 'socket.io-client';

/** What a join message answers (the gateway's Ack). */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { statusCode: number; code: string } };

/**
 * A socket on the queue namespace of the API at `base` (http://host:port), over WebSocket, with
 * a device's or a staff member's token; it does not reconnect by itself (a test reconnects on
 * purpose). Each socket is made anew (forceNew), so two sockets are two connections.
 */
export function connectQueue(base: string, token?: string): Socket {
  return io(`${base}/queue`, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false, forceNew: true });
}

/** Sends a join message and waits for its answer (a failure after `ms`). */
export function join<T>(socket: Socket, event: string, body: object, ms = 5000): Promise<Ack<T>> {
  return socket.timeout(ms).emitWithAck(event, body) as Promise<Ack<T>>;
}

/** Joins and answers the data, or throws with the refusal. */
export async function joined<T>(socket: Socket, event: string, body: object, ms = 5000): Promise<T> {
  const answer = await join<T>(socket, event, body, ms);
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code}`);
  return answer.data;
}

/** The next `event` on the socket that matches, or a failure after `ms`. */
export function nextEvent<T>(socket: Socket, event: string, ms = 2000, match: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Every `event` the socket receives from now on, in order of arrival. */
export interface Recorded<T> {
  readonly events: T[];
  /** Resolves once `done(events)` holds (checked at each arrival), or fails after `ms` naming what arrived. */
  until(done: (events: T[]) => boolean, ms: number): Promise<T[]>;
}

export function record<T>(socket: Socket, event: string): Recorded<T> {
  const events: T[] = [];
  const waiting = new Set<() => void>();
  socket.on(event, (payload: T) => {
    events.push(payload);
    waiting.forEach((check) => check());
  });
  return {
    events,
    until(done, ms) {
      return new Promise<T[]>((resolve, reject) => {
        const check = () => {
          if (!done(events)) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(events);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`${event}: the awaited events did not arrive within ${ms} ms; ${events.length} arrived: ${JSON.stringify(events)}`));
        }, ms);
        waiting.add(check);
        check();
      });
    },
  };
}

/** Resolves with the reason once the socket is disconnected (at once if it already is). */
export function disconnected(socket: Socket, ms = 10_000): Promise<string> {
  if (!socket.connected) return Promise.resolve('not connected');
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
