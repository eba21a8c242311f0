import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { DATABASE_TARGET, DatabaseTarget } from '../config/app-config';
import { packageVersion } from '../config/package-version';
import { MIGRATIONS } from '../database/typeorm-options';

const VERSION = packageVersion();

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async check(): Promise<HealthResponse> {
    const base = { version: VERSION, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
    const embedded = this.database.embedded;
    const started = performance.now();
    try {
      const [row] = (await this.db.query(`SELECT count(*)::int AS applied FROM schema_migration`)) as { applied: number }[];
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return {
        ...base,
        status: 'ok',
        database: { status: 'up', embedded, latencyMs, pendingMigrations: Math.max(0, MIGRATIONS.length - row.applied) },
      };
    } catch (error) {
      return {
        ...base,
        status: 'degraded',
        database: { status: 'down', embedded, latencyMs: null, pendingMigrations: null, error: (error as Error).message },
      };
    }
  }
}
