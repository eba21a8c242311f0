import type { ReportFormat } from '@mpp/contracts';
import type { Response } from 'express';

/** How one kind of report is written as a file (the JSON is the report itself). */
export interface ReportWriters<T> {
  fileName(report: T, ext: 'csv' | 'xlsx'): string;
  csv(report: T): string;
  xlsx(report: T): Promise<Buffer>;
}

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/**
 * Answers a report as JSON, or as a CSV or XLSX download (`format`), never cached: the hall, SKM
 * and complaint reports share it, so every report file is served the same way.
 */
export async function sendReport<T>(res: Response, format: ReportFormat, report: T, writers: ReportWriters<T>): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  if (format === 'json') {
    res.json(report);
    return;
  }
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${writers.fileName(report, format)}"`);
  res.end(format === 'csv' ? writers.csv(report) : await writers.xlsx(report));
}
