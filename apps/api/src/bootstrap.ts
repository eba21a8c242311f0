import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import type { Clock } from './common/clock';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { answerClientErrors } from './common/errors/client-errors';
import { AllowListIoAdapter } from './common/http/allow-list-io-adapter';
import { HostPolicy, installHostPolicy } from './common/http/host-policy';
import { createSocketEventsAdapter } from './common/http/socket-adapter';
import { noStoreForPrivateAnswers, securityHeaders } from './common/http/security-headers';
import type pino from 'pino';
import { ApiLogger, createRootLogger } from './common/logging/api-logger';
import { ApiValidationPipe } from './common/pipes';
import { socketAdapterFor, type AppConfig, type DatabaseTarget } from './config/app-config';
import { packageVersion } from './config/package-version';
import { mountBuiltApps } from './static-apps';

export interface CreateAppOptions {
  /** The process's pino logger (createRootLogger); by default one at LOG_LEVEL on stdout; false: nothing logged. */
  logger?: pino.Logger | false;
  /** Tests stand at a chosen moment of a site's day. */
  clock?: Clock;
}

/** The API as one Nest application; main.ts and the end-to-end tests both build it here. */
export async function createApp(
  config: AppConfig & { jwtSecret: string; dataKey: Buffer },
  database: DatabaseTarget,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const root = options.logger === undefined ? createRootLogger(config.logLevel) : options.logger || createRootLogger('silent');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database, options.clock, root), {
    logger: options.logger === false ? false : new ApiLogger(root),
    bufferLogs: false,
  });
  configureApp(app, config, database);
  return app;
}

export function configureApp(app: INestApplication & NestExpressApplication, config: AppConfig, database: DatabaseTarget): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const hosts = new HostPolicy(config);
  installHostPolicy(app, hosts);
  const events = createSocketEventsAdapter(socketAdapterFor(config, database), { databaseUrl: database.url, redisUrl: config.redisUrl });
  app.useWebSocketAdapter(new AllowListIoAdapter(app, hosts, events));
  app.use(...securityHeaders(), noStoreForPrivateAnswers);
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  answerClientErrors(app.getHttpServer() as Server);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('MPP Digital API')
      .setDescription(
        'Service catalogue, staff accounts and devices, queueing, booking and check-in for Mal Pelayanan Publik. Errors always carry `code` and a `message` in Bahasa Indonesia (`id`) and English (`en`).',
      )
      .setVersion(packageVersion())
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  mountBuiltApps(app, config.appsDir);
}
