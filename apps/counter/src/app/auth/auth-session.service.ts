import { Injectable, computed, signal } from '@angular/core';
import type { LoginResponse, StaffUserResponse } from '@mpp/contracts';
import { readStorage, writeStorage } from '@mpp/ui';

/** sessionStorage keys: the token alone (easy to inspect), and what we know about it. */
export const TOKEN_STORAGE_KEY = 'mpp.counter.token';
export const SESSION_STORAGE_KEY = 'mpp.counter.session';

interface SessionInfo {
  /** Epoch milliseconds; null when unknown (a token restored without its info). */
  expiresAt: number | null;
  user: StaffUserResponse | null;
}

interface Session extends SessionInfo {
  accessToken: string;
}

/**
 * The signed-in officer. The token lives in sessionStorage: it survives a reload but not closing
 * the tab, so a shared counter PC does not stay signed in.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly session = signal<Session | null>(restoreSession());

  readonly user = computed(() => this.session()?.user ?? null);
  readonly signedIn = computed(() => this.session() !== null);

  /** The bearer token, or null when signed out or expired (which also signs out). */
  token(): string | null {
    const session = this.session();
    if (!session) {
      return null;
    }
    if (session.expiresAt !== null && Date.now() >= session.expiresAt) {
      this.clear();
      return null;
    }
    return session.accessToken;
  }

  start(response: LoginResponse): void {
    this.save({
      accessToken: response.accessToken,
      expiresAt: Date.now() + response.expiresIn * 1000,
      user: response.user,
    });
  }

  updateUser(user: StaffUserResponse): void {
    const session = this.session();
    if (session) {
      this.save({ ...session, user });
    }
  }

  clear(): void {
    this.session.set(null);
    writeStorage('session', TOKEN_STORAGE_KEY, null);
    writeStorage('session', SESSION_STORAGE_KEY, null);
  }

  private save(session: Session): void {
    this.session.set(session);
    const info: SessionInfo = { expiresAt: session.expiresAt, user: session.user };
    writeStorage('session', TOKEN_STORAGE_KEY, session.accessToken);
    writeStorage('session', SESSION_STORAGE_KEY, JSON.stringify(info));
  }
}

function restoreSession(): Session | null {
  const accessToken = readStorage('session', TOKEN_STORAGE_KEY);
  if (!accessToken) {
    return null;
  }
  return { accessToken, ...parseInfo(readStorage('session', SESSION_STORAGE_KEY)) };
}

function parseInfo(raw: string | null): SessionInfo {
  try {
    const info = raw ? (JSON.parse(raw) as Partial<SessionInfo>) : {};
    return {
      expiresAt: typeof info.expiresAt === 'number' ? info.expiresAt : null,
      user: info.user ?? null,
    };
  } catch {
    return { expiresAt: null, user: null };
  }
}
