import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { DATA_KEY } from '../config/data-key';

/**
 * Citizens' personal data at rest (docs/personal-data.md): a keyed hash to look a NIK up without
 * storing it, and AES-256-GCM to read it back for the few who may see it. A database dump
 * without DATA_KEY holds neither. Both keys derive from one secret with HKDF, each for one use.
 *
 * Storage encryption, not a feature: the booking's personal data and the outbox's recipients and
 * texts use it. One provider, AppModule's (global, beside DATA_KEY).
 */
@Injectable()
export class PiiCipher {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(@Inject(DATA_KEY) secret: Buffer) {
    this.encryptionKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'mpp-digital/pii-encryption/v1', 32));
    this.lookupKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'mpp-digital/nik-lookup/v1', 32));
  }

  /** "v1." + base64url(iv | tag | ciphertext); a fresh IV every time, so equal inputs differ. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  decrypt(value: string): string {
    if (!value.startsWith('v1.')) throw new Error('unknown cipher version');
    const raw = Buffer.from(value.slice(3), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** The same NIK always gives the same value; without the key it cannot be recomputed. */
  lookupHash(nik: string): string {
    return createHmac('sha256', this.lookupKey).update(nik).digest('hex');
  }
}
