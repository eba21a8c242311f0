import { CITIZEN_LANGUAGES, type CitizenLanguage, type ComplaintAnonymityName, type ComplaintKindName, type ComplaintReferenceKind, type ComplaintStatusName, type ComplaintSubjectName } from '@mpp/contracts';
import { COMPLAINT_ANONYMITIES, COMPLAINT_KINDS, COMPLAINT_STATUSES, COMPLAINT_SUBJECTS, COMPLAINT_TEXT_MAX } from '@mpp/domain';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsIndonesianMobile, IsPersonName } from '../../common/person.validators';

const oneOf = (field: string, values: readonly string[]) => ({ message: { id: `${field} harus salah satu dari: ${values.join(', ')}.`, en: `${field} must be one of: ${values.join(', ')}.` } });
const textMessage = { message: { id: `Teks harus diisi (paling banyak ${COMPLAINT_TEXT_MAX} karakter).`, en: `A text is required (at most ${COMPLAINT_TEXT_MAX} characters).` } };

export class ComplaintReferenceDto {
  @IsIn(['ticket', 'application', 'booking'], { context: oneOf('reference.kind', ['ticket', 'application', 'booking']) })
  kind!: ComplaintReferenceKind;

  /** The ticket number or the application/booking code as printed */
  @IsString()
  @Matches(/^[A-Za-z0-9-]{2,16}$/, { context: { message: { id: 'Kode rujukan tidak valid.', en: 'The reference code is not valid.' } } })
  code!: string;
}

const FINITE = { allowNaN: false, allowInfinity: false };
const latMessage = { message: { id: 'Lintang (lat) harus angka antara -90 dan 90.', en: 'Latitude (lat) must be a number from -90 to 90.' } };
const lngMessage = { message: { id: 'Bujur (lng) harus angka antara -180 dan 180.', en: 'Longitude (lng) must be a number from -180 to 180.' } };
const accuracyMessage = { message: { id: 'Akurasi lokasi (accuracyM) harus antara 0 dan 10000 meter.', en: 'The location accuracy (accuracyM) must be from 0 to 10000 metres.' } };

/** Where it happened (WGS 84): picked on a map or read from the phone. */
export class ComplaintLocationDto {
  @IsNumber(FINITE, { context: latMessage })
  @Min(-90, { context: latMessage })
  @Max(90, { context: latMessage })
  lat!: number;

  @IsNumber(FINITE, { context: lngMessage })
  @Min(-180, { context: lngMessage })
  @Max(180, { context: lngMessage })
  lng!: number;

  /** Metres, as the phone reported it */
  @IsOptional()
  @IsNumber(FINITE, { context: accuracyMessage })
  @Min(0, { context: accuracyMessage })
  @Max(10_000, { context: accuracyMessage })
  accuracyM?: number | null;

  @IsIn(['map', 'device'], { context: oneOf('location.source', ['map', 'device']) })
  source!: 'map' | 'device';
}

/** A complaint or a request for consultation, filed by a citizen (no account needed). */
export class CreateComplaintDto {
  @IsString()
  @Matches(/^[a-z0-9-]{2,40}$/)
  siteCode!: string;

  @IsIn(COMPLAINT_KINDS, { context: oneOf('kind', COMPLAINT_KINDS) })
  kind!: ComplaintKindName;

  @IsIn(COMPLAINT_SUBJECTS, { context: oneOf('subject', COMPLAINT_SUBJECTS) })
  subject!: ComplaintSubjectName;

  @IsOptional()
  @IsUUID()
  agencyId?: string | null;

  @IsOptional()
  @IsUUID()
  serviceId?: string | null;

  @IsString()
  @MinLength(10, { context: { message: { id: 'Ceritakan pengaduan Anda (paling sedikit 10 karakter).', en: 'Describe your complaint (at least 10 characters).' } } })
  @MaxLength(COMPLAINT_TEXT_MAX, { context: textMessage })
  text!: string;

  @IsIn(COMPLAINT_ANONYMITIES, { context: oneOf('anonymity', COMPLAINT_ANONYMITIES) })
  anonymity!: ComplaintAnonymityName;

  @IsOptional()
  @IsPersonName()
  reporterName?: string | null;

  @IsOptional()
  @IsIndonesianMobile()
  reporterPhone?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  reporterEmail?: string | null;

  @IsOptional()
  @IsIn(CITIZEN_LANGUAGES, { context: oneOf('language', CITIZEN_LANGUAGES) })
  language?: CitizenLanguage;

  @IsOptional()
  @ValidateNested()
  @Type(() => ComplaintReferenceDto)
  reference?: ComplaintReferenceDto | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ComplaintLocationDto)
  location?: ComplaintLocationDto | null;
}

/** A text sent with a step: the citizen's reply or reopen reason, a handler's answer, question or note. */
export class ComplaintTextDto {
  @IsString()
  @MinLength(1, { context: textMessage })
  @MaxLength(COMPLAINT_TEXT_MAX, { context: textMessage })
  text!: string;
}

export class ComplaintOptionalTextDto {
  @IsOptional()
  @IsString()
  @MaxLength(COMPLAINT_TEXT_MAX, { context: textMessage })
  text?: string;
}

export class ComplaintRatingDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;
}

export class AssignComplaintDto {
  /** A staff member of the site (or of the complaint's agency); null to unassign */
  @IsOptional()
  @IsUUID()
  staffId!: string | null;
}

/** "Bukan wewenang": to another agency of the site, or out of the MPP (agencyId null, the complaint is closed). */
export class RerouteComplaintDto {
  @IsOptional()
  @IsUUID()
  agencyId!: string | null;

  @IsString()
  @MinLength(3, { context: { message: { id: 'Alasan harus diisi.', en: 'A reason is required.' } } })
  @MaxLength(1000)
  reason!: string;
}

export class MergeComplaintDto {
  /** The tracking code of the complaint this one duplicates */
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{8,12}$/)
  intoCode!: string;
}

export class ComplaintInboxQueryDto {
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES, { context: oneOf('status', COMPLAINT_STATUSES) })
  status?: ComplaintStatusName;

  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
