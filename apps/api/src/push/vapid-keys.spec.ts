import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { vapidKeySource } from './vapid-keys';

describe(vapidKeySource.name, () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'vapid-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should generate a pair into DATA_DIR at first use only (0600), and read the same pair after a restart', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const sut = vapidKeySource(config);
    expect(() => statSync(join(dataDir, 'vapid-keys.json'))).toThrow();

    const first = sut();
    const again = vapidKeySource(loadConfig({ DATA_DIR: dataDir }))();

    expect(first).toEqual(again);
    expect(first?.subject).toBe('mailto:admin@mpp.local');
    expect(Buffer.from(first!.publicKey, 'base64url')).toHaveLength(65);
    expect(statSync(join(dataDir, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dataDir, 'vapid-keys.json'), 'utf8'))).toEqual({ publicKey: first!.publicKey, privateKey: first!.privateKey });
  });

  it('should use the configured pair and write nothing', () => {
    const pair = vapidKeySource(loadConfig({ DATA_DIR: dataDir }))()!;
    const other = mkdtempSync(join(tmpdir(), 'vapid-'));
    try {
      const sut = vapidKeySource(loadConfig({ DATA_DIR: other, VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: 'https://mpp.example.go.id' }));

      expect(sut()).toEqual({ publicKey: pair.publicKey, privateKey: pair.privateKey, subject: 'https://mpp.example.go.id' });
      expect(() => statSync(join(other, 'vapid-keys.json'))).toThrow();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('should leave Web Push off in production with an external database and no keys (processes must sign alike)', () => {
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', DATABASE_URL: 'postgres://db/mpp', JWT_SECRET: 'x'.repeat(32), DATA_KEY: Buffer.alloc(32, 1).toString('base64') });

    expect(vapidKeySource(config)()).toBeNull();
    expect(() => statSync(join(dataDir, 'vapid-keys.json'))).toThrow();
  });
});
