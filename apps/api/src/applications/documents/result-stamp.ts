/**
 * The verification stamp on a result PDF the agency uploads (docs/applications.md, "Receipts,
 * results and verification"): on the LAST page, bottom-right, a small white box with the QR code
 * to the public verification page, the document number and "Verifikasi keaslian / Verify: <url>".
 * The page keeps its size (a result is printed as it was made); the box sits in the corner where a
 * page's margin usually is, upright as the page is shown (its /Rotate honoured), inside the visible
 * area (its CropBox). pdf-lib needs the whole file in memory (the caller bounds it: 25 MB) and
 * rewrites it; the original content is wrapped in q … Q so that whatever it leaves in the graphics
 * state cannot move the stamp.
 *
 * Not stamped, but issued as uploaded: a PDF carrying a digital signature (e.g. a TTE of BSrE).
 * Rewriting it would break the signature, which is worth more than our QR; its number and sha256
 * still verify it.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRef,
  PDFString,
  StandardFonts,
  concatTransformationMatrix,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { toWinAnsi } from '../../queue/printing/ticket-pdf';

/** Why an upload cannot be stamped (the caller answers 422). */
export type UnstampableReason = 'encrypted' | 'unreadable' | 'no_pages';

export class UnstampablePdfError extends Error {
  constructor(
    readonly reason: UnstampableReason,
    cause?: unknown,
  ) {
    super(`the result PDF cannot be stamped: ${reason}`, { cause });
    this.name = 'UnstampablePdfError';
  }
}

export interface StampedResult {
  /** The issued document: stamped, or the upload itself when `stamped` is false. */
  bytes: Buffer;
  stamped: boolean;
  /** Why it was not stamped. */
  skipped?: 'signed';
}

/** The box, in points (1/72 inch): about 7 × 2.5 cm, 0.5 cm from the visible page's edges. */
export const STAMP = { width: 196, height: 70, inset: 14, padding: 5, qr: 60 } as const;
/** Objects parsed or written before pdf-lib yields to the event loop: a 25 MB file never holds it for long. */
const OBJECTS_PER_TICK = 200;

/**
 * Stamps `upload` (a whole PDF) with the number and its verification link. Throws
 * UnstampablePdfError for an encrypted, unreadable or page-less PDF.
 */
export async function stampResultPdf(upload: Buffer, stamp: { number: string; verificationUrl: string }): Promise<StampedResult> {
  let doc: PDFDocument;
  try {
    // Loaded even when encrypted, to tell that apart from damage (pdf-lib's own error does not survive `instanceof`).
    doc = await PDFDocument.load(upload, { ignoreEncryption: true, updateMetadata: false, parseSpeed: OBJECTS_PER_TICK });
  } catch (error) {
    throw new UnstampablePdfError('unreadable', error);
  }
  if (doc.isEncrypted) throw new UnstampablePdfError('encrypted');
  try {
    if (isSigned(doc)) return { bytes: upload, stamped: false, skipped: 'signed' };
    const pages = doc.getPages();
    if (pages.length === 0) throw new UnstampablePdfError('no_pages');
    await drawStamp(doc, pages[pages.length - 1], stamp);
    // No object streams: pdf-lib deflates each at once on the event loop (a 3,000-page PDF: 1 s, stalls of 200 ms; without: 0.3 s, 25 ms).
    const bytes = await doc.save({ useObjectStreams: false, objectsPerTick: OBJECTS_PER_TICK, updateFieldAppearances: false });
    return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), stamped: true };
  } catch (error) {
    // pdf-lib parses leniently and may fail only when it reaches a broken object.
    if (error instanceof UnstampablePdfError) throw error;
    throw new UnstampablePdfError('unreadable', error);
  }
}

/** Whether a signature field of the document holds a signature (a /Sig value with its /ByteRange). */
function isSigned(doc: PDFDocument): boolean {
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) return false;
  const seen = new Set<PDFDict>();
  const visit = (array: PDFArray): boolean => {
    for (let i = 0; i < array.size(); i++) {
      const field = array.lookupMaybe(i, PDFDict);
      if (!field || seen.has(field)) continue;
      seen.add(field);
      const value = field.lookupMaybe(PDFName.of('V'), PDFDict);
      if (value?.has(PDFName.of('ByteRange'))) return true;
      const kids = field.lookupMaybe(PDFName.of('Kids'), PDFArray);
      if (kids && visit(kids)) return true;
    }
    return false;
  };
  return visit(fields);
}

/** The page as shown: its visible size and the matrix from that upright frame to the page's own space. */
export function shownFrame(page: PDFPage): { width: number; height: number; matrix: [number, number, number, number, number, number] } {
  const { x, y, width: w, height: h } = page.getCropBox();
  switch ((((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270) {
    case 90:
      return { width: h, height: w, matrix: [0, 1, -1, 0, x + w, y] };
    case 180:
      return { width: w, height: h, matrix: [-1, 0, 0, -1, x + w, y + h] };
    case 270:
      return { width: h, height: w, matrix: [0, -1, 1, 0, x, y + h] };
    default:
      return { width: w, height: h, matrix: [1, 0, 0, 1, x, y] };
  }
}

async function drawStamp(doc: PDFDocument, page: PDFPage, stamp: { number: string; verificationUrl: string }): Promise<void> {
  const frame = shownFrame(page);
  // A page smaller than the box (a label, a ticket) gets the box scaled down to fit.
  const fit = Math.min(1, (frame.width - 2 * STAMP.inset) / STAMP.width, (frame.height - 2 * STAMP.inset) / STAMP.height);
  const scale = fit > 0 ? fit : Math.min(frame.width / STAMP.width, frame.height / STAMP.height);
  const left = frame.width - (STAMP.width + STAMP.inset) * scale;
  const bottom = STAMP.inset * scale;

  const qr = await doc.embedPng(
    await QRCode.toBuffer(stamp.verificationUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: 4, rendererOpts: { deflateLevel: 9 } } as QRCode.QRCodeToBufferOptions),
  );
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  // The uploaded content in q … Q: an unbalanced CTM or clip of its own stays inside.
  page.node.normalize();
  page.node.wrapContentStreams(doc.context.register(doc.context.stream('q')), doc.context.register(doc.context.stream('Q')));
  const [a, b, c, d, e, f] = frame.matrix;
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(a, b, c, d, e, f), concatTransformationMatrix(scale, 0, 0, scale, left, bottom));

  const { width, height, padding, qr: qrSize } = STAMP;
  page.drawRectangle({ x: 0, y: 0, width, height, color: rgb(1, 1, 1), borderColor: rgb(0.45, 0.45, 0.45), borderWidth: 0.5 });
  page.drawImage(qr, { x: padding, y: (height - qrSize) / 2, width: qrSize, height: qrSize });
  const textLeft = padding + qrSize + 6;
  const textWidth = width - textLeft - padding;
  let y = height - padding - 7;
  const line = (text: string, font: PDFFont, size: number, gap = 1.5) => {
    page.drawText(text, { x: textLeft, y, size, font, color: rgb(0, 0, 0) });
    y -= size + gap;
  };
  line('Nomor / No.', regular, 6);
  line(fitText(toWinAnsi(stamp.number), bold, 8.5, textWidth), bold, 8.5, 3);
  line('Verifikasi keaslian / Verify:', regular, 6);
  for (const part of wrapChars(toWinAnsi(stamp.verificationUrl), regular, 5.5, textWidth, 3)) line(part, regular, 5.5, 1);
  page.pushOperators(popGraphicsState());

  // The link, in the page's own space: the box's corners mapped through the same matrices.
  const corners = [
    [0, 0],
    [width, 0],
    [0, height],
    [width, height],
  ].map(([u, v]) => {
    const su = left + u * scale;
    const sv = bottom + v * scale;
    return [a * su + c * sv + e, b * su + d * sv + f];
  });
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const link = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(stamp.verificationUrl) },
    }),
  );
  addAnnotation(page, link);
}

function addAnnotation(page: PDFPage, ref: PDFRef): void {
  const annots = page.node.Annots();
  if (annots) annots.push(ref);
  else page.node.set(PDFName.of('Annots'), page.doc.context.obj([ref]));
}

/** The text cut with an ellipsis where it would pass `width` (a number is short: never in practice). */
function fitText(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}...`, size) > width) cut = cut.slice(0, -1);
  return `${cut}...`;
}

/** A URL broken into at most `maxLines` lines by characters (it has no spaces), the last one cut. */
function wrapChars(text: string, font: PDFFont, size: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0 && lines.length < maxLines - 1) {
    let n = rest.length;
    while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
    lines.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  if (rest.length > 0) lines.push(fitText(rest, font, size, width));
  return lines;
}
