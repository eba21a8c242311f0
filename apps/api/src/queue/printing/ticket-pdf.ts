/**
 * The queue ticket as a PDF, for 80 mm thermal roll printers and for A6 sheets.
 *
 * On a roll the page is exactly as tall as the ticket: the layout runs once on a scratch
 * document to measure it, then again on the real page, so the printer feeds no blank paper.
 * On A6 the same layout is centred on the sheet. Only pdfkit's built-in Helvetica is used (no
 * font files), which covers WinAnsi: other characters are folded to it by `toWinAnsi`.
 */
import { collectPdf, newPdfDocument } from '../../common/pdf';
import { buildPrintLines, type TicketPrintLines, type TicketPrintModel } from './ticket-print.model';
import { ticketQrPng } from './ticket-qr';

export type TicketPdfFormat = '80mm' | 'a6';

const mm = (millimetres: number) => (millimetres * 72) / 25.4;

interface TicketPdfLayout {
  width: number;
  /** null: as tall as the content (roll paper). */
  height: number | null;
  marginX: number;
  marginY: number;
  siteSize: number;
  bodySize: number;
  smallSize: number;
  numberSize: number;
  qrSize: number;
  minQrSize: number;
}

const LAYOUTS: Readonly<Record<TicketPdfFormat, TicketPdfLayout>> = {
  // 80 mm roll, ~72 mm printable.
  '80mm': { width: mm(80), height: null, marginX: mm(4), marginY: mm(5), siteSize: 12, bodySize: 9.5, smallSize: 8, numberSize: 64, qrSize: mm(30), minQrSize: mm(30) },
  a6: { width: 297.64, height: 419.53, marginX: mm(9), marginY: mm(8), siteSize: 14, bodySize: 10.5, smallSize: 8.5, numberSize: 80, qrSize: mm(34), minQrSize: mm(22) },
};

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** A tall scratch page for measuring: no ticket comes near it, so nothing breaks onto a new page. */
const SCRATCH_HEIGHT = 5000;

export async function renderTicketPdf(model: TicketPrintModel, format: TicketPdfFormat): Promise<Buffer> {
  const lines = winAnsiLines(buildPrintLines(model));
  const qr = await ticketQrPng(model.publicUrl);
  const layout = LAYOUTS[format];

  const measure = (qrSize: number) => drawTicket(newPdfDocument([layout.width, SCRATCH_HEIGHT], lines.lang, lines.title), layout, lines, qr, 0, qrSize);

  let qrSize = layout.qrSize;
  let contentHeight = measure(qrSize);
  let top = layout.marginY;
  let pageHeight: number;
  if (layout.height === null) {
    pageHeight = Math.ceil(contentHeight + 2 * layout.marginY);
  } else {
    pageHeight = layout.height;
    const room = pageHeight - 2 * layout.marginY;
    if (contentHeight > room) {
      // Long names on a fixed sheet: give up some of the QR code rather than spill onto a second page.
      qrSize = Math.max(layout.minQrSize, qrSize - (contentHeight - room));
      contentHeight = measure(qrSize);
    }
    top = Math.max(layout.marginY, (pageHeight - contentHeight) / 2);
  }

  const doc = newPdfDocument([layout.width, pageHeight], lines.lang, lines.title);
  const done = collectPdf(doc);
  drawTicket(doc, layout, lines, qr, top, qrSize);
  doc.end();
  return done;
}


/** Lays the ticket out from `top` down, centred; returns the height it took. */
function drawTicket(doc: PDFKit.PDFDocument, layout: TicketPdfLayout, lines: TicketPrintLines, qr: Buffer, top: number, qrSize: number): number {
  const left = layout.marginX;
  const width = layout.width - 2 * layout.marginX;
  let y = top;

  const text = (value: string, font: string, size: number, options: { gapAfter?: number; maxLines?: number } = {}) => {
    doc.font(font).fontSize(size);
    const lineHeight = doc.currentLineHeight(true);
    const height = options.maxLines === undefined ? undefined : lineHeight * options.maxLines + 0.5;
    doc.text(value, left, y, { width, align: 'center', height, ellipsis: height !== undefined });
    y = doc.y + (options.gapAfter ?? 0);
  };

  text(lines.siteName, BOLD, layout.siteSize, { maxLines: 2, gapAfter: 1 });
  if (lines.siteAddress) {
    text(lines.siteAddress, REGULAR, layout.smallSize, { maxLines: 2 });
  }

  y += 5;
  doc.save().moveTo(left, y).lineTo(left + width, y).lineWidth(0.75).dash(2, { space: 2 }).stroke().restore();
  y += 7;

  text(lines.agencyName, REGULAR, layout.bodySize, { maxLines: 2, gapAfter: 2 });
  text(lines.serviceName, BOLD, layout.bodySize + 2, { maxLines: 3, gapAfter: 8 });
  text(lines.numberCaption.toUpperCase(), REGULAR, layout.smallSize, { maxLines: 1 });

  // The number: as large as the layout wants, smaller only if a long number would not fit on one line.
  doc.font(BOLD).fontSize(layout.numberSize);
  const numberSize = Math.min(layout.numberSize, (layout.numberSize * width * 0.97) / Math.max(1, doc.widthOfString(lines.number)));
  doc.fontSize(numberSize);
  doc.text(lines.number, left, y, { width, align: 'center' });
  // Helvetica's line box leaves a descender's room under digits and capitals: the next line sits closer.
  y += numberSize * 0.95;

  if (lines.priorityMark) {
    y += 4;
    doc.font(BOLD).fontSize(layout.bodySize);
    const padX = 6;
    const padY = 3.5;
    const boxWidth = Math.min(width, doc.widthOfString(lines.priorityMark) + 2 * padX);
    const textHeight = doc.heightOfString(lines.priorityMark, { width: boxWidth - 2 * padX, align: 'center' });
    const boxLeft = left + (width - boxWidth) / 2;
    doc.save().lineWidth(1.5).rect(boxLeft, y, boxWidth, textHeight + 2 * padY).stroke().restore();
    doc.text(lines.priorityMark, boxLeft + padX, y + padY + 1, { width: boxWidth - 2 * padX, align: 'center' });
    y += textHeight + 2 * padY + 8;
  } else {
    y += 6;
  }

  text(lines.issuedAt, REGULAR, layout.smallSize, { gapAfter: 3 });
  if (lines.peopleAhead) {
    text(lines.peopleAhead, BOLD, layout.bodySize, { gapAfter: 1 });
  }
  if (lines.estimatedWait) {
    text(lines.estimatedWait, REGULAR, layout.bodySize);
  }

  y += 8;
  doc.image(qr, left + (width - qrSize) / 2, y, { width: qrSize, height: qrSize });
  y += qrSize + 5;

  text(lines.footer, REGULAR, layout.smallSize);
  return y - top;
}

/** The characters Helvetica can show besides printable Latin-1: WinAnsi's 0x80–0x9F block. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const isWinAnsi = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
};

/**
 * Folds text into what the built-in Helvetica can print: accents it lacks are dropped
 * ("Ā" → "A"), compatibility forms are unfolded (a narrow no-break space becomes a space),
 * anything else becomes "?". Never throws, never prints a blank glyph.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    if (isWinAnsi(char)) {
      out += char;
      continue;
    }
    if (char === '\n' || char === '\t') {
      out += ' ';
      continue;
    }
    const folded = [...char.normalize('NFKD')].filter((part) => !/\p{M}/u.test(part) && isWinAnsi(part)).join('');
    out += folded || '?';
  }
  return out;
}

/** Every printed piece folded to WinAnsi; the title is metadata (UTF-16 in the PDF) and stays as it is. */
function winAnsiLines(lines: TicketPrintLines): TicketPrintLines {
  const fold = (value: string | null) => (value === null ? null : toWinAnsi(value));
  return {
    ...lines,
    siteName: toWinAnsi(lines.siteName),
    siteAddress: fold(lines.siteAddress),
    agencyName: toWinAnsi(lines.agencyName),
    serviceName: toWinAnsi(lines.serviceName),
    numberCaption: toWinAnsi(lines.numberCaption),
    number: toWinAnsi(lines.number),
    priorityMark: fold(lines.priorityMark),
    issuedAt: toWinAnsi(lines.issuedAt),
    peopleAhead: fold(lines.peopleAhead),
    estimatedWait: fold(lines.estimatedWait),
    footer: toWinAnsi(lines.footer),
  };
}
