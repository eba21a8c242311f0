import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Client, type Notification } from 'pg';
import type { DataSource } from 'typeorm';

/** Whose session ended: a staff account or a hall device. */
export interface SessionRef {
  kind: 'staff' | 'device';
  id: string;
}

/** The PostgreSQL NOTIFY channel that carries ended sessions to every API process on the database. */
export const SESSION_ENDED_CHANNEL = 'mpp_session_ended';
const RECONNECT_MS = 1_000;

/**
 * A session ends when a device is revoked, an account disabled or its password changed. Every API
 * process on the database must then forget that principal from its caches and close its open
 * sockets at once: in this process the listeners run before `end` returns; the other processes
 * hear it through PostgreSQL NOTIFY on a connection of their own. While that connection is down
 * (it is opened again every second) the processes that missed a notification forget everything
 * they cached when it is back, so nothing stays cached past a gap.
 */
@Injectable()
export class SessionEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private readonly emitter = new EventEmitter().setMaxListeners(20);
  /** Tells this process's own notifications from the others'. */
  private readonly origin = randomUUID();
  private listener: Client | null = null;
  private reconnect: NodeJS.Timeout | undefined;
  /** Notifications may have been missed since the connection was lost. */
  private gap = false;
  private stopped = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }

  /** Call after the change committed: ends the sessions here at once, then tells the other processes. */
  async end(ref: SessionRef): Promise<void> {
    this.emitter.emit('ended', ref);
    try {
      await this.db.query(`SELECT pg_notify($1, $2)`, [SESSION_ENDED_CHANNEL, JSON.stringify({ ...ref, origin: this.origin })]);
    } catch (error) {
      this.logger.error({ msg: 'session end not relayed to other processes', kind: ref.kind, id: ref.id, error: (error as Error).message });
    }
  }

  /** Every ended session, from this process or another. */
  onEnded(listener: (ref: SessionRef) => void): () => void {
    this.emitter.on('ended', listener);
    return () => this.emitter.off('ended', listener);
  }

  /** The relay was down for a while: sessions may have ended unheard, so caches start over. */
  onGap(listener: () => void): () => void {
    this.emitter.on('gap', listener);
    return () => this.emitter.off('gap', listener);
  }

  private async listen(): Promise<void> {
    const url = (this.db.options as { url?: string }).url;
    if (!url || this.stopped) return;
    const client = new Client({ connectionString: url, application_name: 'mpp-digital-api-sessions' });
    this.listener = client;
    client.on('notification', (n) => this.received(n));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_ENDED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.gap && this.listener === client) {
      this.gap = false;
      this.emitter.emit('gap');
    }
  }

  /** The listening connection failed or closed: forget it and open another a little later. */
  private lost(client: Client, error: Error | null): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = null;
    this.gap = true;
    void client.end().catch(() => undefined);
    this.logger.warn({ msg: 'session relay connection lost; opening it again', error: error?.message ?? 'closed' });
    this.reconnect = setTimeout(() => void this.listen(), RECONNECT_MS);
    this.reconnect.unref();
  }

  private received(notification: Notification): void {
    if (notification.channel !== SESSION_ENDED_CHANNEL || !notification.payload) return;
    try {
      const { kind, id, origin } = JSON.parse(notification.payload) as SessionRef & { origin?: string };
      if (origin === this.origin || (kind !== 'staff' && kind !== 'device') || typeof id !== 'string') return;
      this.emitter.emit('ended', { kind, id } satisfies SessionRef);
    } catch {
      this.logger.warn({ msg: 'unreadable session notification ignored' });
    }
  }
}
