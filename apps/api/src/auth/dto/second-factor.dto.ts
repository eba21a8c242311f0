import { IsJWT, Matches, MaxLength } from 'class-validator';

const CODE = /^\d{6}$/;
const CODE_MESSAGE = 'code must be the 6 digits shown by the authenticator app';

export class TotpEnrolmentDto {
  /** From POST /auth/login's answer `second_factor_enrolment_required`. */
  @IsJWT()
  @MaxLength(2000)
  enrolmentToken!: string;
}

export class TotpConfirmDto extends TotpEnrolmentDto {
  /** Six digits from the authenticator app, e.g. 492039 */
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;
}

export class TotpVerifyDto {
  /** From POST /auth/login's answer `second_factor_required`. */
  @IsJWT()
  @MaxLength(2000)
  challengeToken!: string;

  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;
}
