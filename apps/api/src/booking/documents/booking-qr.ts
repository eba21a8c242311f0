/**
 * The booking QR code, scanned by the kiosk at check-in. It encodes the canonical booking code and
 * nothing else ("K7M39QXA": 8 upper-case symbols, so QR alphanumeric mode, version 1): no URL and
 * no personal data, so a photo of it reveals nothing but the code.
 */
import QRCode from 'qrcode';
import { normalizeBookingCode } from '@mpp/domain';

/** Error correction M (15 %): survives a creased print-out or a cracked phone screen. */
const ERROR_CORRECTION = 'M';

/** Two modules of margin in the image; the paper or screen around it adds to the quiet zone. */
const MARGIN = 2;

/** Greyscale without alpha (pngjs options passed through qrcode), so the PDF embeds one image, no soft mask. */
const GREYSCALE_PNG = { deflateLevel: 9, colorType: 0 };

/** What the QR code holds: the canonical code. Throws a RangeError for anything that is not a booking code. */
export function bookingQrPayload(code: string): string {
  const canonical = normalizeBookingCode(code);
  if (canonical === null) throw new RangeError(`The booking QR code holds a booking code only (got ${JSON.stringify(code)})`);
  return canonical;
}

/** The QR code as a greyscale PNG, for the PDF confirmation. */
export async function bookingQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(bookingQrPayload(code), { type: 'png', errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN, scale: 8, rendererOpts: GREYSCALE_PNG });
}

/** The QR code as a data URL ("data:image/png;base64,…"), for the API response shown on the citizen's phone. */
export async function bookingQrDataUrl(code: string): Promise<string> {
  return QRCode.toDataURL(bookingQrPayload(code), { type: 'image/png', errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN, scale: 8 });
}
