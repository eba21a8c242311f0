import { OmitType, PartialType } from '@nestjs/swagger';
import { COMPLETION_TIME_UNITS, UPLOADABLE_FILE_TYPES, type CompletionTimeUnit, type DocumentForm, type UploadableFileType } from '@mpp/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator';
import { SLUG } from './site.dto';

export class RequirementDto {
  /**
   * On an edit, the id of one of the service's requirements (from its response): that row is
   * updated and keeps its id. Without an id the requirement is new. Not on creation.
   */
  @IsOptional()
  @IsUUID()
  id?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  nameEn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsBoolean()
  mandatory!: boolean;

  /** original, copy, original_and_copy, or none (a condition rather than a document) */
  @IsIn(['original', 'copy', 'original_and_copy', 'none'])
  form!: DocumentForm;

  @IsBoolean()
  uploadable!: boolean;

  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(UPLOADABLE_FILE_TYPES, { each: true })
  fileTypes!: UploadableFileType[];
}

export class ProcedureStepDto {
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  text!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  textEn?: string;
}

export class CompletionTimeDto {
  /** Up to 480 minutes (a working day); up to 365 working or calendar days (checked with the unit) */
  @IsInt()
  @Min(1)
  @Max(480, {
    context: {
      message: {
        id: 'completionTime.value paling besar 480 (menit, untuk layanan yang selesai di hari yang sama); yang lebih lama ditulis dalam hari kerja atau hari kalender.',
        en: 'completionTime.value is at most 480 (minutes, for same-day services); longer times are given in working days or calendar days.',
      },
    },
  })
  value!: number;

  /** minutes for same-day services, working_days of the site's calendar, or calendar_days (every day counted) */
  @IsIn(COMPLETION_TIME_UNITS)
  unit!: CompletionTimeUnit;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class FeeDto {
  @IsBoolean()
  free!: boolean;

  /** Rupiah; 0 when free */
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  amount!: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class QueueSettingsDto {
  /** One capital letter, e.g. "A" for tickets A001, A002, ... */
  @Matches(/^[A-Z]$/, { context: { message: { id: 'Huruf awalan tiket harus satu huruf kapital A–Z.', en: 'The ticket prefix must be one capital letter A–Z.' } } })
  ticketPrefix!: string;

  @IsInt()
  @Min(1)
  @Max(480)
  expectedServiceMinutes!: number;

  @IsBoolean()
  walkInEnabled!: boolean;

  @IsBoolean()
  onlineBookingEnabled!: boolean;

  /** Tickets taken from home (antrean daring); omitted: left as it is (off for a new service) */
  @IsOptional()
  @IsBoolean()
  onlineTicketEnabled?: boolean;

  /** Tickets per site-local day; omit or null for no limit */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  dailyQuota?: number | null;
}

export class BookingSettingsDto {
  @IsInt()
  @Min(5)
  @Max(240)
  slotMinutes!: number;

  @IsInt()
  @Min(1)
  @Max(500)
  slotCapacity!: number;

  @IsInt()
  @Min(1)
  @Max(90)
  daysAhead!: number;

  @IsInt()
  @Min(0)
  @Max(2880)
  cutoffMinutes!: number;

  /** Percent of the daily quota kept for walk-ins */
  @IsInt()
  @Min(0)
  @Max(100)
  walkInSharePercent!: number;
}

export class CreateServiceDto {
  @Matches(SLUG, { context: { message: { id: 'Kode hanya boleh huruf kecil, angka dan tanda hubung, mis. dukcapil-ktp-el.', en: 'The code may only contain lowercase letters, digits and hyphens, e.g. dukcapil-ktp-el.' } } })
  @MaxLength(64)
  code!: string;

  @IsString() @MinLength(3) @MaxLength(200) name!: string;
  @IsString() @MinLength(3) @MaxLength(200) nameEn!: string;
  @IsString() @MinLength(3) @MaxLength(300) summary!: string;
  @IsString() @MinLength(3) @MaxLength(300) summaryEn!: string;
  @IsString() @MinLength(3) @MaxLength(5000) description!: string;
  @IsString() @MinLength(3) @MaxLength(5000) descriptionEn!: string;

  /** Words citizens type that are not in the name: abbreviations, old names */
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  synonyms!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  requirements!: RequirementDto[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ProcedureStepDto)
  procedure!: ProcedureStepDto[];

  /**
   * The service standard's completion time; null when it states none: then the legal default applies
   * (5 working days after the application is complete, UU 30/2014 Pasal 53 as amended).
   */
  @ValidateIf((_dto: object, value: unknown) => value !== null)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CompletionTimeDto)
  completionTime!: CompletionTimeDto | null;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FeeDto)
  fee!: FeeDto;

  @IsString() @MinLength(3) @MaxLength(1000) product!: string;
  @IsOmittable() @IsString() @MaxLength(1000) productEn?: string;

  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  legalBasis!: string[];

  @IsString() @MinLength(3) @MaxLength(1000) complaintChannel!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => QueueSettingsDto)
  queue!: QueueSettingsDto;

  /** Online booking settings; defaults apply when omitted (null is refused: the column cannot be empty) */
  @IsOmittable()
  @ValidateNested()
  @Type(() => BookingSettingsDto)
  booking?: BookingSettingsDto;

  /** Whether the service takes digital applications (permohonan daring); on when omitted */
  @IsOmittable()
  @IsBoolean()
  applicationsEnabled?: boolean;

  /** The largest document an application of the service takes, in MB (1–50); 20 when omitted */
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(50, {
    context: {
      message: {
        id: 'maxUploadMb paling besar 50 (MB per berkas).',
        en: 'maxUploadMb is at most 50 (MB per file).',
      },
    },
  })
  maxUploadMb?: number;
}

/** Every field may be left out; null only where the field is optional on creation (it clears it). */
export class UpdateServiceDto extends PartialType(OmitType(CreateServiceDto, ['code'] as const), { skipNullProperties: false }) {
  /**
   * With `requirements`: the requirement set's version the editor started from
   * (`requirementsVersion` of the service's response). When the set has changed since, the edit is
   * refused (409) instead of overwriting the other edit.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  requirementsVersion?: number;
}
