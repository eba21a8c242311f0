/**
 * The booking confirmation as a one-page A5 PDF: the QR code the kiosk scans, the code in large
 * type, when and where to come, who booked (NIK and phone masked), what to bring, and how to
 * cancel or reschedule.
 *
 * Like the queue ticket (queue/printing/ticket-pdf.ts) it uses only pdfkit's built-in Helvetica,
 * text folded to WinAnsi by `toWinAnsi`. The layout runs once on a tall scratch page to measure it;
 * if it would not fit the sheet, the QR code shrinks to a floor and then the list of requirements is
 * shortened (ending with "… dan N persyaratan lainnya"), so the confirmation is always one page.
 */
import { collectPdf, newPdfDocument } from '../../common/pdf';
import { toWinAnsi } from '../../queue/printing/ticket-pdf';
import { renderConfirmationText, type BookingConfirmationModel, type BookingConfirmationText } from './booking-confirmation.model';
import { bookingQrPng } from './booking-qr';

const mm = (millimetres: number) => (millimetres * 72) / 25.4;

/** A5 portrait, in points. */
const PAGE = { width: 419.53, height: 595.28 };
const MARGIN_X = mm(14);
const MARGIN_Y = mm(12);
const QR_SIZE = mm(48);
const MIN_QR_SIZE = mm(28);
const CODE_SIZE = 34;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** A tall scratch page for measuring: nothing comes near it, so pdfkit never breaks onto a new page. */
const SCRATCH_HEIGHT = 5000;

const MORE_REQUIREMENTS = { id: (n: number) => `… dan ${n} persyaratan lainnya`, en: (n: number) => `… and ${n} more` } as const;

export async function renderBookingConfirmationPdf(model: BookingConfirmationModel): Promise<Buffer> {
  const text = renderConfirmationText(model);
  const qr = await bookingQrPng(model.booking.code);
  const room = PAGE.height - 2 * MARGIN_Y;

  const measure = (lines: BookingConfirmationText, qrSize: number) => drawConfirmation(newPdfDocument([PAGE.width, SCRATCH_HEIGHT], text.lang, text.documentTitle), winAnsi(lines), qr, 0, qrSize);

  let lines = text;
  let qrSize = QR_SIZE;
  let height = measure(lines, qrSize);
  if (height > room) {
    qrSize = Math.max(MIN_QR_SIZE, qrSize - (height - room));
    height = measure(lines, qrSize);
  }
  // Still too tall: show fewer requirements, saying how many are left out (the booking page lists them all).
  for (let shown = text.requirements.length - 1; height > room && shown >= 0; shown--) {
    const hidden = text.requirements.length - shown;
    lines = { ...text, requirements: [...text.requirements.slice(0, shown), MORE_REQUIREMENTS[text.lang](hidden)] };
    height = measure(lines, qrSize);
  }

  const doc = newPdfDocument([PAGE.width, PAGE.height], text.lang, text.documentTitle);
  const done = collectPdf(doc);
  drawConfirmation(doc, winAnsi(lines), qr, MARGIN_Y, qrSize);
  doc.end();
  return done;
}


interface TextOptions {
  align?: 'left' | 'center';
  /** Extra left indent, for list items. */
  indent?: number;
  gapAfter?: number;
  maxLines?: number;
}

/** Lays the confirmation out from `top` down; returns the height it took. */
function drawConfirmation(doc: PDFKit.PDFDocument, lines: BookingConfirmationText, qr: Buffer, top: number, qrSize: number): number {
  const left = MARGIN_X;
  const width = PAGE.width - 2 * MARGIN_X;
  let y = top;

  const text = (value: string, font: string, size: number, options: TextOptions = {}) => {
    doc.font(font).fontSize(size);
    const indent = options.indent ?? 0;
    const height = options.maxLines === undefined ? undefined : doc.currentLineHeight(true) * options.maxLines + 0.5;
    doc.text(value, left + indent, y, { width: width - indent, align: options.align ?? 'center', height, ellipsis: height !== undefined });
    y = doc.y + (options.gapAfter ?? 0);
  };
  const rule = (gapBefore: number, gapAfter: number) => {
    y += gapBefore;
    doc.save().moveTo(left, y).lineTo(left + width, y).lineWidth(0.75).dash(2, { space: 2 }).stroke().restore();
    y += gapAfter;
  };

  text(lines.siteName, BOLD, 13, { maxLines: 2, gapAfter: 1 });
  if (lines.siteAddress) text(lines.siteAddress, REGULAR, 8.5, { maxLines: 2 });
  rule(5, 8);

  text(lines.title.toUpperCase(), BOLD, 11.5, { maxLines: 1, gapAfter: 4 });
  if (lines.statusMark) y = drawBoxedMark(doc, lines.statusMark, left, width, y) + 4;

  doc.image(qr, left + (width - qrSize) / 2, y, { width: qrSize, height: qrSize });
  y += qrSize + 4;

  text(lines.codeCaption.toUpperCase(), REGULAR, 8, { maxLines: 1 });
  // The code: large, smaller only if it would not fit on one line.
  doc.font(BOLD).fontSize(CODE_SIZE);
  const codeSize = Math.min(CODE_SIZE, (CODE_SIZE * width) / doc.widthOfString(lines.code));
  doc.fontSize(codeSize);
  doc.text(lines.code, left, y, { width, align: 'center', lineBreak: false, characterSpacing: 0 });
  y += doc.currentLineHeight(true) + 6;

  text(lines.agencyName, REGULAR, 9.5, { maxLines: 2, gapAfter: 1 });
  text(lines.serviceName, BOLD, 12, { maxLines: 3, gapAfter: 6 });
  text(lines.date, BOLD, 12, { maxLines: 1, gapAfter: 1 });
  text(lines.slot, BOLD, 12, { maxLines: 1, gapAfter: 2 });
  text(lines.checkIn, REGULAR, 10, { maxLines: 1 });
  rule(6, 7);

  const labelWidth = Math.max(...lines.details.map((d) => doc.font(REGULAR).fontSize(9.5).widthOfString(d.label))) + 12;
  for (const detail of lines.details) {
    doc.font(REGULAR).fontSize(9.5).text(detail.label, left, y, { width: labelWidth, lineBreak: false });
    text(detail.value, BOLD, 9.5, { align: 'left', indent: labelWidth, maxLines: 1, gapAfter: 1.5 });
  }

  if (lines.requirements.length > 0) {
    y += 5;
    text(`${lines.requirementsHeading}:`, BOLD, 9.5, { align: 'left', maxLines: 1, gapAfter: 1.5 });
    for (const requirement of lines.requirements) {
      doc.font(REGULAR).fontSize(9).text('•', left + 2, y, { lineBreak: false });
      text(requirement, REGULAR, 9, { align: 'left', indent: 11, maxLines: 2, gapAfter: 1 });
    }
  }

  rule(5, 6);
  for (const note of lines.notes) text(note, REGULAR, 8.5, { align: 'left', maxLines: 3, gapAfter: 2.5 });
  text(lines.bookedAt, REGULAR, 7.5, { align: 'left', maxLines: 1 });
  return y - top;
}

/** A status word in a box ("DIBATALKAN"), so a stale print-out is not mistaken for a valid one. */
function drawBoxedMark(doc: PDFKit.PDFDocument, mark: string, left: number, width: number, y: number): number {
  doc.font(BOLD).fontSize(11);
  const padX = 6;
  const padY = 3.5;
  const textWidth = Math.min(doc.widthOfString(mark), width - 2 * padX);
  const boxWidth = textWidth + 2 * padX;
  const boxHeight = doc.currentLineHeight(true) + 2 * padY;
  const boxLeft = left + (width - boxWidth) / 2;
  doc.save().rect(boxLeft, y, boxWidth, boxHeight).lineWidth(1.5).stroke().restore();
  doc.text(mark, boxLeft + padX, y + padY + 0.5, { width: textWidth, align: 'center', lineBreak: false, ellipsis: true });
  return y + boxHeight;
}

/** Every printed piece folded to WinAnsi; the document title is metadata (UTF-16 in the PDF) and stays as it is. */
function winAnsi(lines: BookingConfirmationText): BookingConfirmationText {
  return {
    ...lines,
    title: toWinAnsi(lines.title),
    statusMark: lines.statusMark === null ? null : toWinAnsi(lines.statusMark),
    codeCaption: toWinAnsi(lines.codeCaption),
    code: toWinAnsi(lines.code),
    siteName: toWinAnsi(lines.siteName),
    siteAddress: lines.siteAddress === null ? null : toWinAnsi(lines.siteAddress),
    agencyName: toWinAnsi(lines.agencyName),
    serviceName: toWinAnsi(lines.serviceName),
    date: toWinAnsi(lines.date),
    slot: toWinAnsi(lines.slot),
    checkIn: toWinAnsi(lines.checkIn),
    details: lines.details.map((d) => ({ label: toWinAnsi(d.label), value: toWinAnsi(d.value) })),
    requirementsHeading: toWinAnsi(lines.requirementsHeading),
    requirements: lines.requirements.map(toWinAnsi),
    notes: lines.notes.map(toWinAnsi),
    bookedAt: toWinAnsi(lines.bookedAt),
  };
}
