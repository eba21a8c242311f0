// `npm run test:node22` (node scripts/test-on-node.mjs 22 [jest arguments]): the unit and
// integration Jest projects under another Node major than the one running npm, the one the
// production image runs (Dockerfile). That Node comes from the npm registry's `node` package: npx
// puts its platform binary in the npx cache (downloaded once, no global install). The browser
// project is left out. Not part of `npm test` or .ci/run: a second full run costs CI minutes.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { ROOT } from './build-if-stale.mjs';

const [major, ...jestArgs] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? '')) {
  console.error('usage: node scripts/test-on-node.mjs <node major> [jest arguments]');
  process.exit(2);
}

const found = spawnSync('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath + "\\n" + process.version'], {
  cwd: ROOT,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [node, version] = (found.stdout ?? '').trim().split('\n');
if (found.status !== 0 || !node || !version?.startsWith(`v${major}.`)) {
  console.error(`Node ${major} could not be obtained from the npm registry (npx -p node@${major}): ${found.error?.message ?? `exit ${found.status}, ${version ?? 'no version'}`}`);
  process.exit(1);
}
console.log(`--- unit and integration tests under Node ${version} (${node})`);

// Jest's arguments first: --selectProjects takes every word after it. Jest's workers run under
// process.execPath; tests that start `node` by name find this one first.
const result = spawnSync(node, [join(ROOT, 'node_modules/jest/bin/jest.js'), ...jestArgs, '--selectProjects', 'unit', 'integration'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` },
});
process.exit(result.status ?? 1);
