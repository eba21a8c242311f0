import { PDFDocument, PDFName, PDFString, degrees } from 'pdf-lib';
import { decodeQr, imagesOf, linksOf, officePdf, signedPdf, textOf } from '../../../test/support/pdf-inspect';
import { STAMP, stampResultPdf, UnstampablePdfError } from './result-stamp';

const STAMP_INPUT = { number: 'HS-2612-7K3Q9M2X', verificationUrl: 'https://mpp.example.go.id/verifikasi/HS-2612-7K3Q9M2X' };

describe(stampResultPdf.name, () => {
  it('should put the QR code of the verification link, the number and the link on the last page only, and keep every page and its size', async () => {
    const upload = await officePdf(3);
    const before = await PDFDocument.load(upload);
    const sut = await stampResultPdf(upload, STAMP_INPUT);
    expect(sut.stamped).toBe(true);
    const after = await PDFDocument.load(sut.bytes);
    expect(after.getPageCount()).toBe(before.getPageCount());
    after.getPages().forEach((page, i) => expect(page.getSize()).toEqual(before.getPage(i).getSize()));
    const last = after.getPage(2);
    expect(imagesOf(last)).toHaveLength(imagesOf(before.getPage(2)).length + 1);
    expect(decodeQr(imagesOf(last)[0])).toBe(STAMP_INPUT.verificationUrl);
    const text = textOf(last);
    expect(text).toContain(STAMP_INPUT.number);
    expect(text).toContain('Verifikasi keaslian / Verify:');
    // The link is printed whole, over as many lines as it needs.
    expect(text.replace(/ /g, '')).toContain(STAMP_INPUT.verificationUrl);
    expect(linksOf(last).map((l) => l.uri)).toEqual([STAMP_INPUT.verificationUrl]);
    for (const i of [0, 1]) {
      expect(imagesOf(after.getPage(i))).toHaveLength(0);
      expect(textOf(after.getPage(i))).not.toContain(STAMP_INPUT.number);
    }
  });

  it.each([0, 90, 180, 270])('should place the box in the bottom-right corner of the page as shown, upright, inside its CropBox, when the page is rotated %i°', async (angle) => {
    const source = await PDFDocument.create();
    const page = source.addPage([600, 800]);
    // A visible area that does not start at 0,0.
    page.setCropBox(50, 40, 500, 700);
    page.setRotation(degrees(angle));
    const sut = await PDFDocument.load((await stampResultPdf(Buffer.from(await source.save()), STAMP_INPUT)).bytes);
    const [link] = linksOf(sut.getPage(0));
    const [x1, y1, x2, y2] = link.rect;
    const sideways = angle === 90 || angle === 270;
    expect([x2 - x1, y2 - y1].map((v) => Math.round(v))).toEqual(sideways ? [STAMP.height, STAMP.width] : [STAMP.width, STAMP.height]);
    // The corner of the CropBox that is shown bottom-right: /Rotate turns the page clockwise.
    const crop = { left: 50, bottom: 40, right: 550, top: 740 };
    const corner = { 0: [crop.right, crop.bottom], 90: [crop.right, crop.top], 180: [crop.left, crop.top], 270: [crop.left, crop.bottom] }[angle]!;
    const nearest = [Math.abs(x1 - corner[0]) < Math.abs(x2 - corner[0]) ? x1 : x2, Math.abs(y1 - corner[1]) < Math.abs(y2 - corner[1]) ? y1 : y2];
    expect(nearest.map((v, i) => Math.round(Math.abs(v - corner[i])))).toEqual([STAMP.inset, STAMP.inset]);
    expect(x1).toBeGreaterThanOrEqual(crop.left);
    expect(x2).toBeLessThanOrEqual(crop.right);
    expect(y1).toBeGreaterThanOrEqual(crop.bottom);
    expect(y2).toBeLessThanOrEqual(crop.top);
  });

  it('should scale the box down to fit a page smaller than it', async () => {
    const source = await PDFDocument.create();
    source.addPage([120, 60]);
    const sut = await PDFDocument.load((await stampResultPdf(Buffer.from(await source.save()), STAMP_INPUT)).bytes);
    const [{ rect }] = linksOf(sut.getPage(0));
    expect(rect[0]).toBeGreaterThanOrEqual(0);
    expect(rect[1]).toBeGreaterThanOrEqual(0);
    expect(rect[2]).toBeLessThanOrEqual(120);
    expect(rect[3]).toBeLessThanOrEqual(60);
  });

  it('should keep a digitally signed PDF as it is (a rewrite would break its signature)', async () => {
    const upload = await signedPdf();
    expect(await stampResultPdf(upload, STAMP_INPUT)).toEqual({ bytes: upload, stamped: false, skipped: 'signed' });
  });

  it('should stamp a PDF with an empty signature field (nothing signed yet)', async () => {
    const source = await PDFDocument.create();
    source.addPage([595, 842]);
    const field = source.context.register(source.context.obj({ FT: 'Sig', T: PDFString.of('TTE') }));
    source.catalog.set(PDFName.of('AcroForm'), source.context.obj({ Fields: [field] }));
    expect((await stampResultPdf(Buffer.from(await source.save()), STAMP_INPUT)).stamped).toBe(true);
  });

  it('should refuse an encrypted PDF as encrypted', async () => {
    const upload = await officePdf(1, { userPassword: 'rahasia', ownerPassword: 'pemilik' });
    await expect(stampResultPdf(upload, STAMP_INPUT)).rejects.toMatchObject({ name: UnstampablePdfError.name, reason: 'encrypted' });
  });

  it.each([
    ['random bytes after the header', async () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x8f), Buffer.from('\n%%EOF\n')])],
    ['a PDF cut short', async () => (await officePdf(2)).subarray(0, 600)],
  ])('should refuse %s as unreadable', async (_label, make) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(stampResultPdf(await make(), STAMP_INPUT)).rejects.toMatchObject({ name: UnstampablePdfError.name, reason: 'unreadable' });
    } finally {
      warn.mockRestore();
    }
  });

  it('should refuse a PDF without a page', async () => {
    const empty = Buffer.from(await (await PDFDocument.create()).save({ addDefaultPage: false }));
    await expect(stampResultPdf(empty, STAMP_INPUT)).rejects.toMatchObject({ name: UnstampablePdfError.name, reason: 'no_pages' });
  });
});
