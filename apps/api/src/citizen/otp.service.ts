import { Inject, Injectable } from '@nestjs/common';
import { HttpStatus } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { CitizenOtpSentResponse } from '@mpp/contracts';
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { maskRecipient } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { CITIZEN_MESSAGES } from './citizen.messages';
import { CitizenRepository } from './citizen.repository';
import { CitizenRecipient, parseRecipient } from './citizen-recipient';
import { otpMessage } from './otp-message';

/** The sign-in code's rules (docs/citizen-account.md). */
export const OTP_POLICY = {
  digits: 6,
  ttlSeconds: 5 * 60,
  maxAttempts: 5,
  /** One code per recipient per minute… */
  resendSeconds: 60,
  /** …and at most this many per recipient per hour. */
  perRecipientPerHour: 5,
} as const;

/** A 429 whose Retry-After the error filter cannot set: the seconds go in the exception's body and a header here. */
export class OtpRateLimited extends ApiException {
  constructor(
    code: string,
    message: { id: string; en: string },
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, code, message);
  }
}

/**
 * One-time sign-in codes: 6 random digits, valid 5 minutes, 5 tries, only the newest per
 * recipient works. The code is kept only as a keyed hash (HMAC under DATA_KEY, with the code's
 * id), so neither a database dump nor the log holds it; the message carrying it goes through the
 * outbox, encrypted. Asking is limited per recipient (what protects a person's phone from being
 * flooded) and, more loosely, per client address (a hall's phones share one).
 */
@Injectable()
export class OtpService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: CitizenRepository,
    private readonly cipher: PiiCipher,
    private readonly notifications: NotificationsService,
    @InjectThrottlerStorage() private readonly rateStorage: ThrottlerStorage,
  ) {}

  /** The recipient typed by the citizen, or a 400 naming the field. */
  recipientOf(input: string): CitizenRecipient {
    const recipient = parseRecipient(input);
    if (!recipient) throw ApiException.badRequest('INVALID_RECIPIENT', CITIZEN_MESSAGES.badRecipient, [{ field: 'recipient', message: CITIZEN_MESSAGES.badRecipient }]);
    return recipient;
  }

  async request(input: string, clientAddress: string): Promise<CitizenOtpSentResponse> {
    const recipient = this.recipientOf(input);
    const recipientHash = this.recipientHash(recipient);
    const recent = await this.repo.countRecentOtps(recipientHash, 3600);
    if (recent.newestAgeSeconds !== null && recent.newestAgeSeconds < OTP_POLICY.resendSeconds) {
      throw new OtpRateLimited('OTP_TOO_SOON', CITIZEN_MESSAGES.tooSoon, Math.ceil(OTP_POLICY.resendSeconds - recent.newestAgeSeconds));
    }
    if (recent.count >= OTP_POLICY.perRecipientPerHour) throw new OtpRateLimited('OTP_TOO_MANY', CITIZEN_MESSAGES.tooManyForRecipient, 3600);
    // Per address last, so a recipient's own limit does not use up the hall's.
    // Over the limit, the address waits out the hour (the storage's block), then counts again.
    const perAddress = await this.rateStorage.increment(`citizen-otp:${clientAddress}`, 3_600_000, this.config.citizen.otpRateLimit, 3_600_000, 'citizen-otp');
    if (perAddress.isBlocked || perAddress.totalHits > this.config.citizen.otpRateLimit) {
      throw new OtpRateLimited('OTP_TOO_MANY_FROM_ADDRESS', CITIZEN_MESSAGES.tooManyFromAddress, Math.max(1, perAddress.timeToBlockExpire));
    }

    const id = randomUUID();
    const code = String(randomInt(0, 10 ** OTP_POLICY.digits)).padStart(OTP_POLICY.digits, '0');
    await this.repo.replaceOtp(recipientHash, recipient.channel, id, this.codeHash(id, code), OTP_POLICY.ttlSeconds);
    const text = otpMessage(recipient.channel, code, OTP_POLICY.ttlSeconds / 60);
    await this.notifications.send({ channel: recipient.channel, to: recipient.value, subject: text.subject, body: text.body, essential: true });
    return {
      channel: recipient.channel,
      sentTo: maskRecipient(recipient.channel, recipient.value),
      expiresInSeconds: OTP_POLICY.ttlSeconds,
      resendInSeconds: OTP_POLICY.resendSeconds,
    };
  }

  /** The verified recipient, or a 422 saying why the code does not work. */
  async verify(input: string, code: string): Promise<CitizenRecipient> {
    const recipient = this.recipientOf(input);
    if (!/^\d{6}$/.test(code)) throw ApiException.badRequest('INVALID_CODE', CITIZEN_MESSAGES.badCode, [{ field: 'code', message: CITIZEN_MESSAGES.badCode }]);
    const recipientHash = this.recipientHash(recipient);
    const otp = await this.repo.takeOtpAttempt(recipientHash, OTP_POLICY.maxAttempts);
    if (!otp) {
      if (await this.repo.hasExhaustedOtp(recipientHash, OTP_POLICY.maxAttempts)) {
        throw ApiException.unprocessable('OTP_ATTEMPTS_USED', CITIZEN_MESSAGES.attemptsUsed);
      }
      throw ApiException.unprocessable('OTP_NOT_VALID', CITIZEN_MESSAGES.noLiveCode);
    }
    const expected = Buffer.from(otp.code_hash, 'hex');
    const given = Buffer.from(this.codeHash(otp.id, code), 'hex');
    if (!timingSafeEqual(expected, given)) {
      if (otp.attempts >= OTP_POLICY.maxAttempts) throw ApiException.unprocessable('OTP_ATTEMPTS_USED', CITIZEN_MESSAGES.attemptsUsed);
      throw ApiException.unprocessable('OTP_WRONG', CITIZEN_MESSAGES.wrongCode);
    }
    if (!(await this.repo.useOtp(otp.id))) throw ApiException.unprocessable('OTP_NOT_VALID', CITIZEN_MESSAGES.noLiveCode);
    return recipient;
  }

  /** The keyed hash that finds a recipient's codes and its identity. */
  recipientHash(recipient: CitizenRecipient): string {
    return this.cipher.lookupHash(`citizen-${recipient.kind}:${recipient.value}`);
  }

  private codeHash(id: string, code: string): string {
    // Keyed (DATA_KEY) so the 10^6 codes cannot be tried against a dump; the id makes each unique.
    return this.cipher.lookupHash(`citizen-otp:${id}:${createHash('sha256').update(code).digest('hex')}`);
  }
}
