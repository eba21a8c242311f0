import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, redactUrl } from './config/app-config';
import { createRootLogger } from './common/logging/api-logger';
import { EmbeddedPostgresError } from './database/embedded-postgres';
import { RunningServer, startServer } from './server';
import { BUILT_APPS, builtAppDir } from './static-apps';

async function main(): Promise<void> {
  const config = loadConfig();
  const root = createRootLogger(config.logLevel);
  // Set once it listens; a signal before then has nothing to close.
  const running: { server?: RunningServer } = {};
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await running.server?.stop(signal);
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const server = (running.server = await startServer(config, { root }));
  printBanner(config.publicUrl ?? `http://localhost:${server.port}`, {
    database: server.embedded ? `embedded PostgreSQL in ${server.embedded.dataDir} (port ${server.embedded.port})` : redactUrl(server.databaseUrl),
    adminEmail: server.firstAdmin.email,
    generatedPassword: server.firstAdmin.generatedPassword,
    adminCreated: server.firstAdmin.created,
    appsDir: config.appsDir,
  });
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
