import type { Server } from 'socket.io';

/**
 * The socket.io server attached to each HTTP server, so that what runs around the app (metrics
 * counting sockets, a graceful stop telling clients to reconnect elsewhere) can reach it without
 * going through a gateway. AllowListIoAdapter records it when it creates it.
 */
const servers = new WeakMap<object, Server>();

export function registerIoServer(httpServer: object, io: Server): void {
  servers.set(httpServer, io);
}

export function ioServerOf(httpServer: object): Server | undefined {
  return servers.get(httpServer);
}
