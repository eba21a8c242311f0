import type { CitizenHistoryResponse, CitizenMeResponse, CitizenProvidersResponse } from '@mpp/contracts';
import { Client } from 'pg';
import { clusterSecrets, startApiProcess, type ApiProcess } from './support/api-processes';
import { freePort } from './support/free-port';
import { CookieBrowser, formOf, startOidcProvider, type TestOidcProvider } from './support/oidc';
import { createTestDatabase, type TestDatabase } from './support/test-app';

/**
 * Signing in with OpenID Connect against a real provider (oidc-provider, in a process of its
 * own) through its login and consent pages, the API as a process of its own too (openid-client is
 * ESM-only, which Jest's module system does not load): authorization code, PKCE, state, nonce.
 */
describe('Citizen account: OpenID Connect', () => {
  let db: TestDatabase;
  let provider: TestOidcProvider;
  let api: ApiProcess;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    const apiPort = await freePort();
    const redirectUri = `http://127.0.0.1:${apiPort}/api/v1/citizen/oidc/callback`;
    provider = await startOidcProvider({ port: await freePort(), clientId: 'mpp-portal-uji', clientSecret: 'rahasia-klien-oidc-uji', redirectUri });
    api = await startApiProcess({
      name: 'citizen-oidc',
      databaseUrl: db.url,
      secrets: clusterSecrets(),
      env: {
        PORT: String(apiPort),
        SEED: 'false',
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'mpp-portal-uji',
        OIDC_CLIENT_SECRET: 'rahasia-klien-oidc-uji',
        OIDC_REDIRECT_URI: redirectUri,
        OIDC_NAME: 'IKD Uji',
      },
    });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    await api?.stop();
    await provider?.stop();
    await db?.drop();
  });

  const atPortal = (url: string) => new URL(url).pathname.startsWith('/akun/');

  /** The whole login as a browser does it, as the provider's account `login`; answers the browser and where it ended. */
  const signIn = async (login: string): Promise<{ browser: CookieBrowser; landed: string; authorizeUrl: URL }> => {
    const browser = new CookieBrowser();
    const start = await browser.request(`${api.url}/api/v1/citizen/oidc/start`);
    expect(start.status).toBe(303);
    const authorizeUrl = new URL(start.location!);
    let page = await browser.follow(start.location!, atPortal);
    for (let step = 0; step < 4 && new URL(page.url).pathname.startsWith('/interaction/'); step++) {
      const form = formOf(page.body, page.url);
      const fields = form.fields.prompt === 'login' ? { ...form.fields, login, password: 'apa-saja' } : form.fields;
      const submitted = await browser.request(form.action, { method: 'POST', form: fields });
      page = await browser.follow(submitted.location!, atPortal);
    }
    return { browser, landed: page.url, authorizeUrl };
  };

  it('should offer the configured provider by its name', async () => {
    const res = await fetch(`${api.url}/api/v1/citizen/providers`);

    expect((await res.json()) as CitizenProvidersResponse).toEqual({ oidc: { name: 'IKD Uji', startUrl: '/api/v1/citizen/oidc/start' } });
  });

  it("should sign in through the provider's login and consent pages with PKCE, state and nonce, into a citizen session", async () => {
    const { browser, landed, authorizeUrl } = await signIn('warga-3171-0001');

    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'mpp-portal-uji',
      scope: 'openid',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(new URL(landed).pathname).toBe('/akun/riwayat');
    const cookie = `mpp_citizen=${browser.cookie('mpp_citizen')}`;
    const me = (await (await fetch(`${api.url}/api/v1/citizen/me`, { headers: { cookie } })).json()) as CitizenMeResponse;
    expect(me.identities).toEqual([{ kind: 'oidc', label: 'IKD Uji' }]);
    const history = (await (await fetch(`${api.url}/api/v1/citizen/history`, { headers: { cookie } })).json()) as CitizenHistoryResponse;
    expect(history.items).toEqual([]);
  });

  it('should find the same citizen for the same subject, another for another, and keep the subject only hashed and encrypted', async () => {
    await signIn('warga-3171-0002');
    await signIn('warga-3171-0002');
    await signIn('warga-3171-0003');

    const rows = (await sql.query<{ lookup_hash: string; value_cipher: string; citizen_id: string }>(`SELECT lookup_hash, value_cipher, citizen_id FROM citizen_identity WHERE kind = 'oidc'`)).rows;
    const hashes = rows.map((r) => r.lookup_hash);
    expect(new Set(hashes).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain('warga-3171');
    const sessions = (await sql.query<{ n: string }>(`SELECT count(*) AS n FROM citizen_session s JOIN citizen_identity i USING (citizen_id) WHERE i.kind = 'oidc' GROUP BY s.citizen_id ORDER BY n DESC`)).rows;
    expect(sessions.map((r) => Number(r.n))).toContain(2);
  });

  it('should refuse a callback whose state is not the one the browser started with, or without the login cookie', async () => {
    const browser = new CookieBrowser();
    const start = await browser.request(`${api.url}/api/v1/citizen/oidc/start`);
    const state = new URL(start.location!).searchParams.get('state')!;

    const forged = await browser.request(`${api.url}/api/v1/citizen/oidc/callback?code=abc&state=${state}x&iss=${encodeURIComponent(provider.issuer)}`);
    const stranger = await new CookieBrowser().request(`${api.url}/api/v1/citizen/oidc/callback?code=abc&state=${state}&iss=${encodeURIComponent(provider.issuer)}`);

    for (const res of [forged, stranger]) {
      expect(res.status).toBe(303);
      expect(new URL(res.location!).pathname + new URL(res.location!).search).toBe('/akun/masuk?gagal=oidc');
    }
    expect(browser.cookie('mpp_citizen')).toBeUndefined();
  });
});
