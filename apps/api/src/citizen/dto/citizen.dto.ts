import { CITIZEN_LANGUAGES, CITIZEN_NOTIFY_CHOICES, type CitizenLanguage, type CitizenNotifyBy } from '@mpp/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

const notifyByMessage = { message: { id: 'notifyBy harus sms, whatsapp, email atau none.', en: 'notifyBy must be sms, whatsapp, email or none.' } };
const languageMessage = { message: { id: 'language harus id atau en.', en: 'language must be id or en.' } };

export class CitizenOtpRequestDto {
  /** A mobile number (08…, 628…, +628…) or an email address */
  @IsString()
  @MaxLength(254)
  recipient!: string;
}

export class CitizenOtpVerifyDto {
  /** The same mobile number or email address the code was sent to */
  @IsString()
  @MaxLength(254)
  recipient!: string;

  /** The 6 digits received */
  @IsString()
  @MaxLength(16)
  code!: string;
}

export class CitizenPreferencesDto {
  /** How to be told: sms, whatsapp, email (with a verified email address) or none (nothing that is not essential) */
  @IsIn(CITIZEN_NOTIFY_CHOICES, { context: notifyByMessage })
  notifyBy!: CitizenNotifyBy;

  /** The language of the messages: id or en; omitted keeps the one chosen before */
  @IsOptional()
  @IsIn(CITIZEN_LANGUAGES, { context: languageMessage })
  language?: CitizenLanguage;
}
