import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import type { ApiError } from '@mpp/contracts';
import { ApiException } from '../src/common/errors/api-exception';
import { FilesService } from '../src/files/files.service';
import { MAX_IMAGE_PIXELS } from '../src/files/image-reencoder';
import { createFilesHarness, drain, generatedContent, type FilesHarness } from './support/files-harness';

const MiB = 1024 * 1024;
const GPS_MAKE = 'TelefonPintarUji';

/** A 64×32 JPEG, left half red and right half blue, with a camera make, GPS coordinates (Kupang) and EXIF orientation 6 (turn 90° clockwise to view). */
async function newPhoneJpeg(): Promise<Buffer> {
  return halvesImage()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: GPS_MAKE, Model: 'Uji 1' },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '10/1 10/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '123/1 35/1 0/1' },
      },
    })
    .jpeg({ quality: 95 })
    .toBuffer();
}

function halvesImage(): Sharp {
  const width = 64;
  const height = 32;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(x < width / 2 ? [220, 20, 20] : [20, 20, 220], (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** The PNG chunk `type` with `data`, length and CRC as the format wants. */
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A valid-looking PNG of a few bytes that declares width × height pixels (a decompression bomb). */
function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), pngChunk('IEND', Buffer.alloc(0))]);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  return (error as ApiException).getResponse() as ApiError;
}

async function readBack(h: FilesHarness, key: string): Promise<Buffer> {
  return (await drain(await h.sut.open(key), true)).bytes!;
}

describe(`${FilesService.name} documents`, () => {
  let h: FilesHarness;

  beforeAll(async () => {
    h = await createFilesHarness('directory');
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('should store a phone photo upright and without its EXIF (GPS, make) or orientation tag', async () => {
    const photo = await newPhoneJpeg();
    const original = await sharp(photo).metadata();
    // The input really carries them (else this test proves nothing).
    expect([original.width, original.height, original.orientation]).toEqual([64, 32, 6]);
    expect(original.exif).toBeDefined();
    expect(photo.includes(Buffer.from(GPS_MAKE))).toBe(true);

    const sut = await h.sut.storeDocument(Readable.from([photo]), { maxBytes: MiB });

    const stored = await readBack(h, sut.key);
    expect(sut).toEqual({ key: expect.stringMatching(/^[0-9a-f]{32}$/), contentType: 'image/jpeg', sha256: sha256(stored), size: stored.length });
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.exif, meta.orientation, meta.xmp, meta.iptc, meta.icc]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(stored.includes(Buffer.from(GPS_MAKE))).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0\0'))).toBe(false);
    // Turned by the orientation: 32 wide, 64 high, the left (red) half now on top.
    expect([meta.width, meta.height]).toEqual([original.height, original.width]);
    const { data } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * 32 + x) * 3, (y * 32 + x) * 3 + 3)];
    expect(at(16, 8)[0]).toBeGreaterThan(at(16, 8)[2]);
    expect(at(16, 56)[2]).toBeGreaterThan(at(16, 56)[0]);
  });

  it('should store a PNG without its EXIF, by its content even when named and sent as a PDF', async () => {
    const scanPdf = { name: 'scan-ktp.pdf', claimedType: 'application/pdf', bytes: await halvesImage().withMetadata({ exif: { IFD0: { Make: GPS_MAKE } } }).png().toBuffer() };
    expect((await sharp(scanPdf.bytes).metadata()).exif).toBeDefined();

    // storeDocument takes no name or claimed type at all: only the bytes decide.
    const sut = await h.sut.storeDocument(Readable.from([scanPdf.bytes]), { maxBytes: MiB });

    expect(sut.contentType).toBe('image/png');
    const stored = await readBack(h, sut.key);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.exif, meta.width, meta.height]).toEqual(['png', undefined, 64, 32]);
    expect(stored.includes(Buffer.from(GPS_MAKE))).toBe(false);
  });

  it('should store a 20 MB PDF as it came, hashed while streaming', async () => {
    const content = generatedContent(20 * 1000 * 1000, '%PDF-1.7 lampiran');
    const sut = await h.sut.storeDocument(content.stream, { maxBytes: 25 * MiB });
    expect(sut).toEqual({ key: sut.key, contentType: 'application/pdf', sha256: content.sha256(), size: 20 * 1000 * 1000 });
    expect(await drain(await h.sut.open(sut.key))).toEqual({ sha256: content.sha256(), size: sut.size, bytes: null });
  }, 120_000);

  it('should upload and read back 50 MB without holding it (memory held after collections)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Native objects (a cipher per chunk) are released by callbacks that run after the collection.
    const settled = async () => {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      // V8's heap and the memory outside it that JavaScript holds (Buffers among it). Not the
      // resident size: glibc keeps what the thread pool's file writes freed (measured: +24 MB
      // resident with this figure back where it started).
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const total = 50 * MiB;
    const before = await settled();
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        peak = Math.max(peak, await settled());
      }
    })();
    try {
      // In 64 KiB pieces, as an HTTP upload arrives.
      const content = generatedContent(total, '%PDF-1.7 besar', 64 * 1024);
      const stored = await h.sut.storeDocument(content.stream, { maxBytes: total });
      expect(stored.sha256).toBe(content.sha256());
      expect((await drain(await h.sut.open(stored.key))).sha256).toBe(content.sha256());
    } finally {
      sampling = false;
      await sampler;
    }
    // Holding the upload would add 50 MB (twice with its ciphertext); streaming holds a few chunks.
    expect(peak - before).toBeLessThan(total / 5);
  }, 180_000);

  it.each([
    ['a text file claiming to be image/jpeg', Buffer.from('Surat pernyataan: saya yang bertanda tangan di bawah ini...'), 422, 'FILE_TYPE_NOT_ALLOWED'],
    ['an HTML page named .png', Buffer.from('<html><script>alert(document.cookie)</script></html>'), 422, 'FILE_TYPE_NOT_ALLOWED'],
    ['an empty file', Buffer.alloc(0), 422, 'FILE_EMPTY'],
    ['a PNG signature with garbage after it', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 0x41)]), 422, 'IMAGE_UNREADABLE'],
    [`a PNG declaring 15000 × 15000 pixels (over ${MAX_IMAGE_PIXELS})`, pngDeclaring(15_000, 15_000), 422, 'IMAGE_UNREADABLE'],
  ])('should refuse %s with a bilingual message and store nothing', async (_name, bytes, status, code) => {
    const before = await h.listStored();
    const sut = await refusal(h.sut.storeDocument(Readable.from([bytes]), { maxBytes: MiB }));
    expect(sut).toMatchObject({ statusCode: status, code });
    expect(sut.message.id.length).toBeGreaterThan(10);
    expect(sut.message.en.length).toBeGreaterThan(10);
    expect(sut.message.id).not.toBe(sut.message.en);
    expect(await h.listStored()).toEqual(before);
    expect(await h.listSpool()).toEqual([]);
  });

  it('should refuse a decompression bomb by its declared size, before decoding it', async () => {
    const bomb = pngDeclaring(15_000, 15_000);
    const sut = h.images.pipeline('image/png');
    const output = drain(sut);
    sut.end(bomb);
    await expect(output).rejects.toThrow(/pixel limit/);
  });

  it('should stop reading past the size limit, answer 413 naming the limit, and store nothing', async () => {
    const before = await h.listStored();
    let produced = 0;
    const endless = new Readable({
      read() {
        const piece = Buffer.alloc(64 * 1024, 0x20);
        if (produced === 0) piece.write('%PDF-1.4');
        produced += piece.length;
        this.push(piece);
      },
    });
    const limit = 2 * MiB;
    const sut = await refusal(h.sut.storeDocument(endless, { maxBytes: limit }));
    expect(sut).toMatchObject({ statusCode: 413, code: 'FILE_TOO_LARGE' });
    expect(sut.message.id).toContain('2 MB');
    expect(sut.message.en).toContain('2 MB');
    expect(endless.destroyed).toBe(true);
    expect(produced).toBeLessThan(limit + MiB);
    expect(await h.listStored()).toEqual(before);
  });

  it('should refuse an image past the limit the same way', async () => {
    const photo = await newPhoneJpeg();
    const sut = await refusal(h.sut.storeDocument(Readable.from([photo]), { maxBytes: photo.length - 1 }));
    expect(sut.code).toBe('FILE_TOO_LARGE');
  });
});

describe(`${FilesService.name} image queue`, () => {
  let h: FilesHarness;

  afterEach(async () => {
    await h?.close();
  });

  it('should re-encode at most FILES_IMAGE_CONCURRENCY images at once and queue the rest', async () => {
    h = await createFilesHarness('directory', { env: { FILES_IMAGE_CONCURRENCY: '2', FILES_IMAGE_QUEUE: '20' } });
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    let mostActive = 0;
    let mostQueued = 0;
    const sampler = setInterval(() => {
      mostActive = Math.max(mostActive, h.images.queue.active);
      mostQueued = Math.max(mostQueued, h.images.queue.queued);
    }, 2);
    try {
      const uploads = Array.from({ length: 6 }, () => h.sut.storeDocument(Readable.from([photo]), { maxBytes: 10 * MiB }));
      const stored = await Promise.all(uploads);
      expect(stored.map((s) => s.contentType)).toEqual(uploads.map(() => 'image/jpeg'));
      expect(new Set(stored.map((s) => s.key)).size).toBe(uploads.length);
    } finally {
      clearInterval(sampler);
    }
    expect(mostActive).toBeLessThanOrEqual(2);
    expect(mostActive).toBeGreaterThan(0);
    expect(mostQueued).toBeGreaterThan(0);
    expect([h.images.queue.active, h.images.queue.queued]).toEqual([0, 0]);
  }, 120_000);

  it('should answer 503 FILES_BUSY when the queue is full, and take images again once it moves', async () => {
    h = await createFilesHarness('directory', { env: { FILES_IMAGE_CONCURRENCY: '1', FILES_IMAGE_QUEUE: '1' } });
    const photo = await newPhoneJpeg();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // One re-encode running and one waiting: the queue is full.
    const occupying = [h.images.queue.run(() => held), h.images.queue.run(() => held)];

    const sut = await refusal(h.sut.storeDocument(Readable.from([photo]), { maxBytes: MiB }));
    expect(sut).toMatchObject({ statusCode: 503, code: 'FILES_BUSY' });
    expect(await h.listStored()).toEqual([]);

    // A PDF does not need the queue.
    const pdf = await h.sut.storeDocument(Readable.from([Buffer.from('%PDF-1.4\n%%EOF\n')]), { maxBytes: MiB });
    expect(pdf.contentType).toBe('application/pdf');

    release();
    await Promise.all(occupying);
    const stored = await h.sut.storeDocument(Readable.from([photo]), { maxBytes: MiB });
    expect(stored.contentType).toBe('image/jpeg');
  }, 60_000);
});
