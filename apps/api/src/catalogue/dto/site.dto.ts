import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { SITE_FACILITIES, type IsoWeekday, type LocalizedText, type SiteFacility } from '@mpp/contracts';
import { SLUG_PATTERN } from '@mpp/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator';

/** The code rule of libs/domain (`SLUG_PATTERN`, `isSlug`), for class-validator's @Matches. */
export const SLUG = SLUG_PATTERN;
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class TimeRangeDto {
  /** HH:MM, site-local */
  @Matches(HHMM, { context: { message: { id: 'Jam harus berformat HH:MM, mis. 12:00.', en: 'Times must be HH:MM, e.g. 12:00.' } } })
  start!: string;

  @Matches(HHMM, { context: { message: { id: 'Jam harus berformat HH:MM, mis. 13:00.', en: 'Times must be HH:MM, e.g. 13:00.' } } })
  end!: string;
}

export class OpeningHoursDto {
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  @ApiProperty({ minimum: 1, maximum: 7 })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: IsoWeekday;

  @Matches(HHMM, { context: { message: { id: 'Jam buka harus berformat HH:MM, mis. 08:00.', en: 'Opening time must be HH:MM, e.g. 08:00.' } } })
  open!: string;

  @Matches(HHMM, { context: { message: { id: 'Jam tutup harus berformat HH:MM, mis. 15:30.', en: 'Closing time must be HH:MM, e.g. 15:30.' } } })
  close!: string;

  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => TimeRangeDto)
  breaks!: TimeRangeDto[];
}

export class CreateSiteDto {
  /** Lowercase slug, e.g. "kota-kupang" */
  @Matches(SLUG, { context: { message: { id: 'Kode hanya boleh huruf kecil, angka dan tanda hubung, mis. kota-kupang.', en: 'The code may only contain lowercase letters, digits and hyphens, e.g. kota-kupang.' } } })
  @MaxLength(64)
  code!: string;

  @IsString()
  @MinLength(3)
  @MaxLength(160)
  name!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(120)
  city!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(120)
  province!: string;

  @IsString()
  @MinLength(5)
  @MaxLength(500)
  address!: string;

  /** IANA time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT) */
  @IsIn(['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'])
  timeZone!: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsArray()
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  openingHours!: OpeningHoursDto[];

  /** Whether the site closes on cuti bersama days (direct-service units often stay open). */
  @IsBoolean()
  closesOnCutiBersama!: boolean;

  /** Facilities for visitors (SITE_FACILITIES keys), each once; the whole list replaces the old one. Default: none. */
  @ApiProperty({ enum: SITE_FACILITIES, isArray: true, required: false })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(SITE_FACILITIES.length)
  @ArrayUnique({ context: { message: { id: 'Setiap fasilitas cukup disebut sekali.', en: 'Each facility may be listed only once.' } } })
  @IsIn(SITE_FACILITIES, { each: true, context: { message: unknownFacilityMessage } })
  facilities?: SiteFacility[];

  /**
   * Files of finished applications (done, withdrawn, expired) are deleted this many days after the
   * application's last change (30–3650); the rows and the trail stay. 365 when omitted.
   */
  @IsOmittable()
  @IsInt()
  @Min(30, { context: { message: { id: 'Masa simpan berkas permohonan paling singkat 30 hari.', en: 'Application files are kept for at least 30 days.' } } })
  @Max(3650, { context: { message: { id: 'Masa simpan berkas permohonan paling lama 3650 hari (10 tahun).', en: 'Application files are kept for at most 3650 days (10 years).' } } })
  applicationFileRetentionDays?: number;
}

const FACILITY_LIST = SITE_FACILITIES.join(', ');

/** Names the keys that are not facilities, and lists the ones that are. */
function unknownFacilityMessage(value: unknown): LocalizedText {
  const known: readonly string[] = SITE_FACILITIES;
  const unknown = Array.isArray(value) ? value.filter((v) => !known.includes(v as string)).map((v) => JSON.stringify(v)) : [];
  const named = unknown.length ? unknown.join(', ') : JSON.stringify(value);
  return {
    id: `Fasilitas ${named} tidak dikenal. Pilih dari: ${FACILITY_LIST}.`,
    en: `Unknown facility ${named}. Choose from: ${FACILITY_LIST}.`,
  };
}

/** Every field may be left out; null only where the field is optional on creation (it clears it). */
export class UpdateSiteDto extends PartialType(OmitType(CreateSiteDto, ['code'] as const), { skipNullProperties: false }) {}

export class CreateClosureDto {
  /** Site-local date, YYYY-MM-DD */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { message: { id: 'Tanggal harus berformat YYYY-MM-DD.', en: 'The date must be YYYY-MM-DD.' } } })
  date!: string;

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name!: string;
}

export class CreateCalendarDayDto extends CreateClosureDto {
  @IsIn(['national_holiday', 'cuti_bersama'])
  kind!: 'national_holiday' | 'cuti_bersama';
}
