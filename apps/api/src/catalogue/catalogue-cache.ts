import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { ClusterBus } from '../common/cluster-bus';
import { TtlCache } from '../common/ttl-cache';
import { AgencyEntity } from './entities/agency.entity';
import { NationalCalendarDayEntity, SiteClosureEntity } from './entities/closure.entity';
import { ServiceRequirementEntity } from './entities/service-requirement.entity';
import { ServiceEntity } from './entities/service.entity';
import { SiteEntity } from './entities/site.entity';

const CATALOGUE_ENTITIES = new Set<unknown>([SiteEntity, AgencyEntity, ServiceEntity, ServiceRequirementEntity, SiteClosureEntity, NationalCalendarDayEntity]);
/** The cluster bus topic: some catalogue row changed, forget every cached one. */
export const CATALOGUE_CHANGED_TOPIC = 'catalogue_changed';
export const CATALOGUE_CACHE_TTL_MS = 5_000;

/** What TypeORM hands a subscriber after a write. */
interface WriteEvent {
  metadata: { target: unknown };
  queryRunner: QueryRunner;
}

/**
 * Catalogue rows the queue and booking read on every ticket and booking (service, site, today's
 * closures) change rarely; they are cached for five seconds at most. Any write through TypeORM
 * to a catalogue entity (entities, query builders; every catalogue write goes through one) sends
 * `catalogue_changed` on the cluster bus from inside its transaction: PostgreSQL delivers it at
 * the commit, to every API process (this one too), and each forgets its whole cache. The writing
 * process also forgets right after its own commit, before it answers, so whoever wrote reads what
 * they wrote. A read in flight when the cache is forgotten answers its caller but is not kept
 * (TtlCache). While the bus is down each process's cache is bounded by its five seconds, and
 * emptied when the bus is back.
 */
@Injectable()
export class CatalogueCache implements EntitySubscriberInterface, OnModuleInit, OnModuleDestroy {
  readonly rows = new TtlCache<string, unknown>(CATALOGUE_CACHE_TTL_MS);
  /** Transactions that wrote catalogue rows: forgotten here once they commit. */
  private readonly writing = new WeakSet<QueryRunner>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: ClusterBus,
  ) {
    this.unsubscribe = [bus.on(CATALOGUE_CHANGED_TOPIC, () => this.clear()), bus.onGap(() => this.clear())];
  }

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  onModuleDestroy(): void {
    const at = this.db.subscribers.indexOf(this);
    if (at >= 0) this.db.subscribers.splice(at, 1);
    this.unsubscribe.forEach((off) => off());
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.rows.get(key, load) as Promise<T>;
  }

  clear(): void {
    this.rows.clear();
  }

  afterInsert(event: WriteEvent): Promise<void> | void {
    return this.onWrite(event);
  }

  afterUpdate(event: WriteEvent): Promise<void> | void {
    return this.onWrite(event);
  }

  afterRemove(event: WriteEvent): Promise<void> | void {
    return this.onWrite(event);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint released: the outer transaction still decides.
    if (event.queryRunner.isTransactionActive || !this.writing.has(event.queryRunner)) return;
    this.writing.delete(event.queryRunner);
    this.clear();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.writing.delete(event.queryRunner);
  }

  private async onWrite(event: WriteEvent): Promise<void> {
    if (!CATALOGUE_ENTITIES.has(event.metadata.target)) return;
    const runner = event.queryRunner;
    if (runner.isTransactionActive) {
      this.writing.add(runner);
    } else {
      // A statement outside a transaction has committed already.
      this.clear();
    }
    // Inside the transaction: delivered at its commit, or never. Identical messages of one transaction arrive once.
    await this.bus.publish(CATALOGUE_CHANGED_TOPIC, {}, runner.manager);
  }
}
