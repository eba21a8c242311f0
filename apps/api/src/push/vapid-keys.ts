import { Logger } from '@nestjs/common';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateVAPIDKeys } from 'web-push';
import type { AppConfig } from '../config/app-config';

export const VAPID_KEYS = Symbol('VAPID_KEYS');

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** Reads the keys when first needed: an API that never sends a push writes nothing to DATA_DIR. */
export type VapidKeySource = () => VapidKeys | null;

/**
 * The VAPID key pair that signs every push (RFC 8292): VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when
 * set; otherwise generated at first use and kept (0600) in DATA_DIR/vapid-keys.json, like the data
 * key, so the two-command start needs nothing. Browsers subscribe with the public key: a new pair
 * makes every subscription useless (push services refuse its messages), so back the file up.
 *
 * With NODE_ENV=production and an external DATABASE_URL (several processes that must sign alike)
 * and no keys, Web Push is off (null) and the log says so once.
 */
export function vapidKeySource(config: Pick<AppConfig, 'vapid' | 'dataDir' | 'nodeEnv' | 'databaseUrl'>): VapidKeySource {
  let keys: VapidKeys | null | undefined;
  return () => {
    if (keys !== undefined) return keys;
    const { publicKey, privateKey, subject } = config.vapid;
    if (publicKey && privateKey) keys = { publicKey, privateKey, subject };
    else if (config.nodeEnv === 'production' && config.databaseUrl !== null) {
      new Logger('Push').warn({ msg: 'Web Push is off: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (npx web-push generate-vapid-keys), the same for every API process' });
      keys = null;
    } else keys = { ...storedKeys(config.dataDir), subject };
    return keys;
  };
}

function storedKeys(dataDir: string): { publicKey: string; privateKey: string } {
  const file = join(dataDir, 'vapid-keys.json');
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof stored.publicKey === 'string' && typeof stored.privateKey === 'string') return { publicKey: stored.publicKey, privateKey: stored.privateKey };
  } catch {
    // not there yet: made below
  }
  mkdirSync(dataDir, { recursive: true });
  const made = generateVAPIDKeys();
  writeFileSync(file, JSON.stringify({ publicKey: made.publicKey, privateKey: made.privateKey }) + '\n', { mode: 0o600 });
  return made;
}
