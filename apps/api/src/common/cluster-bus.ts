import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Client, type Notification } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** The listening connection's name in pg_stat_activity. */
export const CLUSTER_BUS_APPLICATION_NAME = 'mpp-digital-api-bus';
const RECONNECT_MS = 1_000;
/** A topic is part of a PostgreSQL channel name (an identifier, at most 63 bytes). */
const TOPIC = /^[a-z][a-z0-9_]{0,39}$/;

/** A message: a small JSON object (NOTIFY carries up to 8,000 bytes). `origin` is the bus's own field. */
export type ClusterMessage = Record<string, unknown>;
type Listener = (message: ClusterMessage, own: boolean) => void;

/**
 * Messages between every API process on the database, by named topic, through PostgreSQL
 * LISTEN/NOTIFY: one listening connection per process (outside the pool, reopened every second
 * when lost), topic `x` on channel `mpp_x`. A message published inside a transaction is delivered
 * when it commits and never if it rolls back, to every process, this one included; identical
 * messages of one transaction arrive once. While the connection is down, messages are missed: the
 * gap listeners run once it is back, and each owner of a cache forgets what it cached, so nothing
 * stays cached past a gap. Nothing is delivered while PostgreSQL itself is down.
 */
@Injectable()
export class ClusterBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ClusterBus');
  /** Tells this process's messages from the others'. */
  private readonly origin = randomUUID();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly gapListeners = new Set<() => void>();
  private connection: Client | null = null;
  /** Topics LISTENed to on the current connection. */
  private listening = new Set<string>();
  private reconnect: NodeJS.Timeout | undefined;
  /** Messages may have been missed since the connection was lost (or before it was first opened). */
  private gap = false;
  private stopped = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  static channel(topic: string): string {
    if (!TOPIC.test(topic)) throw new Error(`not a cluster bus topic: ${topic}`);
    return `mpp_${topic}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    const client = this.connection;
    this.connection = null;
    await client?.end().catch(() => undefined);
  }

  /**
   * Sends `message` on `topic` to every process, this one too. Given a transaction (`tx`), it is
   * delivered when that commits; otherwise at once. Throws when PostgreSQL refuses it.
   */
  async publish(topic: string, message: ClusterMessage, tx?: EntityManager | null): Promise<void> {
    const payload = JSON.stringify({ ...message, origin: this.origin });
    await (tx ?? this.db).query(`SELECT pg_notify($1, $2)`, [ClusterBus.channel(topic), payload]);
  }

  /** Every message of `topic`, from any process; `own` when this process sent it. */
  on(topic: string, listener: Listener): () => void {
    ClusterBus.channel(topic);
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
      if (this.connection) void this.listen(this.connection, topic);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** The connection was lost for a while: messages may have been missed. */
  onGap(listener: () => void): () => void {
    this.gapListeners.add(listener);
    return () => this.gapListeners.delete(listener);
  }

  private async connect(): Promise<void> {
    const url = (this.db.options as { url?: string }).url;
    if (!url || this.stopped) return;
    const client = new Client({ connectionString: url, application_name: CLUSTER_BUS_APPLICATION_NAME });
    this.connection = client;
    this.listening = new Set();
    client.on('notification', (n) => this.received(n));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      for (const topic of this.listeners.keys()) await client.query(`LISTEN ${ClusterBus.channel(topic)}`).then(() => this.listening.add(topic));
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.gap && this.connection === client) {
      this.gap = false;
      this.logger.log({ msg: 'cluster bus connection open again; caches start over' });
      for (const listener of [...this.gapListeners]) this.call(() => listener());
    }
  }

  private async listen(client: Client, topic: string): Promise<void> {
    try {
      await client.query(`LISTEN ${ClusterBus.channel(topic)}`);
      if (this.connection === client) this.listening.add(topic);
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  /** The listening connection failed or closed: forget it and open another a little later. */
  private lost(client: Client, error: Error | null): void {
    if (this.stopped || this.connection !== client) return;
    this.connection = null;
    this.listening = new Set();
    this.gap = true;
    void client.end().catch(() => undefined);
    this.logger.warn({ msg: 'cluster bus connection lost; opening it again', error: error?.message ?? 'closed' });
    this.reconnect = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.reconnect.unref();
  }

  private received(notification: Notification): void {
    const topic = notification.channel.startsWith('mpp_') ? notification.channel.slice(4) : null;
    const listeners = topic === null ? undefined : this.listeners.get(topic);
    if (!listeners || !notification.payload) return;
    let message: ClusterMessage;
    try {
      const parsed = JSON.parse(notification.payload) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      message = parsed as ClusterMessage;
    } catch {
      this.logger.warn({ msg: 'unreadable cluster bus message ignored', topic });
      return;
    }
    const { origin, ...rest } = message;
    for (const listener of [...listeners]) this.call(() => listener(rest, origin === this.origin));
  }

  private call(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.logger.error({ msg: 'cluster bus listener failed', error: (error as Error).message });
    }
  }
}
