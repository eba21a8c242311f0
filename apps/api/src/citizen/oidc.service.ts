import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as OpenIdClient from 'openid-client';
import { PiiCipher } from '../common/pii-cipher';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { OidcConfig } from '../config/citizen-config';

/** What the browser carries between the start and the callback, encrypted in the OIDC cookie. */
interface LoginInFlight {
  verifier: string;
  state: string;
  nonce: string;
  /** Issued at (ms), so an old cookie is refused even if the browser kept it. */
  at: number;
}

export const OIDC_LOGIN_TTL_SECONDS = 600;

/**
 * openid-client is ESM-only: loaded at the first OIDC sign-in, not at start (Node 20.19+ and 22
 * load it from the compiled CommonJS; Jest's module system cannot, so the OIDC test runs the API
 * as a process of its own).
 */
function loadOpenIdClient(): Promise<typeof OpenIdClient> {
  return import('openid-client');
}

/**
 * Signing in with the OpenID Connect provider of OIDC_* (Indonesia's identity providers speak
 * OIDC): authorization code flow with PKCE (S256), state and nonce, by `openid-client`. The
 * provider's metadata is discovered at the first use and kept. The subject (iss + sub) is the
 * citizen's identity; nothing else of the ID token is kept.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('CitizenAccount');
  private discovered: Promise<OpenIdClient.Configuration> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cipher: PiiCipher,
  ) {}

  get settings(): OidcConfig | null {
    return this.config.citizen.oidc;
  }

  /** The provider's authorization URL and the sealed cookie value to keep until the callback. */
  async start(): Promise<{ url: string; cookie: string }> {
    const settings = this.required();
    const oidc = await loadOpenIdClient();
    const configuration = await this.configuration();
    const flight: LoginInFlight = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), at: Date.now() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(flight.verifier),
      code_challenge_method: 'S256',
      state: flight.state,
      nonce: flight.nonce,
    });
    return { url: url.href, cookie: this.cipher.encrypt(JSON.stringify(flight)) };
  }

  /**
   * The provider's answer checked (state, PKCE, nonce, the ID token's signature, issuer, audience
   * and times): the subject, or null for anything wrong, logged without the provider's text.
   */
  async finish(query: string, cookie: string | null): Promise<{ issuer: string; subject: string } | null> {
    const settings = this.required();
    let flight: LoginInFlight;
    try {
      if (!cookie) throw new Error('no login in flight (cookie missing)');
      flight = JSON.parse(this.cipher.decrypt(cookie)) as LoginInFlight;
      if (Date.now() - flight.at > OIDC_LOGIN_TTL_SECONDS * 1000) throw new Error('login in flight expired');
    } catch (error) {
      this.logger.warn({ msg: 'OIDC callback refused', reason: (error as Error).message });
      return null;
    }
    try {
      const current = new URL(settings.redirectUri);
      current.search = query;
      const oidc = await loadOpenIdClient();
      const tokens = await oidc.authorizationCodeGrant(await this.configuration(), current, {
        pkceCodeVerifier: flight.verifier,
        expectedState: flight.state,
        expectedNonce: flight.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims?.sub) throw new Error('no subject in the ID token');
      return { issuer: String(claims.iss), subject: claims.sub };
    } catch (error) {
      // The error's name and code only: a provider's text may quote what it was sent.
      const e = error as { name?: string; code?: string; error?: string };
      this.logger.warn({ msg: 'OIDC sign-in failed', error: e.name, code: e.code ?? e.error });
      return null;
    }
  }

  /** The keyed hash that finds the citizen of a provider's subject (`iss|sub`). */
  identityHash(issuerAndSubject: string): string {
    return this.cipher.lookupHash(`citizen-oidc:${issuerAndSubject}`);
  }

  private required(): OidcConfig {
    if (!this.settings) throw new Error('OIDC is not configured');
    return this.settings;
  }

  private configuration(): Promise<OpenIdClient.Configuration> {
    const settings = this.required();
    this.discovered ??= loadOpenIdClient()
      .then((oidc) =>
        oidc.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        ...(settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      }),
      )
      .catch((error: unknown) => {
        // Tried again at the next sign-in.
        this.discovered = null;
        throw error;
      });
    return this.discovered;
  }
}
