import type { CitizenMeResponse } from '@mpp/contracts';
import type { Page } from 'playwright-core';

/**
 * Signs the page's browser in as a citizen, as the portal's sign-in page does: the one-time code
 * asked for `typed` (a mobile number or an email address), read by `readCode` as the phone or
 * mailbox would receive it (apps/api/test/support/citizen.ts `readSignInCode`, from the outbox),
 * then verified from the page (which must be on the portal), so the httpOnly session cookie lands
 * in this browser. Answers `GET citizen/me` as the page sees it.
 */
export async function signInCitizen(page: Page, typed: string, readCode: () => Promise<string | null>): Promise<CitizenMeResponse> {
  const post = (path: string, body: object) =>
    page.evaluate(
      async ([url, json]) => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
        return res.status;
      },
      [`/api/v1/citizen/${path}`, JSON.stringify(body)] as const,
    );
  const sent = await post('otp', { recipient: typed });
  if (sent !== 200) throw new Error(`citizen/otp answered ${sent}`);
  const code = await readCode();
  if (!code) throw new Error('no sign-in code in the outbox');
  const verified = await post('otp/verify', { recipient: typed, code });
  if (verified !== 200) throw new Error(`citizen/otp/verify answered ${verified}`);
  return page.evaluate(async () => (await (await fetch('/api/v1/citizen/me')).json()) as CitizenMeResponse);
}
