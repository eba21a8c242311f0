import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertFileKey, FileNotFoundError, type FileStorage } from './file-storage';
import { ExactLength } from './stream-tools';

/**
 * The default driver: files under one directory (DATA_DIR/files), in 256 folders by the key's
 * first two digits, written to `.tmp/` first and linked into place only when complete, so a
 * reader never sees a half-written file and a failed upload leaves nothing.
 */
export class DirectoryStorage implements FileStorage {
  readonly driver = 'directory';

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertFileKey(key);
    return join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, body: Readable, size?: number): Promise<void> {
    const target = this.pathOf(key);
    const tmpDir = join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true, mode: 0o700 });
    const tmp = join(tmpDir, `${key}.${randomBytes(6).toString('hex')}`);
    try {
      const out = createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
      if (size === undefined) await pipeline(body, out);
      else await pipeline(body, new ExactLength(size), out);
      await mkdir(join(this.root, key.slice(0, 2)), { recursive: true, mode: 0o700 });
      // link(), not rename(): it fails when the key exists, so a stored version is never replaced.
      await link(tmp, target);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      return { size: (await stat(this.pathOf(key))).size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
