import { Injectable } from '@nestjs/common';
import type { TicketAction } from '@mpp/contracts';
import { EventEmitter } from 'node:events';
import type { CounterRow, TicketRow } from './queue.repository';

export interface TicketChange {
  row: TicketRow;
  action: TicketAction | 'issue';
  /** The counter that acted, as the displays show it. */
  counter: Pick<CounterRow, 'number' | 'name' | 'state'> | null;
}

/**
 * What happened in the queue, published by QueueService only after its transaction committed,
 * so no client ever hears of a change the database does not have. The realtime gateway
 * listens; a multi-instance deployment would relay these through PostgreSQL NOTIFY.
 */
@Injectable()
export class QueueEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(50);

  ticketChanged(row: TicketRow, action: TicketChange['action'], counter: TicketChange['counter']): void {
    this.emitter.emit('ticket', { row, action, counter } satisfies TicketChange);
  }

  counterChanged(counter: CounterRow): void {
    this.emitter.emit('counter', counter);
  }

  onTicket(listener: (change: TicketChange) => void): () => void {
    this.emitter.on('ticket', listener);
    return () => this.emitter.off('ticket', listener);
  }

  onCounter(listener: (counter: CounterRow) => void): () => void {
    this.emitter.on('counter', listener);
    return () => this.emitter.off('counter', listener);
  }
}
