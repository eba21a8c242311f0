import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Codes typed at the second step are counted like passwords (the `login` limit) per client address
 * and account: the account is the token's subject, read without checking the signature (a forged
 * token is refused anyway; a real one cannot change its subject).
 */
@Injectable()
export class SecondFactorThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req.body as { enrolmentToken?: unknown; challengeToken?: unknown } | undefined;
    const token = typeof body?.challengeToken === 'string' ? body.challengeToken : typeof body?.enrolmentToken === 'string' ? body.enrolmentToken : '';
    return `${String(req.ip)}|totp|${subjectOf(token)}`;
  }
}

function subjectOf(token: string): string {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub.slice(0, 64) : '';
  } catch {
    return '';
  }
}
