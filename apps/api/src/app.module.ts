import { DynamicModule, Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { ScheduleModule } from '@nestjs/schedule';
import type pino from 'pino';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { SiteDirectory } from './auth/site-directory';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CatalogueSiteDirectory } from './catalogue/catalogue-site-directory';
import { APP_CONFIG, AppConfig, DATABASE_TARGET, DatabaseTarget } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { createRootLogger, loggingModule } from './common/logging/api-logger';
import { typeOrmOptions } from './database/typeorm-options';
import { openMigratedDataSource } from './database/startup-lock';
import type { DataSourceOptions } from 'typeorm';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { Clock } from './common/clock';
import { QueueModule } from './queue/queue.module';
import { BookingModule } from './booking/booking.module';
import { CitizenModule } from './citizen/citizen.module';
import { ApplicationsModule } from './applications/applications.module';
import { IssuedDocumentsModule } from './applications/documents/issued-documents.module';
import { PushModule } from './push/push.module';
import { AuditModule } from './audit/audit.module';
import { ReportsModule } from './reports/reports.module';
import { SurveyModule } from './survey/survey.module';
import { RedFlagsModule } from './red-flags/red-flags.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { DATA_KEY } from './config/data-key';
import { PiiCipher } from './common/pii-cipher';
import { ClusterBus } from './common/cluster-bus';
import { rateLimitStorage } from './common/http/rate-limit-storage';

/** Everything the API is, given a validated config and a database URL (external or embedded). */
@Global()
@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig & { jwtSecret: string; dataKey: Buffer },
    database: DatabaseTarget,
    clock: Clock = new Clock(),
    logger: pino.Logger = createRootLogger('silent'),
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Connected, then migrated under the start-up advisory lock (replicas starting together migrate once).
        TypeOrmModule.forRootAsync({
          useFactory: () => typeOrmOptions(database.url, config.dbPoolSize),
          dataSourceFactory: (options) => openMigratedDataSource({ ...options!, url: database.url } as DataSourceOptions & { url: string }),
        }),
        JwtModule.register({
          global: true,
          // A KeyObject: given a string, jsonwebtoken tries it as a public key first on every verify.
          secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
          signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        // One JSON line per request and a request id on every line logged for it (nestjs-pino).
        loggingModule(logger),
        // The job runner's waits (jobs/job-runner.ts) as named timeouts, cleared at shutdown.
        ScheduleModule.forRoot(),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'login', ttl: config.loginRateLimit.ttlSeconds * 1000, limit: config.loginRateLimit.limit },
            { name: 'booking', ttl: 60_000, limit: config.bookingRateLimit },
          ],
          // With REDIS_URL every process counts together (the ticket limits too); else per process.
          storage: rateLimitStorage(config.redisUrl),
        }),
        AuthModule,
        CatalogueModule,
        DatabaseModule,
        HealthModule,
        MetricsModule,
        QueueModule,
        BookingModule,
        PushModule,
        CitizenModule,
        ApplicationsModule,
        IssuedDocumentsModule,
        AuditModule,
        ReportsModule,
        SurveyModule,
        RedFlagsModule,
        ComplaintsModule,
      ],
      controllers: [],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_TARGET, useValue: database },
        { provide: Clock, useValue: clock },
        { provide: DATA_KEY, useValue: config.dataKey },
        // Personal data at rest, for every module that stores it (booking, notifications' outbox).
        PiiCipher,
        // Messages between the API processes on the database (cache invalidation, ended sessions).
        ClusterBus,
        // Auth's port to the catalogue, bound here so that neither folder imports the other's module.
        { provide: SiteDirectory, useExisting: CatalogueSiteDirectory },
      ],
      exports: [APP_CONFIG, DATABASE_TARGET, Clock, DATA_KEY, PiiCipher, ClusterBus, SiteDirectory],
    };
  }
}
