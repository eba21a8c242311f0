import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { codeInOtpMessage } from '../../src/citizen/otp-message';
import { PiiCipher } from '../../src/common/pii-cipher';
import type { ApiClient } from './hall';

/**
 * The test plays the citizen's phone or mailbox: the newest sign-in code sent to `recipient`
 * (E.164 or lower-case email), read from the outbox and decrypted with the API's own key, as the
 * channel would. Null when none was sent.
 */
export async function readSignInCode(app: INestApplication, recipient: string): Promise<string | null> {
  const cipher = app.get(PiiCipher);
  const rows: { recipient_cipher: string; body_cipher: string | null }[] = await app
    .get(DataSource)
    .query(`SELECT recipient_cipher, body_cipher FROM outbox_message WHERE booking_id IS NULL ORDER BY id DESC LIMIT 200`);
  for (const row of rows) {
    if (row.body_cipher && cipher.decrypt(row.recipient_cipher) === recipient) {
      const code = codeInOtpMessage(cipher.decrypt(row.body_cipher));
      if (code) return code;
    }
  }
  return null;
}

/** The session cookie of an answer's Set-Cookie ("mpp_citizen=…"), ready for a Cookie header. */
export function sessionCookieOf(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith('mpp_citizen='));
  if (!found) throw new Error(`no citizen session cookie in ${JSON.stringify(all)}`);
  return found.split(';')[0];
}

/** Signs in by code as the citizen of `recipient` (typed as a citizen would); answers the Cookie header. */
export async function signInByCode(t: Pick<ApiClient, 'http'> & { app: INestApplication }, typed: string, normalized: string, address = '10.9.0.1'): Promise<string> {
  await t.http().post('/api/v1/citizen/otp').set('X-Forwarded-For', address).send({ recipient: typed }).expect(200);
  const code = await readSignInCode(t.app, normalized);
  if (!code) throw new Error('no sign-in code in the outbox');
  const res = await t.http().post('/api/v1/citizen/otp/verify').send({ recipient: typed, code }).expect(200);
  return sessionCookieOf(res.headers['set-cookie']);
}
