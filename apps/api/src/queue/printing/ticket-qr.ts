import QRCode from 'qrcode';

/** Error correction M (15 %): survives a smudged thermal print while keeping modules large. */
const ERROR_CORRECTION = 'M';

/** A relative URL in a printed QR code is useless to a phone: refuse it before printing. */
function assertAbsoluteUrl(url: string): void {
  if (!URL.canParse(url)) {
    throw new RangeError(`The ticket QR code needs an absolute URL (got "${url}")`);
  }
}

/**
 * pngjs options passed through qrcode (whose types list only the deflate ones): colour type 0 is
 * greyscale without alpha, so the PDF embeds one image instead of an image plus its soft mask.
 */
const GREYSCALE_PNG = { deflateLevel: 9, colorType: 0 };

/** The QR code as a PNG, for the PDF. The paper around it is the quiet zone, so the margin is small. */
export async function ticketQrPng(url: string): Promise<Buffer> {
  assertAbsoluteUrl(url);
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: ERROR_CORRECTION, margin: 1, scale: 8, rendererOpts: GREYSCALE_PNG });
}

/** The QR code as SVG markup, for the HTML ticket (sharp at any printer resolution). */
export async function ticketQrSvg(url: string): Promise<string> {
  assertAbsoluteUrl(url);
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: 1 });
}
