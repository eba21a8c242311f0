import { createServer } from 'node:http';
import { Client, Pool, type Notification, type QueryResult } from 'pg';
import { Server } from 'socket.io';
import type { QueryRunner } from 'typeorm';
import {
  ADAPTER_NOTIFY,
  BatchedNotifyQueries,
  createSocketEventsAdapter,
  NOTIFY_PAYLOAD_LIMIT,
  SOCKET_ADAPTER_APPLICATION_NAME,
  SOCKET_ATTACHMENT_TABLE,
} from '../src/common/http/socket-adapter';
import { AddSocketIoAttachment1766000000000 } from '../src/database/migrations/1766000000000-AddSocketIoAttachment';
import { createTestDatabase, TestDatabase } from './support/test-app';

/**
 * The PostgreSQL adapter's NOTIFYs, batched (docs/architecture.md, "Live events across
 * processes"): on a real PostgreSQL, a plain pg Client LISTENs and must hear every notification,
 * in the order it was asked for, none merged, while far fewer statements than notifications left.
 */

/** Generous: the notifications of a few statements arrive in milliseconds. */
const ARRIVAL_MS = 15_000;
const EVENTS = 500;

/** Resolves once `count` notifications matching `keep` have been heard (or rejects after ARRIVAL_MS). */
function hear<T>(listener: Client, count: number, keep: (n: Notification) => T | undefined): Promise<T[]> {
  const heard: T[] = [];
  return new Promise<T[]>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      listener.off('notification', onNotification);
      if (error) reject(error);
      else resolve(heard);
    };
    const timer = setTimeout(() => done(new Error(`heard ${heard.length} of ${count} notifications: ${JSON.stringify(heard.slice(-5))}`)), ARRIVAL_MS);
    const onNotification = (n: Notification) => {
      const kept = keep(n);
      if (kept === undefined) return;
      heard.push(kept);
      if (heard.length === count) done();
    };
    listener.on('notification', onNotification);
  });
}

/** What the test sends: mostly distinct payloads, with identical ones in a row (PostgreSQL would merge them in one transaction). */
function payloads(): string[] {
  return Array.from({ length: EVENTS }, (_, i) => {
    if (i >= 100 && i < 105) return 'same';
    if (i === 300 || i === 301) return 'again';
    if (i === 420) return 'same';
    return `event-${i}`;
  });
}

describe(BatchedNotifyQueries.name, () => {
  let db: TestDatabase;
  let pool: Pool;
  let listener: Client;
  let statements: string[];
  let sut: BatchedNotifyQueries;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 1 });
    listener = new Client({ connectionString: db.url });
    await listener.connect();
    await listener.query('LISTEN "batch-test"');
  });
  afterAll(async () => {
    await listener?.end().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await db?.drop();
  });

  beforeEach(() => {
    statements = [];
    sut = new BatchedNotifyQueries((text, values) => {
      statements.push(text);
      return pool.query(text, values);
    });
  });

  it('should deliver 500 NOTIFYs fired at once in order, none merged, in far fewer statements, with other queries in their place', async () => {
    const sent = payloads();
    const heard = hear(listener, EVENTS, (n) => (n.channel === 'batch-test' ? n.payload : undefined));
    const finished: number[] = [];
    const queries: Promise<QueryResult>[] = [];
    sent.forEach((payload, i) => {
      queries.push(sut.query(ADAPTER_NOTIFY, ['batch-test', payload]).then((r) => (finished.push(i), r)));
      // Another query of the adapter (like an attachment's INSERT) in the middle of the line.
      if (i === 250) queries.push(sut.query('SELECT $1::int AS mark', [250]).then((r) => (finished.push(250.5), r)));
    });
    const results = await Promise.all(queries);

    expect(await heard).toEqual(sent);
    expect(finished).toEqual([...finished].sort((a, b) => a - b));
    expect(results[251].rows).toEqual([{ mark: 250 }]);
    // One at a time this was 501 statements; batched: the first alone, then up to 200 a statement,
    // each batch ending before a repeated pair (four repeats) and at the other query.
    expect(statements.length).toBeLessThanOrEqual(12);
    expect(statements.some((t) => t.includes('pg_notify($3,$4)'))).toBe(true);
  });

  it('should give every caller of a failed statement its error, deliver none of that statement, and go on', async () => {
    const heard = hear(listener, 2, (n) => (n.channel === 'batch-test' ? n.payload : undefined));
    const first = sut.query(ADAPTER_NOTIFY, ['batch-test', 'before']);
    // These three wait while the first is in flight, and leave as one statement that fails.
    const failed = [
      sut.query(ADAPTER_NOTIFY, ['batch-test', 'lost-1']),
      sut.query(ADAPTER_NOTIFY, ['batch-test', 'x'.repeat(NOTIFY_PAYLOAD_LIMIT + 1)]),
      sut.query(ADAPTER_NOTIFY, ['batch-test', 'lost-2']),
    ].map((q) => q.then(() => null, (error: Error) => error.message));
    await first;
    const errors = await Promise.all(failed);
    await sut.query(ADAPTER_NOTIFY, ['batch-test', 'after']);

    expect(errors).toEqual([expect.stringMatching(/payload string too long/), errors[0], errors[0]]);
    expect(await heard).toEqual(['before', 'after']);
    expect(statements).toHaveLength(3);
  });
});

describe('PostgreSQL socket adapter (batched NOTIFYs)', () => {
  let db: TestDatabase;
  let listener: Client;
  let server: Server | undefined;
  let events: ReturnType<typeof createSocketEventsAdapter> | undefined;
  let poolQuery: jest.SpyInstance;

  beforeAll(async () => {
    db = await createTestDatabase();
    listener = new Client({ connectionString: db.url });
    await listener.connect();
    await new AddSocketIoAttachment1766000000000().up({ query: (sql: string) => listener.query(sql) } as unknown as QueryRunner);
    await listener.query('LISTEN "socket.io#/"');
    poolQuery = jest.spyOn(Pool.prototype, 'query');
  });
  afterAll(async () => {
    poolQuery?.mockRestore();
    // Closes the adapter of each namespace (then the HTTP server, never listening: its error is expected).
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await events?.close();
    await listener?.end().catch(() => undefined);
    await db?.drop();
  });

  it('should carry 500 broadcasts emitted at once, and one through the attachment table, in order and in far fewer statements', async () => {
    const sent = payloads();
    const big = 'x'.repeat(NOTIFY_PAYLOAD_LIMIT + 1);
    type Heard = { call: string } | { attachmentId: string };
    const heard = hear<Heard>(listener, EVENTS + 1, (n) => {
      const message = JSON.parse(n.payload ?? '{}') as { attachmentId?: string; data?: { packet?: { data?: unknown[] } } };
      if (message.attachmentId !== undefined) return { attachmentId: message.attachmentId };
      const data = message.data?.packet?.data;
      return data?.[0] === 'call' ? { call: data[1] as string } : undefined;
    });
    events = createSocketEventsAdapter('postgres', { databaseUrl: db.url, redisUrl: null });
    server = new Server(createServer());
    events.attach(server);
    const adapterStatements = () => poolQuery.mock.contexts.filter((pool: Pool) => pool.options.application_name === SOCKET_ADAPTER_APPLICATION_NAME).length;
    const before = adapterStatements();

    sent.forEach((payload, i) => {
      server!.to('hall').emit('call', payload);
      if (i === 250) server!.to('hall').emit('big', big);
    });
    const arrived = await heard;

    // Identical events in a row (same room, same data) are identical NOTIFYs: none may be merged.
    expect(arrived.filter((h): h is { call: string } => 'call' in h).map((h) => h.call)).toEqual(sent);
    const attachment = arrived.find((h): h is { attachmentId: string } => 'attachmentId' in h);
    expect(attachment).toBeDefined();
    const { rows } = await listener.query<{ bytes: number }>(`SELECT octet_length(payload) AS bytes FROM ${SOCKET_ATTACHMENT_TABLE} WHERE id = $1`, [attachment!.attachmentId]);
    expect(rows[0]?.bytes).toBeGreaterThan(NOTIFY_PAYLOAD_LIMIT);
    // One NOTIFY a statement would be 502 (the events and the attachment's INSERT).
    expect(adapterStatements() - before).toBeLessThan(50);
  });
});
