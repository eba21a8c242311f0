import { Injectable, Logger } from '@nestjs/common';
import type { CitizenContactAddedResponse, CitizenLanguage, CitizenMeResponse, CitizenNotifyBy, CitizenOtpSentResponse } from '@mpp/contracts';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import { NotificationRecipients } from '../notifications/notification-recipients';
import { CITIZEN_MESSAGES } from './citizen.messages';
import { CitizenRepository } from './citizen.repository';
import { CitizenPrincipal, CitizenSessionsService } from './citizen-sessions.service';
import { OtpService } from './otp.service';

/**
 * What a signed-in citizen changes in their account: how they are told (notifyBy, language), and
 * the contacts they prove, which join two citizens made by signing in with a number and with an
 * email (docs/citizen-account.md, "One person, one account").
 */
@Injectable()
export class CitizenAccountService {
  private readonly logger = new Logger('CitizenAccount');

  constructor(
    private readonly repo: CitizenRepository,
    private readonly sessions: CitizenSessionsService,
    private readonly otp: OtpService,
    private readonly cipher: PiiCipher,
    private readonly recipients: NotificationRecipients,
  ) {}

  /**
   * Records the choice on the citizen (the default for what they book or take from home next) and,
   * for each of their verified numbers, as the number's channel and language (so a booking made
   * without the account still follows it). `email` needs a verified email address; `none` leaves the
   * numbers' channel as it was: it turns off the online ticket's "called", not a booking's confirmation.
   */
  async setPreferences(principal: CitizenPrincipal, notifyBy: CitizenNotifyBy, language: CitizenLanguage | null): Promise<CitizenMeResponse> {
    const identities = await this.repo.identitiesOf(principal.citizenId);
    if (notifyBy === 'email' && !identities.some((i) => i.kind === 'email')) {
      throw ApiException.badRequest('NOTIFY_BY_EMAIL_WITHOUT_EMAIL', CITIZEN_MESSAGES.emailNotVerified, [{ field: 'notifyBy', message: CITIZEN_MESSAGES.emailNotVerified }]);
    }
    await this.repo.transaction(async (tx) => {
      await this.repo.setPreferences(principal.citizenId, notifyBy, language, tx);
      if (notifyBy === 'none') return;
      const chosenLanguage = language ?? (await this.repo.findPreferences(principal.citizenId)).language ?? 'id';
      for (const identity of identities.filter((i) => i.kind === 'phone')) {
        // Choosing again lifts an earlier opt-out, as the booking and ticket forms do not.
        await this.recipients.choose({ kind: 'phone', phone: this.cipher.decrypt(identity.value_cipher) }, { channel: notifyBy, language: chosenLanguage }, true, tx);
      }
    });
    return this.sessions.me(principal);
  }

  /** A code to the contact the citizen wants to add (the sign-in code's rules and limits). */
  requestContactCode(input: string, clientAddress: string): Promise<CitizenOtpSentResponse> {
    return this.otp.request(input, clientAddress);
  }

  /** The contact proved by its code becomes the citizen's; another citizen who had it is merged into this one. */
  async addContact(principal: CitizenPrincipal, input: string, code: string): Promise<CitizenContactAddedResponse> {
    const recipient = await this.otp.verify(input, code);
    const added = await this.repo.addContact(principal.tokenHash, recipient.kind, this.otp.recipientHash(recipient), this.cipher.encrypt(recipient.value));
    if (!added) throw ApiException.unauthorized('CITIZEN_SIGNED_OUT', CITIZEN_MESSAGES.signedOut);
    // Ids only: which citizens joined is no personal data, the contact is.
    if (added.merged) this.logger.log({ msg: 'citizen accounts merged', citizenId: added.citizenId });
    await this.applyToNumbers(added.citizenId);
    const me = await this.sessions.me({ ...principal, citizenId: added.citizenId });
    return { ...me, merged: added.merged };
  }

  /**
   * After a contact was added (a new number, or the numbers of a merged citizen): the account's
   * choice recorded for each of its numbers, as setPreferences does (an opt-out stays). The contact
   * is added whatever happens here: a failure is logged by the citizen's id only.
   */
  private async applyToNumbers(citizenId: string): Promise<void> {
    try {
      const { notify_by: notifyBy, language } = await this.repo.findPreferences(citizenId);
      if (!notifyBy || notifyBy === 'none') return;
      for (const identity of (await this.repo.identitiesOf(citizenId)).filter((i) => i.kind === 'phone')) {
        await this.recipients.choose({ kind: 'phone', phone: this.cipher.decrypt(identity.value_cipher) }, { channel: notifyBy, language: language ?? 'id' });
      }
    } catch (error) {
      this.logger.warn({ msg: "the account's choice not recorded for its numbers", citizenId, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}
