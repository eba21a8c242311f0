// `npm start`: build what is missing or out of date, then run the API, which serves the three
// apps on the same port and starts an embedded PostgreSQL when DATABASE_URL is not set.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale, ROOT, TARGETS } from './build-if-stale.mjs';

buildIfStale(['api', 'portal', 'counter', 'kiosk']);

// glibc keeps memory freed by libvips (image re-encodes) in per-thread arenas: two arenas keep the
// API's peak under 50 uploads at once lower by 35-85 MB (docs/files.md); as the Dockerfile sets it.
const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
const api = spawn(process.execPath, ['--enable-source-maps', join(ROOT, TARGETS.api.output)], { cwd: ROOT, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => api.kill(signal));
}
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
