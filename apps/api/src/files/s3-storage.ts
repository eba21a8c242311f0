import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline as connect, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Config } from '../config/files-config';
import { assertFileKey, FileNotFoundError, type FileStorage } from './file-storage';
import { ExactLength } from './stream-tools';

/**
 * Any S3-compatible store (AWS S3, MinIO, Ceph, Wasabi, IDCloudHost, ...), path-style
 * (`S3_URL/bucket/key`), one PutObject per file.
 *
 * A PutObject needs the length before the first byte. When the caller does not know it (an image
 * re-encoded on the way), the encrypted bytes are spooled to a temporary file first (ciphertext
 * only, under DATA_DIR/files/.tmp) and sent from there; that also keeps a failed upload from ever
 * reaching the store. Checksums only where an operation requires them: the SDK's default
 * (CRC32 trailers with aws-chunked encoding on every upload) is stored corrupted by some
 * S3-compatible servers (docs/files.md).
 */
export class S3Storage implements FileStorage {
  readonly driver = 's3';
  private readonly client: S3Client;
  private readonly logger = new Logger('S3Storage');

  constructor(
    private readonly config: S3Config,
    private readonly spoolDir: string,
  ) {
    this.client = new S3Client({
      endpoint: config.url,
      region: config.region,
      forcePathStyle: true,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // The SDK warns on the console when a streamed upload fails; put() rejects with the cause.
      logger: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (...args: unknown[]) => this.logger.debug(args.join(' ')), error: (...args: unknown[]) => this.logger.warn(args.join(' ')) },
    });
  }

  async put(key: string, body: Readable, size?: number): Promise<void> {
    assertFileKey(key);
    if (size !== undefined) {
      // A stream that fails (or turns out longer or shorter than announced) aborts the request:
      // the server would otherwise wait for the bytes still owed, and store nothing either way.
      const abort = new AbortController();
      let streamError: unknown = null;
      const checked = connect(body, new ExactLength(size), (error) => {
        if (!error) return;
        streamError = error;
        abort.abort();
      });
      try {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: checked, ContentLength: size, ContentType: 'application/octet-stream' }),
          { abortSignal: abort.signal },
        );
      } catch (error) {
        throw streamError ?? error;
      }
      return;
    }
    await mkdir(this.spoolDir, { recursive: true, mode: 0o700 });
    const spool = join(this.spoolDir, `${key}.s3.${randomBytes(6).toString('hex')}`);
    try {
      await pipeline(body, createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
      const length = (await stat(spool)).size;
      await this.client.send(
        new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: createReadStream(spool), ContentLength: length, ContentType: 'application/octet-stream' }),
      );
    } finally {
      await rm(spool, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    assertFileKey(key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }));
      if (!(answer.Body instanceof Readable)) throw new Error('S3 GetObject answered without a stream body');
      return answer.Body;
    } catch (error) {
      if (isNotFound(error)) throw new FileNotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    assertFileKey(key);
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return { size: answer.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertFileKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  /** Closes the client's kept-alive connections. */
  close(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);
}
