import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFString, type PDFPage } from 'pdf-lib';
import PDFKit from 'pdfkit';
import { inflateSync } from 'node:zlib';

/**
 * Reading back what a PDF holds, with pdf-lib (for the stamp on uploaded results: result-stamp.ts):
 * a page's images, the strings it shows, its links, and what a QR image encodes (ZXing).
 */

/** A PDF as an office program makes one: `pages` A4 pages of text (pdfkit). */
export function officePdf(pages: number, options: PDFKit.PDFDocumentOptions & { text?: string } = {}): Promise<Buffer> {
  const { text = 'Kartu Keluarga', ...pdfOptions } = options;
  const doc = new PDFKit({ size: 'A4', ...pdfOptions });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (let i = 1; i <= pages; i++) {
    if (i > 1) doc.addPage();
    doc.fontSize(14).text(`${text}, halaman ${i}`);
  }
  doc.end();
  return done;
}

/** The image XObjects a page's resources name. */
export function imagesOf(page: PDFPage): PDFRawStream[] {
  const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xObjects) return [];
  return xObjects
    .keys()
    .map((key) => xObjects.lookup(key))
    .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
}

/** The strings a page's content streams show with Tj as hex (as pdf-lib writes them, WinAnsi bytes), joined by a space. */
export function textOf(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  const parts: string[] = [];
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) continue;
    const raw = Buffer.from(s.contents);
    const text = (s.dict.get(PDFName.of('Filter')) ? inflateSync(raw) : raw).toString('latin1');
    for (const m of text.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) parts.push(Buffer.from(m[1], 'hex').toString('latin1'));
  }
  return parts.join(' ');
}

/** What a QR image (an Image XObject of 8-bit samples) encodes, read by ZXing from its pixels, a white quiet zone added. */
export function decodeQr(image: PDFRawStream): string {
  const width = (image.dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
  const height = (image.dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
  const pixels = inflateSync(Buffer.from(image.contents));
  const channels = pixels.length / (width * height);
  const border = 16;
  const w = width + 2 * border;
  const h = height + 2 * border;
  const luminance = new Uint8ClampedArray(w * h).fill(255);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) luminance[(y + border) * w + x + border] = pixels[(y * width + x) * channels];
  const hints = new Map([[DecodeHintType.PURE_BARCODE, true]]);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, w, h))), hints).getText();
}

/** A page's link annotations: where (the page's own space) and to which URI. */
export function linksOf(page: PDFPage): { rect: number[]; uri: string }[] {
  const annots = page.node.Annots();
  if (!annots) return [];
  return annots
    .asArray()
    .map((r) => page.doc.context.lookup(r) as PDFDict)
    .filter((a) => a.get(PDFName.of('Subtype')) === PDFName.of('Link'))
    .map((a) => ({
      rect: (a.lookup(PDFName.of('Rect')) as PDFArray).asArray().map((n) => (n as PDFNumber).asNumber()),
      uri: (a.lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('URI')) as PDFString).decodeText(),
    }));
}

/** A one-page PDF carrying a (structurally complete, cryptographically fake) signature in a /Sig field, as a TTE-signed result does. */
export async function signedPdf(): Promise<Buffer> {
  const source = await PDFDocument.create();
  source.addPage([595, 842]);
  const context = source.context;
  const signature = context.obj({ Type: 'Sig', Filter: 'Adobe.PPKLite', SubFilter: 'adbe.pkcs7.detached', ByteRange: [0, 100, 200, 300] });
  const field = context.register(context.obj({ FT: 'Sig', T: PDFString.of('TTE'), V: context.register(signature) }));
  source.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [field], SigFlags: 3 }));
  return Buffer.from(await source.save());
}
