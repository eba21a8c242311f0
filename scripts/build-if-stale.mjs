// Builds the API and the Angular apps only when their sources are newer than their build,
// so `npm start` and `npm test` are quick after the first time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const SHARED = ['libs/contracts', 'libs/domain', 'package.json', 'tsconfig.json'];

export const TARGETS = {
  api: {
    output: 'dist/apps/api/apps/api/src/main.js',
    sources: ['apps/api/src', 'apps/api/tsconfig.app.json', 'nest-cli.json', ...SHARED],
    command: ['npx', ['nest', 'build', 'api']],
  },
  ...Object.fromEntries(
    ['portal', 'counter', 'kiosk'].map((app) => [
      app,
      {
        output: `dist/apps/${app}/browser/index.html`,
        sources: [`apps/${app}`, 'libs/ui', 'angular.json', ...SHARED],
        command: ['npx', ['ng', 'build', app]],
      },
    ]),
  ),
};

function newestMtime(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(full)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isStale(name) {
  const target = TARGETS[name];
  const out = join(ROOT, target.output);
  if (!existsSync(out)) return true;
  const built = statSync(out).mtimeMs;
  return target.sources.some((s) => newestMtime(s) > built);
}

export function buildIfStale(names) {
  for (const name of names) {
    if (!isStale(name)) continue;
    const [cmd, args] = TARGETS[name].command;
    process.stdout.write(`\n> building ${name} (${[cmd, ...args].join(' ')})\n`);
    const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
    if (result.status !== 0) {
      process.stderr.write(`\nBuilding ${name} failed (exit ${result.status}). See the output above.\n`);
      process.exit(result.status ?? 1);
    }
    // The apps are served precompressed (brotli, gzip): written once here, not per request.
    if (name !== 'api') spawnSync(process.execPath, [join(ROOT, 'scripts/compress-apps.mjs'), join(ROOT, `dist/apps/${name}`)], { cwd: ROOT, stdio: 'inherit' });
  }
}
