import { Logger } from '@nestjs/common';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readNotificationsConfig, type NotificationsConfig } from '../config/notifications-config';

/** One request as a local HTTP peer received it: exactly what went over the wire. */
export interface ReceivedRequest {
  method: string;
  /** The path with its query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Something a test starts and must stop: a local peer, a server. */
export interface Closable {
  close(): Promise<void>;
}

export interface HttpPeer extends Closable {
  /** http://127.0.0.1:port */
  origin: string;
  received: ReceivedRequest[];
}

/** What a peer answers: a status and a body (JSON, or a string as it is), after `delayMs`. */
export interface PeerReply {
  status: number;
  body: unknown;
  delayMs?: number;
}

/**
 * A local HTTP server standing in for a provider (SMS gateway, WhatsApp Cloud API) in tests: it
 * records every request whole and answers with `answer` (status, JSON body), after `delayMs`.
 */
export async function startHttpPeer(answer: PeerReply | ((request: ReceivedRequest) => PeerReply)): Promise<HttpPeer> {
  const received: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const reply = typeof answer === 'function' ? answer(request) : answer;
      const respond = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          respond();
        }, reply.delayMs);
        timers.add(timer);
      } else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The notification settings as the environment gives them (pointed at a peer), through the same
 * validation as at start-up; settings it would refuse fail the test with its messages.
 */
export function notificationsConfigFrom(env: Record<string, string>): NotificationsConfig {
  const problems: string[] = [];
  const config = readNotificationsConfig(env, problems);
  if (problems.length > 0) throw new Error(`The test's notification settings are refused: ${problems.join(' ')}`);
  return config;
}

/**
 * What the channels' tests share: the peers a test starts (`http`, or any server through `keep`)
 * are closed after it, and the Logger's warnings during it are kept in `warnings` for the test to
 * read (nothing personal may be in them) instead of printed. This file is built with the API,
 * which has no Jest globals, so the spec wires the scope to its own hooks:
 *
 *     const peers = new PeerScope();
 *     beforeEach(() => peers.setUp());
 *     afterEach(() => peers.tearDown());
 */
export class PeerScope {
  /** The arguments of each Logger warning since `setUp`. */
  readonly warnings: unknown[][] = [];
  private readonly started: Closable[] = [];
  private restoreWarn: (() => void) | null = null;

  setUp(): void {
    this.warnings.length = 0;
    const prototype = Logger.prototype;
    const warn = Object.getOwnPropertyDescriptor(prototype, 'warn');
    const warnings = this.warnings;
    Object.defineProperty(prototype, 'warn', { configurable: true, writable: true, value: (...args: unknown[]) => void warnings.push(args) });
    this.restoreWarn = () => {
      if (warn) Object.defineProperty(prototype, 'warn', warn);
    };
  }

  /** A local HTTP peer (`startHttpPeer`), closed after the test. */
  async http(answer: Parameters<typeof startHttpPeer>[0]): Promise<HttpPeer> {
    return this.keep(await startHttpPeer(answer));
  }

  /** `peer`, to be closed after the test. */
  keep<T extends Closable>(peer: T): T {
    this.started.push(peer);
    return peer;
  }

  async tearDown(): Promise<void> {
    this.restoreWarn?.();
    this.restoreWarn = null;
    await Promise.all(this.started.splice(0).map((peer) => peer.close()));
  }
}
