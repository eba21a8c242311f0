import { IsOptional } from 'class-validator';
import { IsLocalDate } from '../../common/local-date.validator';

/** The period of a site's public complaint statistics; the current month to today when left out. */
export class ComplaintStatsQueryDto {
  /** First site-local date, YYYY-MM-DD */
  @IsOptional()
  @IsLocalDate()
  from?: string;

  /** Last site-local date (included), YYYY-MM-DD; at most 366 days after from */
  @IsOptional()
  @IsLocalDate()
  to?: string;
}
