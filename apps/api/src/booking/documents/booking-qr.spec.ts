import QRCode from 'qrcode';
import { bookingQrDataUrl, bookingQrPayload, bookingQrPng } from './booking-qr';

/** pngjs comes with qrcode (it draws the PNG); here it reads the image back, pixel by pixel. */
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };

/**
 * Reads the modules back out of the image (margin 2, 8 pixels a module) and compares them with the
 * QR code of `expected` at level M: short of a decoder, this shows the image holds exactly that text.
 */
function expectQrOf(png: Buffer, expected: string): void {
  const qr = QRCode.create(expected, { errorCorrectionLevel: 'M' });
  const image = PNG.sync.read(png);
  const size = qr.modules.size;
  expect(image.width).toBe((size + 4) * 8);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = (2 + col) * 8 + 4;
      const y = (2 + row) * 8 + 4;
      const dark = image.data[(y * image.width + x) * 4] < 128;
      expect([row, col, dark]).toEqual([row, col, qr.modules.get(row, col) === 1]);
    }
  }
}

describe(bookingQrPayload.name, () => {
  it('should hold the canonical code and nothing else', () => {
    expect(bookingQrPayload('K7M39QXA')).toBe('K7M39QXA');
    expect(bookingQrPayload('k7m3-9qxa')).toBe('K7M39QXA');
  });

  it('should refuse anything that is not a booking code, such as a URL or a NIK', () => {
    expect(() => bookingQrPayload('https://mpp.example.go.id/pesan/K7M39QXA')).toThrow(RangeError);
    expect(() => bookingQrPayload('5371014508900001')).toThrow(RangeError);
  });

  it('should make a small QR code: one alphanumeric segment, version 1, level M', () => {
    const qr = QRCode.create(bookingQrPayload('K7M39QXA'), { errorCorrectionLevel: 'M' });
    expect(qr.version).toBe(1);
    expect(qr.segments).toHaveLength(1);
  });
});

describe(bookingQrDataUrl.name, () => {
  it('should give a PNG data URL whose modules are the QR code of the booking code', async () => {
    const sut = await bookingQrDataUrl('K7M39QXA');
    expect(sut).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expectQrOf(Buffer.from(sut.slice('data:image/png;base64,'.length), 'base64'), 'K7M39QXA');
  });
});

describe(bookingQrPng.name, () => {
  it('should give the same QR code as a PNG for the PDF', async () => {
    const sut = await bookingQrPng('K7M39QXA');
    expect(sut.subarray(1, 4).toString('latin1')).toBe('PNG');
    expectQrOf(sut, 'K7M39QXA');
  });
});
