import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import type { HostPolicy } from './host-policy';
import type { SocketEventsAdapter } from './socket-adapter';
import { registerIoServer } from './io-servers';

/**
 * socket.io with an allow-list of browser origins (HostPolicy.isAllowedOrigin): a page from
 * another site cannot open the queue's live connection with the visitor's browser. The check runs
 * on every handshake, over long-polling and WebSocket alike (CORS alone would not stop a
 * WebSocket); clients that send no Origin (devices' own programs, tests) are not browsers and pass
 * on to the token check. Whatever a gateway's decorator says about cors is replaced here.
 * Broadcasts reach the sockets of every API process through `events` (socket-adapter.ts), whose
 * connections close with the app.
 */
export class AllowListIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly policy: HostPolicy,
    private readonly events: SocketEventsAdapter,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = (req: IncomingMessage): boolean => this.policy.isAllowedOrigin(req.headers.origin, req.socket.localPort);
    const io = super.createIOServer(port, {
      ...options,
      // CORS headers only for configured origins (PUBLIC_URL, ALLOWED_ORIGINS); pages served by
      // this process are same-origin and need none.
      cors: {
        origin: (origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) => callback(null, this.policy.isAllowedOrigin(origin, undefined)),
        credentials: false,
      },
      allowRequest: (req, callback) => {
        const ok = allowed(req);
        callback(ok ? null : 'Origin not allowed', ok);
      },
    } as ServerOptions);
    if (this.httpServer) registerIoServer(this.httpServer, io);
    this.events.attach(io);
    return io;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await this.events.close();
  }
}
