import type { Request } from 'express';
import { HostPolicy } from './host-policy';

/** A request as Express gives it: Host (after TRUST_PROXY), scheme, the socket it came in on. */
function newRequest(host: string, overrides: { protocol?: string; localAddress?: string; localPort?: number } = {}): Request {
  return {
    host,
    protocol: overrides.protocol ?? 'http',
    socket: { localAddress: overrides.localAddress ?? '10.0.0.5', localPort: overrides.localPort ?? 3000 },
  } as unknown as Request;
}

const newPolicy = (overrides: Partial<ConstructorParameters<typeof HostPolicy>[0]> = {}) =>
  new HostPolicy({ publicUrl: null, host: '0.0.0.0', allowedHosts: [], allowedOrigins: [], nodeEnv: 'production', ...overrides }, () => ['127.0.0.1', '10.0.0.5', '::1']);

describe(HostPolicy.name, () => {
  it('should build links from PUBLIC_URL whatever the Host says', () => {
    const sut = newPolicy({ publicUrl: 'https://antrean.kupangkota.go.id/' });
    expect(sut.baseUrl(newRequest('mpp-kupang.evil.example'))).toBe('https://antrean.kupangkota.go.id');
  });

  it('should use a Host that is a listen address with the listen port, and nothing else', () => {
    const sut = newPolicy();
    expect(sut.baseUrl(newRequest('10.0.0.5:3000'))).toBe('http://10.0.0.5:3000');
    expect(sut.baseUrl(newRequest('localhost:3000'))).toBe('http://localhost:3000');
    for (const host of ['mpp-kupang.evil.example', 'mpp-kupang.evil.example:3000', '10.0.0.5:8080', '10.0.0.5']) {
      expect(sut.baseUrl(newRequest(host))).toBe('http://10.0.0.5:3000');
    }
  });

  it('should accept ALLOWED_HOSTS and the host of PUBLIC_URL as given', () => {
    const sut = newPolicy({ allowedHosts: ['mpp.kupangkota.go.id'] });
    expect(sut.baseUrl(newRequest('mpp.kupangkota.go.id', { protocol: 'https' }))).toBe('https://mpp.kupangkota.go.id');
    expect(sut.isAllowedHost('MPP.kupangkota.go.id', 3000)).toBe(true);
  });

  it('should listen only on the configured address when HOST is not a wildcard', () => {
    const sut = newPolicy({ host: '10.0.0.5' });
    expect(sut.isAllowedHost('10.0.0.5:3000', 3000)).toBe(true);
    expect(sut.isAllowedHost('127.0.0.1:3000', 3000)).toBe(false);
  });

  it('should allow socket.io origins on allowed hosts, PUBLIC_URL and ALLOWED_ORIGINS only', () => {
    const sut = newPolicy({ publicUrl: 'https://antrean.kupangkota.go.id', allowedOrigins: ['https://layar.kupangkota.go.id'] });
    expect(sut.isAllowedOrigin(undefined, 3000)).toBe(true);
    expect(sut.isAllowedOrigin('https://antrean.kupangkota.go.id', 3000)).toBe(true);
    expect(sut.isAllowedOrigin('https://layar.kupangkota.go.id', 3000)).toBe(true);
    expect(sut.isAllowedOrigin('http://10.0.0.5:3000', 3000)).toBe(true);
    for (const origin of ['https://mpp-kupang.evil.example', 'http://10.0.0.5:4200', 'http://localhost:4200', 'null', 'file://', 'https://antrean.kupangkota.go.id.evil.example']) {
      expect(sut.isAllowedOrigin(origin, 3000)).toBe(false);
    }
  });

  it('should let the Angular dev servers on localhost connect outside production', () => {
    expect(newPolicy({ nodeEnv: 'development' }).isAllowedOrigin('http://localhost:4200', 3000)).toBe(true);
    expect(newPolicy({ nodeEnv: 'development' }).isAllowedOrigin('http://mpp-kupang.evil.example:4200', 3000)).toBe(false);
  });
});
