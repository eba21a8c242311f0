// Precompresses the built Angular apps once, at build time: next to every compressible file of
// dist/apps/<app>/browser it writes <file>.br (brotli, quality 11) and <file>.gz (gzip, level 9)
// when they are smaller. The API serves them to browsers that accept them (apps/api/src/static-apps.ts),
// so a phone downloads the portal's ~400 kB as ~110 kB without the server compressing anything
// per request. Run by `npm run build:apps` and by scripts/build-if-stale.mjs after each app's
// build; a file whose .br/.gz is older than itself is compressed again.
//
//   node scripts/compress-apps.mjs [dir ...]     (default: dist/apps)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest|xml|map)$/;
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

function isFresh(copy, source) {
  try {
    return statSync(copy).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false;
  }
}

export function compressDir(dir) {
  let written = 0;
  let before = 0;
  let after = 0;
  for (const path of files(dir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const source = readFileSync(path);
    if (source.length < MIN_BYTES) continue;
    before += source.length;
    const variants = [
      ['.br', () => brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } })],
      ['.gz', () => gzipSync(source, { level: 9 })],
    ];
    let smallest = source.length;
    for (const [suffix, compress] of variants) {
      const copy = path + suffix;
      if (isFresh(copy, path)) {
        smallest = Math.min(smallest, statSync(copy).size);
        continue;
      }
      const body = compress();
      if (body.length >= source.length * 0.95) continue;
      writeFileSync(copy, body);
      smallest = Math.min(smallest, body.length);
      written += 1;
    }
    after += smallest;
  }
  return { written, before, after };
}

const isMain = process.argv[1] && new URL(import.meta.url).pathname === process.argv[1];
if (isMain) {
  const dirs = process.argv.slice(2);
  for (const dir of dirs.length ? dirs : ['dist/apps']) {
    const { written, before, after } = compressDir(dir);
    process.stdout.write(`compress-apps: ${dir}: ${written} files written; ${Math.round(before / 1024)} kB served as ${Math.round(after / 1024)} kB to browsers that accept br\n`);
  }
}
