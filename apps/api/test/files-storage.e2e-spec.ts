import { Readable } from 'node:stream';
import sharp from 'sharp';
import { ApiException } from '../src/common/errors/api-exception';
import { FileIntegrityError } from '../src/files/file-cipher';
import { DEFAULT_CHUNK_SIZE, encryptedLength } from '../src/files/file-format';
import { FilesService } from '../src/files/files.service';
import { createFilesHarness, drain, generatedContent, startS3Server, type FilesHarness, type S3TestServer } from './support/files-harness';

const MARKER = 'NIK 5371010101010001 BUDI SANTOSO';
const MiB = 1024 * 1024;

/** The same suite for both drivers: the S3 one against a real S3 server (s3rver) started here. */
describe.each(['directory', 's3'] as const)(`${FilesService.name} with the %s driver`, (driver) => {
  let s3: S3TestServer | undefined;
  let h: FilesHarness;

  beforeAll(async () => {
    if (driver === 's3') s3 = await startS3Server();
    h = await createFilesHarness(driver, { s3 });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await s3?.stop();
  });

  it('should use the driver the configuration names', () => {
    expect(h.sut.driver).toBe(driver);
  });

  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['exactly one chunk', DEFAULT_CHUNK_SIZE],
    ['many chunks', 5 * DEFAULT_CHUNK_SIZE + 4321],
    ['20 MB', 20 * 1000 * 1000],
  ])('should give back a %s file with the same sha256, stored encrypted', async (_name, size) => {
    const content = generatedContent(size, MARKER);
    const stored = await h.sut.storeBytes(content.stream);
    expect(stored.sha256).toBe(content.sha256());
    expect(stored.size).toBe(size);
    expect(await h.sut.exists(stored.key)).toBe(true);
    expect(await h.sut.storedSize(stored.key)).toBe(encryptedLength(size));

    const back = await drain(await h.sut.open(stored.key));
    expect(back).toEqual({ sha256: content.sha256(), size, bytes: null });

    // What the store holds is neither the plaintext nor any part of it.
    const raw = await drain(await h.storage.get(stored.key), size <= 2 * MiB);
    expect(raw.size).toBe(encryptedLength(size));
    expect(raw.sha256).not.toBe(content.sha256());
    if (raw.bytes && size > MARKER.length) expect(raw.bytes.includes(Buffer.from(MARKER))).toBe(false);
  }, 120_000);

  it('should send a file of known length without spooling it, and refuse a stream of another length', async () => {
    const size = 3 * DEFAULT_CHUNK_SIZE + 5;
    const content = generatedContent(size);
    const stored = await h.sut.storeBytes(content.stream, { size });
    expect((await drain(await h.sut.open(stored.key))).sha256).toBe(content.sha256());

    const before = await h.listStored();
    await expect(h.sut.storeBytes(generatedContent(size - 1).stream, { size })).rejects.toThrow('announced');
    await expect(h.sut.storeBytes(generatedContent(size + 1).stream, { size })).rejects.toThrow('announced');
    expect(await h.listStored()).toEqual(before);
    expect(await h.listSpool()).toEqual([]);
  }, 60_000);

  it('should keep nothing, not even in the spool, when the stream fails half-way', async () => {
    const before = await h.listStored();
    const broken = new Error('connection reset by the phone');
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent >= 2 * MiB) return void this.destroy(broken);
        sent += 256 * 1024;
        this.push(Buffer.alloc(256 * 1024, 7));
      },
    });
    await expect(h.sut.storeBytes(source)).rejects.toBe(broken);
    expect(await h.listStored()).toEqual(before);
    expect(await h.listSpool()).toEqual([]);
  }, 60_000);

  it('should refuse to read an object changed in the store, releasing nothing of the changed chunk', async () => {
    const size = 4 * DEFAULT_CHUNK_SIZE;
    const content = generatedContent(size);
    const stored = await h.sut.storeBytes(content.stream);
    const raw = (await drain(await h.storage.get(stored.key), true)).bytes!;
    const tampered = Buffer.from(raw);
    tampered[raw.length - 100] ^= 0x01;
    await h.storage.delete(stored.key);
    await h.storage.put(stored.key, Readable.from([tampered]));

    const released: Buffer[] = [];
    const reading = (async () => {
      for await (const piece of await h.sut.open(stored.key)) released.push(piece as Buffer);
    })();
    await expect(reading).rejects.toBeInstanceOf(FileIntegrityError);
    expect(Buffer.concat(released).length).toBe(size - DEFAULT_CHUNK_SIZE);
  }, 60_000);

  it('should refuse an object moved to another key', async () => {
    const a = await h.sut.storeBytes(generatedContent(1000).stream);
    const b = await h.sut.storeBytes(generatedContent(1000).stream);
    const rawA = (await drain(await h.storage.get(a.key), true)).bytes!;
    await h.storage.delete(b.key);
    await h.storage.put(b.key, Readable.from([rawA]));
    await expect(drain(await h.sut.open(b.key))).rejects.toBeInstanceOf(FileIntegrityError);
  }, 60_000);

  it('should store an uploaded photo re-encoded (its length known only at the end) and give back what it hashed', async () => {
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .withMetadata({ exif: { IFD0: { Make: 'KameraUji' } } })
      .jpeg()
      .toBuffer();
    const sut = await h.sut.storeDocument(Readable.from([photo]), { maxBytes: MiB });
    const back = await drain(await h.sut.open(sut.key), true);
    expect(sut).toEqual({ key: sut.key, contentType: 'image/jpeg', sha256: back.sha256, size: back.size });
    expect((await sharp(back.bytes!).metadata()).exif).toBeUndefined();
    expect(await h.listSpool()).toEqual([]);
  }, 60_000);

  if (driver === 'directory') {
    it('should never replace a stored version', async () => {
      const stored = await h.sut.storeBytes(generatedContent(100).stream);
      await expect(h.storage.put(stored.key, Readable.from([Buffer.from('other')]))).rejects.toThrow(/EEXIST/);
      expect((await drain(await h.sut.open(stored.key))).sha256).toBe(stored.sha256);
    });
  }

  it('should answer 404 for a missing or malformed key and forget a removed file', async () => {
    const stored = await h.sut.storeBytes(generatedContent(10).stream);
    await h.sut.remove(stored.key);
    await h.sut.remove(stored.key);
    expect(await h.sut.exists(stored.key)).toBe(false);
    expect(await h.sut.storedSize(stored.key)).toBeNull();
    for (const key of [stored.key, '../../etc/passwd', 'ABCDEF']) {
      const refusal = await h.sut.open(key).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ApiException);
      expect((refusal as ApiException).getStatus()).toBe(404);
    }
  }, 60_000);
});
