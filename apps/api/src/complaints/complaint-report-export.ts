import type { ComplaintReportLine, ComplaintReportResponse } from '@mpp/contracts';
import ExcelJS from 'exceljs';
import { csvCell } from '../reports/report-export';

/**
 * The monthly complaint report as a file, the same figures as the JSON: one line per agency (the
 * MPP's own facilities as "Sarana MPP") and a last "Total" line. CSV is RFC 4180 in UTF-8 with a
 * BOM; XLSX has typed numbers, Indonesian and English headers and an "Info" sheet.
 */
interface Column {
  key: string;
  id: string;
  en: string;
  value: (line: ComplaintReportLine) => string | number | null;
}

const FACILITIES = 'Sarana MPP / MPP facilities';

export const COMPLAINT_REPORT_COLUMNS: Column[] = [
  { key: 'agency', id: 'Instansi', en: 'Agency', value: (l) => l.agencyName ?? FACILITIES },
  { key: 'received', id: 'Diterima', en: 'Received', value: (l) => l.received },
  { key: 'complaints', id: 'Pengaduan', en: 'Complaints', value: (l) => l.complaints },
  { key: 'consultations', id: 'Konsultasi', en: 'Consultations', value: (l) => l.consultations },
  { key: 'answered', id: 'Dijawab/selesai', en: 'Answered or closed', value: (l) => l.answered },
  { key: 'open', id: 'Masih terbuka', en: 'Still open', value: (l) => l.open },
  { key: 'reopened', id: 'Dibuka kembali', en: 'Reopened', value: (l) => l.reopened },
  { key: 'first_response_count', id: 'Tanggapan pertama: jumlah', en: 'First response: count', value: (l) => l.firstResponse.count },
  { key: 'first_response_mean_h', id: 'Tanggapan pertama: rata-rata (jam)', en: 'First response: mean (h)', value: (l) => l.firstResponse.meanHours },
  { key: 'first_response_median_h', id: 'Tanggapan pertama: median (jam)', en: 'First response: median (h)', value: (l) => l.firstResponse.medianHours },
  { key: 'first_response_on_time', id: 'Tanggapan pertama: tepat waktu', en: 'First response: on time', value: (l) => l.firstResponse.onTime },
  { key: 'first_response_on_time_rate', id: 'Tanggapan pertama: rasio tepat waktu', en: 'First response: on-time rate', value: (l) => l.firstResponse.onTimeRate },
  { key: 'resolution_count', id: 'Penyelesaian: jumlah', en: 'Resolution: count', value: (l) => l.resolution.count },
  { key: 'resolution_mean_h', id: 'Penyelesaian: rata-rata (jam)', en: 'Resolution: mean (h)', value: (l) => l.resolution.meanHours },
  { key: 'resolution_median_h', id: 'Penyelesaian: median (jam)', en: 'Resolution: median (h)', value: (l) => l.resolution.medianHours },
  { key: 'resolution_on_time', id: 'Penyelesaian: tepat waktu', en: 'Resolution: on time', value: (l) => l.resolution.onTime },
  { key: 'resolution_on_time_rate', id: 'Penyelesaian: rasio tepat waktu', en: 'Resolution: on-time rate', value: (l) => l.resolution.onTimeRate },
  { key: 'ratings', id: 'Jumlah penilaian', en: 'Ratings', value: (l) => l.ratings },
  { key: 'average_rating', id: 'Rata-rata penilaian', en: 'Average rating', value: (l) => l.averageRating },
  ...[1, 2, 3, 4, 5].map((stars) => ({ key: `rating_${stars}`, id: `Penilaian ${stars}`, en: `Rated ${stars}`, value: (l: ComplaintReportLine) => l.ratingCounts[stars - 1] })),
];

function lines(report: ComplaintReportResponse): ComplaintReportLine[] {
  return [...report.agencies, { ...report.total, agencyName: 'Total' }];
}

/** laporan-pengaduan-kota-kupang-2026-11.csv (an agency admin's: …-2026-11-<agency id>.csv) */
export function complaintReportFileName(report: ComplaintReportResponse, ext: 'csv' | 'xlsx'): string {
  return `laporan-pengaduan-${report.siteCode}-${report.month}${report.agencyId ? `-${report.agencyId}` : ''}.${ext}`;
}

export function complaintReportCsv(report: ComplaintReportResponse): string {
  const rows = [COMPLAINT_REPORT_COLUMNS.map((c) => c.key), ...lines(report).map((l) => COMPLAINT_REPORT_COLUMNS.map((c) => c.value(l)))];
  return '\uFEFF' + rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function complaintReportXlsx(report: ComplaintReportResponse): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MPP Digital';
  const sheet = book.addWorksheet('Pengaduan');
  sheet.addRow(COMPLAINT_REPORT_COLUMNS.map((c) => `${c.id} / ${c.en}`)).font = { bold: true };
  for (const l of lines(report)) sheet.addRow(COMPLAINT_REPORT_COLUMNS.map((c) => c.value(l) ?? undefined));
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  sheet.getColumn(1).width = 36;
  const info = book.addWorksheet('Info');
  info.addRows([
    ['MPP / Site', report.siteName],
    ['Kode / Code', report.siteCode],
    ['Zona waktu / Time zone', report.timeZone],
    ['Bulan / Month', report.month],
    ['Dari / From', report.from],
    ['Sampai / To', report.to],
    ['Instansi / Agency', report.agencyId ?? '—'],
    ['Dibuat / Generated', report.generatedAt],
    ['Waktu / Times', 'Jam kalender sejak diterima / calendar hours from receipt'],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
