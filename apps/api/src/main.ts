import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig, redactUrl } from './config/app-config';
import { resolveDataKey } from './config/data-key';
import { resolveJwtSecret } from './config/jwt-secret';
import { ApiLogger, createRootLogger } from './common/logging/api-logger';
import { EmbeddedPostgresError, RunningEmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { Seeder } from './database/seeds/seeder';
import { BUILT_APPS, builtAppDir } from './static-apps';

async function main(): Promise<void> {
  const config = loadConfig();
  const root = createRootLogger(config.logLevel);
  const logger = new ApiLogger(root);

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

  let stopping = false;
  const shutdown = async (signal: string, code = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down', signal }, 'Main');
    try {
      await app?.close();
    } finally {
      await embedded?.stop();
      logger.log({ msg: 'stopped' }, 'Main');
      process.exit(code);
    }
  };
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    app = await createApp({ ...config, jwtSecret: resolveJwtSecret(config), dataKey: resolveDataKey(config) }, { url: databaseUrl, embedded: embedded !== null }, { logger: root });
    const firstAdmin = await app.get(Seeder).run({ catalogue: config.seed });
    await app.listen(config.port, config.host);
    printBanner(config.publicUrl ?? `http://localhost:${config.port}`, {
      database: embedded ? `embedded PostgreSQL in ${embedded.dataDir} (port ${embedded.port})` : redactUrl(databaseUrl),
      adminEmail: firstAdmin.email,
      generatedPassword: firstAdmin.generatedPassword,
      adminCreated: firstAdmin.created,
      appsDir: config.appsDir,
    });
  } catch (error) {
    logger.error({ msg: 'start-up failed', error: (error as Error).message }, 'Main');
    await embedded?.stop();
    throw error;
  }
}

function printBanner(
  base: string,
  info: { database: string; adminEmail: string; generatedPassword: string | null; adminCreated: boolean; appsDir: string },
): void {
  const built = (name: string) => existsSync(join(builtAppDir(info.appsDir, name), 'index.html'));
  const missing = BUILT_APPS.filter((a) => !built(a.name)).map((a) => a.name);
  const lines = [
    '',
    '  MPP Digital is running',
    '',
    `  Portal (warga)           ${base}/`,
    `  Counter app (petugas)    ${base}/counter/`,
    `  Kiosk                    ${base}/kiosk/`,
    `  Hall display             ${base}/kiosk/display`,
    `  API docs                 ${base}/api/docs   (OpenAPI JSON: ${base}/api/docs-json)`,
    `  Health                   ${base}/api/health`,
    `  Database                 ${info.database}`,
    '',
    info.generatedPassword
      ? `  First admin: ${info.adminEmail} / ${info.generatedPassword}\n  (shown only now; sign in at ${base}/counter/ and keep it safe)`
      : info.adminCreated
        ? `  First admin: ${info.adminEmail} with the password from ADMIN_PASSWORD`
        : `  Admin sign-in: ${info.adminEmail} at ${base}/counter/ (password as set at first start)`,
    ...(missing.length ? ['', `  Not built yet: ${missing.join(', ')} (run npm run build:apps)`] : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nMPP Digital could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`);
  }
  process.exit(1);
});
