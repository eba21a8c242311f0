import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import { TtlCache } from '../common/ttl-cache';
import { AgencyEntity } from './entities/agency.entity';
import { NationalCalendarDayEntity, SiteClosureEntity } from './entities/closure.entity';
import { ServiceRequirementEntity } from './entities/service-requirement.entity';
import { ServiceEntity } from './entities/service.entity';
import { SiteEntity } from './entities/site.entity';

const CATALOGUE_ENTITIES = new Set<unknown>([SiteEntity, AgencyEntity, ServiceEntity, ServiceRequirementEntity, SiteClosureEntity, NationalCalendarDayEntity]);

/**
 * Catalogue rows the queue reads on every ticket (service, site, today's closures) change
 * rarely. They are cached for a few seconds; any write through TypeORM to a catalogue entity in
 * this process clears the cache at once.
 */
@Injectable()
export class CatalogueCache implements EntitySubscriberInterface, OnModuleInit {
  readonly rows = new TtlCache<string, unknown>(5_000);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.rows.get(key, load) as Promise<T>;
  }

  clear(): void {
    this.rows.clear();
  }

  afterInsert(event: { metadata: { target: unknown } }): void {
    this.onWrite(event.metadata.target);
  }

  afterUpdate(event: { metadata: { target: unknown } }): void {
    this.onWrite(event.metadata.target);
  }

  afterRemove(event: { metadata: { target: unknown } }): void {
    this.onWrite(event.metadata.target);
  }

  private onWrite(target: unknown): void {
    if (CATALOGUE_ENTITIES.has(target)) this.clear();
  }
}
