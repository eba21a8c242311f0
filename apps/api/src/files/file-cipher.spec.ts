import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FileCipher, FileIntegrityError } from './file-cipher';
import { DEFAULT_CHUNK_SIZE, encryptedLength, HEADER_LENGTH, TAG_LENGTH } from './file-format';

const KEY = '0123456789abcdef0123456789abcdef';
const SEALED = DEFAULT_CHUNK_SIZE + TAG_LENGTH;

async function collect(stream: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}

/** Feeds `data` in pieces of `pieceSize` bytes (so chunk borders fall inside pieces). */
function feed(data: Buffer, pieceSize = 10_000): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += pieceSize) pieces.push(data.subarray(i, i + pieceSize));
  return Readable.from(pieces, { objectMode: false });
}

async function encrypt(sut: FileCipher, plain: Buffer, context = KEY): Promise<Buffer> {
  return collect(feed(plain).pipe(sut.encryptStream(context)));
}

/** Decrypts, keeping what was released before an error. */
async function decrypt(sut: FileCipher, sealed: Buffer, context = KEY): Promise<{ released: Buffer; error: unknown }> {
  const released: Buffer[] = [];
  let error: unknown = null;
  try {
    await pipeline(
      feed(sealed, 7_777),
      sut.decryptStream(context),
      new Writable({
        write(piece: Buffer, _encoding, callback) {
          released.push(piece);
          callback();
        },
      }),
    );
  } catch (e) {
    error = e;
  }
  return { released: Buffer.concat(released), error };
}

/** The sealed chunk i of a file (i from 0), and the header. */
function chunkAt(sealed: Buffer, i: number): Buffer {
  return sealed.subarray(HEADER_LENGTH + i * SEALED, Math.min(sealed.length, HEADER_LENGTH + (i + 1) * SEALED));
}

describe(FileCipher.name, () => {
  const sut = new FileCipher(randomBytes(32));

  it.each([0, 1, DEFAULT_CHUNK_SIZE - 1, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE + 1, 3 * DEFAULT_CHUNK_SIZE + 12_345])(
    'should give back %i bytes exactly, stored in the length the format says',
    async (size) => {
      const plain = randomBytes(size);
      const sealed = await encrypt(sut, plain);
      expect(sealed.length).toBe(encryptedLength(size));
      const { released, error } = await decrypt(sut, sealed);
      expect(error).toBeNull();
      expect(released.equals(plain)).toBe(true);
    },
  );

  it('should store no plaintext and differ each time for the same content', async () => {
    const plain = Buffer.from('NIK 5371010101010001 NAMA BUDI SANTOSO '.repeat(5000));
    const [a, b] = [await encrypt(sut, plain), await encrypt(sut, plain)];
    expect(a.includes(Buffer.from('BUDI SANTOSO'))).toBe(false);
    expect(a.subarray(HEADER_LENGTH).equals(b.subarray(HEADER_LENGTH))).toBe(false);
  });

  it('should release the chunks before a tampered one and nothing of it', async () => {
    const plain = randomBytes(4 * DEFAULT_CHUNK_SIZE);
    const sealed = await encrypt(sut, plain);
    const tampered = Buffer.from(sealed);
    tampered[HEADER_LENGTH + 2 * SEALED + 100] ^= 0x01;
    const { released, error } = await decrypt(sut, tampered);
    expect(error).toBeInstanceOf(FileIntegrityError);
    expect(released.equals(plain.subarray(0, 2 * DEFAULT_CHUNK_SIZE))).toBe(true);
  });

  it('should refuse a tampered tag, header salt or the last chunk', async () => {
    const sealed = await encrypt(sut, randomBytes(DEFAULT_CHUNK_SIZE + 500));
    for (const at of [sealed.length - 1, 12, HEADER_LENGTH + SEALED - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at] ^= 0x80;
      const { released, error } = await decrypt(sut, tampered);
      expect(error).toBeInstanceOf(FileIntegrityError);
      expect(released.length).toBeLessThanOrEqual(at < HEADER_LENGTH + SEALED ? 0 : DEFAULT_CHUNK_SIZE);
    }
  });

  it('should fail a file cut at a chunk border, inside a chunk, inside the header, or empty', async () => {
    const plain = randomBytes(3 * DEFAULT_CHUNK_SIZE + 10);
    const sealed = await encrypt(sut, plain);
    for (const length of [HEADER_LENGTH + 2 * SEALED, HEADER_LENGTH + 2 * SEALED + 5000, HEADER_LENGTH + SEALED + 3, HEADER_LENGTH, 20, 0, sealed.length - 1]) {
      const { released, error } = await decrypt(sut, sealed.subarray(0, length));
      expect(error).toBeInstanceOf(FileIntegrityError);
      // Whatever was released is a true prefix of the plaintext, and never all of it.
      expect(released.equals(plain.subarray(0, released.length))).toBe(true);
      expect(released.length).toBeLessThan(plain.length);
    }
  });

  it('should fail a file whose last chunk was dropped even at a full-chunk length', async () => {
    const plain = randomBytes(3 * DEFAULT_CHUNK_SIZE);
    const sealed = await encrypt(sut, plain);
    expect(sealed.length).toBe(HEADER_LENGTH + 3 * SEALED);
    const { error } = await decrypt(sut, sealed.subarray(0, HEADER_LENGTH + 2 * SEALED));
    expect(error).toBeInstanceOf(FileIntegrityError);
  });

  it('should fail a file with bytes or a chunk appended', async () => {
    const sealed = await encrypt(sut, randomBytes(2 * DEFAULT_CHUNK_SIZE + 7));
    for (const extended of [Buffer.concat([sealed, Buffer.from([0])]), Buffer.concat([sealed, chunkAt(sealed, 2)])]) {
      const { error } = await decrypt(sut, extended);
      expect(error).toBeInstanceOf(FileIntegrityError);
    }
  });

  it('should fail reordered chunks before releasing the moved one', async () => {
    const plain = randomBytes(3 * DEFAULT_CHUNK_SIZE + 99);
    const sealed = await encrypt(sut, plain);
    const header = sealed.subarray(0, HEADER_LENGTH);
    const swapped = Buffer.concat([header, chunkAt(sealed, 1), chunkAt(sealed, 0), chunkAt(sealed, 2), chunkAt(sealed, 3)]);
    const { released, error } = await decrypt(sut, swapped);
    expect(error).toBeInstanceOf(FileIntegrityError);
    expect(released.length).toBe(0);
    const skipped = Buffer.concat([header, chunkAt(sealed, 0), chunkAt(sealed, 2), chunkAt(sealed, 3)]);
    const second = await decrypt(sut, skipped);
    expect(second.error).toBeInstanceOf(FileIntegrityError);
    expect(second.released.equals(plain.subarray(0, DEFAULT_CHUNK_SIZE))).toBe(true);
  });

  it('should fail a chunk taken from another file, another storage key or another data key', async () => {
    const plain = randomBytes(2 * DEFAULT_CHUNK_SIZE + 1);
    const a = await encrypt(sut, plain);
    const b = await encrypt(sut, plain);
    const mixed = Buffer.concat([a.subarray(0, HEADER_LENGTH), chunkAt(a, 0), chunkAt(b, 1), chunkAt(a, 2)]);
    expect((await decrypt(sut, mixed)).error).toBeInstanceOf(FileIntegrityError);
    expect((await decrypt(sut, a, 'ffffffffffffffffffffffffffffffff')).error).toBeInstanceOf(FileIntegrityError);
    const other = await decrypt(new FileCipher(randomBytes(32)), a);
    expect(other.error).toBeInstanceOf(FileIntegrityError);
    expect(other.released.length).toBe(0);
  });

  it('should refuse a header of another format, version or an absurd chunk size', async () => {
    const sealed = await encrypt(sut, randomBytes(100));
    const forge = (at: number, bytes: number[]) => {
      const copy = Buffer.from(sealed);
      Buffer.from(bytes).copy(copy, at);
      return copy;
    };
    for (const forged of [forge(0, [0x25, 0x50, 0x44, 0x46]), forge(4, [2]), forge(5, [0xff, 0xff, 0xff, 0xff]), forge(5, [0, 0, 0, 1])]) {
      const { released, error } = await decrypt(sut, forged);
      expect(error).toBeInstanceOf(FileIntegrityError);
      expect(released.length).toBe(0);
    }
  });

  it('should stream 50 MB through encryption and decryption without holding it', async () => {
    const total = 50 * 1024 * 1024;
    const piece = randomBytes(256 * 1024);
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent >= total) return void this.push(null);
        sent += piece.length;
        this.push(Buffer.from(piece));
      },
    });
    // What JavaScript holds after a full collection (V8's heap and the memory outside it: Buffers,
    // the native cipher objects, released by callbacks after the collection, hence the second one).
    // Not the resident size, which keeps what the allocator was given back.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const memory = async () => {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const before = await memory();
    let peak = before;
    const hash = createHash('sha256');
    let received = 0;
    await pipeline(
      source,
      sut.encryptStream(KEY),
      sut.decryptStream(KEY),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          received += chunk.length;
          if (received % (4 * 1024 * 1024) >= chunk.length) return callback();
          void memory().then((now) => {
            peak = Math.max(peak, now);
            callback();
          });
        },
      }),
    );
    const expected = createHash('sha256');
    for (let i = 0; i < total / piece.length; i++) expected.update(piece);
    expect(received).toBe(total);
    expect(hash.digest('hex')).toBe(expected.digest('hex'));
    // Measured every 4 MB: holding what passed would add up to 50 MB here.
    expect(peak - before).toBeLessThan(total / 5);
  }, 120_000);
});
