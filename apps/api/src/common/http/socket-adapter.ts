import { Logger } from '@nestjs/common';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { Redis, type RedisOptions } from 'ioredis';
import { Client, Pool, type PoolClient, type QueryResult } from 'pg';
import type { Namespace, Server } from 'socket.io';

/** Which socket.io adapter carries live events (config: socketAdapterFor). */
export type SocketAdapterKind = 'memory' | 'postgres' | 'redis';

/** Payloads larger than this go through SOCKET_ATTACHMENT_TABLE: NOTIFY carries at most 8,000 bytes. */
export const NOTIFY_PAYLOAD_LIMIT = 8000;
/** Made by migration AddSocketIoAttachment (rows older than the cleanup interval are deleted). */
export const SOCKET_ATTACHMENT_TABLE = 'socket_io_attachment';
const ATTACHMENT_CLEANUP_MS = 30_000;
/** The adapter's connections in pg_stat_activity. */
export const SOCKET_ADAPTER_APPLICATION_NAME = 'mpp-digital-api-events';
/** Redis keys of the adapter (one stream; pub/sub channels for its requests between processes). */
const REDIS_STREAM = 'mpp-digital:socket.io';
/**
 * While Redis is unreachable an event waits in ioredis's queue until this many reconnection
 * attempts more have failed (ioredis flushes its queue at every third failed attempt: 0.3 s into
 * an outage, up to ~3 s later on), then goes to this process's sockets only.
 */
const REDIS_RETRIES_PER_EVENT = 2;
/** A Redis that does not answer at all counts as a failed attempt after this long. */
const REDIS_CONNECT_TIMEOUT_MS = 2_000;

/**
 * How the events of one API process reach the sockets of the others: socket.io's own adapters.
 * `attach` installs the adapter on the socket.io server (once, when it is made); `close` ends the
 * adapter's connections (after socket.io has closed, at app.close()). A lost connection is logged
 * and reopened, never thrown: events are published after commit, so nothing here can turn a
 * committed change into an error answer.
 */
export interface SocketEventsAdapter {
  readonly kind: SocketAdapterKind;
  attach(server: Server): void;
  close(): Promise<void>;
}

export interface SocketAdapterTargets {
  databaseUrl: string;
  redisUrl: string | null;
}

/** Servers whose broadcasts reach other processes (a room empty here may have sockets there). */
const clustered = new WeakSet<Server>();

/** Whether a broadcast from this namespace also reaches the sockets of other API processes. */
export function reachesOtherProcesses(nsp: Namespace): boolean {
  return clustered.has(nsp.server);
}

export function createSocketEventsAdapter(kind: SocketAdapterKind, targets: SocketAdapterTargets): SocketEventsAdapter {
  new Logger('SocketAdapter').log({ msg: kind === 'memory' ? 'live events stay in this process' : 'live events reach every API process', adapter: kind });
  switch (kind) {
    case 'memory':
      return { kind, attach: () => undefined, close: async () => undefined };
    case 'postgres':
      return new PostgresSocketEvents(targets.databaseUrl);
    case 'redis':
      if (targets.redisUrl === null) throw new Error('The Redis socket adapter needs REDIS_URL.');
      return new RedisSocketEvents(targets.redisUrl);
  }
}

/**
 * Logs a connection's trouble once when it starts and once when it is over, not at every failed
 * reconnection attempt.
 */
class ConnectionHealth {
  private healthy = true;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  failed(error: Error): void {
    if (!this.healthy) return;
    this.healthy = false;
    this.logger.warn({ msg: `${this.what} lost; live events to other processes wait or are missed until it is back`, error: error.message });
  }

  ok(): void {
    if (this.healthy) return;
    this.healthy = true;
    this.logger.log({ msg: `${this.what} back` });
  }
}

/** The statement the PostgreSQL adapter sends for each event (node_modules/@socket.io/postgres-adapter/dist/util.js). */
export const ADAPTER_NOTIFY = 'SELECT pg_notify($1, $2)';
/** At most this many notifications, or this many bytes of channels and payloads, in one statement. */
export const NOTIFY_BATCH_MAX = 200;
export const NOTIFY_BATCH_MAX_BYTES = 1_000_000;

type SendQuery = (text: string, values?: unknown[]) => Promise<QueryResult>;

interface WaitingQuery {
  text: string;
  values?: unknown[];
  /** Set for the adapter's NOTIFY: its channel and payload. */
  notify: [channel: string, payload: string] | null;
  resolve(result: QueryResult): void;
  reject(error: unknown): void;
}

/**
 * The PostgreSQL adapter's queries, one statement at a time, in the order they were asked for:
 * while one is in flight the others wait, and the NOTIFYs waiting at the head of the line leave
 * together as one statement, `SELECT pg_notify($1,$2), pg_notify($3,$4), ...` (one transaction:
 * its notifications are delivered in the order they were sent, the select list left to right).
 * The adapter sends one NOTIFY per event and awaits it; one at a time, a connection sent at most
 * ~350 a second and a backlog built under load (docs/queue.md, "Several processes"). PostgreSQL
 * merges identical notifications (same channel and payload) of one transaction, so a batch ends
 * before a pair it already holds; it also ends at NOTIFY_BATCH_MAX or NOTIFY_BATCH_MAX_BYTES.
 * Other queries (the attachments' INSERT and SELECT, their clean-up) go alone, in their place in
 * the line. Every caller of a statement gets its result, or its error.
 */
export class BatchedNotifyQueries {
  private readonly waiting: WaitingQuery[] = [];
  private sending = false;

  constructor(private readonly send: SendQuery) {}

  query(text: string, values?: unknown[]): Promise<QueryResult> {
    return new Promise<QueryResult>((resolve, reject) => {
      this.waiting.push({ text, values, notify: asNotify(text, values), resolve, reject });
      this.sendNext();
    });
  }

  private sendNext(): void {
    if (this.sending || this.waiting.length === 0) return;
    this.sending = true;
    const batch = this.takeBatch();
    let sent: Promise<QueryResult>;
    try {
      sent = batch.length === 1 ? this.send(batch[0].text, batch[0].values) : this.send(notifyStatement(batch.length), batch.flatMap((q) => q.notify ?? []));
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent
      .then(
        (result) => batch.forEach((q) => q.resolve(result)),
        (error: unknown) => batch.forEach((q) => q.reject(error)),
      )
      .finally(() => {
        this.sending = false;
        this.sendNext();
      })
      .catch(() => undefined);
  }

  /** The head of the line: one query, or the NOTIFYs that can go together from there. */
  private takeBatch(): WaitingQuery[] {
    const first = this.waiting.shift() as WaitingQuery;
    if (first.notify === null) return [first];
    const batch = [first];
    const pairs = new Set([notifyKey(first.notify)]);
    let bytes = notifyBytes(first.notify);
    while (batch.length < NOTIFY_BATCH_MAX && this.waiting.length > 0) {
      const { notify } = this.waiting[0];
      if (notify === null) break;
      const key = notifyKey(notify);
      bytes += notifyBytes(notify);
      if (pairs.has(key) || bytes > NOTIFY_BATCH_MAX_BYTES) break;
      pairs.add(key);
      batch.push(this.waiting.shift() as WaitingQuery);
    }
    return batch;
  }
}

function asNotify(text: string, values?: unknown[]): [string, string] | null {
  if (text !== ADAPTER_NOTIFY || values?.length !== 2) return null;
  const [channel, payload] = values;
  return typeof channel === 'string' && typeof payload === 'string' ? [channel, payload] : null;
}

function notifyKey([channel, payload]: [string, string]): string {
  return JSON.stringify([channel, payload]);
}

function notifyBytes([channel, payload]: [string, string]): number {
  return Buffer.byteLength(channel) + Buffer.byteLength(payload);
}

function notifyStatement(count: number): string {
  const calls = Array.from({ length: count }, (_, i) => `pg_notify($${2 * i + 1},$${2 * i + 2})`);
  return `SELECT ${calls.join(', ')}`;
}

/**
 * @socket.io/postgres-adapter: NOTIFY on the database every process shares, LISTEN on a
 * connection of its own. The adapter asks its "pool" for the listening connection (connect) and
 * sends its NOTIFYs through it (query): connect opens a dedicated pg Client outside any pool
 * (reopened by the adapter every ~2 s when lost); queries go one statement at a time, the NOTIFYs
 * that waited meanwhile batched into one (BatchedNotifyQueries), through a pool of ONE connection,
 * so this process's NOTIFYs are sent, and so delivered, in the order they were emitted. Neither
 * touches the API's TypeORM pool.
 */
class PostgresSocketEvents implements SocketEventsAdapter {
  readonly kind = 'postgres';
  private readonly logger = new Logger('SocketAdapter');
  private readonly queries: Pool;
  private readonly listening = new Set<Client>();
  private readonly listenHealth = new ConnectionHealth(this.logger, 'PostgreSQL listening connection for live events');
  /** NOTIFYs and attachment reads; the adapter reports their failures to errorHandler. */
  private readonly sendHealth = new ConnectionHealth(this.logger, 'PostgreSQL connection sending live events');
  private closed = false;

  constructor(private readonly url: string) {
    this.queries = new Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 60_000,
      keepAlive: true,
      application_name: SOCKET_ADAPTER_APPLICATION_NAME,
    });
    // An idle connection that breaks (PostgreSQL restarted): the pool drops it and opens another.
    this.queries.on('error', (error) => this.logger.warn({ msg: 'live events: idle PostgreSQL connection lost', error: error.message }));
  }

  attach(server: Server): void {
    const line = new BatchedNotifyQueries((text, values) => this.queries.query(text, values));
    const query = async (text: string, values?: unknown[]) => {
      const result = await line.query(text, values);
      this.sendHealth.ok();
      return result;
    };
    const pool = { connect: () => this.listen(), query };
    server.adapter(
      createPostgresAdapter(pool as unknown as Pool, {
        tableName: SOCKET_ATTACHMENT_TABLE,
        payloadThreshold: NOTIFY_PAYLOAD_LIMIT,
        cleanupInterval: ATTACHMENT_CLEANUP_MS,
        errorHandler: (error: Error) => this.sendHealth.failed(error),
      }),
    );
    clustered.add(server);
  }

  private async listen(): Promise<PoolClient> {
    // Closed: the adapter's pending reconnection never completes (and schedules no other).
    if (this.closed) return new Promise<PoolClient>(() => undefined);
    const client = new Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: SOCKET_ADAPTER_APPLICATION_NAME });
    client.on('error', (error) => this.listenHealth.failed(error));
    this.listening.add(client);
    client.once('end', () => this.listening.delete(client));
    try {
      await client.connect();
    } catch (error) {
      this.listenHealth.failed(error as Error);
      this.listening.delete(client);
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listenHealth.ok();
    // What the adapter calls when it is closed: the connection is its own, so it ends.
    return Object.assign(client, { release: () => void client.end().catch(() => undefined) }) as unknown as PoolClient;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.listening].map((c) => c.end()));
    await this.queries.end().catch(() => undefined);
  }
}

/**
 * @socket.io/redis-streams-adapter with ioredis: events are appended to a Redis stream that every
 * process reads from where it left off, so a process whose connection drops and comes back reads
 * what was added meanwhile. ioredis reconnects by itself (every 0.1-1 s, never giving up: a client
 * that gave up would answer the adapter's reading loop at once, for ever, and starve the process);
 * while Redis is away an event waits in ioredis's offline queue (REDIS_RETRIES_PER_EVENT) and is
 * then given to this process's sockets only. The adapter duplicates the client for its readers:
 * duplicate is wrapped so that every copy is logged and closed with it.
 */
class RedisSocketEvents implements SocketEventsAdapter {
  readonly kind = 'redis';
  private readonly logger = new Logger('SocketAdapter');
  private readonly clients: Redis[] = [];
  private main: Redis | null = null;
  private closing = false;

  constructor(private readonly url: string) {}

  attach(server: Server): void {
    const options: RedisOptions = {
      connectionName: SOCKET_ADAPTER_APPLICATION_NAME,
      maxRetriesPerRequest: REDIS_RETRIES_PER_EVENT,
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    };
    this.main ??= this.track(new Redis(this.url, options));
    server.adapter(createRedisStreamsAdapter(this.main, { streamName: REDIS_STREAM, channelPrefix: REDIS_STREAM, onlyPlaintext: true }));
    clustered.add(server);
  }

  private track(client: Redis): Redis {
    const health = new ConnectionHealth(this.logger, 'Redis connection for live events');
    client.on('error', (error: Error) => health.failed(error));
    // A Redis that stops closes the connection, often with no error.
    client.on('close', () => {
      if (!this.closing) health.failed(new Error('connection closed'));
    });
    client.on('ready', () => health.ok());
    // The adapter drops the promises of its PUBLISH (messages between processes: serverSideEmit)
    // and SUBSCRIBE: one rejected while Redis is away would be unhandled and end the process
    // (seen: the API died 0.6 s into a Redis outage). Each gets a handler; callers still see it.
    for (const name of ['publish', 'subscribe'] as const) {
      const command = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
      Object.assign(client, {
        [name]: (...args: unknown[]) => {
          const sent = command(...args);
          sent.catch((error: Error) => health.failed(error));
          return sent;
        },
      });
    }
    const duplicate = client.duplicate.bind(client);
    client.duplicate = (override?: Partial<RedisOptions>) => this.track(duplicate(override));
    this.clients.push(client);
    return client;
  }

  async close(): Promise<void> {
    this.closing = true;
    // disconnect, not quit: a reader blocked in XREAD would hold a QUIT for seconds.
    this.clients.forEach((c) => c.disconnect());
    await Promise.resolve();
  }
}
