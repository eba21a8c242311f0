import { Injectable } from '@nestjs/common';
import type { CitizenIdentityKind, CitizenLanguage, CitizenMeResponse, CitizenNotifyBy } from '@mpp/contracts';
import { maskPhone } from '@mpp/domain';
import { createHash, randomBytes } from 'node:crypto';
import { pgErrorOf } from '../common/errors/pg-error';
import { PiiCipher } from '../common/pii-cipher';
import { maskEmail } from '../notifications/notification';
import { CitizenRepository } from './citizen.repository';
import { SESSION_TOKEN_PREFIX } from './citizen-cookies';

/** A citizen session lasts 30 days from sign-in; signing out ends it at once. */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;

export interface CitizenPrincipal {
  citizenId: string;
  tokenHash: string;
  expiresAt: Date;
}

/**
 * Citizens and their sessions. A citizen is one verified phone number, email address or OpenID
 * Connect subject, found by its keyed hash; the value itself is kept only encrypted, read back to
 * show it masked. A session is an opaque random token whose SHA-256 alone is stored: it is not a
 * JWT, is never signed with the staff secret, and the staff guard refuses it (docs/citizen-account.md).
 */
@Injectable()
export class CitizenSessionsService {
  constructor(
    private readonly repo: CitizenRepository,
    private readonly cipher: PiiCipher,
  ) {}

  /** Signs in the citizen of this verified identity (created the first time) and answers the new session's token. */
  async signIn(kind: CitizenIdentityKind, lookupHash: string, value: string, via: string): Promise<{ token: string; expiresAt: Date; citizenId: string }> {
    const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    for (let attempt = 1; ; attempt++) {
      const citizenId = await this.repo.findOrCreateCitizen(kind, lookupHash, this.cipher.encrypt(value));
      try {
        const expiresAt = await this.repo.insertSession(hashSessionToken(token), citizenId, via, SESSION_TTL_SECONDS);
        return { token, expiresAt, citizenId };
      } catch (error) {
        // The citizen was merged into another between the two statements: its identity moved there.
        if (attempt >= 3 || pgErrorOf(error)?.code !== '23503') throw error;
      }
    }
  }

  /** The citizen's choice of how to be told (the default for their next booking or ticket from home). */
  async preferencesOf(citizenId: string): Promise<{ notifyBy: CitizenNotifyBy | null; language: CitizenLanguage | null }> {
    const row = await this.repo.findPreferences(citizenId);
    return { notifyBy: row.notify_by, language: row.language };
  }

  /** The session of this token, if it is live. */
  async authenticate(token: string | null): Promise<CitizenPrincipal | null> {
    if (!token?.startsWith(SESSION_TOKEN_PREFIX)) return null;
    const tokenHash = hashSessionToken(token);
    const session = await this.repo.findLiveSession(tokenHash);
    return session ? { citizenId: session.citizen_id, tokenHash, expiresAt: session.expires_at } : null;
  }

  async signOut(principal: CitizenPrincipal): Promise<void> {
    await this.repo.endSession(principal.tokenHash);
  }

  async me(principal: CitizenPrincipal): Promise<CitizenMeResponse> {
    const [identities, preferences] = await Promise.all([this.repo.identitiesOf(principal.citizenId), this.repo.findPreferences(principal.citizenId)]);
    const own = (kind: CitizenIdentityKind) => {
      const row = identities.find((i) => i.kind === kind);
      return row ? this.cipher.decrypt(row.value_cipher) : null;
    };
    return {
      identities: identities.map((row) => ({ kind: row.kind, label: this.label(row.kind, row.value_cipher) })),
      sessionExpiresAt: principal.expiresAt.toISOString(),
      prefill: { phone: own('phone'), email: own('email') },
      preferences: { notifyBy: preferences.notify_by, language: preferences.language },
    };
  }

  private label(kind: CitizenIdentityKind, valueCipher: string): string {
    const value = this.cipher.decrypt(valueCipher);
    switch (kind) {
      case 'phone':
        return maskPhone(value);
      case 'email':
        return maskEmail(value);
      case 'oidc':
        return (JSON.parse(value) as { name: string }).name;
    }
  }
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
