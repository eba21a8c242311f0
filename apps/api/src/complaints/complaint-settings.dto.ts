import { ApiProperty } from '@nestjs/swagger';
import type { UpdateComplaintSettingsRequest } from '@mpp/contracts';
import { COMPLAINT_SETTING_LIMITS as L } from '@mpp/domain';
import { IsInt, ValidateIf } from 'class-validator';

/**
 * PUT …/complaint-settings: the whole set, every field present (a missing one is a 400, so no
 * clock falls back to the legal default by omission). Whole numbers here (else 400); the ranges
 * and first response ≤ resolution are checked by ComplaintSettingsService (422, field by field).
 */
export class ComplaintSettingsDto implements UpdateComplaintSettingsRequest {
  @ApiProperty({ nullable: true, minimum: L.firstResponseDays.min, maximum: L.firstResponseDays.max, example: 5, description: 'Working days; null: the legal default (14 days)' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  firstResponseDays!: number | null;

  @ApiProperty({ nullable: true, minimum: L.resolutionDays.min, maximum: L.resolutionDays.max, example: 20, description: 'Working days; null: the legal default (60 days)' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  resolutionDays!: number | null;

  @ApiProperty({ minimum: L.untouchedDays.min, maximum: L.untouchedDays.max, example: 7 })
  @IsInt()
  untouchedDays!: number;

  @ApiProperty({ minimum: L.reopenDays.min, maximum: L.reopenDays.max, example: 14 })
  @IsInt()
  reopenDays!: number;
}
