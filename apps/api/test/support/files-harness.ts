import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Test, type TestingModule } from '@nestjs/testing';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { APP_CONFIG, loadConfig, type AppConfig } from '../../src/config/app-config';
import { DATA_KEY } from '../../src/config/data-key';
import { FILE_STORAGE, type FileStorage } from '../../src/files/file-storage';
import { FilesModule } from '../../src/files/files.module';
import { FilesService } from '../../src/files/files.service';
import { ImageReencoder } from '../../src/files/image-reencoder';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
// s3rver ships no types; the test uses only the constructor, run() and close().
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

/** A real S3-compatible server (s3rver) on a free port, its objects in a temp dir removed by stop(). */
export interface S3TestServer {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

export async function startS3Server(): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'mpp-s3rver-'));
  const bucket = `mpp-files-${randomBytes(3).toString('hex')}`;
  // s3rver's fixed credentials (it checks the SigV4 signatures made with them).
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return {
    url: `http://127.0.0.1:${address.port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async stop() {
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface FilesHarness {
  sut: FilesService;
  storage: FileStorage;
  images: ImageReencoder;
  config: AppConfig;
  /** The keys stored now (directory: the files; S3: the bucket's objects). */
  listStored(): Promise<string[]>;
  /** Names in the temporary spool (DATA_DIR/files/.tmp). */
  listSpool(): Promise<string[]>;
  close(): Promise<void>;
}

/** FilesModule as the API builds it, from the real configuration, with a temp DATA_DIR and a fresh data key. */
export async function createFilesHarness(
  driver: 'directory' | 's3',
  options: { s3?: S3TestServer; env?: Record<string, string> } = {},
): Promise<FilesHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mpp-files-test-'));
  const s3 = options.s3;
  if (driver === 's3' && !s3) throw new Error('the s3 driver needs a server');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    ...(driver === 's3' && s3 ? { S3_URL: s3.url, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_REGION: 'ap-southeast-3' } : {}),
    ...options.env,
  });
  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [
      {
        module: class FilesTestGlobals {},
        global: true,
        providers: [
          { provide: APP_CONFIG, useValue: config },
          { provide: DATA_KEY, useValue: randomBytes(32) },
        ],
        exports: [APP_CONFIG, DATA_KEY],
      },
      FilesModule,
    ],
  }).compile();
  await moduleRef.init();
  const storage = moduleRef.get<FileStorage>(FILE_STORAGE);
  const listClient = s3
    ? new S3Client({ endpoint: s3.url, region: 'ap-southeast-3', forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } })
    : null;
  const filesDir = config.files.dir;
  return {
    sut: moduleRef.get(FilesService),
    storage,
    images: moduleRef.get(ImageReencoder),
    config,
    async listStored() {
      if (driver === 's3' && listClient && s3) {
        const answer = await listClient.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
        return (answer.Contents ?? []).map((o) => o.Key ?? '').sort();
      }
      const shards = (await readdir(filesDir).catch(() => [] as string[])).filter((name) => name !== '.tmp');
      const keys = await Promise.all(shards.map((shard) => readdir(join(filesDir, shard))));
      return keys.flat().sort();
    },
    async listSpool() {
      return readdir(join(filesDir, '.tmp')).catch(() => [] as string[]);
    },
    async close() {
      await moduleRef.close();
      listClient?.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `size` bytes made on demand (never held whole), in pieces of `pieceSize` (1 MiB unless given)
 * that differ from each other, with `marker` at the start of each piece; `sha256()` is their hash
 * once the stream ended.
 */
export function generatedContent(size: number, marker = 'NIK 5371010101010001 BUDI SANTOSO', pieceSize = 1024 * 1024): { stream: Readable; sha256(): string } {
  const hash = createHash('sha256');
  const base = randomBytes(pieceSize);
  let sent = 0;
  let piece = 0;
  let digest: string | null = null;
  const stream = new Readable({
    read() {
      if (sent >= size) {
        digest = hash.digest('hex');
        this.push(null);
        return;
      }
      const length = Math.min(base.length, size - sent);
      const out = Buffer.from(base.subarray(0, length));
      Buffer.from(`${marker} #${piece++} `).copy(out, 0);
      hash.update(out);
      sent += length;
      this.push(out);
    },
  });
  return {
    stream,
    sha256() {
      if (digest === null) throw new Error('the content has not been read to its end');
      return digest;
    },
  };
}

/** Reads a stream to its end, hashing and counting it (and keeping it only when asked). */
export async function drain(stream: Readable, keep = false): Promise<{ sha256: string; size: number; bytes: Buffer | null }> {
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let size = 0;
  for await (const piece of stream) {
    hash.update(piece as Buffer);
    size += (piece as Buffer).length;
    if (keep) kept.push(piece as Buffer);
  }
  return { sha256: hash.digest('hex'), size, bytes: keep ? Buffer.concat(kept) : null };
}
