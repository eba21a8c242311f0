import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class PushKeysDto {
  /** The browser's P-256 public key, base64url (65 bytes) */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{86,88}={0,2}$/, { message: 'keys.p256dh must be a P-256 public key in base64url.' })
  p256dh!: string;

  /** The 16-byte authentication secret, base64url */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{21,24}={0,2}$/, { message: 'keys.auth must be 16 bytes in base64url.' })
  auth!: string;
}

/** PushSubscription.toJSON() as the browser gives it, and the page's language. */
export class PushSubscriptionDto {
  /** The push service's URL for this browser (https) */
  @IsString()
  @MaxLength(1000)
  endpoint!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys!: PushKeysDto;

  /** The language of the messages (the page's): id (default) or en */
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class PushUnsubscribeDto {
  @IsString()
  @MaxLength(1000)
  endpoint!: string;
}

export class PushSettingsDto {
  /** Send "N orang lagi sebelum Anda" when this many people or fewer are ahead (0 = never) */
  @IsInt()
  @Min(0)
  @Max(50)
  aheadNotice!: number;
}
