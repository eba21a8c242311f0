// `npm test`: every test in one Jest run (unit, integration on a real PostgreSQL, HTTP end to
// end, and the browser tests in Chromium, which need the built apps). Extra arguments go to Jest.
import { spawnSync } from 'node:child_process';
import { buildIfStale, ROOT } from './build-if-stale.mjs';

buildIfStale(['portal', 'counter', 'kiosk']);

const args = ['jest', ...(process.env.CI ? ['--ci'] : []), ...process.argv.slice(2)];
const result = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
