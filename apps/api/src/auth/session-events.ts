import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { ClusterBus } from '../common/cluster-bus';

/** Whose session ended: a staff account or a hall device. */
export interface SessionRef {
  kind: 'staff' | 'device';
  id: string;
}

const SESSION_ENDED_TOPIC = 'session_ended';
/** The PostgreSQL NOTIFY channel that carries ended sessions to every API process on the database. */
export const SESSION_ENDED_CHANNEL = ClusterBus.channel(SESSION_ENDED_TOPIC);

/**
 * A session ends when a device is revoked, an account disabled or its password changed. Every API
 * process on the database must then forget that principal from its caches and close its open
 * sockets at once: in this process the listeners run before `end` returns; the other processes
 * hear it on the cluster bus (PostgreSQL NOTIFY). While the bus's connection is down (it is
 * opened again every second) the processes that missed a message forget everything they cached
 * when it is back, so nothing stays cached past a gap.
 */
@Injectable()
export class SessionEvents {
  private readonly logger = new Logger('Sessions');
  private readonly emitter = new EventEmitter().setMaxListeners(20);

  constructor(private readonly bus: ClusterBus) {
    bus.on(SESSION_ENDED_TOPIC, (message, own) => {
      // This process's own were heard when `end` was called.
      if (own) return;
      const { kind, id } = message;
      if ((kind !== 'staff' && kind !== 'device') || typeof id !== 'string') {
        this.logger.warn({ msg: 'unreadable session message ignored' });
        return;
      }
      this.emitter.emit('ended', { kind, id } satisfies SessionRef);
    });
    bus.onGap(() => this.emitter.emit('gap'));
  }

  /** Call after the change committed: ends the sessions here at once, then tells the other processes. */
  async end(ref: SessionRef): Promise<void> {
    this.emitter.emit('ended', ref);
    try {
      await this.bus.publish(SESSION_ENDED_TOPIC, { kind: ref.kind, id: ref.id });
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
}
