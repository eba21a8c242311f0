import { CITIZEN_LANGUAGES, type ApplicationFlagKindName, type ApplicationResultDeliveryName, type ApplicationStateName, type CitizenLanguage } from '@mpp/contracts';
import { APPLICATION_FLAG_KINDS, APPLICATION_STATES } from '@mpp/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CitizenIdentityDto } from '../../common/dto/citizen-identity.dto';

const languageMessage = { message: { id: 'language harus id atau en.', en: 'language must be id or en.' } };
const stateMessage = { message: { id: `state harus salah satu dari: ${APPLICATION_STATES.join(', ')}.`, en: `state must be one of: ${APPLICATION_STATES.join(', ')}.` } };
const dueMessage = { message: { id: 'due harus due_soon, overdue atau at_risk.', en: 'due must be due_soon, overdue or at_risk.' } };
const itemStateMessage = { message: { id: 'state harus accepted atau needs_revision.', en: 'state must be accepted or needs_revision.' } };
const deliveryMessage = { message: { id: 'delivery harus collect_at_site atau download.', en: 'delivery must be collect_at_site or download.' } };
const deadlineMessage = { message: { id: 'citizenDeadline harus tanggal dan jam ISO 8601, mis. 2026-12-10T16:00:00+08:00.', en: 'citizenDeadline must be an ISO 8601 date and time, e.g. 2026-12-10T16:00:00+08:00.' } };
const reasonMessage = { message: { id: 'Alasan harus diisi (paling banyak 1000 karakter).', en: 'A reason is required (at most 1000 characters).' } };

/**
 * A draft application for one service (its site and agency follow from it), with the applicant's
 * identity; the phone is where the code, the secret and every change are sent.
 */
export class CreateApplicationDto extends CitizenIdentityDto {
  @IsUUID()
  serviceId!: string;

  /** The language of the messages: id (default) or en */
  @IsOptional()
  @IsIn(CITIZEN_LANGUAGES, { context: languageMessage })
  language?: CitizenLanguage;
}

/**
 * A walk-in's application, opened by the officer serving the citizen's ticket at their counter:
 * for the ticket's service, with the applicant's identity; the code and the secret go to the phone.
 */
export class CreateWalkInApplicationDto extends CitizenIdentityDto {
  /** The ticket the officer is serving now */
  @IsUUID()
  ticketId!: string;

  /** The language of the messages: id (default) or en */
  @IsOptional()
  @IsIn(CITIZEN_LANGUAGES, { context: languageMessage })
  language?: CitizenLanguage;
}

/** `?inline=1`: an image shown in the counter's review screen instead of downloaded. */
export class DocumentReadQueryDto {
  @IsOptional()
  @IsIn(['0', '1'], { context: { message: { id: 'inline harus 0 atau 1.', en: 'inline must be 0 or 1.' } } })
  inline?: '0' | '1';
}

export class InboxQueryDto {
  @IsOptional()
  @IsIn(APPLICATION_STATES, { context: stateMessage })
  state?: ApplicationStateName;

  /**
   * The applications carrying that flag now (libs/domain applicationFlagsAt): due_soon, due by the
   * close of the site's current working day; overdue, past the due date; at_risk, past the legal deadline undecided
   */
  @IsOptional()
  @IsIn(APPLICATION_FLAG_KINDS, { context: dueMessage })
  due?: ApplicationFlagKindName;

  /** nextCursor of the previous page */
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

export class ReviewItemDto {
  @IsIn(['accepted', 'needs_revision'], { context: itemStateMessage })
  state!: 'accepted' | 'needs_revision';

  /** Required for needs_revision: what the citizen must fix */
  @IsOptional()
  @IsString()
  @MaxLength(1000, { context: reasonMessage })
  reason?: string;
}

const noteMessage = { message: { id: 'Catatan harus diisi, paling banyak 2000 karakter.', en: 'A note must have text, at most 2000 characters.' } };

/** An officer's internal note */
export class AddApplicationNoteDto {
  /** The note (1–2000 characters); staff only, stored encrypted */
  @IsString({ context: noteMessage })
  @MinLength(1, { context: noteMessage })
  @MaxLength(2000, { context: noteMessage })
  text!: string;
}

export class ReturnApplicationDto {
  /** By when the citizen must correct the items marked needs_revision (after now) */
  @IsISO8601({ strict: true }, { context: deadlineMessage })
  citizenDeadline!: string;
}

export class RejectApplicationDto {
  /** Shown to the citizen and printed on the letter */
  @IsString({ context: reasonMessage })
  @MinLength(1, { context: reasonMessage })
  @MaxLength(1000, { context: reasonMessage })
  reason!: string;
}

export class MarkReadyDto {
  @IsIn(['collect_at_site', 'download'], { context: deliveryMessage })
  delivery!: ApplicationResultDeliveryName;
}
