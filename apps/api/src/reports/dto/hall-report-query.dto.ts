import { REPORT_FORMATS, REPORT_GROUPS, type ReportFormat, type ReportGroup } from '@mpp/contracts';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsLocalDate } from '../../common/local-date.validator';

const SITE_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class HallReportQueryDto {
  /** The site's code, e.g. kota-kupang */
  @IsString()
  @MaxLength(64)
  @Matches(SITE_CODE, { context: { message: { id: 'site harus kode MPP, mis. kota-kupang.', en: 'site must be a site code, e.g. kota-kupang.' } } })
  site!: string;

  /** First site-local date of the period, YYYY-MM-DD */
  @IsLocalDate()
  from!: string;

  /** Last site-local date of the period (included), YYYY-MM-DD; at most 366 days after from */
  @IsLocalDate()
  to!: string;

  /** Rows per site (default), agency, service, counter, officer or hour of day */
  @IsOptional()
  @IsIn(REPORT_GROUPS, { context: { message: { id: `groupBy harus salah satu dari: ${REPORT_GROUPS.join(', ')}.`, en: `groupBy must be one of: ${REPORT_GROUPS.join(', ')}.` } } })
  groupBy?: ReportGroup;

  /** Only this agency's services (an agency admin always gets only their own) */
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  /** json (default), csv or xlsx */
  @IsOptional()
  @IsIn(REPORT_FORMATS, { context: { message: { id: 'format harus json, csv atau xlsx.', en: 'format must be json, csv or xlsx.' } } })
  format?: ReportFormat;
}
