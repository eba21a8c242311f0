import { ConfigError, loadConfig, socketAdapterFor } from './app-config';

describe(loadConfig.name, () => {
  it('should default to port 3000, the embedded database under ./.data, and seeding on', () => {
    const sut = loadConfig({}, '/srv/mpp');
    expect(sut).toMatchObject({ port: 3000, databaseUrl: null, dataDir: '/srv/mpp/.data', seed: true, adminPassword: null });
  });

  it('should resolve a relative DATA_DIR against the working directory and keep an absolute one', () => {
    expect(loadConfig({ DATA_DIR: 'var/db' }, '/srv/mpp').dataDir).toBe('/srv/mpp/var/db');
    expect(loadConfig({ DATA_DIR: '/data' }, '/srv/mpp').dataDir).toBe('/data');
  });

  it('should name the variable and what is wrong, reporting every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'tiga ribu', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', SEED: 'maybe', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT must be a whole number from 0 to 65535 \(got "tiga ribu"\)/m);
    expect(problems).toMatch(/^DATABASE_URL must be a PostgreSQL URL/m);
    expect(problems).toMatch(/^JWT_SECRET must be at least 32 characters/m);
    expect(problems).toMatch(/^SEED must be true or false/m);
    expect(problems).toMatch(/^LOG_LEVEL must be one of debug, info, warn, error/m);
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('should not echo a database password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).not.toThrow(/hunter2/);
  });

  it('should require JWT_SECRET and DATA_KEY in production with an external database', () => {
    const dataKey = Buffer.alloc(32, 9).toString('base64');
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/mpp', DATA_KEY: dataKey })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/mpp', JWT_SECRET: 'x'.repeat(32) })).toThrow(/DATA_KEY is required/);
    const sut = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/mpp', JWT_SECRET: 'x'.repeat(32), DATA_KEY: dataKey });
    expect(sut.dataKey?.equals(Buffer.alloc(32, 9))).toBe(true);
  });

  it('should refuse a DATA_KEY that is not 32 bytes, saying how to make one', () => {
    expect(() => loadConfig({ DATA_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/DATA_KEY must be 32 bytes.*openssl rand -base64 32/);
  });

  it('should read TRUST_PROXY as none, a number of hops or a list of addresses, and refuse trusting everyone', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
    for (const bad of ['true', '11', '10.0.0.0/33', 'proxy.local', 'loopback,*']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/^[\s\S]*TRUST_PROXY must be false, a number of proxy hops/);
    }
  });

  it('should read ALLOWED_HOSTS, ALLOWED_ORIGINS and the ticket rate limits, naming a bad entry', () => {
    const sut = loadConfig({ ALLOWED_HOSTS: 'MPP.kupangkota.go.id, 10.0.0.5:3000', ALLOWED_ORIGINS: 'https://layar.kupangkota.go.id/', TICKET_RATE_LIMIT: '600' });
    expect(sut).toMatchObject({ allowedHosts: ['mpp.kupangkota.go.id', '10.0.0.5:3000'], allowedOrigins: ['https://layar.kupangkota.go.id'], ticketRateLimit: { lookup: 600, print: 300 } });
    expect(() => loadConfig({ ALLOWED_HOSTS: 'https://x.go.id' })).toThrow(/ALLOWED_HOSTS must be a comma-separated list .*"https:\/\/x.go.id"/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'x.go.id' })).toThrow(/ALLOWED_ORIGINS must be a comma-separated list/);
  });

  it('should choose the socket adapter from REDIS_URL and the database unless SOCKET_ADAPTER says', () => {
    const embedded = { embedded: true };
    const external = { embedded: false };
    expect(socketAdapterFor(loadConfig({}), embedded)).toBe('memory');
    expect(socketAdapterFor(loadConfig({}), external)).toBe('postgres');
    expect(socketAdapterFor(loadConfig({ REDIS_URL: 'redis://cache:6379' }), external)).toBe('redis');
    expect(socketAdapterFor(loadConfig({ REDIS_URL: 'redis://cache:6379' }), embedded)).toBe('redis');
    expect(socketAdapterFor(loadConfig({ SOCKET_ADAPTER: 'memory' }), external)).toBe('memory');
    expect(() => loadConfig({ SOCKET_ADAPTER: 'redis' })).toThrow(/SOCKET_ADAPTER=redis needs REDIS_URL/);
    expect(() => loadConfig({ SOCKET_ADAPTER: 'kafka' })).toThrow(/SOCKET_ADAPTER must be one of auto, memory, postgres, redis/);
  });

  it('should refuse a REDIS_URL that is not one without echoing its password, and metrics on the public port', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://:s3cret@cache:6379' })).toThrow(/REDIS_URL must start with redis:\/\/ .*http:\/\/:\*\*\*@cache/);
    expect(() => loadConfig({ REDIS_URL: 'http://:s3cret@cache:6379' })).not.toThrow(/s3cret/);
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(loadConfig({ METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464, metricsHost: '127.0.0.1', shutdownDrainSeconds: 5 });
  });

  it('should read booleans in the usual spellings', () => {
    expect(loadConfig({ SEED: 'false' }).seed).toBe(false);
    expect(loadConfig({ SEED: 'YES' }).seed).toBe(true);
    expect(loadConfig({ SEED: '0' }).seed).toBe(false);
  });
  it('should take VAPID keys together or not at all, check their form, and default the subject to the admin email', () => {
    const { generateVAPIDKeys } = jest.requireActual<typeof import('web-push')>('web-push');
    const keys = generateVAPIDKeys();

    expect(loadConfig({}).vapid).toEqual({ publicKey: null, privateKey: null, subject: 'mailto:admin@mpp.local' });
    expect(loadConfig({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'https://mpp.kupangkota.go.id' }).vapid).toEqual({
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      subject: 'https://mpp.kupangkota.go.id',
    });
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(/VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: keys.privateKey, VAPID_PRIVATE_KEY: keys.publicKey })).toThrow(/VAPID_PUBLIC_KEY must be a P-256 public key[\s\S]*VAPID_PRIVATE_KEY must be a P-256 private key/);
    expect(() => loadConfig({ VAPID_SUBJECT: 'admin' })).toThrow(/VAPID_SUBJECT must be a mailto: or https: address/);
  });
});
