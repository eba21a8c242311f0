import type { DecisionLetterKind } from '@mpp/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

const kindMessage = { message: { id: 'kind harus approval atau rejection.', en: 'kind must be approval or rejection.' } };
const bodyMessage = { message: { id: 'body harus teks, paling banyak 2000 karakter.', en: 'body must be text of at most 2000 characters.' } };

/** A decision letter to generate. */
export class CreateLetterDto {
  /** approval (while approved) or rejection (while rejected: the letter carries the decision's reason) */
  @IsIn(['approval', 'rejection'], { context: kindMessage })
  kind!: DecisionLetterKind;

  /** A paragraph the officer adds to the letter (optional) */
  @IsOptional()
  @IsString({ context: bodyMessage })
  @MaxLength(2000, { context: bodyMessage })
  body?: string;
}
