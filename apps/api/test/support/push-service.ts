import { execFileSync } from 'node:child_process';
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// http_ece comes with web-push (its own encryption); no types of its own.
const ece = require('http_ece') as { decrypt(buffer: Buffer, params: { version: string; privateKey: ECDH; authSecret: Buffer }): Buffer };

/** One request the stand-in push service received. */
export interface PushRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A browser's side of a subscription: what it gives the server, and the keys to read its messages. */
export interface TestBrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** Decrypts a message sent to it (aes128gcm, RFC 8291) as the browser would. */
  decrypt(body: Buffer): string;
}

/** A throw-away certificate for 127.0.0.1 (openssl), so the stand-in speaks HTTPS as push services do. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'push-service-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A local HTTPS server standing in for a browser's push service (FCM, Mozilla autopush): it keeps
 * every request and answers what the test says per path (201 by default), optionally late.
 * `web-push` speaks only HTTPS: give the sender `agent`, which trusts this server's certificate.
 */
export class TestPushService {
  readonly requests: PushRequest[] = [];
  private readonly answers = new Map<string, { status: number; delayMs: number }[]>();
  private server!: Server;
  private waiters: (() => void)[] = [];
  origin = '';
  agent!: Agent;

  async start(): Promise<this> {
    const { key, cert } = selfSignedCertificate();
    this.agent = new Agent({ ca: cert });
    this.server = createServer({ key, cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        this.waiters.splice(0).forEach((w) => w());
        const queued = this.answers.get(req.url ?? '');
        const answer = (queued && queued.length > 1 ? queued.shift() : queued?.[0]) ?? { status: 201, delayMs: 0 };
        setTimeout(() => res.writeHead(answer.status).end(), answer.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The answers for a path, in order; the last one stays. */
  answer(path: string, ...answers: { status: number; delayMs?: number }[]): void {
    this.answers.set(path, answers.map((a) => ({ status: a.status, delayMs: a.delayMs ?? 0 })));
  }

  /** A new browser subscription whose endpoint is this server's `path`. */
  subscription(path: string): TestBrowserSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    return {
      endpoint: `${this.origin}${path}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
      decrypt: (body) => ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth }).toString('utf8'),
    };
  }

  to(path: string): PushRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Waits until `count` requests reached `path`. */
  async waitFor(path: string, count = 1, timeoutMs = 10_000): Promise<PushRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(path).length < count) {
      if (Date.now() > deadline) throw new Error(`push service: ${this.to(path).length} of ${count} requests to ${path} after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.to(path);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Checks a request's VAPID Authorization header (RFC 8292: `vapid t=<JWT>, k=<public key>`): an
 * ES256 JWT signed by that key, for the endpoint's origin, with the subject, expiring within 24 h.
 * Returns its claims.
 */
export function verifyVapid(header: string | undefined, expected: { publicKey: string; audience: string }): { aud: string; sub: string; exp: number } {
  const match = /^vapid t=([A-Za-z0-9_.-]+), k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`not a VAPID Authorization header: ${header}`);
  const [, jwt, k] = match;
  if (k !== expected.publicKey) throw new Error('VAPID k= is not the server public key');
  const [head, payload, signature] = jwt.split('.');
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  const signed = verify('sha256', Buffer.from(`${head}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!signed) throw new Error('VAPID JWT signature does not verify with k=');
  const header_ = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg: string };
  if (header_.alg !== 'ES256') throw new Error(`VAPID JWT alg ${header_.alg}`);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { aud: string; sub: string; exp: number };
  if (claims.aud !== expected.audience) throw new Error(`VAPID aud ${claims.aud}, expected ${expected.audience}`);
  const now = Date.now() / 1000;
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error(`VAPID exp ${claims.exp} not within 24 h`);
  return claims;
}
