/**
 * What every document the MPP issues for an application shares (docs/applications.md, "Receipts,
 * results and verification"): A4 portrait, pdfkit's built-in Helvetica (text folded to WinAnsi),
 * the issuing site and agency at the top, and at the end the number with a QR code to the public
 * verification page, where the PDF's sha256 can be checked.
 */
import { timeZoneAbbreviation } from '@mpp/domain';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { toWinAnsi } from '../../queue/printing/ticket-pdf';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56;
export const REGULAR = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const OBLIQUE = 'Helvetica-Oblique';
const QR_SIZE = 96;

/** The verification page of a number: `<base>/verifikasi/<number>` (base: PUBLIC_URL or the allowed request host). */
export function verificationUrl(base: string, number: string): string {
  if (!/^https?:\/\//.test(base)) throw new RangeError(`The verification link needs an absolute URL (got ${JSON.stringify(base)})`);
  return `${base.replace(/\/+$/, '')}/verifikasi/${encodeURIComponent(number)}`;
}

/** "4 Desember 2026 pukul 10.15 WITA" / "4 December 2026 at 10:15 WITA", in the site's zone. */
export function formatInstant(at: Date, timeZone: string, lang: 'id' | 'en'): string {
  const date = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const zone = timeZoneAbbreviation(timeZone);
  return lang === 'id' ? `${date} pukul ${time.replace(':', '.')} ${zone}` : `${date} at ${time} ${zone}`;
}

/** "4 Desember 2026" / "4 December 2026". */
export function formatDay(at: Date, timeZone: string, lang: 'id' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/** A document that flows over as many A4 pages as it needs. `compress: false` only for tests that read the text. */
export function newIssuedPdf(title: string, options: { compress?: boolean } = {}): PDFKit.PDFDocument {
  return new PDFDocument({
    size: A4,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    lang: 'id-ID',
    displayTitle: true,
    compress: options.compress ?? true,
    info: { Title: title, Creator: 'MPP Digital', Producer: 'MPP Digital' },
  });
}

/** A tiny writer over pdfkit: every string folded to WinAnsi, flowing from the current position. */
export class PdfWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  text(value: string, options: { font?: string; size?: number; align?: 'left' | 'center' | 'right'; gap?: number; indent?: number; color?: string } = {}): this {
    const { doc } = this;
    doc.font(options.font ?? REGULAR).fontSize(options.size ?? 10).fillColor(options.color ?? '#000000');
    doc.text(toWinAnsi(value), MARGIN + (options.indent ?? 0), doc.y, { width: this.width - (options.indent ?? 0), align: options.align ?? 'left' });
    doc.y += options.gap ?? 2;
    return this;
  }

  /** A label and its value on one line (the value wraps under itself). */
  field(label: string, value: string, labelWidth = 180): this {
    const { doc } = this;
    const y = doc.y;
    doc.font(REGULAR).fontSize(10).fillColor('#333333').text(toWinAnsi(label), MARGIN, y, { width: labelWidth - 8 });
    const labelBottom = doc.y;
    doc.font(BOLD).fontSize(10).fillColor('#000000').text(toWinAnsi(value), MARGIN + labelWidth, y, { width: this.width - labelWidth });
    doc.y = Math.max(labelBottom, doc.y) + 3;
    return this;
  }

  rule(gapBefore = 6, gapAfter = 8): this {
    const { doc } = this;
    doc.y += gapBefore;
    doc.save().moveTo(MARGIN, doc.y).lineTo(A4[0] - MARGIN, doc.y).lineWidth(0.75).strokeColor('#777777').stroke().restore();
    doc.y += gapAfter;
    return this;
  }

  /** Keeps `height` points together: a new page when less is left on this one. */
  keep(height: number): this {
    if (this.doc.y + height > A4[1] - MARGIN) this.doc.addPage();
    return this;
  }
}

/** The site and agency as a letterhead. */
export function drawHeader(w: PdfWriter, siteName: string, agencyName: string, siteAddress: string | null): void {
  w.text(siteName.toUpperCase(), { font: BOLD, size: 13, align: 'center', gap: 1 });
  w.text(agencyName, { size: 11, align: 'center', gap: 1 });
  if (siteAddress) w.text(siteAddress, { size: 9, align: 'center', color: '#333333' });
  w.rule(4, 12);
}

/** The number, the QR code to the verification page, and how to verify, in both languages. */
export async function drawVerification(w: PdfWriter, number: string, url: string): Promise<void> {
  const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 6, rendererOpts: { deflateLevel: 9, colorType: 0 } } as QRCode.QRCodeToBufferOptions);
  w.keep(QR_SIZE + 20).rule(8, 10);
  const { doc } = w;
  const top = doc.y;
  doc.image(qr, MARGIN, top, { width: QR_SIZE, height: QR_SIZE });
  const left = MARGIN + QR_SIZE + 14;
  const width = w.width - QR_SIZE - 14;
  doc.font(REGULAR).fontSize(9).fillColor('#333333').text('Nomor dokumen / Document number', left, top, { width });
  doc.font(BOLD).fontSize(15).fillColor('#000000').text(toWinAnsi(number), left, doc.y + 1, { width });
  doc.font(REGULAR).fontSize(9).fillColor('#000000').text(
    toWinAnsi('Periksa keaslian dokumen ini dengan memindai kode QR atau membuka alamat di bawah; unggah berkas PDF ini di sana untuk memastikan isinya tidak diubah.'),
    left,
    doc.y + 4,
    { width },
  );
  doc.font(OBLIQUE).fontSize(8.5).fillColor('#333333').text(toWinAnsi('Check that this document is genuine: scan the QR code or open the address below, and upload this PDF there to confirm it was not changed.'), left, doc.y + 2, { width });
  doc.font(BOLD).fontSize(9).fillColor('#000000').text(toWinAnsi(url), left, doc.y + 3, { width, link: url, underline: false });
  doc.y = Math.max(doc.y, top + QR_SIZE) + 6;
}
