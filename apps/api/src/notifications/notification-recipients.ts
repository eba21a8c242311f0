import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normalizeIndonesianMobile } from '@mpp/domain';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import { DATA_KEY } from '../config/data-key';
import type { NotificationChannelKind, NotificationLanguage } from './notification';

/** A citizen's phone number or email address, as the module keys it. */
export type Recipient = { kind: 'phone'; phone: string } | { kind: 'email'; email: string };

export interface RecipientPreference {
  /** Chosen by the citizen; null: the default (NOTIFY_DEFAULT_PHONE_CHANNEL for a number, email for an address). */
  channel: NotificationChannelKind | null;
  language: NotificationLanguage;
  optedOut: boolean;
}

/** Bytes of the opt-out token's signature: short enough for an SMS, far too many to guess. */
const SIGNATURE_BYTES = 12;

/**
 * The citizens' choices, by recipient (notification_recipient): the channel chosen for a number
 * (sms or whatsapp) or "email instead", the language, and the opt-out. A recipient is known only by
 * its keyed hash (PiiCipher.lookupHash of "phone:+62…" or "email:…"): the table holds no number or
 * address. The opt-out link carries that hash and an HMAC under a key of its own (derived from
 * DATA_KEY), so it works without a login and cannot be made for another recipient.
 */
@Injectable()
export class NotificationRecipients {
  private readonly tokenKey: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PiiCipher,
    @Inject(DATA_KEY) secret: Buffer,
  ) {
    this.tokenKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'mpp-digital/notification-opt-out/v1', 32));
  }

  /** The recipient's keyed hash; a number in any form accepted by normalizeIndonesianMobile gives the same. */
  hashOf(recipient: Recipient): string {
    if (recipient.kind === 'email') return this.cipher.lookupHash(`email:${recipient.email.trim().toLowerCase()}`);
    const phone = normalizeIndonesianMobile(recipient.phone);
    return this.cipher.lookupHash(`phone:${phone.valid ? phone.e164 : recipient.phone.trim()}`);
  }

  /** The recipient a message to `to` on `channel` goes to. */
  hashOfAddress(channel: NotificationChannelKind, to: string): string {
    return this.hashOf(channel === 'email' ? { kind: 'email', email: to } : { kind: 'phone', phone: to });
  }

  /**
   * Records the citizen's choice for a number or address (when they give it: a booking, an online
   * ticket, an account). Choosing again replaces it; an opt-out stays until they choose again.
   * With `manager`, in the caller's transaction (the choice commits with what it came with).
   */
  async choose(
    recipient: Recipient,
    choice: { channel?: NotificationChannelKind | null; language: NotificationLanguage },
    optIn = false,
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.db).query(
      `INSERT INTO notification_recipient (recipient_hash, channel, language)
       VALUES ($1, $2, $3)
       ON CONFLICT (recipient_hash) DO UPDATE
         SET channel = EXCLUDED.channel, language = EXCLUDED.language, updated_at = now(),
             opted_out_at = CASE WHEN $4::boolean THEN NULL ELSE notification_recipient.opted_out_at END`,
      [this.hashOf(recipient), choice.channel ?? null, choice.language, optIn],
    );
  }

  /** The recipient's choice, or the defaults (no channel chosen, Indonesian, not opted out). */
  async preferenceOf(recipientHash: string): Promise<RecipientPreference> {
    const rows = (await this.db.query(`SELECT channel, language, opted_out_at FROM notification_recipient WHERE recipient_hash = $1`, [recipientHash])) as {
      channel: NotificationChannelKind | null;
      language: NotificationLanguage;
      opted_out_at: Date | null;
    }[];
    const row = rows[0];
    return row ? { channel: row.channel, language: row.language, optedOut: row.opted_out_at !== null } : { channel: null, language: 'id', optedOut: false };
  }

  async isOptedOut(recipientHash: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM notification_recipient WHERE recipient_hash = $1 AND opted_out_at IS NOT NULL`, [recipientHash])) as unknown[];
    return rows.length > 0;
  }

  /** Stops every further message to the recipient; answers false for a token that is not ours. */
  async optOut(token: string): Promise<boolean> {
    const recipientHash = this.verifyOptOutToken(token);
    if (recipientHash === null) return false;
    await this.db.query(
      `INSERT INTO notification_recipient (recipient_hash, opted_out_at) VALUES ($1, now())
       ON CONFLICT (recipient_hash) DO UPDATE SET opted_out_at = COALESCE(notification_recipient.opted_out_at, now()), updated_at = now()`,
      [recipientHash],
    );
    return true;
  }

  /** "<hash, base64url>.<signature>": what the opt-out link carries. */
  optOutToken(recipientHash: string): string {
    const hash = Buffer.from(recipientHash, 'hex');
    return `${hash.toString('base64url')}.${this.sign(hash).toString('base64url')}`;
  }

  /** The recipient's hash from a token, or null when it was not made here (or was altered). */
  verifyOptOutToken(token: string): string | null {
    const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{16})$/.exec(typeof token === 'string' ? token.trim() : '');
    if (!match) return null;
    const hash = Buffer.from(match[1], 'base64url');
    const signature = Buffer.from(match[2], 'base64url');
    if (hash.length !== 32 || signature.length !== SIGNATURE_BYTES) return null;
    return timingSafeEqual(signature, this.sign(hash)) ? hash.toString('hex') : null;
  }

  private sign(hash: Buffer): Buffer {
    return createHmac('sha256', this.tokenKey).update('opt-out:').update(hash).digest().subarray(0, SIGNATURE_BYTES);
  }
}
