import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { QueueEvents, TicketChange } from './queue-events';
import type { CounterRow, TicketRow } from './queue.repository';

/**
 * The queue's one after-commit path. A change made inside a transaction (the queue's own, or a
 * caller's, such as a booking's check-in) is published to QueueEvents once that transaction has
 * committed, and never if it rolls back; a change made outside a transaction is published at
 * once (pass null for a change already committed). It listens to TypeORM's transaction events
 * (a DataSource subscriber, public API). Changes are kept per transaction until its outermost
 * commit or rollback; a savepoint rolled back inside it does not drop them (the queue uses none).
 * Publishing never throws (QueueEvents), so a committed change is always answered as a success.
 */
@Injectable()
export class QueuePublisher implements EntitySubscriberInterface, OnModuleDestroy {
  private readonly pending = new WeakMap<QueryRunner, (() => void)[]>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: QueueEvents,
  ) {
    db.subscribers.push(this);
  }

  onModuleDestroy(): void {
    const at = this.db.subscribers.indexOf(this);
    if (at >= 0) this.db.subscribers.splice(at, 1);
  }

  ticketChanged(tx: EntityManager | null, row: TicketRow, action: TicketChange['action'], counter: TicketChange['counter']): void {
    this.afterCommit(tx, () => this.events.ticketChanged(row, action, counter));
  }

  counterChanged(tx: EntityManager | null, counter: CounterRow): void {
    this.afterCommit(tx, () => this.events.counterChanged(counter));
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint released: the outer transaction still decides.
    if (event.queryRunner.isTransactionActive) return;
    const publish = this.pending.get(event.queryRunner);
    this.pending.delete(event.queryRunner);
    publish?.forEach((p) => p());
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private afterCommit(tx: EntityManager | null, publish: () => void): void {
    const runner = tx?.queryRunner;
    if (!runner?.isTransactionActive) {
      publish();
      return;
    }
    const list = this.pending.get(runner);
    if (list) list.push(publish);
    else this.pending.set(runner, [publish]);
  }
}
