/**
 * The citizen account's settings (docs/citizen-account.md), read by loadConfig with the rest:
 * how many sign-in codes one client address may ask for in an hour, and the OpenID Connect
 * provider, all four OIDC_* variables or none.
 */
export interface CitizenConfig {
  /** Sign-in codes asked per client address per hour (per recipient the limit is fixed: 1 a minute, 5 an hour). */
  otpRateLimit: number;
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The API's callback, `…/api/v1/citizen/oidc/callback`, as registered at the provider. */
  redirectUri: string;
  /** Shown on the sign-in button: "Masuk dengan <name>". */
  name: string;
}

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

export function readCitizenConfig(env: Record<string, string | undefined>, problems: string[]): CitizenConfig {
  const value = (name: string) => env[name]?.trim() || null;
  const rawLimit = value('CITIZEN_OTP_RATE_LIMIT');
  let otpRateLimit = 200;
  if (rawLimit !== null) {
    if (/^\d+$/.test(rawLimit) && Number(rawLimit) >= 1 && Number(rawLimit) <= 1_000_000) otpRateLimit = Number(rawLimit);
    else problems.push(`CITIZEN_OTP_RATE_LIMIT must be a whole number from 1 to 1000000 (got "${rawLimit}").`);
  }

  const set = OIDC_VARIABLES.filter((name) => value(name) !== null);
  if (set.length === 0) return { otpRateLimit, oidc: null };
  if (set.length < OIDC_VARIABLES.length) {
    const missing = OIDC_VARIABLES.filter((name) => !set.includes(name));
    problems.push(`OpenID Connect needs all of ${OIDC_VARIABLES.join(', ')}: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`);
    return { otpRateLimit, oidc: null };
  }
  const issuer = value('OIDC_ISSUER')!;
  const redirectUri = value('OIDC_REDIRECT_URI')!;
  for (const [name, url] of [['OIDC_ISSUER', issuer], ['OIDC_REDIRECT_URI', redirectUri]] as const) {
    if (!isHttpUrl(url)) problems.push(`${name} must be an http:// or https:// URL (got "${url}").`);
  }
  if (isHttpUrl(redirectUri) && !new URL(redirectUri).pathname.endsWith('/api/v1/citizen/oidc/callback')) {
    problems.push(`OIDC_REDIRECT_URI must be this API's callback, ending in /api/v1/citizen/oidc/callback (got "${redirectUri}").`);
  }
  return {
    otpRateLimit,
    oidc: { issuer, clientId: value('OIDC_CLIENT_ID')!, clientSecret: value('OIDC_CLIENT_SECRET')!, redirectUri, name: value('OIDC_NAME') ?? 'penyedia identitas' },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
