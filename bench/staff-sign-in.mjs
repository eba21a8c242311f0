// Signs a staff member in as the counter app does (docs/admin.md, Sign-in): the password, then an
// administrator's TOTP step. The codes are RFC 6238's (HMAC-SHA-1, 6 digits, 30 s), computed as
// apps/api/src/auth/totp.ts does (its unit tests hold the RFC's vectors): a bench runs the built
// API and cannot import TypeScript.
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_MS = 30_000;

function base32Decode(text) {
  const out = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.toUpperCase().replace(/[\s=-]/g, '')) {
    value = ((value << 5) | BASE32.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totpCode(secret, step) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Each account's secret (from its enrolment) and the last step used: the API accepts a step once. */
const phone = new Map();

async function nextCode(email) {
  const entry = phone.get(email);
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / STEP_MS);
    const step = [now % STEP_MS < STEP_MS - 5_000 ? current - 1 : null, current, current + 1].find((s) => s !== null && s > entry.last);
    if (step !== undefined) {
      entry.last = step;
      return totpCode(entry.secret, step);
    }
    await sleep(STEP_MS - (now % STEP_MS) + 50);
  }
}

/**
 * `send(method, path, { body })` answers `{ status, body }` (the benches' own). Resolves to the
 * login answer with `accessToken`; throws with the API's answer on any refusal.
 */
export async function signInStaff(send, credentials) {
  const expect200 = async (path, body) => {
    const res = await send('POST', path, { body });
    if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}, expected 200: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const email = credentials.email.trim().toLowerCase();
  const login = await expect200('/api/v1/auth/login', credentials);
  if (login.status === 'second_factor_enrolment_required') {
    const { secret } = await expect200('/api/v1/auth/totp/enrolment', { enrolmentToken: login.enrolmentToken });
    phone.set(email, { secret, last: -Infinity });
    return expect200('/api/v1/auth/totp/enrolment/confirm', { enrolmentToken: login.enrolmentToken, code: await nextCode(email) });
  }
  if (login.status === 'second_factor_required') {
    if (!phone.has(email)) throw new Error(`${email} enrolled an authenticator outside this bench run: reset its second factor or use a fresh database`);
    return expect200('/api/v1/auth/totp/verify', { challengeToken: login.challengeToken, code: await nextCode(email) });
  }
  return login;
}
