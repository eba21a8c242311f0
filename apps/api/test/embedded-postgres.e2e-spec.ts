import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertReachableByPostgresUser, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { freePort } from './support/free-port';

const ROOT = resolve(__dirname, '../../..');

function startChild(dataDir: string, port: number): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support/embedded-child.ts'), dataDir, String(port)], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<string>((resolveReady, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) resolveReady(out);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${out}`)));
  });
  return { child, ready };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Embedded PostgreSQL launcher', () => {
  const base = join(tmpdir(), `mpp-embedded-test-${process.pid}`);
  beforeAll(() => mkdirSync(base, { recursive: true, mode: 0o755 }));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('should recover by itself after a crash left the server running', async () => {
    const dataDir = join(base, 'crash');
    const port = await freePort();
    const first = startChild(dataDir, port);
    expect(await first.ready).toContain('READY starts=1');
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(isAlive(pid)).toBe(true); // the orphaned server is still there, holding the lock

    const second = startChild(dataDir, port);
    expect(await second.ready).toContain('READY starts=2'); // recovered, and the data survived
    expect(isAlive(pid)).toBe(false);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false); // a graceful stop leaves no lock
  }, 120_000);

  it('should start over a stale lock file whose process is gone', async () => {
    const dataDir = join(base, 'stale-lock');
    const port = await freePort();
    const first = startChild(dataDir, port);
    await first.ready;
    first.child.kill('SIGTERM');
    await exited(first.child);
    writeFileSync(join(dataDir, 'postmaster.pid'), `999999\n${dataDir}\n`);
    const second = startChild(dataDir, port);
    expect(await second.ready).toContain('READY starts=2');
    second.child.kill('SIGTERM');
    await exited(second.child);
  }, 120_000);

  it('should say so when the postgres user cannot reach a directory inside a private one', () => {
    const privateDir = mkdtempSync(join(tmpdir(), 'mpp-private-'));
    try {
      chmodSync(privateDir, 0o700);
      expect(() => assertReachableByPostgresUser(join(privateDir, 'checkout', '.data', 'postgres'), 'the data directory')).toThrow(
        new RegExp(`${privateDir} has mode 0700.*not inside a private 0700 directory such as one made by mktemp -d`),
      );
      chmodSync(privateDir, 0o755);
      expect(() => assertReachableByPostgresUser(join(privateDir, 'checkout', '.data', 'postgres'), 'the data directory')).not.toThrow();
    } finally {
      rmSync(privateDir, { recursive: true, force: true });
    }
  });

  it('should fail with what to do when the data directory cannot be made', async () => {
    const notADir = join(base, 'a-file');
    writeFileSync(notADir, 'not a directory');
    await expect(startEmbeddedPostgres({ dataDir: join(notADir, 'postgres'), port: 1 })).rejects.toThrow(
      /Cannot use the data directory .*a-file\/postgres.*Set DATA_DIR to a writable directory with free space, or set DATABASE_URL/,
    );
  });
});
