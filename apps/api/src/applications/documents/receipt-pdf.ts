/**
 * The receipt (tanda terima) of a submission: what was received, when, with which document
 * versions (each with the first 12 hex digits of its sha256), Indonesian first with English
 * beside it, and the QR code to the verification page.
 */
import { formatBookingCode } from '@mpp/domain';
import { collectPdf } from '../../common/pdf';
import { BOLD, drawHeader, drawVerification, formatInstant, newIssuedPdf, OBLIQUE, PdfWriter } from './issued-pdf';

export interface ReceiptItem {
  name: string;
  nameEn: string | null;
  mandatory: boolean;
  /** The version received with this submission (the latest uploaded at or before it), or null. */
  document: { version: number; sha256: string; contentType: string } | null;
}

export interface ReceiptModel {
  number: string;
  verificationUrl: string;
  applicationCode: string;
  service: { name: string; nameEn: string | null };
  agencyName: string;
  siteName: string;
  siteAddress: string | null;
  timeZone: string;
  submittedAt: Date;
  /** 1 for the first submission, 2… for each resubmission of corrections. */
  submission: number;
  nikMasked: string;
  items: ReceiptItem[];
  issuedAt: Date;
}

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

export async function renderReceiptPdf(m: ReceiptModel, options: { compress?: boolean } = {}): Promise<Buffer> {
  const code = formatBookingCode(m.applicationCode);
  const doc = newIssuedPdf(`Tanda Terima Permohonan ${code} (${m.number})`, options);
  const done = collectPdf(doc);
  const w = new PdfWriter(doc);

  drawHeader(w, m.siteName, m.agencyName, m.siteAddress);
  w.text(m.submission > 1 ? 'TANDA TERIMA PERBAIKAN PERMOHONAN' : 'TANDA TERIMA PERMOHONAN', { font: BOLD, size: 15, align: 'center', gap: 0 });
  w.text(m.submission > 1 ? 'Receipt of corrected application' : 'Application receipt', { font: OBLIQUE, size: 10, align: 'center', gap: 12 });

  w.field('Nomor tanda terima / Receipt no.', m.number);
  w.field('Kode permohonan / Application code', code);
  w.field('Layanan / Service', m.service.nameEn && m.service.nameEn !== m.service.name ? `${m.service.name} (${m.service.nameEn})` : m.service.name);
  w.field('Instansi / Agency', m.agencyName);
  w.field('Lokasi / Site', m.siteName);
  w.field(m.submission > 1 ? 'Diajukan ulang / Resubmitted' : 'Diajukan / Submitted', `${formatInstant(m.submittedAt, m.timeZone, 'id')} (${formatInstant(m.submittedAt, m.timeZone, 'en')})`);
  if (m.submission > 1) w.field('Pengajuan ke- / Submission no.', String(m.submission));
  w.field('NIK pemohon / Applicant NIK', m.nikMasked);

  w.rule(4, 8);
  w.text('Berkas yang diterima / Documents received', { font: BOLD, size: 11, gap: 6 });
  m.items.forEach((item, i) => {
    w.keep(40);
    const name = item.nameEn && item.nameEn !== item.name ? `${item.name} / ${item.nameEn}` : item.name;
    w.text(`${i + 1}. ${name}${item.mandatory ? '' : ' (tidak wajib / optional)'}`, { size: 10, gap: 1 });
    const d = item.document;
    w.text(
      d ? `Versi ${d.version} (${TYPE_NAMES[d.contentType] ?? d.contentType}), SHA-256 ${d.sha256.slice(0, 12)}… / version ${d.version}` : 'Belum ada berkas / no document',
      { size: 9, indent: 14, color: d ? '#000000' : '#555555', gap: 5 },
    );
  });
  if (m.items.length === 0) w.text('Tidak ada persyaratan berkas / No documents required', { size: 10 });

  w.rule(4, 8);
  w.text(
    'Tanda terima ini menyatakan bahwa permohonan dan berkas di atas telah diterima secara elektronik. Kelengkapan dan kebenaran berkas masih akan diperiksa oleh petugas instansi; perkembangan permohonan dapat dilihat dengan kode permohonan.',
    { size: 9, gap: 3 },
  );
  w.text(
    'This receipt confirms that the application and the documents above were received electronically. The agency’s officers will still check them; follow the application with its code.',
    { font: OBLIQUE, size: 8.5, gap: 3 },
  );
  w.text(`Diterbitkan / Issued: ${formatInstant(m.issuedAt, m.timeZone, 'id')}`, { size: 8.5 });
  await drawVerification(w, m.number, m.verificationUrl);
  doc.end();
  return done;
}
