import { IsOptional } from 'class-validator';
import { IsLocalDate } from '../../common/local-date.validator';

/** A period of complaints (public statistics, export): the current month to today at the site when left out. */
export class ComplaintPeriodQueryDto {
  /** First site-local date, YYYY-MM-DD */
  @IsOptional()
  @IsLocalDate()
  from?: string;

  /** Last site-local date (included), YYYY-MM-DD; at most 366 days after from */
  @IsOptional()
  @IsLocalDate()
  to?: string;
}
