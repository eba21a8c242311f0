import type { Request } from 'express';
import { networkInterfaces } from 'node:os';
import type { AppConfig } from '../../config/app-config';

type HostConfig = Pick<AppConfig, 'publicUrl' | 'host' | 'allowedHosts' | 'allowedOrigins'> & Partial<Pick<AppConfig, 'nodeEnv'>>;

/**
 * Which host names this deployment answers to, for the two places where a client's word about
 * the address could be abused:
 * - links and QR codes (booking messages, confirmation PDFs, printed tickets) are built from
 *   PUBLIC_URL, or when it is unset from the request's host only if that host is allowed;
 *   `Host: mpp-kupang.evil.example` never reaches an SMS;
 * - a browser may open a socket.io connection only from an allowed origin (outside production
 *   also from localhost on any port: the Angular dev servers).
 * Allowed: PUBLIC_URL's host, ALLOWED_HOSTS, and the addresses the server listens on (with its
 * port; HOST=0.0.0.0 or :: means every address of the machine, and localhost).
 */
export class HostPolicy {
  private readonly publicUrl: string | null;
  private readonly configured: Set<string>;
  private readonly origins: Set<string>;
  private readonly listenNames: string[];
  /** Outside production, the Angular dev servers (localhost:4200–4202, proxying to the API) connect too. */
  private readonly loopbackAnyPort: boolean;

  constructor(config: HostConfig, interfaces: () => string[] = machineAddresses) {
    this.publicUrl = config.publicUrl === null ? null : config.publicUrl.replace(/\/+$/, '');
    this.configured = new Set(config.allowedHosts);
    this.origins = new Set(config.allowedOrigins);
    if (this.publicUrl !== null) {
      const url = new URL(this.publicUrl);
      this.configured.add(url.host.toLowerCase());
      this.origins.add(url.origin.toLowerCase());
    }
    const wildcard = config.host === '0.0.0.0' || config.host === '::' || config.host === '';
    const names = wildcard ? interfaces() : [config.host.toLowerCase()];
    if (wildcard || names.some(isLoopback)) names.push('localhost', '127.0.0.1', '[::1]');
    this.listenNames = [...new Set(names.map(bracketIpv6))];
    this.loopbackAnyPort = config.nodeEnv !== undefined && config.nodeEnv !== 'production';
  }

  /** host[:port] as sent by a client; `port` is the one the server listens on. */
  isAllowedHost(host: string | undefined, port: number | undefined): boolean {
    if (!host) return false;
    const value = host.toLowerCase();
    if (this.configured.has(value)) return true;
    const { name, port: given } = splitHost(value);
    return this.listenNames.includes(name) && port !== undefined && (given ?? 80) === port;
  }

  /** The origin of an Origin header (a browser's page), allowed or not. No header: not a browser. */
  isAllowedOrigin(origin: string | undefined, port: number | undefined): boolean {
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (this.origins.has(url.origin.toLowerCase())) return true;
    if (this.loopbackAnyPort && isLoopback(url.hostname)) return true;
    const explicitPort = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    return this.isAllowedHost(`${url.hostname}:${explicitPort}`, port) || this.configured.has(url.host.toLowerCase());
  }

  /**
   * The base of every link the API gives out (no trailing slash): PUBLIC_URL; else the request's
   * scheme and host when the host is allowed; else the first listen address.
   */
  baseUrl(req: Request): string {
    if (this.publicUrl !== null) return this.publicUrl;
    const port = req.socket.localPort;
    // req.host honours X-Forwarded-Host only from a trusted proxy (TRUST_PROXY).
    const host = req.host;
    if (this.isAllowedHost(host, port)) return `${req.protocol}://${host}`;
    // Otherwise the address this connection arrived at: one the server listens on.
    const local = bracketIpv6((req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, ''));
    return `http://${local}${port && port !== 80 ? `:${port}` : ''}`;
  }
}

const HOST_POLICY = 'mpp.hostPolicy';

/** Makes the policy reachable from any request (set once in configureApp). */
export function installHostPolicy(app: { set(name: string, value: unknown): unknown }, policy: HostPolicy): void {
  app.set(HOST_POLICY, policy);
}

/** The one place a link's base address comes from: see HostPolicy.baseUrl. */
export function publicBaseUrl(req: Request): string {
  const policy = req.app.get(HOST_POLICY) as HostPolicy | undefined;
  if (!policy) throw new Error('HostPolicy is not installed (configureApp does it).');
  return policy.baseUrl(req);
}

function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .sort((a, b) => Number(a.family === 'IPv6') - Number(b.family === 'IPv6'))
    .map((i) => i.address.toLowerCase());
}

function bracketIpv6(name: string): string {
  return name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
}

function isLoopback(name: string): boolean {
  return name === 'localhost' || name.startsWith('127.') || name === '::1' || name === '[::1]';
}

function splitHost(host: string): { name: string; port: number | undefined } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!match) return { name: host, port: undefined };
  return { name: match[1], port: match[2] === undefined ? undefined : Number(match[2]) };
}
