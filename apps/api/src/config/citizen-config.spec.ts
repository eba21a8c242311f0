import { loadConfig } from './app-config';
import { readCitizenConfig } from './citizen-config';

const OIDC = {
  OIDC_ISSUER: 'https://id.example.go.id',
  OIDC_CLIENT_ID: 'mpp-portal',
  OIDC_CLIENT_SECRET: 'rahasia',
  OIDC_REDIRECT_URI: 'https://mpp.example.go.id/api/v1/citizen/oidc/callback',
};

describe(readCitizenConfig.name, () => {
  it('should leave OpenID Connect off without its variables and default the per-address code limit', () => {
    const problems: string[] = [];

    expect(readCitizenConfig({}, problems)).toEqual({ otpRateLimit: 200, oidc: null });
    expect(problems).toEqual([]);
  });

  it('should read all four OIDC variables, with the provider named by OIDC_NAME', () => {
    const problems: string[] = [];

    const sut = readCitizenConfig({ ...OIDC, OIDC_NAME: 'IKD', CITIZEN_OTP_RATE_LIMIT: '50' }, problems);

    expect(sut).toEqual({ otpRateLimit: 50, oidc: { issuer: OIDC.OIDC_ISSUER, clientId: 'mpp-portal', clientSecret: 'rahasia', redirectUri: OIDC.OIDC_REDIRECT_URI, name: 'IKD' } });
    expect(problems).toEqual([]);
  });

  it('should stop the start naming what is missing or wrong', () => {
    expect(() => loadConfig({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI are missing/);
    expect(() => loadConfig({ ...OIDC, OIDC_ISSUER: 'id.example.go.id' })).toThrow(/OIDC_ISSUER must be an http/);
    expect(() => loadConfig({ ...OIDC, OIDC_REDIRECT_URI: 'https://mpp.example.go.id/akun' })).toThrow(/OIDC_REDIRECT_URI must be this API's callback/);
    expect(() => loadConfig({ CITIZEN_OTP_RATE_LIMIT: '0' })).toThrow(/CITIZEN_OTP_RATE_LIMIT must be a whole number/);
  });
});
