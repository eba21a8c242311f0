import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a local HTTP peer received it: exactly what went over the wire. */
export interface ReceivedRequest {
  method: string;
  /** The path with its query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpPeer {
  /** http://127.0.0.1:port */
  origin: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A local HTTP server standing in for a provider (SMS gateway, WhatsApp Cloud API) in tests: it
 * records every request whole and answers with `answer` (status, JSON body), after `delayMs`.
 */
export async function startHttpPeer(answer: { status: number; body: unknown; delayMs?: number } | ((request: ReceivedRequest) => { status: number; body: unknown; delayMs?: number })): Promise<HttpPeer> {
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
