import { SURVEY_AGE_RANGES, SURVEY_COMMENT_MAX_LENGTH, SURVEY_EDUCATIONS, SURVEY_GENDERS, SURVEY_OCCUPATIONS } from '@mpp/contracts';
import type { SurveyAgeRange, SurveyAnswerRequest, SurveyEducation, SurveyGender, SurveyOccupation, SurveyProfile } from '@mpp/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsLocalDate } from '../../common/local-date.validator';
import { SurveyMessages } from '../survey.messages';

const scores = { context: { message: SurveyMessages.scores } };
const profile = { context: { message: SurveyMessages.profile } };

export class SurveyProfileDto implements SurveyProfile {
  @IsOptional()
  @IsIn(SURVEY_GENDERS, profile)
  gender?: SurveyGender | null;

  @IsOptional()
  @IsIn(SURVEY_EDUCATIONS, profile)
  education?: SurveyEducation | null;

  @IsOptional()
  @IsIn(SURVEY_OCCUPATIONS, profile)
  occupation?: SurveyOccupation | null;

  @IsOptional()
  @IsIn(SURVEY_AGE_RANGES, profile)
  ageRange?: SurveyAgeRange | null;
}

export class SurveyAnswerDto implements SurveyAnswerRequest {
  @IsArray(scores)
  @ArrayMinSize(9, scores)
  @ArrayMaxSize(9, scores)
  @IsInt({ each: true, ...scores })
  @Min(1, { each: true, ...scores })
  @Max(4, { each: true, ...scores })
  scores!: number[];

  @IsOptional()
  @IsString({ context: { message: SurveyMessages.comment } })
  @MaxLength(SURVEY_COMMENT_MAX_LENGTH, { context: { message: SurveyMessages.comment } })
  comment?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => SurveyProfileDto)
  profile?: SurveyProfileDto | null;
}

const period = { context: { message: SurveyMessages.period } };

export class SurveyReportQueryDto {
  @IsLocalDate(period)
  from!: string;

  @IsLocalDate(period)
  to!: string;

  @IsOptional()
  @IsUUID('all', { context: { message: SurveyMessages.agencyNotFound } })
  agencyId?: string;

  @IsOptional()
  @IsUUID('all', { context: { message: SurveyMessages.serviceNotFound } })
  serviceId?: string;

  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { context: { message: SurveyMessages.format } })
  format?: 'json' | 'csv' | 'xlsx';
}
