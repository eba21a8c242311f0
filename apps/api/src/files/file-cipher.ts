import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DATA_KEY } from '../config/data-key';
import { ByteQueue } from './byte-queue';
import {
  DEFAULT_CHUNK_SIZE,
  FILE_FORMAT_VERSION,
  FILE_MAGIC,
  HEADER_LENGTH,
  MAX_CHUNK_SIZE,
  MAX_CHUNKS,
  MIN_CHUNK_SIZE,
  NONCE_PREFIX_LENGTH,
  SALT_LENGTH,
  TAG_LENGTH,
} from './file-format';

/** A stored file that is not what was written: tampered, truncated, extended, reordered, or another object's. */
export class FileIntegrityError extends Error {
  constructor(reason: string) {
    super(`Stored file failed authentication: ${reason}`);
    this.name = 'FileIntegrityError';
  }
}

/**
 * Encryption of stored files under the data key (docs/files.md, Format): streams both ways, one
 * chunk in memory at a time. The reader releases a chunk's plaintext only after its tag checked,
 * and fails at the end unless the last chunk it read was sealed as the last.
 */
@Injectable()
export class FileCipher {
  private readonly fileKey: Buffer;

  constructor(@Inject(DATA_KEY) secret: Buffer) {
    this.fileKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'mpp-digital/file-encryption/v1', 32));
  }

  /** Plaintext in, the encrypted file out. `context` (the storage key) must be given again to read it. */
  encryptStream(context: string, chunkSize = DEFAULT_CHUNK_SIZE): Transform {
    return new EncryptStream(this.fileKey, Buffer.from(context, 'utf8'), chunkSize);
  }

  /** The encrypted file in, its authenticated plaintext out; errors with FileIntegrityError on any change. */
  decryptStream(context: string): Transform {
    return new DecryptStream(this.fileKey, Buffer.from(context, 'utf8'));
  }
}

function chunkKey(fileKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, salt, 'mpp-digital/file-chunk/v1', 32));
}

function nonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, NONCE_PREFIX_LENGTH);
  n[11] = last ? 1 : 0;
  return n;
}

class EncryptStream extends Transform {
  private readonly pending = new ByteQueue();
  private readonly key: Buffer;
  private readonly prefix: Buffer;
  private readonly aad: Buffer;
  private counter = 0;

  constructor(
    fileKey: Buffer,
    context: Buffer,
    private readonly chunkSize: number,
  ) {
    super();
    if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) throw new RangeError(`chunk size ${chunkSize}`);
    const salt = randomBytes(SALT_LENGTH);
    this.prefix = randomBytes(NONCE_PREFIX_LENGTH);
    const header = Buffer.alloc(HEADER_LENGTH);
    FILE_MAGIC.copy(header, 0);
    header[4] = FILE_FORMAT_VERSION;
    header.writeUInt32BE(chunkSize, 5);
    salt.copy(header, 9);
    this.prefix.copy(header, 9 + SALT_LENGTH);
    this.key = chunkKey(fileKey, salt);
    this.aad = Buffer.concat([header, context]);
    this.push(header);
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending.push(piece);
    try {
      // A full chunk is sealed only once a byte after it arrived: until then it may be the last.
      while (this.pending.length > this.chunkSize) this.seal(this.pending.take(this.chunkSize), false);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.seal(this.pending.takeAll(), true);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private seal(plain: Buffer, last: boolean): void {
    if (this.counter >= MAX_CHUNKS) throw new RangeError('file too large for one encrypted stream');
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.counter++, last), { authTagLength: TAG_LENGTH });
    cipher.setAAD(this.aad);
    const body = cipher.update(plain);
    cipher.final();
    this.push(Buffer.concat([body, cipher.getAuthTag()]));
  }
}

class DecryptStream extends Transform {
  private readonly pending = new ByteQueue();
  private key: Buffer | null = null;
  private prefix = Buffer.alloc(0);
  private aad = Buffer.alloc(0);
  private sealedChunk = 0;
  private counter = 0;
  private finished = false;

  constructor(
    private readonly fileKey: Buffer,
    private readonly context: Buffer,
  ) {
    super();
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending.push(piece);
    try {
      if (this.key === null) {
        if (this.pending.length < HEADER_LENGTH) return callback();
        this.readHeader(this.pending.take(HEADER_LENGTH));
      }
      // A full sealed chunk is opened as "not last" only when more bytes follow it.
      while (this.pending.length > this.sealedChunk) this.open(this.pending.take(this.sealedChunk), false);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.key === null) throw new FileIntegrityError('truncated header');
      if (this.pending.length < TAG_LENGTH) throw new FileIntegrityError('truncated: the last chunk is missing');
      this.open(this.pending.takeAll(), true);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private readHeader(header: Buffer): void {
    if (!header.subarray(0, 4).equals(FILE_MAGIC)) throw new FileIntegrityError('not an encrypted file (magic)');
    if (header[4] !== FILE_FORMAT_VERSION) throw new FileIntegrityError(`unknown format version ${header[4]}`);
    const chunkSize = header.readUInt32BE(5);
    if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) throw new FileIntegrityError(`chunk size ${chunkSize} out of range`);
    this.sealedChunk = chunkSize + TAG_LENGTH;
    this.key = chunkKey(this.fileKey, header.subarray(9, 9 + SALT_LENGTH));
    this.prefix = Buffer.from(header.subarray(9 + SALT_LENGTH, HEADER_LENGTH));
    this.aad = Buffer.concat([header, this.context]);
  }

  private open(sealed: Buffer, last: boolean): void {
    if (this.finished) throw new FileIntegrityError('data after the last chunk');
    if (this.counter >= MAX_CHUNKS) throw new FileIntegrityError('too many chunks');
    const decipher = createDecipheriv('aes-256-gcm', this.key!, nonce(this.prefix, this.counter++, last), { authTagLength: TAG_LENGTH });
    decipher.setAAD(this.aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH));
    try {
      decipher.final();
    } catch {
      // The plaintext of this chunk is dropped unseen: nothing unauthenticated leaves.
      throw new FileIntegrityError(`chunk ${this.counter - 1} does not authenticate${last ? ' as the last chunk (truncated or extended?)' : ''}`);
    }
    if (last) this.finished = true;
    if (plain.length > 0) this.push(plain);
  }
}
