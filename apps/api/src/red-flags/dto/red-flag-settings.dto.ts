import { ApiProperty } from '@nestjs/swagger';
import { RED_FLAG_IKM_BANDS, type RedFlagIkmBand, type UpdateRedFlagSettingsRequest } from '@mpp/contracts';
import { RED_FLAG_SETTING_LIMITS as L } from '@mpp/domain';
import { IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';

/**
 * The whole set of a site's thresholds (PUT replaces it). A threshold sent as null switches its
 * flag off; every field must be present (a missing one is a 400, so nothing is switched off by
 * omission). Ranges: libs/domain RED_FLAG_SETTING_LIMITS.
 */
export class RedFlagSettingsDto implements UpdateRedFlagSettingsRequest {
  @ApiProperty({ nullable: true, minimum: L.waitMinutes.min, maximum: L.waitMinutes.max, example: 60 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(L.waitMinutes.min)
  @Max(L.waitMinutes.max)
  waitMinutes!: number | null;

  @ApiProperty({ nullable: true, minimum: L.idleMinutes.min, maximum: L.idleMinutes.max, example: 15 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(L.idleMinutes.min)
  @Max(L.idleMinutes.max)
  idleMinutes!: number | null;

  @ApiProperty({ nullable: true, minimum: L.pickedSharePercent.min, maximum: L.pickedSharePercent.max, example: 20 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(L.pickedSharePercent.min)
  @Max(L.pickedSharePercent.max)
  pickedSharePercent!: number | null;

  @ApiProperty({ minimum: L.pickedMinCalls.min, maximum: L.pickedMinCalls.max, example: 20 })
  @IsInt()
  @Min(L.pickedMinCalls.min)
  @Max(L.pickedMinCalls.max)
  pickedMinCalls!: number;

  @ApiProperty({ nullable: true, minimum: L.overdueApplications.min, maximum: L.overdueApplications.max, example: 1 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(L.overdueApplications.min)
  @Max(L.overdueApplications.max)
  overdueApplications!: number | null;

  @ApiProperty({ nullable: true, enum: RED_FLAG_IKM_BANDS, example: 'B' })
  @ValidateIf((_, v) => v !== null)
  @IsIn(RED_FLAG_IKM_BANDS)
  ikmMinBand!: RedFlagIkmBand | null;

  @ApiProperty({ minimum: L.ikmDays.min, maximum: L.ikmDays.max, example: 90 })
  @IsInt()
  @Min(L.ikmDays.min)
  @Max(L.ikmDays.max)
  ikmDays!: number;

  @ApiProperty({ minimum: L.ikmMinRespondents.min, maximum: L.ikmMinRespondents.max, example: 30 })
  @IsInt()
  @Min(L.ikmMinRespondents.min)
  @Max(L.ikmMinRespondents.max)
  ikmMinRespondents!: number;

  @ApiProperty({ nullable: true, minimum: L.calendarDaysBefore.min, maximum: L.calendarDaysBefore.max, example: 60 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(L.calendarDaysBefore.min)
  @Max(L.calendarDaysBefore.max)
  calendarDaysBefore!: number | null;

  @ApiProperty({ nullable: true, minimum: L.summaryHour.min, maximum: L.summaryHour.max, example: 17 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(L.summaryHour.min)
  @Max(L.summaryHour.max)
  summaryHour!: number | null;
}
