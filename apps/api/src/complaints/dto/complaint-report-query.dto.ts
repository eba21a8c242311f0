import { REPORT_FORMATS, type ReportFormat } from '@mpp/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';

/** The monthly complaint report: a site-local month (default the current one) and the format. */
export class ComplaintReportQueryDto {
  /** The month, YYYY-MM (default: the current month at the site, to today) */
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { context: { message: { id: 'month harus bulan berformat YYYY-MM, mis. 2026-11.', en: 'month must be a month written YYYY-MM, e.g. 2026-11.' } } })
  month?: string;

  /** json (default), csv or xlsx */
  @IsOptional()
  @IsIn(REPORT_FORMATS, { context: { message: { id: 'format harus json, csv atau xlsx.', en: 'format must be json, csv or xlsx.' } } })
  format?: ReportFormat;
}
