import type { HallReportResponse, HallReportRow } from '@mpp/contracts';
import ExcelJS from 'exceljs';

/**
 * The hall report as a file (docs/reports.md, Export): one line per group and a last "Total"
 * line, the same figures as the JSON. CSV is RFC 4180 (comma, "." decimals, CRLF) in UTF-8 with
 * a BOM, for tools; XLSX has typed numbers, Indonesian and English headers and an "Info" sheet, for
 * Excel in any locale. Both are built in memory: a report has at most a few hundred lines.
 */
export interface ReportColumn {
  key: string;
  id: string;
  en: string;
  value: (row: HallReportRow) => string | number | null;
}

export const REPORT_COLUMNS: ReportColumn[] = [
  { key: 'key', id: 'Kode', en: 'Key', value: (r) => r.key },
  { key: 'label', id: 'Kelompok', en: 'Group', value: (r) => r.label },
  { key: 'kiosk', id: 'Tiket kios', en: 'Kiosk tickets', value: (r) => r.volumes.kiosk },
  { key: 'booking', id: 'Tiket booking', en: 'Booking tickets', value: (r) => r.volumes.booking },
  { key: 'online', id: 'Tiket online', en: 'Online tickets', value: (r) => r.volumes.online },
  { key: 'staff', id: 'Tiket petugas', en: 'Staff-issued tickets', value: (r) => r.volumes.staff },
  { key: 'tickets', id: 'Jumlah tiket', en: 'Tickets', value: (r) => r.volumes.tickets },
  { key: 'applications', id: 'Permohonan masuk', en: 'Applications submitted', value: (r) => r.volumes.applications },
  { key: 'served', id: 'Dilayani', en: 'Served', value: (r) => r.outcomes.served },
  { key: 'no_show', id: 'Tidak hadir', en: 'No-shows', value: (r) => r.outcomes.noShow },
  { key: 'not_served', id: 'Tidak terlayani', en: 'Not served', value: (r) => r.outcomes.notServed },
  { key: 'cancelled', id: 'Dibatalkan', en: 'Cancelled', value: (r) => r.outcomes.cancelled },
  { key: 'open', id: 'Masih antre', en: 'Still open', value: (r) => r.outcomes.open },
  { key: 'no_show_rate', id: 'Rasio tidak hadir', en: 'No-show rate', value: (r) => r.noShowRate },
  { key: 'wait_count', id: 'Tunggu: jumlah', en: 'Wait: count', value: (r) => r.wait.count },
  { key: 'wait_mean_s', id: 'Tunggu: rata-rata (detik)', en: 'Wait: mean (s)', value: (r) => r.wait.meanSeconds },
  { key: 'wait_p50_s', id: 'Tunggu: median (detik)', en: 'Wait: p50 (s)', value: (r) => r.wait.p50Seconds },
  { key: 'wait_p90_s', id: 'Tunggu: p90 (detik)', en: 'Wait: p90 (s)', value: (r) => r.wait.p90Seconds },
  { key: 'service_count', id: 'Layanan: jumlah', en: 'Service: count', value: (r) => r.service.count },
  { key: 'service_mean_s', id: 'Layanan: rata-rata (detik)', en: 'Service: mean (s)', value: (r) => r.service.meanSeconds },
  { key: 'service_p50_s', id: 'Layanan: median (detik)', en: 'Service: p50 (s)', value: (r) => r.service.p50Seconds },
  { key: 'service_p90_s', id: 'Layanan: p90 (detik)', en: 'Service: p90 (s)', value: (r) => r.service.p90Seconds },
  { key: 'booked', id: 'Booking', en: 'Booked', value: (r) => r.booking?.booked ?? null },
  { key: 'booking_capacity', id: 'Kapasitas booking', en: 'Booking capacity', value: (r) => r.booking?.capacity ?? null },
  { key: 'booking_utilisation', id: 'Utilisasi booking', en: 'Booking utilisation', value: (r) => r.booking?.utilisation ?? null },
  { key: 'applications_decided', id: 'Permohonan diputus', en: 'Applications decided', value: (r) => r.applications.decided },
  { key: 'applications_on_time', id: 'Diputus tepat waktu', en: 'Decided on time', value: (r) => r.applications.onTime },
  { key: 'applications_on_time_rate', id: 'Rasio tepat waktu', en: 'On-time rate', value: (r) => r.applications.onTimeRate },
];

/** The file's lines: each group, then the total. */
export function reportLines(report: HallReportResponse): HallReportRow[] {
  return [...report.rows, report.total];
}

/** laporan-kinerja-kota-kupang-2026-12-01_2026-12-31-service.csv */
export function reportFileName(report: HallReportResponse, ext: 'csv' | 'xlsx'): string {
  return `laporan-kinerja-${report.site.code}-${report.from}_${report.to}-${report.groupBy}.${ext}`;
}

/** A cell as RFC 4180 wants it; text that a spreadsheet would run as a formula gets a leading quote. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(report: HallReportResponse): string {
  const lines = [REPORT_COLUMNS.map((c) => c.key), ...reportLines(report).map((r) => REPORT_COLUMNS.map((c) => c.value(r)))];
  return '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function reportXlsx(report: HallReportResponse): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MPP Digital';
  const sheet = book.addWorksheet('Laporan');
  sheet.addRow(REPORT_COLUMNS.map((c) => `${c.id} / ${c.en}`)).font = { bold: true };
  for (const r of reportLines(report)) sheet.addRow(REPORT_COLUMNS.map((c) => c.value(r) ?? undefined));
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  sheet.getColumn(2).width = 36;
  const info = book.addWorksheet('Info');
  info.addRows([
    ['MPP / Site', report.site.name],
    ['Kode / Code', report.site.code],
    ['Zona waktu / Time zone', report.site.timeZone],
    ['Dari / From', report.from],
    ['Sampai / To', report.to],
    ['Kelompok / Group by', report.groupBy],
    ['Instansi / Agency', report.agencyId ?? '—'],
    ['Dibuat / Generated', report.generatedAt],
    ['Definisi / Definitions', 'docs/reports.md'],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
