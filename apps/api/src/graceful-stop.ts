import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiLogger } from './common/logging/api-logger';
import { ioServerOf } from './common/http/io-servers';
import { Readiness } from './health/readiness';

/** How long requests already under way may take to finish once the port is closed. */
export const IN_FLIGHT_GRACE_MS = 10_000;

export interface GracefulStopOptions {
  /** SHUTDOWN_DRAIN_SECONDS: how long readiness fails before the port closes. */
  drainSeconds: number;
  inFlightGraceMs?: number;
}

/**
 * Stops one API process behind a load balancer without losing work:
 * 1. readiness fails (GET /api/health/ready answers 503 `draining`) and every answer from now on
 *    closes its connection, so the balancer stops sending and reopens its connections elsewhere;
 *    liveness (/api/health) stays 200;
 * 2. wait `drainSeconds` while the balancer notices; requests still arriving are served;
 * 3. stop accepting connections (connecting now is refused, so a client tries another process);
 * 4. close every socket.io connection at the transport: socket.io clients see `transport close`
 *    and reconnect by themselves, through the balancer to another process (a server-side
 *    `socket.disconnect()` would tell them not to);
 * 5. let the requests under way finish (at most `inFlightGraceMs`, then their connections are cut);
 * 6. close the Nest app: every module's shutdown hooks (sweeps, pools, the metrics server).
 */
export async function gracefulStop(app: INestApplication, options: GracefulStopOptions, logger: ApiLogger): Promise<void> {
  const http = app.getHttpServer() as Server;
  app.get(Readiness, { strict: false }).drain();
  http.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  logger.log({ msg: 'draining: readiness fails', drainSeconds: options.drainSeconds }, 'Shutdown');
  if (options.drainSeconds > 0) await sleep(options.drainSeconds * 1000);

  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  const io = ioServerOf(http);
  const sockets = io?.engine.clientsCount ?? 0;
  io?.engine.close();
  logger.log({ msg: 'port closed; socket.io clients told to reconnect elsewhere', sockets }, 'Shutdown');

  // Keep-alive connections are closed as soon as they are idle (their request answered).
  const idle = setInterval(() => http.closeIdleConnections(), 50);
  const grace = options.inFlightGraceMs ?? IN_FLIGHT_GRACE_MS;
  const timer = new AbortController();
  const finished = await Promise.race([closed.then(() => true), sleep(grace, false, { signal: timer.signal }).catch(() => true)]);
  timer.abort();
  clearInterval(idle);
  if (!finished) {
    logger.warn({ msg: 'requests still under way after the grace period: connections cut', graceMs: grace }, 'Shutdown');
    http.closeAllConnections();
  }
  await app.close();
}
