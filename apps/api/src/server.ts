import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type pino from 'pino';
import { createApp } from './bootstrap';
import type { Clock } from './common/clock';
import { ApiLogger } from './common/logging/api-logger';
import type { AppConfig } from './config/app-config';
import { resolveDataKey } from './config/data-key';
import { resolveJwtSecret } from './config/jwt-secret';
import { RunningEmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { FirstAdmin, Seeder } from './database/seeds/seeder';
import { gracefulStop } from './graceful-stop';

/** One API process, listening: what main.ts runs and what the multi-process tests start. */
export interface RunningServer {
  app: NestExpressApplication;
  /** The port it listens on (PORT=0 picks a free one). */
  port: number;
  /** The database it uses: DATABASE_URL, or the embedded server it started. */
  databaseUrl: string;
  embedded: RunningEmbeddedPostgres | null;
  firstAdmin: FirstAdmin;
  /**
   * Graceful stop (graceful-stop.ts): readiness fails, SHUTDOWN_DRAIN_SECONDS pass, the port closes,
   * socket.io clients are told to reconnect elsewhere, requests under way finish, the app closes,
   * then the embedded server. Once: calling it again answers the same stop.
   */
  stop(reason: string): Promise<void>;
}

export interface StartServerOptions {
  root: pino.Logger;
  /** Tests stand at a chosen moment of a site's day. */
  clock?: Clock;
}

export async function startServer(config: AppConfig, options: StartServerOptions): Promise<RunningServer> {
  const logger = new ApiLogger(options.root);
  let embedded: RunningEmbeddedPostgres | null = null;
  if (config.databaseUrl === null) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(config.dataDir, 'postgres'),
      port: config.embeddedDbPort,
      log: (line) => logger.debug({ msg: line }, 'EmbeddedPostgres'),
    });
    logger.log({ msg: 'embedded PostgreSQL started', dataDir: embedded.dataDir, port: embedded.port }, 'EmbeddedPostgres');
  }
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(
      { ...config, jwtSecret: resolveJwtSecret(config), dataKey: resolveDataKey(config) },
      { url: databaseUrl, embedded: embedded !== null },
      { logger: options.root, clock: options.clock },
    );
    const firstAdmin = await app.get(Seeder).run({ catalogue: config.seed });
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address() as { port: number } | null;
    let stopping: Promise<void> | null = null;
    const started = app;
    return {
      app: started,
      port: address?.port ?? config.port,
      databaseUrl,
      embedded,
      firstAdmin,
      stop(reason: string) {
        stopping ??= (async () => {
          logger.log({ msg: 'shutting down', reason }, 'Main');
          try {
            // Readiness fails, drain, port closed, sockets told to reconnect, requests finish, app closed.
            await gracefulStop(started, { drainSeconds: config.shutdownDrainSeconds }, logger);
          } finally {
            await embedded?.stop();
            logger.log({ msg: 'stopped' }, 'Main');
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    logger.error({ msg: 'start-up failed', error: (error as Error).message }, 'Main');
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
