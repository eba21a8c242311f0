import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse, LocalizedText, ReadinessResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { DATABASE_TARGET, DatabaseTarget } from '../config/app-config';
import { packageVersion } from '../config/package-version';
import { MIGRATIONS } from '../database/typeorm-options';
import { Readiness } from './readiness';

const VERSION = packageVersion();

/** What anyone may be told when the database cannot be reached; the cause goes to the log only. */
export const DATABASE_DOWN: LocalizedText = {
  id: 'Basis data tidak dapat dijangkau.',
  en: 'The database cannot be reached.',
};

export const DRAINING: LocalizedText = {
  id: 'Proses ini sedang berhenti; permintaan baru dilayani proses lain.',
  en: 'This process is stopping; new requests go to the other processes.',
};

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
    @InjectDataSource() private readonly db: DataSource,
    private readonly readiness: Readiness,
  ) {}

  /** Ready for traffic: not draining and the database answers. Draining is answered at once, without a query. */
  async ready(): Promise<ReadinessResponse> {
    if (this.readiness.draining) return { status: 'draining', database: null, message: DRAINING };
    const report = await this.check();
    if (this.readiness.draining) return { status: 'draining', database: null, message: DRAINING };
    return report.database.status === 'up' ? { status: 'ready', database: 'up' } : { status: 'unavailable', database: 'down', message: DATABASE_DOWN };
  }

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
      // The health query carries no parameters, so its error names no person; the text may name
      // hosts, databases and roles, which is for the operator and never for the caller.
      const { name, code } = error as Error & { code?: unknown };
      this.logger.error({ msg: 'health check: database unreachable', errorName: name, errorCode: typeof code === 'string' ? code : undefined, error: (error as Error).message });
      return {
        ...base,
        status: 'degraded',
        database: { status: 'down', embedded, latencyMs: null, pendingMigrations: null, message: DATABASE_DOWN },
      };
    }
  }
}
