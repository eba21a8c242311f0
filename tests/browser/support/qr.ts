import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import sharp from 'sharp';

/** Pixels per module of the clean copy ZXing reads, and its quiet zone in modules. */
const MODULE_PX = 8;
const QUIET_MODULES = 4;

/**
 * The text of a QR code in a PNG data URL, read by @zxing/library. A page's QR image is drawn at a
 * width that is not a whole number of pixels per module (240 px for 49 modules), and ZXing's finder
 * misreads about one in twelve such images. So the symbol is first redrawn on its own grid: its
 * dark bounding box, the module size from the top-left finder pattern (7 modules wide; QR sizes are
 * 21, 25, 29 … modules, so the nearest one is it), each module sampled at its centre; then read as
 * a pure barcode.
 */
export async function readQrDataUrl(dataUrl: string): Promise<string> {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const dark = (x: number, y: number) => data[y * info.width + x]! < 128;

  let top = info.height;
  let left = info.width;
  let bottom = -1;
  let right = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (!dark(x, y)) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  if (bottom < 0) throw new Error('no QR code in the image: nothing dark');
  // The finder's top row is dark for exactly 7 modules from the symbol's left edge.
  let finder = 0;
  while (left + finder <= right && dark(left + finder, top)) finder++;
  const side = right - left + 1;
  // Pixel rounding makes that estimate off by a module or so; QR sizes are 17 + 4·version apart.
  const estimate = side / (finder / 7);
  const modules = 17 + 4 * Math.max(0, Math.round((estimate - 17) / 4));

  const cell = side / modules;
  const size = (modules + 2 * QUIET_MODULES) * MODULE_PX;
  const clean = new Uint8ClampedArray(size * size).fill(255);
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (!dark(Math.floor(left + (col + 0.5) * cell), Math.floor(top + (row + 0.5) * cell))) continue;
      for (let dy = 0; dy < MODULE_PX; dy++) {
        const start = ((row + QUIET_MODULES) * MODULE_PX + dy) * size + (col + QUIET_MODULES) * MODULE_PX;
        clean.fill(0, start, start + MODULE_PX);
      }
    }
  }
  const hints = new Map([[DecodeHintType.PURE_BARCODE, true]]);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(clean, size, size))), hints).getText();
}
