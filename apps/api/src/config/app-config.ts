import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { readCitizenConfig, type CitizenConfig } from './citizen-config';
import { readFilesConfig, type FilesConfig } from './files-config';
import { readNotificationsConfig, type NotificationsConfig } from './notifications-config';

/**
 * The one typed configuration of the API, read from the environment once at start.
 * Every problem names the variable and says what is wrong; all problems are reported together.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** External PostgreSQL; null means "start the embedded one under dataDir". */
  databaseUrl: string | null;
  dataDir: string;
  embeddedDbPort: number;
  /** Connections the API keeps to PostgreSQL (see docs/queue.md, Benchmark, for why few). */
  dbPoolSize: number;
  /** null: generated once and kept in dataDir (see resolveJwtSecret). */
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  adminEmail: string;
  /** null: a random password is generated and printed once at first start. */
  adminPassword: string | null;
  logLevel: LogLevel;
  /** Run the idempotent seeds at start. */
  seed: boolean;
  /** Where the built Angular apps are (dist/apps); served on the API's port when present. */
  appsDir: string;
  loginRateLimit: { limit: number; ttlSeconds: number };
  /** Requests per client address per minute across the public booking endpoints. */
  bookingRateLimit: number;
  publicUrl: string | null;
  /** How often open tickets of closed sites are closed as not served; 0 = never (tests). */
  queueSweepSeconds: number;
  /** How often the outbox relay tries failed and interrupted messages again; 0 = never (tests). */
  outboxRelaySeconds: number;
  /** How often the reports' rollup builds the past days not built yet (docs/reports.md); 0 = never. Off too when queueSweepSeconds is 0 (tests). */
  reportsRollupSeconds: number;
  /** How often the complaint escalation job looks for clocks that ran out (docs/complaints.md, Escalation); 0 = never. Off too when queueSweepSeconds is 0 (tests). */
  complaintEscalationSeconds: number;
  /** 32-byte secret protecting personal data; null: generated once into dataDir (see data-key.ts). */
  dataKey: Buffer | null;
  /** SMTP for booking emails (smtp://user:pass@host:587); null: messages go to the outbox table and the log. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The citizen account: sign-in codes per client address, the OpenID Connect provider (citizen-config.ts). */
  citizen: CitizenConfig;
  /** SMS gateway, WhatsApp Cloud API and "called" messages (config/notifications-config.ts). */
  notifications: NotificationsConfig;
  /** Express 'trust proxy': which hops may set X-Forwarded-For/-Proto/-Host (see parseTrustProxy). */
  trustProxy: TrustProxy;
  /** Host names (host or host:port) besides PUBLIC_URL's and the listen addresses that links may be built from. */
  allowedHosts: string[];
  /** Browser origins besides PUBLIC_URL's and the allowed hosts' that may open a socket.io connection. */
  allowedOrigins: string[];
  /** Requests per client address per minute on the public ticket endpoints (see docs/api.md, Rate limits). */
  ticketRateLimit: { lookup: number; print: number };
  /** Redis for socket.io events and shared rate limits across API processes; null: none (see docs/architecture.md). */
  redisUrl: string | null;
  /** How live events reach the sockets of every API process (see socketAdapterFor). */
  socketAdapter: SocketAdapterChoice;
  /** Prometheus metrics on a port of their own; 0 = off. */
  metricsPort: number;
  metricsHost: string;
  /** On SIGTERM, readiness fails this long before the server stops taking requests (a balancer drains it). */
  shutdownDrainSeconds: number;
  /** Uploaded documents: the directory or S3-compatible store, the image queue (config/files-config.ts, docs/files.md). */
  files: FilesConfig;
  /** Web Push (VAPID): keys null = generated once into dataDir (push/vapid-keys.ts); subject a mailto: or https: address. */
  vapid: { publicKey: string | null; privateKey: string | null; subject: string };
}

export const SOCKET_ADAPTERS = ['auto', 'memory', 'postgres', 'redis'] as const;
export type SocketAdapterChoice = (typeof SOCKET_ADAPTERS)[number];

/**
 * The socket.io adapter in use. auto: Redis when REDIS_URL is set; PostgreSQL LISTEN/NOTIFY when
 * the database is external (other processes may share it); in memory with the embedded database,
 * which only this process uses.
 */
export function socketAdapterFor(config: Pick<AppConfig, 'socketAdapter' | 'redisUrl'>, database: { embedded: boolean }): 'memory' | 'postgres' | 'redis' {
  if (config.socketAdapter !== 'auto') return config.socketAdapter;
  if (config.redisUrl !== null) return 'redis';
  return database.embedded ? 'memory' : 'postgres';
}

/** false: no proxy; a number: hops to trust; a list: addresses, subnets or loopback/linklocal/uniquelocal. */
export type TrustProxy = boolean | number | string[];

export const DEFAULT_DB_POOL_SIZE = 8;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/** The database the API uses: DATABASE_URL, or the embedded server started for it. */
export interface DatabaseTarget {
  url: string;
  embedded: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const databaseUrl = read.optional('DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      `DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/mpp (got "${redactUrl(databaseUrl)}"). Leave it unset to use the embedded database.`,
    );
  }
  const dataDirRaw = read.optional('DATA_DIR') ?? './.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const jwtSecret = read.optional('JWT_SECRET');
  if (jwtSecret !== null && jwtSecret.length < 32) {
    problems.push(`JWT_SECRET must be at least 32 characters long (got ${jwtSecret.length}).`);
  }
  if (jwtSecret === null && nodeEnv === 'production' && databaseUrl !== null) {
    problems.push(
      'JWT_SECRET is required when NODE_ENV=production with an external DATABASE_URL: every API instance must share it.',
    );
  }
  const adminEmail = (read.optional('ADMIN_EMAIL') ?? 'admin@mpp.local').toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    problems.push(`ADMIN_EMAIL must be an email address (got "${adminEmail}").`);
  }
  const adminPassword = read.optional('ADMIN_PASSWORD');
  if (adminPassword !== null && adminPassword.length < 10) {
    problems.push('ADMIN_PASSWORD must be at least 10 characters long.');
  }
  const publicUrl = read.optional('PUBLIC_URL');
  if (publicUrl !== null && !/^https?:\/\//.test(publicUrl)) {
    problems.push(`PUBLIC_URL must start with http:// or https:// (got "${publicUrl}").`);
  }

  const config: AppConfig = {
    nodeEnv,
    host: read.optional('HOST') ?? '0.0.0.0',
    port: read.integer('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir,
    embeddedDbPort: read.integer('EMBEDDED_DB_PORT', 54329, 1024, 65535),
    dbPoolSize: read.integer('DB_POOL_SIZE', DEFAULT_DB_POOL_SIZE, 2, 200),
    jwtSecret,
    jwtTtlSeconds: read.integer('JWT_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    adminEmail,
    adminPassword,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    seed: read.boolean('SEED', true),
    appsDir: resolve(cwd, read.optional('APPS_DIR') ?? 'dist/apps'),
    loginRateLimit: {
      limit: read.integer('LOGIN_RATE_LIMIT', 10, 1, 10_000),
      ttlSeconds: read.integer('LOGIN_RATE_WINDOW_SECONDS', 60, 1, 86_400),
    },
    bookingRateLimit: read.integer('BOOKING_RATE_LIMIT', 30, 1, 1_000_000),
    publicUrl,
    queueSweepSeconds: read.integer('QUEUE_SWEEP_SECONDS', 60, 0, 3600),
    outboxRelaySeconds: read.integer('OUTBOX_RELAY_SECONDS', 30, 0, 3600),
    reportsRollupSeconds: read.integer('REPORTS_ROLLUP_SECONDS', 3600, 0, 86_400),
    complaintEscalationSeconds: read.integer('COMPLAINT_ESCALATION_SECONDS', 300, 0, 86_400),
    dataKey: null,
    smtpUrl: read.optional('SMTP_URL'),
    mailFrom: read.optional('MAIL_FROM') ?? 'MPP Digital <no-reply@mpp.local>',
    citizen: readCitizenConfig(env, problems),
    notifications: readNotificationsConfig(env, problems),
    trustProxy: parseTrustProxy(read.optional('TRUST_PROXY'), problems),
    allowedHosts: parseList(read.optional('ALLOWED_HOSTS'), 'ALLOWED_HOSTS', HOST_PATTERN, 'host names such as mpp.kupangkota.go.id or 10.0.0.5:3000', problems),
    allowedOrigins: parseList(read.optional('ALLOWED_ORIGINS'), 'ALLOWED_ORIGINS', ORIGIN_PATTERN, 'origins such as https://mpp.kupangkota.go.id', problems),
    ticketRateLimit: {
      lookup: read.integer('TICKET_RATE_LIMIT', 3000, 1, 1_000_000),
      print: read.integer('TICKET_PRINT_RATE_LIMIT', 300, 1, 1_000_000),
    },
    redisUrl: read.optional('REDIS_URL'),
    socketAdapter: read.oneOf('SOCKET_ADAPTER', SOCKET_ADAPTERS, 'auto'),
    metricsPort: read.integer('METRICS_PORT', 0, 0, 65535),
    metricsHost: read.optional('METRICS_HOST') ?? '127.0.0.1',
    shutdownDrainSeconds: read.integer('SHUTDOWN_DRAIN_SECONDS', 5, 0, 300),
    files: readFilesConfig(env, dataDir, problems),
    vapid: { publicKey: read.optional('VAPID_PUBLIC_KEY'), privateKey: read.optional('VAPID_PRIVATE_KEY'), subject: read.optional('VAPID_SUBJECT') ?? `mailto:${adminEmail}` },
  };
  checkVapid(config.vapid, problems);
  const dataKey = read.optional('DATA_KEY');
  if (dataKey !== null) {
    const key = Buffer.from(dataKey, 'base64');
    if (key.length !== 32) problems.push(`DATA_KEY must be 32 bytes in base64 (44 characters; got ${key.length} bytes). Make one with: openssl rand -base64 32`);
    else config.dataKey = key;
  } else if (nodeEnv === 'production' && databaseUrl !== null) {
    problems.push('DATA_KEY is required when NODE_ENV=production with an external DATABASE_URL: every API instance must read the same personal data.');
  }
  if (config.redisUrl !== null && !/^rediss?:\/\//.test(config.redisUrl)) {
    problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${redactUrl(config.redisUrl)}").`);
  }
  if (config.socketAdapter === 'redis' && config.redisUrl === null) {
    problems.push('SOCKET_ADAPTER=redis needs REDIS_URL (redis://host:6379).');
  }
  if (config.metricsPort !== 0 && config.metricsPort === config.port) {
    problems.push(`METRICS_PORT must differ from PORT (${config.port}): metrics are never served on the public port.`);
  }
  if (config.smtpUrl !== null && !/^smtps?:\/\//.test(config.smtpUrl)) {
    problems.push(`SMTP_URL must start with smtp:// or smtps:// (got "${redactUrl(config.smtpUrl)}").`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY together or neither (then generated into DATA_DIR), in the
 * base64url form `npx web-push generate-vapid-keys` prints: an uncompressed P-256 point (65 bytes)
 * and a 32-byte private key. VAPID_SUBJECT: how a push service reaches the operator.
 */
function checkVapid(vapid: AppConfig['vapid'], problems: string[]): void {
  const bytes = (value: string) => (/^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0));
  if ((vapid.publicKey === null) !== (vapid.privateKey === null)) {
    problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together (or neither: a pair is then generated into DATA_DIR). Make a pair with: npx web-push generate-vapid-keys');
  }
  if (vapid.publicKey !== null && (bytes(vapid.publicKey).length !== 65 || bytes(vapid.publicKey)[0] !== 4)) {
    problems.push('VAPID_PUBLIC_KEY must be a P-256 public key in base64url (65 bytes, 87 characters), as npx web-push generate-vapid-keys prints it.');
  }
  if (vapid.privateKey !== null && bytes(vapid.privateKey).length !== 32) {
    problems.push('VAPID_PRIVATE_KEY must be a P-256 private key in base64url (32 bytes, 43 characters), as npx web-push generate-vapid-keys prints it.');
  }
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(vapid.subject)) {
    problems.push(`VAPID_SUBJECT must be a mailto: or https: address where push services can reach you (got "${vapid.subject}").`);
  }
}

const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/;
const ORIGIN_PATTERN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/;

/** A comma-separated list, lower-cased, each entry checked against the pattern. */
function parseList(raw: string | null, name: string, pattern: RegExp, what: string, problems: string[]): string[] {
  if (raw === null) return [];
  const entries = raw.split(',').map((e) => e.trim().toLowerCase().replace(/\/$/, '')).filter(Boolean);
  const bad = entries.filter((e) => !pattern.test(e));
  if (bad.length) problems.push(`${name} must be a comma-separated list of ${what} (got "${bad.join('", "')}").`);
  return entries.filter((e) => pattern.test(e));
}

const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset = 'loopback' (a reverse proxy on the same machine); false/0 = none;
 * a number = that many hops; otherwise a comma-separated list of addresses, CIDR subnets and the
 * names loopback, linklocal, uniquelocal. `true` (trust every hop) is refused: any client could
 * then choose its own address and so escape the rate limits.
 */
export function parseTrustProxy(raw: string | null, problems: string[]): TrustProxy {
  if (raw === null) return ['loopback'];
  const value = raw.toLowerCase();
  if (value === 'false' || value === 'off' || value === 'no') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 10) return hops === 0 ? false : hops;
  }
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !TRUST_PROXY_NAMES.includes(e) && !isAddressOrSubnet(e));
  if (value === 'true' || bad.length || entries.length === 0) {
    problems.push(
      `TRUST_PROXY must be false, a number of proxy hops from 0 to 10, or a comma-separated list of addresses, subnets (10.0.0.0/8) and loopback, linklocal, uniquelocal (got "${raw}").`,
    );
    return ['loopback'];
  }
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):([^@]*)@/, '//$1:***@');
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optional(name: string): string | null {
    const value = this.env[name]?.trim();
    return value ? value : null;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined || raw === null) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}").`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}").`);
    return fallback;
  }
}
