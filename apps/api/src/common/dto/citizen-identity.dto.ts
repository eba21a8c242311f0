import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { IsIndonesianMobile, IsNik, IsPersonName } from '../person.validators';

/**
 * Who the citizen is, as every public form takes it (an application, a booking, a ticket from
 * home): one set of rules and one OpenAPI description. A form without the email takes
 * `PickType(CitizenIdentityDto, [...])` from @nestjs/swagger, which keeps both.
 */
export class CitizenIdentityDto {
  /** 16-digit NIK (checked against its structure: area, birth date, serial) */
  @IsNik()
  nik!: string;

  /** Checked in Unicode NFC after trimming (libs/domain checkPersonName) */
  @IsPersonName()
  fullName!: string;

  /** Indonesian mobile number: 08…, 628… or +628… */
  @IsIndonesianMobile()
  phone!: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}
