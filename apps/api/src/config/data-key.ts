import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config';

export const DATA_KEY = Symbol('DATA_KEY');

/**
 * The secret protecting citizens' personal data (see PiiCipher): DATA_KEY (base64, 32 bytes) when
 * set; otherwise generated at first start and kept (0600) in DATA_DIR, beside the database it
 * protects but outside it, so a database dump alone reveals nothing. Losing it makes stored
 * NIKs unreadable: back DATA_DIR up.
 */
export function resolveDataKey(config: AppConfig): Buffer {
  if (config.dataKey) return config.dataKey;
  const file = join(config.dataDir, 'data-key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
    return key;
  }
}
