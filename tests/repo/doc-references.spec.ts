import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * Every Markdown file the docs or the code name (`docs/queue.md`, `[apps.md](apps.md)`,
 * `domain.md §5`) is a file of this repository: nothing points at notes kept outside it.
 */
const ROOT = resolve(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.angular', 'test-results']);

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(name) ? [path] : [];
  });
}

describe('References to Markdown files', () => {
  const markdown = new Set(files(ROOT, (name) => name.endsWith('.md')).map((path) => basename(path)));
  const readers = [
    join(ROOT, 'README.md'),
    ...files(join(ROOT, 'docs'), (name) => name.endsWith('.md')),
    ...['apps', 'libs', 'scripts', 'tests'].flatMap((dir) => files(join(ROOT, dir), (name) => /\.(ts|mjs|js|html)$/.test(name))),
  ];

  it('should name only Markdown files that are in the repository', () => {
    const sut = readers.flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/[\w./-]+\.md\b/g)]
        .filter(([name]) => !markdown.has(basename(name)))
        .map(([name]) => `${path.slice(ROOT.length + 1)}: ${name}`),
    );

    expect(sut).toEqual([]);
  });

  it('should find the references it checks', () => {
    // A pattern that matched nothing would pass the check above.
    expect(markdown.has('architecture.md')).toBe(true);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toMatch(/docs\/architecture\.md/);
  });
});
