import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { PiiCipher } from '../src/common/pii-cipher';
import { AddOutboxRetry1766200000000 } from '../src/database/migrations/1766200000000-AddOutboxRetry';
import { AddNotificationDeliveryAndOptOut1766340000000 } from '../src/database/migrations/1766340000000-AddNotificationDeliveryAndOptOut';
import { MIGRATIONS, typeOrmOptions } from '../src/database/typeorm-options';
import { JobRunner } from '../src/jobs/job-runner';
import { DATA_KEY } from '../src/config/data-key';
import type { NotificationChannel, OutgoingMessage } from '../src/notifications/notification';
import { NotificationsService } from '../src/notifications/notifications.service';
import { OutboxRelay } from '../src/notifications/outbox-relay';
import { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, SEND_LEASE_SECONDS } from '../src/notifications/outbox-retry';
import { freePort } from './support/free-port';
import { captureLogs, createTestApp, createTestDatabase, testConfig, type TestApp, type TestDatabase } from './support/test-app';

/** outbox_message as the relay leaves it, with the database's now() when read. */
interface OutboxState {
  id: string;
  channel: string;
  status: string;
  attempts: number;
  error: string | null;
  sent_at: Date | null;
  created_at: Date;
  next_attempt_at: Date | null;
  /** When it was given up (status 'dead'). */
  dead_at: Date | null;
  last_attempt_at: Date | null;
  /** Seconds from the database's now() to next_attempt_at. */
  due_in: number | null;
}

/** One message a mail server took: its recipients and its DATA as sent. */
interface ReceivedMail {
  to: string[];
  data: string;
}

/**
 * A mail server of the test's own on 127.0.0.1: enough SMTP for nodemailer (no TLS, no auth), and a
 * list of the messages it took, to count deliveries.
 */
function fakeSmtpServer(port: number) {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let to: string[] = [];
    let data = '';
    socket.write('220 fake.test ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push({ to, data });
            for (const wake of waiters.splice(0)) wake();
            to = [];
            data = '';
            socket.write('250 2.0.0 queued\r\n');
          } else {
            data += `${line}\n`;
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake.test\r\n');
        else if (verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') socket.write('250 2.0.0 OK\r\n');
        else if (verb === 'RCPT') {
          to.push(line.slice(line.indexOf(':') + 1).trim().replace(/[<>]/g, ''));
          socket.write('250 2.1.5 OK\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 2.0.0 bye\r\n');
        else socket.write('502 5.5.2 not here\r\n');
      }
    });
  });
  /** Resolves once the server has taken `count` messages in all; rejects after `ms`. */
  const waitFor = (count: number, ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the mail server took ${received.length} of ${count} messages in ${ms} ms`)), ms);
      const check = (): void => {
        if (received.length >= count) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return {
    received,
    waitFor,
    start: () => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve())),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

/**
 * The outbox relay on a migrated PostgreSQL with the API's real channels: SMTP to a port of the
 * test's own (closed: every email fails; then a mail server answers there), SMS to the log. Time
 * passing is a row's next_attempt_at moved back by the test; every other time is PostgreSQL's.
 */
describe(OutboxRelay.name, () => {
  let t: TestApp;
  let db: DataSource;
  let smtpPort: number;
  let smtp: ReturnType<typeof fakeSmtpServer>;
  const logLines: string[] = [];
  let second: NestExpressApplication | undefined;
  let third: NestExpressApplication | undefined;
  const secondLogLines: string[] = [];

  const stateOf = async (id: string): Promise<OutboxState> =>
    (
      (await db.query(
        `SELECT id::text, channel, status, attempts, error, sent_at, created_at, next_attempt_at, dead_at, last_attempt_at,
                extract(epoch FROM next_attempt_at - now())::float AS due_in
           FROM outbox_message WHERE id = $1`,
        [id],
      )) as OutboxState[]
    )[0];
  /** As if its next attempt's time had come (a second ago). */
  const makeDue = async (...ids: string[]): Promise<void> => {
    await db.query(`UPDATE outbox_message SET next_attempt_at = now() - interval '1 second' WHERE id = ANY($1::bigint[]) AND next_attempt_at IS NOT NULL`, [ids]);
  };
  const sut = (): OutboxRelay => t.app.get(OutboxRelay);
  const notifications = (): NotificationsService => t.app.get(NotificationsService);
  const logged = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  /** How often the log channel noted the message: its deliveries when SMS goes to the log. */
  const loggedDeliveries = (lines: string[], outboxId: string) => logged(lines).filter((e) => e.msg === 'notification logged, not delivered' && e.outboxId === outboxId).length;
  const newEmail = (): OutgoingMessage => {
    const tag = randomUUID();
    return { channel: 'email', to: `yohanes.wunarlan.${tag.slice(0, 8)}@example.go.id`, subject: 'Pemesanan antrean', body: `Yth. Yohanes Bosco Wunarlan, pesan ${tag}` };
  };
  /**
   * Messages written to the outbox whose send never finishes, as when the process stops between
   * writing and sending: resolves with their outbox ids once each was handed to its channel.
   */
  const stalledSends = (messages: OutgoingMessage[]): Promise<string[]> =>
    new Promise((resolve) => {
      const ids: string[] = [];
      const stalls: NotificationChannel = {
        name: 'stalls',
        send: (message) => {
          ids.push(message.outboxId!);
          if (ids.length === messages.length) resolve(ids);
          return new Promise(() => undefined);
        },
      };
      const stopped = new NotificationsService(db, t.app.get(PiiCipher), stalls, stalls);
      for (const message of messages) void stopped.send(message);
    });
  const newSms = (): OutgoingMessage => ({ channel: 'sms', to: '+6281273914628', subject: null, body: `Yth. Yohanes Bosco Wunarlan, pesan ${randomUUID()}` });

  beforeAll(async () => {
    smtpPort = await freePort();
    smtp = fakeSmtpServer(smtpPort);
    t = await createTestApp({ seedCatalogue: false, config: { smtpUrl: `smtp://127.0.0.1:${smtpPort}` }, logger: captureLogs('info', logLines) });
    db = t.app.get(DataSource);
  });
  afterEach(async () => {
    await smtp.stop();
    smtp.received.length = 0;
    // Nothing of one test is due in the next.
    await db.query(`UPDATE outbox_message SET next_attempt_at = NULL, status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END WHERE next_attempt_at IS NOT NULL`);
  });
  afterAll(async () => {
    await third?.close();
    await second?.close();
    await t?.close();
  });

  it('should try a failed email again once its first backoff has passed, and record it sent when the mail server answers', async () => {
    const message = newEmail();
    const first = await notifications().send(message);
    expect(first.status).toBe('failed');
    const failed = await stateOf(first.outboxId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sent_at: null });
    expect(failed.due_in).toBeGreaterThan(RETRY_DELAYS_SECONDS[0] - 10);
    expect(failed.due_in).toBeLessThanOrEqual(RETRY_DELAYS_SECONDS[0]);

    // Not due yet: the relay leaves it alone, even with the mail server back.
    await smtp.start();
    expect(await sut().relay()).toBe(0);
    expect(await stateOf(first.outboxId)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(smtp.received).toHaveLength(0);

    await makeDue(first.outboxId);
    expect(await sut().relay()).toBe(1);

    const sent = await stateOf(first.outboxId);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, error: null, next_attempt_at: null });
    expect(sent.sent_at).toBeInstanceOf(Date);
    expect(smtp.received.map((m) => m.to)).toEqual([[message.to]]);
    expect(smtp.received[0].data).toContain(message.body.split(' ').pop());
    // Sent is final: never again.
    await db.query(`UPDATE outbox_message SET next_attempt_at = NULL WHERE id = $1`, [first.outboxId]);
    expect(await sut().relay()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('should wait 1, 5, 15 and 60 minutes between attempts, then give the message up after the 5th as a dead letter and report it by its id and channel only', async () => {
    const message = newEmail();
    const { outboxId } = await notifications().send(message);
    const waits: number[] = [(await stateOf(outboxId)).due_in!];

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await makeDue(outboxId);
      expect(await sut().relay()).toBe(1);
      const state = await stateOf(outboxId);
      expect(state).toMatchObject({ status: attempt < MAX_ATTEMPTS ? 'failed' : 'dead', attempts: attempt });
      expect(state.last_attempt_at).toBeInstanceOf(Date);
      if (attempt < MAX_ATTEMPTS) {
        waits.push(state.due_in!);
        expect(state.dead_at).toBeNull();
      } else {
        expect(state.next_attempt_at).toBeNull();
        expect(state.dead_at).toBeInstanceOf(Date);
      }
    }

    expect(waits.map((w) => Math.ceil(w / 60))).toEqual(RETRY_DELAYS_SECONDS.map((s) => s / 60));
    // Given up: nothing makes it due again, and the relay finds nothing.
    await makeDue(outboxId);
    expect(await sut().relay()).toBe(0);
    expect(await stateOf(outboxId)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, next_attempt_at: null });

    const reports = logged(logLines).filter((e) => e.outboxId === outboxId && typeof e.msg === 'string' && e.msg.startsWith('notification given up'));
    expect(reports).toEqual([expect.objectContaining({ level: 'warn', outboxId, channel: 'email', attempts: MAX_ATTEMPTS })]);
    const everything = logLines.join('\n');
    expect(everything).not.toMatch(/wunarlan/i);
    expect(everything).not.toContain(message.body.split(' ').pop());
  });

  it('should send a pending message whose send did not finish once its lease has run out, and leave one still in flight alone', async () => {
    const [staleId, inFlightId] = await stalledSends([newSms(), newSms()]);
    const [stale, inFlight] = await Promise.all([staleId, inFlightId].map(stateOf));
    for (const row of [stale, inFlight]) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.due_in).toBeGreaterThan(SEND_LEASE_SECONDS - 10);
      expect(row.due_in).toBeLessThanOrEqual(SEND_LEASE_SECONDS);
    }
    expect(await sut().relay()).toBe(0);

    await makeDue(stale.id);
    expect(await sut().relay()).toBe(1);
    expect(await sut().relay()).toBe(0);

    expect(await stateOf(stale.id)).toMatchObject({ status: 'logged', attempts: 2, next_attempt_at: null });
    expect(loggedDeliveries(logLines, stale.id)).toBe(1);
    expect(await stateOf(inFlight.id)).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: inFlight.next_attempt_at });
    expect(loggedDeliveries(logLines, inFlight.id)).toBe(0);
  });

  it('should give up, and report, a pending message whose last attempt did not finish, without sending it again', async () => {
    const { outboxId } = await notifications().send(newEmail());
    await db.query(`UPDATE outbox_message SET status = 'pending', attempts = $2, next_attempt_at = now() - interval '1 second' WHERE id = $1`, [outboxId, MAX_ATTEMPTS]);
    await smtp.start();

    expect(await sut().relay()).toBe(0);

    expect(await stateOf(outboxId)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, next_attempt_at: null, dead_at: expect.any(Date) as Date });
    expect(smtp.received).toHaveLength(0);
    expect(logged(logLines).filter((e) => e.outboxId === outboxId && typeof e.msg === 'string' && e.msg.startsWith('notification given up'))).toHaveLength(1);
  });

  it('should send each message exactly once when two API instances relay the same rows at the same time', async () => {
    // A second API instance of the same deployment: same database, same data key.
    const dataKey = t.app.get<Buffer>(DATA_KEY);
    second = await createApp(testConfig({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, dataKey }), { url: t.db.url, embedded: false }, { logger: captureLogs('info', secondLogLines) });
    const messages = Array.from({ length: 25 }, newEmail);
    const sms = Array.from({ length: 15 }, newSms);
    const emailIds = (await notifications().sendAll(messages)).map((r) => r.outboxId);
    // SMS never fails: these are messages whose process stopped before sending, now due.
    const smsIds = await stalledSends(sms);
    expect(smsIds).toHaveLength(sms.length);
    await smtp.start();
    await makeDue(...emailIds, ...smsIds);

    const relays = [sut(), second.get(OutboxRelay), sut(), second.get(OutboxRelay)];
    const tried = await Promise.all(relays.map((relay) => relay.relay()));

    expect(tried.reduce((a, b) => a + b, 0)).toBe(emailIds.length + smsIds.length);
    expect(logged([...logLines, ...secondLogLines]).filter((e) => e.level === 'error')).toEqual([]);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(messages.map((m) => m.to).sort());
    for (const id of smsIds) expect(loggedDeliveries(logLines, id) + loggedDeliveries(secondLogLines, id)).toBe(1);
    const states = await Promise.all([...emailIds, ...smsIds].map(stateOf));
    expect(states.map((s) => [s.status, s.attempts])).toEqual([...emailIds.map(() => ['sent', 2]), ...smsIds.map(() => ['logged', 2])]);
  });

  it('should run as the job `outbox relay` every OUTBOX_RELAY_SECONDS, and not at all with 0', async () => {
    expect(t.app.get(JobRunner).names()).not.toContain(OutboxRelay.JOB);
    const message = newEmail();
    const { outboxId } = await notifications().send(message);
    await smtp.start();
    await makeDue(outboxId);

    const dataKey = t.app.get<Buffer>(DATA_KEY);
    third = await createApp(testConfig({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, dataKey, outboxRelaySeconds: 1 }), { url: t.db.url, embedded: false }, { logger: false });
    await third.init();

    expect(third.get(JobRunner).names()).toContain(OutboxRelay.JOB);
    await smtp.waitFor(1, 15_000);
    expect(smtp.received.map((m) => m.to)).toEqual([[message.to]]);
    await third.close();
    third = undefined;
    expect(await stateOf(outboxId)).toMatchObject({ status: 'sent', attempts: 2 });
    const [job] = (await db.query(`SELECT runs, failures FROM job WHERE name = $1`, [OutboxRelay.JOB])) as { runs: number; failures: number }[];
    expect(job.runs).toBeGreaterThanOrEqual(1);
    expect(job.failures).toBe(0);
  });
});

/** AddOutboxRetry on a database that already has messages: what each row becomes. */
describe(AddOutboxRetry1766200000000.name, () => {
  let database: TestDatabase;
  let source: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await source?.destroy();
    await database?.drop();
  });

  it('should count every message written before as tried once, and leave to the relay only those of the last day still waiting with their text', async () => {
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(AddOutboxRetry1766200000000));
    source = new DataSource({ ...typeOrmOptions(database.url, 2), migrations: before });
    await source.initialize();
    await source.runMigrations();
    const insert = async (status: string, age: string, body: string | null): Promise<string> =>
      (
        (await source!.query(
          `INSERT INTO outbox_message (channel, recipient_masked, recipient_cipher, subject, body_cipher, status, created_at)
           VALUES ('sms', '+62 812****4628', 'cipher', NULL, $1, $2, now() - $3::interval) RETURNING id::text`,
          [body, status, age],
        )) as { id: string }[]
      )[0].id;
    const rows = {
      pendingRecent: await insert('pending', '1 hour', 'cipher'),
      failedRecent: await insert('failed', '2 hours', 'cipher'),
      failedOld: await insert('failed', '3 days', 'cipher'),
      failedErased: await insert('failed', '1 hour', null),
      sent: await insert('sent', '1 hour', 'cipher'),
      logged: await insert('logged', '1 hour', 'cipher'),
    };
    await source.destroy();

    source = new DataSource(typeOrmOptions(database.url, 2));
    await source.initialize();
    await source.runMigrations();

    const after = (await source.query(
      `SELECT id::text, attempts, next_attempt_at IS NOT NULL AS waits, next_attempt_at <= now() AS due,
              next_attempt_at = created_at + interval '5 minutes' AS leased
         FROM outbox_message ORDER BY id`,
    )) as { id: string; attempts: number; waits: boolean; due: boolean | null; leased: boolean | null }[];
    const byId = new Map(after.map((r) => [r.id, r]));
    expect(after.every((r) => r.attempts === 1)).toBe(true);
    expect(byId.get(rows.pendingRecent)).toMatchObject({ waits: true, leased: true });
    expect(byId.get(rows.failedRecent)).toMatchObject({ waits: true, due: true });
    for (const id of [rows.failedOld, rows.failedErased, rows.sent, rows.logged]) expect(byId.get(id)).toMatchObject({ waits: false });
    // The relay's claim can read the waiting rows through the partial index.
    await source.transaction(async (m) => {
      await m.query(`SET LOCAL enable_seqscan = off`);
      const plan = (await m.query(
        `EXPLAIN SELECT id FROM outbox_message WHERE next_attempt_at <= now() AND status IN ('pending', 'failed') AND attempts < 5 AND body_cipher IS NOT NULL ORDER BY next_attempt_at, id LIMIT 10 FOR UPDATE SKIP LOCKED`,
      )) as { 'QUERY PLAN': string }[];
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('ix_outbox_due');
    });
  });
});

/** AddNotificationDeliveryAndOptOut on a database with messages: given-up ones become dead letters, the rest keep their state. */
describe(AddNotificationDeliveryAndOptOut1766340000000.name, () => {
  let database: TestDatabase;
  let source: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await source?.destroy();
    await database?.drop();
  });

  it("should turn the messages given up after the 5th attempt into 'dead', and leave waiting, sent and logged ones as they were", async () => {
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(AddNotificationDeliveryAndOptOut1766340000000));
    source = new DataSource({ ...typeOrmOptions(database.url, 2), migrations: before });
    await source.initialize();
    await source.runMigrations();
    const insert = async (status: string, attempts: number, waits: boolean): Promise<string> =>
      (
        (await source!.query(
          `INSERT INTO outbox_message (channel, recipient_masked, recipient_cipher, subject, body_cipher, status, attempts, next_attempt_at)
           VALUES ('sms', '+62 812****4628', 'cipher', NULL, 'cipher', $1, $2, CASE WHEN $3::boolean THEN now() ELSE NULL END) RETURNING id::text`,
          [status, attempts, waits],
        )) as { id: string }[]
      )[0].id;
    const rows = { givenUp: await insert('failed', 5, false), retrying: await insert('failed', 2, true), sent: await insert('sent', 1, false), logged: await insert('logged', 1, false) };
    await source.destroy();

    source = new DataSource(typeOrmOptions(database.url, 2));
    await source.initialize();
    await source.runMigrations();

    const after = new Map(
      ((await source.query(`SELECT id::text, status, dead_at IS NOT NULL AS dead FROM outbox_message`)) as { id: string; status: string; dead: boolean }[]).map((r) => [r.id, r]),
    );
    expect(after.get(rows.givenUp)).toMatchObject({ status: 'dead', dead: true });
    expect(after.get(rows.retrying)).toMatchObject({ status: 'failed', dead: false });
    expect(after.get(rows.sent)).toMatchObject({ status: 'sent', dead: false });
    expect(after.get(rows.logged)).toMatchObject({ status: 'logged', dead: false });
    await expect(source.query(`UPDATE outbox_message SET status = 'dead' WHERE id = $1`, [rows.sent])).rejects.toThrow(/ck_outbox_dead/);
  });
});
