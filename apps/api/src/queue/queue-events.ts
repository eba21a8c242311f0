import { Injectable, Logger } from '@nestjs/common';
import type { TicketAction } from '@mpp/contracts';
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
 *
 * Publishing never throws: the change has been committed and its caller is answered as a
 * success whatever a listener does. Each listener runs on its own; one that throws (or whose
 * promise rejects) is logged and the others still hear the event (defects #1).
 */
@Injectable()
export class QueueEvents {
  private readonly logger = new Logger(QueueEvents.name);
  private readonly ticketListeners = new Set<(change: TicketChange) => unknown>();
  private readonly counterListeners = new Set<(counter: CounterRow) => unknown>();

  ticketChanged(row: TicketRow, action: TicketChange['action'], counter: TicketChange['counter']): void {
    const change: TicketChange = { row, action, counter };
    for (const listener of [...this.ticketListeners]) this.deliver('ticket', () => listener(change), { ticketId: row.id, action });
  }

  counterChanged(counter: CounterRow): void {
    for (const listener of [...this.counterListeners]) this.deliver('counter', () => listener(counter), { counterId: counter.id });
  }

  onTicket(listener: (change: TicketChange) => unknown): () => void {
    this.ticketListeners.add(listener);
    return () => this.ticketListeners.delete(listener);
  }

  onCounter(listener: (counter: CounterRow) => unknown): () => void {
    this.counterListeners.add(listener);
    return () => this.counterListeners.delete(listener);
  }

  private deliver(event: string, run: () => unknown, context: Record<string, string>): void {
    const failed = (error: unknown) =>
      this.logger.error({ msg: 'queue event not delivered to a listener; the change itself is committed', event, ...context, error: error instanceof Error ? error.message : String(error) });
    try {
      const result = run();
      if (result instanceof Promise) result.catch(failed);
    } catch (error) {
      failed(error);
    }
  }
}
