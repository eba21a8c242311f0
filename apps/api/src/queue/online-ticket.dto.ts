import { CITIZEN_LANGUAGES, ONLINE_TICKET_NOTIFY_CHOICES, type CitizenLanguage, type OnlineTicketNotifyBy, type OnlineTicketPolicy } from '@mpp/contracts';
import { PickType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CitizenIdentityDto } from '../common/dto/citizen-identity.dto';

const notifyByMessage = {
  message: {
    id: 'notifyBy harus sms, whatsapp atau none (tanpa pesan).',
    en: 'notifyBy must be sms, whatsapp or none (no message).',
  },
};
const languageMessage = { message: { id: 'language harus id atau en.', en: 'language must be id or en.' } };

/** A ticket from home: the service and who takes it (checked by libs/domain's rules, as a booking's). */
export class CreateOnlineTicketDto extends PickType(CitizenIdentityDto, ['nik', 'fullName', 'phone'] as const) {
  @IsUUID()
  serviceId!: string;

  /** How to tell the citizen when the ticket is called: sms (default), whatsapp, or none */
  @IsOptional()
  @IsIn(ONLINE_TICKET_NOTIFY_CHOICES, { context: notifyByMessage })
  notifyBy?: OnlineTicketNotifyBy;

  /** The language of that message: id (default) or en */
  @IsOptional()
  @IsIn(CITIZEN_LANGUAGES, { context: languageMessage })
  language?: CitizenLanguage;
}

export class OnlineTicketAvailabilityQueryDto {
  @IsUUID()
  serviceId!: string;
}

/** A site's daily caps per NIK for tickets from home. */
export class OnlineTicketPolicyDto implements OnlineTicketPolicy {
  /** Tickets a NIK may take from home per service and day (1–10) */
  @IsInt()
  @Min(1)
  @Max(10)
  perServiceDaily!: number;

  /** Tickets a NIK may take from home per day at the site, all services together (1–20) */
  @IsInt()
  @Min(1)
  @Max(20)
  perDay!: number;
}
