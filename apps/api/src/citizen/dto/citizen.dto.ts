import { IsString, MaxLength } from 'class-validator';

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
