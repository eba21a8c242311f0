import type { Readable } from 'node:stream';

/**
 * Where encrypted files are kept: opaque bytes under a key (docs/files.md, Drivers). The drivers
 * never see plaintext: FilesService encrypts before put and authenticates after get.
 */
export interface FileStorage {
  readonly driver: 'directory' | 's3';
  /**
   * Stores the stream under `key`, which must be new (a stored version is never replaced). Either
   * the whole stream is stored or nothing: when the stream fails (a limit, a refusal) the promise
   * rejects with that error and no object remains. `size`, when known, is the stream's exact length.
   */
  put(key: string, body: Readable, size?: number): Promise<void>;
  /** The stored bytes; rejects with FileNotFoundError when there is no such object. */
  get(key: string): Promise<Readable>;
  /** The stored size, or null when there is no such object. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the object; nothing happens when there is none. */
  delete(key: string): Promise<void>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

export class FileNotFoundError extends Error {
  constructor(key: string) {
    super(`no stored file ${key}`);
    this.name = 'FileNotFoundError';
  }
}

/** Keys are 32 lower-case hex digits (128 random bits): nothing a path or an S3 key could be tricked with. */
export const FILE_KEY_PATTERN = /^[0-9a-f]{32}$/;

export function assertFileKey(key: string): void {
  if (!FILE_KEY_PATTERN.test(key)) throw new RangeError(`not a file key: ${JSON.stringify(key).slice(0, 80)}`);
}
