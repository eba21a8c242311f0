import type { LoginResponse, LoginResult, TotpEnrolmentResponse } from '@mpp/contracts';
import { totpCode, totpStep, TOTP_STEP_SECONDS, TOTP_WINDOW } from '../../src/auth/totp';

const STEP_MS = TOTP_STEP_SECONDS * 1000;

/**
 * The administrators' phone in tests: it keeps each account's TOTP secret (as returned at
 * enrolment) and gives codes the way a person would type them, never the same time step twice for
 * an account (the API refuses a used step). Up to three sign-ins per account within 30 s use the
 * steps around now; a fourth waits for the next step.
 */
export class TestAuthenticator {
  private readonly secrets = new Map<string, string>();
  private readonly lastStep = new Map<string, number>();

  enrol(email: string, secret: string): void {
    this.secrets.set(email.trim().toLowerCase(), secret.replace(/\s/g, ''));
    this.lastStep.delete(email.trim().toLowerCase());
  }

  secretOf(email: string): string {
    const secret = this.secrets.get(email.trim().toLowerCase());
    if (!secret) throw new Error(`no authenticator enrolled for ${email} in this test`);
    return secret;
  }

  /** Marks every step up to the current one's successor as used (the API said the code was used elsewhere). */
  skipAhead(email: string): void {
    this.lastStep.set(email.trim().toLowerCase(), totpStep(Date.now()) + TOTP_WINDOW);
  }

  /** A code the API accepts now for this account and has not accepted before. */
  async code(email: string): Promise<string> {
    const key = email.trim().toLowerCase();
    const secret = this.secretOf(key);
    for (;;) {
      const now = Date.now();
      const current = totpStep(now);
      const last = this.lastStep.get(key) ?? -Infinity;
      // The step before now only while the API cannot have moved two steps past it.
      const candidates = [...(now % STEP_MS < STEP_MS - 5_000 ? [current - TOTP_WINDOW] : []), current, current + TOTP_WINDOW];
      const step = candidates.find((s) => s > last);
      if (step !== undefined) {
        this.lastStep.set(key, step);
        return totpCode(secret, step);
      }
      await new Promise((resolve) => setTimeout(resolve, STEP_MS - (now % STEP_MS) + 50));
    }
  }
}

export type PostJson = (path: string, body: object) => Promise<{ status: number; body: unknown }>;

/**
 * Signs a staff member in through the API as the counter app does: the password, then for an
 * administrator the enrolment (the secret goes to `phone`) or the code from `phone`.
 */
export async function signInStaff(post: PostJson, phone: TestAuthenticator, email: string, password: string): Promise<LoginResponse> {
  const fail = (step: string, res: { status: number; body: unknown }) =>
    new Error(`sign-in as ${email} failed at ${step}: ${res.status} ${JSON.stringify(res.body)}`);
  const login = await post('/api/v1/auth/login', { email, password });
  if (login.status !== 200) throw fail('the password', login);
  const result = login.body as LoginResult;
  switch (result.status) {
    case 'signed_in':
      return result;
    case 'second_factor_enrolment_required': {
      const enrolment = await post('/api/v1/auth/totp/enrolment', { enrolmentToken: result.enrolmentToken });
      if (enrolment.status !== 200) throw fail('the enrolment', enrolment);
      phone.enrol(email, (enrolment.body as TotpEnrolmentResponse).secret);
      const confirmed = await post('/api/v1/auth/totp/enrolment/confirm', { enrolmentToken: result.enrolmentToken, code: await phone.code(email) });
      if (confirmed.status !== 200) throw fail('the first code', confirmed);
      return confirmed.body as LoginResponse;
    }
    case 'second_factor_required': {
      let verified = await post('/api/v1/auth/totp/verify', { challengeToken: result.challengeToken, code: await phone.code(email) });
      if (verified.status === 401 && (verified.body as { code?: string }).code === 'SECOND_FACTOR_CODE_USED') {
        // Signed in elsewhere (a browser) with a step this phone did not hand out: the next one.
        phone.skipAhead(email);
        verified = await post('/api/v1/auth/totp/verify', { challengeToken: result.challengeToken, code: await phone.code(email) });
      }
      if (verified.status !== 200) throw fail('the code', verified);
      return verified.body as LoginResponse;
    }
  }
}
