import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { DeviceResponse } from '@mpp/contracts';
import { API_BASE_URL, readStorage, writeStorage } from '@mpp/ui';
import { catchError, of, tap, type Observable } from 'rxjs';

/** localStorage keys: the device token, and the device it was last verified as. */
export const DEVICE_TOKEN_STORAGE_KEY = 'mpp.kiosk.deviceToken';
export const DEVICE_INFO_STORAGE_KEY = 'mpp.kiosk.device';

/** The API path that tells who a device token belongs to. */
export const DEVICE_AUTH_PATH = '/auth/device';

/** Why the device was signed out: shown on the setup screen. */
export type DeviceSignOutReason = 'revoked' | 'manual';

/**
 * The device account this kiosk or hall display runs as. An admin creates it for one MPP and the
 * token (`mppd_…`) is entered once on the setup screen; from then on the site is the device's site.
 * The token and the device are kept in localStorage, so a kiosk that restarts without network
 * still knows where it stands; `restore()` re-verifies the token when the API answers.
 */
@Injectable({ providedIn: 'root' })
export class DeviceSession {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private readonly tokenValue = signal<string | null>(readStorage('local', DEVICE_TOKEN_STORAGE_KEY));
  private readonly deviceValue = signal<DeviceResponse | null>(
    this.tokenValue() ? parseDevice(readStorage('local', DEVICE_INFO_STORAGE_KEY)) : null,
  );
  private readonly reason = signal<DeviceSignOutReason | null>(null);

  readonly token = this.tokenValue.asReadonly();
  readonly device = this.deviceValue.asReadonly();
  readonly siteCode = computed(() => this.deviceValue()?.siteCode ?? null);
  /** Set when the device was signed out (e.g. its token was revoked); cleared by `signIn`. */
  readonly signOutReason = this.reason.asReadonly();

  /** Verifies the token with the API and, when it is valid, keeps it. Errors are passed on. */
  signIn(token: string): Observable<DeviceResponse> {
    const trimmed = token.trim();
    return this.verify(trimmed).pipe(
      tap((device) => {
        this.reason.set(null);
        this.save(trimmed, device);
      }),
    );
  }

  signOut(reason: DeviceSignOutReason = 'manual'): void {
    this.tokenValue.set(null);
    this.deviceValue.set(null);
    this.reason.set(reason);
    writeStorage('local', DEVICE_TOKEN_STORAGE_KEY, null);
    writeStorage('local', DEVICE_INFO_STORAGE_KEY, null);
  }

  /**
   * Re-verifies the stored token. A 401/403 (revoked or unknown token) signs out; a network error
   * keeps the last known device, so the kiosk keeps working offline. Emits the device or null.
   */
  restore(): Observable<DeviceResponse | null> {
    const token = this.tokenValue();
    if (!token) {
      return of(null);
    }
    return this.verify(token).pipe(
      tap((device) => this.save(token, device)),
      catchError((error: unknown) => {
        if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403)) {
          this.signOut('revoked');
          return of(null);
        }
        return of(this.deviceValue());
      }),
    );
  }

  private verify(token: string): Observable<DeviceResponse> {
    return this.http.get<DeviceResponse>(`${this.baseUrl}${DEVICE_AUTH_PATH}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  }

  private save(token: string, device: DeviceResponse): void {
    this.tokenValue.set(token);
    this.deviceValue.set(device);
    writeStorage('local', DEVICE_TOKEN_STORAGE_KEY, token);
    writeStorage('local', DEVICE_INFO_STORAGE_KEY, JSON.stringify(device));
  }
}

function parseDevice(raw: string | null): DeviceResponse | null {
  if (!raw) {
    return null;
  }
  try {
    const device = JSON.parse(raw) as Partial<DeviceResponse>;
    return typeof device.siteCode === 'string' && typeof device.id === 'string'
      ? (device as DeviceResponse)
      : null;
  } catch {
    return null;
  }
}
