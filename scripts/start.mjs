// `npm start`: build what is missing or out of date, then run the API, which serves the three
// apps on the same port and starts an embedded PostgreSQL when DATABASE_URL is not set.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale, ROOT, TARGETS } from './build-if-stale.mjs';

buildIfStale(['api', 'portal', 'counter', 'kiosk']);

const api = spawn(process.execPath, ['--enable-source-maps', join(ROOT, TARGETS.api.output)], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => api.kill(signal));
}
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
