import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline as connect, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isImage, sniffDocumentType, SNIFF_LENGTH, type DocumentType } from './content-type';
import { FileCipher } from './file-cipher';
import { encryptedLength } from './file-format';
import { FILE_KEY_PATTERN, FILE_STORAGE, FileNotFoundError, type FileStorage } from './file-storage';
import { FileErrors } from './files-errors';
import { ImageReencoder } from './image-reencoder';
import { S3Storage } from './s3-storage';
import { ByteLimit, peek, Sha256Meter } from './stream-tools';
import { QueueFullError } from './work-queue';

/** One stored, immutable version of a file: what the caller records (the bytes stay in the store). */
export interface StoredBytes {
  /** The storage key: 32 hex digits, new for every version. */
  key: string;
  /** SHA-256 of the plaintext as stored (for an image: of the re-encoded copy), hex. */
  sha256: string;
  /** Plaintext size in bytes. */
  size: number;
}

export interface StoredDocument extends StoredBytes {
  /** The type told by the content (never by the name or the claimed type). */
  contentType: DocumentType;
}

/** Temporary files older than this at start are left-overs of a stopped process. */
const SPOOL_MAX_AGE_MS = 6 * 3600 * 1000;

function noop(): void {}

/**
 * Documents of citizens (KTP, KK scans, certificates), encrypted at rest and streamed both ways
 * (docs/files.md). The applications module records what storeDocument returns and reads the file
 * back with open(); the bytes never pass through memory whole.
 */
@Injectable()
export class FilesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Files');
  private readonly spoolDir: string;

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly cipher: FileCipher,
    private readonly images: ImageReencoder,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'files'>,
  ) {
    this.spoolDir = join(config.files.dir, '.tmp');
  }

  /** Which driver keeps the files ('directory' or 's3'). */
  get driver(): FileStorage['driver'] {
    return this.storage.driver;
  }

  /**
   * Stores an uploaded document: at most `maxBytes` read (413 FILE_TOO_LARGE past it, the rest
   * unread), PDF, JPEG or PNG by its first bytes (422 FILE_TYPE_NOT_ALLOWED, FILE_EMPTY), images
   * re-encoded without metadata through the work queue (503 FILES_BUSY when it is full,
   * 422 IMAGE_UNREADABLE when the image does not decode). Nothing is stored when it fails.
   */
  async storeDocument(source: Readable, options: { maxBytes: number }): Promise<StoredDocument> {
    const { maxBytes } = options;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError(`maxBytes ${maxBytes}`);
    const limited = connect(source, new ByteLimit(maxBytes, () => FileErrors.tooLarge(maxBytes)), noop);
    const { head, stream } = await peek(limited, SNIFF_LENGTH);
    const type = head.length === 0 ? null : sniffDocumentType(head);
    if (type === null) {
      stream.destroy();
      throw head.length === 0 ? FileErrors.empty() : FileErrors.unsupportedType();
    }
    if (!isImage(type)) return { ...(await this.storeBytes(stream)), contentType: type };
    return { ...(await this.storeImage(stream, type)), contentType: type };
  }

  /**
   * Stores any bytes as they are (a generated letter, a result document): encrypted, hashed and
   * counted on the way. `size`, when known, lets the S3 driver send without spooling.
   */
  async storeBytes(source: Readable, options: { size?: number } = {}): Promise<StoredBytes> {
    const key = randomBytes(16).toString('hex');
    const meter = new Sha256Meter();
    const encrypted = connect(source, meter, this.cipher.encryptStream(key), noop);
    try {
      await this.storage.put(key, encrypted, options.size === undefined ? undefined : encryptedLength(options.size));
    } catch (error) {
      encrypted.destroy();
      throw error;
    }
    return { key, sha256: meter.sha256, size: meter.bytes };
  }

  /**
   * The plaintext of a stored file, as a stream that fails (FileIntegrityError) rather than emit a
   * byte that does not authenticate. 404 FILE_NOT_FOUND when there is no such file.
   */
  async open(key: string): Promise<Readable> {
    if (!FILE_KEY_PATTERN.test(key)) throw FileErrors.notFound();
    let raw: Readable;
    try {
      raw = await this.storage.get(key);
    } catch (error) {
      if (error instanceof FileNotFoundError) throw FileErrors.notFound();
      throw error;
    }
    return connect(raw, this.cipher.decryptStream(key), noop);
  }

  /** Whether a file is stored under the key. */
  async exists(key: string): Promise<boolean> {
    return FILE_KEY_PATTERN.test(key) && (await this.storage.stat(key)) !== null;
  }

  /** The bytes the file takes in the store (header and tags included), or null. */
  async storedSize(key: string): Promise<number | null> {
    if (!FILE_KEY_PATTERN.test(key)) return null;
    return (await this.storage.stat(key))?.size ?? null;
  }

  /** Deletes a stored file (retention); nothing happens when it is already gone. */
  async remove(key: string): Promise<void> {
    if (!FILE_KEY_PATTERN.test(key)) return;
    await this.storage.delete(key);
  }

  /**
   * The image is first spooled encrypted (under a throw-away context) so that waiting for a slot
   * holds disk, not memory, and a slow upload does not hold a slot; inside the slot it is
   * decrypted, re-encoded by sharp and stored.
   */
  private async storeImage(stream: Readable, type: 'image/jpeg' | 'image/png'): Promise<StoredBytes> {
    if (!this.images.queue.hasRoom()) {
      stream.destroy();
      throw FileErrors.busy();
    }
    await mkdir(this.spoolDir, { recursive: true, mode: 0o700 });
    const spoolName = randomBytes(16).toString('hex');
    const spoolPath = join(this.spoolDir, `${spoolName}.img`);
    const context = `spool:${spoolName}`;
    try {
      await pipeline(stream, this.cipher.encryptStream(context), createWriteStream(spoolPath, { flags: 'wx', mode: 0o600 }));
      return await this.images.queue.run(async () => {
        const reencode = this.images.pipeline(type);
        let imageError: unknown = undefined;
        let upstreamError: unknown = undefined;
        reencode.once('error', (error: Error) => (imageError ??= error));
        const reader = createReadStream(spoolPath);
        const decrypt = this.cipher.decryptStream(context);
        reader.once('error', (error) => (upstreamError ??= error));
        decrypt.once('error', (error) => (upstreamError ??= error));
        const clean = connect(reader, decrypt, reencode, noop);
        try {
          return await this.storeBytes(clean);
        } catch (error) {
          if (imageError !== undefined && error === imageError && imageError !== upstreamError) throw FileErrors.unreadableImage();
          throw error;
        }
      });
    } catch (error) {
      if (error instanceof QueueFullError) throw FileErrors.busy();
      throw error;
    } finally {
      await rm(spoolPath, { force: true });
    }
  }

  /** Removes temporary files a stopped process left (older than six hours: another process may be writing the newer ones). */
  async onModuleInit(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.spoolDir);
    } catch {
      return;
    }
    const now = Date.now();
    for (const name of names) {
      const path = join(this.spoolDir, name);
      try {
        if (now - (await stat(path)).mtimeMs > SPOOL_MAX_AGE_MS) await rm(path, { force: true });
      } catch (error) {
        this.logger.warn(`could not remove the temporary file ${name}: ${(error as Error).message}`);
      }
    }
  }

  onModuleDestroy(): void {
    if (this.storage instanceof S3Storage) this.storage.close();
  }
}
