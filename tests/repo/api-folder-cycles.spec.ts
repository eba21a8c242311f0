import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The API's feature folders (apps/api/src/<folder>) depend on each other in one direction only: a
 * folder that another one imports never imports it back, directly or through others. The graph is
 * read with the TypeScript compiler from the production sources (specs are left out), counting every
 * relative import, `export … from`, `import type` and `import()`.
 *
 * Shared folders (common, config) import no feature folder. The composition root (app.module.ts,
 * main.ts, bootstrap.ts, static-apps.ts) and database/ (data source, every migration, seeds) sit
 * above the features and are not part of the cycle check.
 */
const SRC = resolve(__dirname, '..', '..', 'apps', 'api', 'src');
const SHARED = ['common', 'config'];
const ABOVE_FEATURES = ['database'];

/** Cycles known and not yet cut, each to be removed from here by the change that cuts it. */
const KNOWN_CYCLES: string[][] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function specifiersOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The top folder under apps/api/src of a file, or null for a file at the root. */
function folderOf(file: string): string | null {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : null;
}

function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? base;
}

/** folder -> folder -> the imports (file: specifier) behind that edge. */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const specifier of specifiersOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const to = folderOf(resolveRelative(file, specifier));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), `${relative(SRC, file)}: '${specifier}'`]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every elementary cycle among `nodes`, each once, starting at its smallest folder name. */
function cyclesAmong(graph: Map<string, Map<string, string[]>>, nodes: string[]): string[][] {
  const cycles: string[][] = [];
  const sorted = [...nodes].sort();
  for (const start of sorted) {
    const walk = (node: string, path: string[]): void => {
      for (const next of graph.get(node)?.keys() ?? []) {
        if (!nodes.includes(next) || next < start) continue;
        if (next === start) cycles.push([...path]);
        else if (!path.includes(next)) walk(next, [...path, next]);
      }
    };
    walk(start, [start]);
  }
  return cycles;
}

function describeCycle(graph: Map<string, Map<string, string[]>>, cycle: string[]): string {
  const hops = cycle.map((from, i) => {
    const to = cycle[(i + 1) % cycle.length];
    return `  ${from} -> ${to} (${graph.get(from)?.get(to)?.[0] ?? '?'})`;
  });
  return [`${[...cycle, cycle[0]].join(' -> ')}`, ...hops].join('\n');
}

describe('apps/api/src folders', () => {
  const graph = folderGraph();
  const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
  const features = folders.filter((name) => !SHARED.includes(name) && !ABOVE_FEATURES.includes(name));

  it('should hold feature folders that import each other in one direction only', () => {
    const sut = cyclesAmong(graph, features).filter((cycle) => !KNOWN_CYCLES.some((known) => known.join() === cycle.join()));

    expect(sut.map((cycle) => describeCycle(graph, cycle))).toEqual([]);
  });

  it('should still have each known cycle (cut: remove it from KNOWN_CYCLES)', () => {
    const sut = cyclesAmong(graph, features).map((cycle) => cycle.join());

    expect(KNOWN_CYCLES.filter((known) => !sut.includes(known.join()))).toEqual([]);
  });

  it('should keep the shared folders free of imports from feature folders', () => {
    const sut = SHARED.flatMap((shared) => [...(graph.get(shared) ?? new Map<string, string[]>())].filter(([to]) => features.includes(to)).flatMap(([, why]) => why));

    expect(sut).toEqual([]);
  });

  it('should see the imports it checks', () => {
    // A reader that found nothing would pass every check above.
    expect(graph.get('queue')?.get('auth')?.length ?? 0).toBeGreaterThan(0);
  });
});
