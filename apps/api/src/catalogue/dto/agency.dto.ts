import { OmitType, PartialType } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { SLUG } from './site.dto';

export class CreateAgencyDto {
  /** Lowercase slug, unique within the site, e.g. "dukcapil" */
  @Matches(SLUG, { context: { message: { id: 'Kode hanya boleh huruf kecil, angka dan tanda hubung, mis. dukcapil.', en: 'The code may only contain lowercase letters, digits and hyphens, e.g. dukcapil.' } } })
  @MaxLength(64)
  code!: string;

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name!: string;

  /** e.g. "Dukcapil" */
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  shortName!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  contactPhone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(300)
  website?: string;

  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  logoUrl?: string;
}

/** Every field may be left out; null only where the field is optional on creation (it clears it). */
export class UpdateAgencyDto extends PartialType(OmitType(CreateAgencyDto, ['code'] as const), { skipNullProperties: false }) {}
