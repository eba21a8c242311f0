import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { IsIndonesianMobile, IsNik, IsPersonName } from '../common/person.validators';

/** A ticket from home: the service and who takes it (checked by libs/domain's rules, as a booking's). */
export class CreateOnlineTicketDto {
  @IsUUID()
  serviceId!: string;

  /** 16-digit NIK (checked against its structure: area, birth date, serial) */
  @IsNik()
  nik!: string;

  /** Checked in Unicode NFC after trimming (libs/domain checkPersonName) */
  @IsPersonName()
  fullName!: string;

  /** Indonesian mobile number: 08…, 628… or +628… */
  @IsIndonesianMobile()
  phone!: string;
}

export class OnlineTicketAvailabilityQueryDto {
  @IsUUID()
  serviceId!: string;
}

/** A site's daily caps per NIK for tickets from home. */
export class OnlineTicketPolicyDto {
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
