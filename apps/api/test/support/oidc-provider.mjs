/**
 * A real OpenID Connect provider for the citizen account's tests: oidc-provider (ESM-only, so a
 * process of its own, started by oidc.ts), with one confidential client whose redirect URI is the
 * API's callback. Its development interactions are the login and consent pages: any login name
 * signs in as the account of that name (the ID token's `sub`).
 *
 * Environment: OIDC_TEST_PORT, OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URI.
 * Prints `OIDC_PROVIDER_READY <issuer>` once it listens; exits when its parent is gone.
 */
import { setInterval } from 'node:timers';

import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_TEST_CLIENT_ID,
      client_secret: process.env.OIDC_TEST_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_TEST_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // PKCE is required (S256 only) for every authorization request.
  pkce: { required: () => true },
  cookies: { keys: ['oidc-test-cookie-key-0123456789abcdef'] },
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
});
// Quiet: the test reads only the ready line; errors still reach stderr.
provider.on('server_error', (_ctx, error) => console.error(`server_error ${error.message}`));

const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(1);
  }
}, 1000).unref();
process.on('SIGTERM', () => process.exit(0));

provider.listen(port, '127.0.0.1', () => console.log(`OIDC_PROVIDER_READY ${issuer}`));
