import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, posix, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/app-config';

/**
 * docker-compose.yml and the Dockerfile, checked against the code they deploy: the variables the
 * API reads (app-config.ts), where `nest build` puts main.js (nest-cli.json + tsconfig), and the
 * health endpoint. Docker itself is not needed.
 */
const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

// ---- docker-compose.yml ---------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  ports?: (string | number | { target?: number | string; published?: number | string })[];
}

/** Compose's variable interpolation: ${X:-default}, ${X-default}, ${X:?err}, ${X?err}, ${X:+alt}, ${X}, $X, $$. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, all, braced, colon, op, arg, bare) => {
    if (all === '$') return '$';
    const name = (braced ?? bare) as string;
    const set = name in env && (colon !== ':' || env[name] !== '');
    if (op === '-') return set ? env[name] : arg;
    if (op === '?') {
      if (!set) throw new Error(`required variable ${name} is missing: ${arg}`);
      return env[name];
    }
    if (op === '+') return set ? arg : '';
    return env[name] ?? '';
  });
}

/** A service's environment as name -> raw (uninterpolated) value, whether written as a map or a list. */
function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : '']));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function interpolateAll(env: Record<string, string>, vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v, vars)]));
}

/** The URL a health check fetches, when it is one on the container itself. */
function healthUrl(command: string): URL | null {
  const match = /https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\/[^\s'"`]*/.exec(command);
  return match ? new URL(match[0]) : null;
}

function healthcheckText(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

/** Container ports a service publishes (short "host:container[/proto]", "ip:host:container", or long syntax). */
function containerPorts(service: ComposeService): string[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return String(p.target);
    const parts = String(p).split('/')[0].split(':');
    return parts[parts.length - 1];
  });
}

/** The variable names the API reads: every read.optional('X') / integer / boolean / oneOf in app-config.ts. */
function variablesTheApiReads(): string[] {
  const source = read('apps/api/src/config/app-config.ts');
  return [...source.matchAll(/\bread\.(?:optional|integer|boolean|oneOf)\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g)].map((m) => m[1]);
}

// ---- Dockerfile -----------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

function dockerfileStages(text: string): Instruction[][] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push(instruction);
  }
  return stages;
}

/** An instruction's exec-form (JSON array) arguments, or the shell form split on spaces. */
function execArgs(args: string): string[] {
  const trimmed = args.trim();
  return trimmed.startsWith('[') ? (JSON.parse(trimmed) as string[]) : trimmed.split(/\s+/);
}

function envOf(stage: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.filter((i) => i.keyword === 'ENV')) {
    if (args.includes('=')) {
      for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
    } else {
      const [name, ...rest] = args.split(/\s+/);
      env[name] = rest.join(' ');
    }
  }
  return env;
}

function workdirOf(stage: Instruction[]): string {
  return stage.filter((i) => i.keyword === 'WORKDIR').reduce((dir, i) => posix.resolve(dir, i.args.trim()), '/');
}

/** Where `nest build api` writes main.js, relative to the repository root: tsconfig outDir + entryFile + '.js'. */
function builtApiMain(): string {
  const nest = JSON.parse(read('nest-cli.json')) as {
    compilerOptions?: { tsConfigPath?: string };
    projects: Record<string, { entryFile?: string; compilerOptions?: { tsConfigPath?: string } }>;
  };
  const api = nest.projects.api;
  const tsconfigPath = resolve(ROOT, api.compilerOptions?.tsConfigPath ?? nest.compilerOptions?.tsConfigPath ?? 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const outDir = ts.parseJsonConfigFileContent(config, ts.sys, dirname(tsconfigPath)).options.outDir;
  if (!outDir || !api.entryFile) throw new Error('nest-cli.json / tsconfig give no outDir or entryFile for the api');
  return relative(ROOT, resolve(outDir, `${api.entryFile}.js`)).split('\\').join('/');
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services?: Record<string, ComposeService> };
  const services = compose.services ?? {};
  const db = services.db ?? {};
  const api = services.api ?? {};
  const apiEnv = environmentOf(api);
  const dbEnv = interpolateAll(environmentOf(db), {});
  const secret = 'x'.repeat(48);
  const dataKey = Buffer.alloc(32, 7).toString('base64');
  const apiEnvWithSecret = () => interpolateAll(apiEnv, { JWT_SECRET: secret, DATA_KEY: dataKey });

  it('should define the db and api services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['db', 'api']));
    expect(db.image).toMatch(/^postgres:/);
    expect(api.build).toBeDefined();
  });

  it('should start the api only once the db is healthy', () => {
    const dependsOn = api.depends_on;
    expect(Array.isArray(dependsOn)).toBe(false);
    expect((dependsOn as Record<string, { condition?: string }>)?.db?.condition).toBe('service_healthy');
  });

  it('should give both services a healthcheck, the db one asking for its own database and user', () => {
    expect(healthcheckText(db)).toMatch(/pg_isready/);
    expect(healthcheckText(db)).toContain(`-U ${dbEnv.POSTGRES_USER}`);
    expect(healthcheckText(db)).toContain(`-d ${dbEnv.POSTGRES_DB}`);
    expect(healthcheckText(api)).not.toBe('');
  });

  it('should check the api health on /api/health of the container itself, at its PORT', () => {
    const url = healthUrl(healthcheckText(api));
    expect(url?.pathname).toBe('/api/health');
    expect(url?.port || '80').toBe(apiEnv.PORT);
  });

  it('should set only environment variables the API reads', () => {
    const known = variablesTheApiReads();
    expect(known).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'PORT']));
    const unknown = Object.keys(apiEnv).filter((name) => !known.includes(name));
    expect(unknown).toEqual([]);
  });

  it('should point DATABASE_URL at the db service with its database, user and password', () => {
    const url = new URL(apiEnvWithSecret().DATABASE_URL);
    expect(url.protocol).toMatch(/^postgres(ql)?:$/);
    expect(url.hostname).toBe('db');
    expect(services[url.hostname]).toBe(db);
    expect(url.port || '5432').toBe('5432');
    expect(url.pathname).toBe(`/${dbEnv.POSTGRES_DB}`);
    expect(decodeURIComponent(url.username)).toBe(dbEnv.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(dbEnv.POSTGRES_PASSWORD);
    // The same POSTGRES_PASSWORD override reaches both services.
    const custom = interpolateAll(apiEnv, { JWT_SECRET: secret, DATA_KEY: dataKey, POSTGRES_PASSWORD: 'custom-password' });
    expect(new URL(custom.DATABASE_URL).password).toBe(interpolateAll(environmentOf(db), { POSTGRES_PASSWORD: 'custom-password' }).POSTGRES_PASSWORD);
  });

  it('should refuse to start without JWT_SECRET', () => {
    expect(apiEnv).toHaveProperty('JWT_SECRET');
    expect(() => interpolateAll(apiEnv, { DATA_KEY: dataKey })).toThrow(/JWT_SECRET/);
    expect(() => interpolateAll(apiEnv, { JWT_SECRET: '', DATA_KEY: dataKey })).toThrow(/JWT_SECRET/);
    expect(() => interpolateAll(apiEnv, { JWT_SECRET: secret })).toThrow(/DATA_KEY/);
    expect(apiEnvWithSecret().JWT_SECRET).toBe(secret);
  });

  it('should publish the port the API listens on', () => {
    expect(apiEnv.PORT).toBeDefined();
    expect(containerPorts(api)).toContain(apiEnv.PORT);
  });

  it('should give the API a configuration it accepts, for production on the db service', () => {
    const config = loadConfig(apiEnvWithSecret(), '/app');
    expect(config.nodeEnv).toBe('production');
    expect(config.databaseUrl).toBe(apiEnvWithSecret().DATABASE_URL);
    expect(containerPorts(api)).toContain(String(config.port));
  });
});

describe('Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages[stages.length - 1] ?? [];
  const one = (keyword: string) => runtime.filter((i) => i.keyword === keyword).pop();
  const workdir = workdirOf(runtime);
  const env = envOf(runtime);

  it('should build the project in one stage and run it from a later one', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0].some((i) => i.keyword === 'RUN' && /\bnpm run build\b/.test(i.args))).toBe(true);
    expect(runtime.some((i) => i.keyword === 'RUN' && /\bnpm ci\b.*--omit=dev/.test(i.args))).toBe(true);
  });

  it('should start the API from where nest build puts main.js', () => {
    const main = builtApiMain();
    const script = execArgs(one('CMD')?.args ?? '').find((arg) => arg.endsWith('.js')) ?? '';
    const fromWorkdir = isAbsolute(script) ? posix.relative(workdir, script) : posix.normalize(script);
    expect(fromWorkdir).toBe(main);
    // ...and the build output is copied there.
    const copied = runtime
      .filter((i) => i.keyword === 'COPY' && /--from=/.test(i.args))
      .map((i) => posix.resolve(workdir, i.args.trim().split(/\s+/).pop()!));
    expect(copied.some((dest) => posix.join(workdir, main).startsWith(dest.replace(/\/?$/, '/')))).toBe(true);
  });

  it('should have a HEALTHCHECK on /api/health at the port the API listens on', () => {
    const healthcheck = one('HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toMatch(/\bCMD\b/);
    const url = healthUrl(healthcheck);
    expect(url?.pathname).toBe('/api/health');
    expect(url?.port || '80').toBe(env.PORT);
  });

  it('should run as a non-root user in production mode, exposing its PORT', () => {
    expect(one('USER')?.args.trim()).toMatch(/^(?!root$|0$)\S+/);
    expect(env.NODE_ENV).toBe('production');
    expect(execArgs(one('EXPOSE')?.args ?? '')).toContain(env.PORT);
    const known = variablesTheApiReads();
    expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
  });
});
