import type { Namespace, Socket } from 'socket.io';
import type { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import type { SessionRef } from '../auth/session-events';

/**
 * The sockets of a signed-in staff member or device, and how they end (docs/architecture.md,
 * "Sessions"). Each authenticated socket joins its principal's session room, so that when the
 * session ends (device revoked, account disabled, password changed) every one of its sockets is
 * closed at once; every message a socket sends checks the session again, past any cache.
 */
export function sessionRoom(ref: SessionRef): string {
  return `session:${ref.kind}:${ref.id}`;
}

function refOf(principal: Principal): SessionRef {
  return principal.kind === 'staff' ? { kind: 'staff', id: principal.userId } : { kind: 'device', id: principal.deviceId };
}

function refuse(socket: Socket): undefined {
  socket.emit('error.auth', { code: 'INVALID_TOKEN' });
  socket.disconnect(true);
  return undefined;
}

/**
 * The principal of a new socket (none for ticket pages, which send no token). It joins its session
 * room before the session is read again from the database, so a session that ends while the socket
 * connects is either seen by that read or finds the socket in the room.
 */
export async function authenticateSocket(socket: Socket, auth: AuthService): Promise<Principal | undefined> {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || !token) return undefined;
  try {
    const principal = await auth.authenticate(token);
    await socket.join(sessionRoom(refOf(principal)));
    return (await auth.isCurrent(principal)) ? principal : refuse(socket);
  } catch {
    return refuse(socket);
  }
}

/** A socket's principal, checked again on each message: a socket whose session ended is closed. */
export async function currentPrincipal(socket: Socket, auth: AuthService): Promise<Principal | undefined> {
  const principal = await ((socket.data.principal as Promise<Principal | undefined> | undefined) ?? Promise.resolve(undefined));
  if (!principal) return undefined;
  if (await auth.isCurrent(principal)) return principal;
  return refuse(socket);
}

/**
 * After the session relay was down (SessionEvents.onGap), a session may have ended unheard: every
 * socket of this process checks its session again, and those that ended are closed.
 */
export async function recheckSessionSockets(server: Namespace, auth: AuthService): Promise<void> {
  await Promise.all([...server.sockets.values()].map((socket) => currentPrincipal(socket, auth).catch(() => undefined)));
}

/** Closes every socket of a session that ended (this process's; the others close theirs). */
export function closeSessionSockets(server: Namespace, ref: SessionRef): void {
  server.in(sessionRoom(ref)).disconnectSockets(true);
}
