import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type {
  CitizenContactAddedResponse,
  CitizenHistoryResponse,
  CitizenLanguage,
  CitizenMeResponse,
  CitizenNotifyBy,
  CitizenOtpSentResponse,
  CitizenPreferencesRequest,
  CitizenProvidersResponse,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import { firstValueFrom, type Observable } from 'rxjs';

/**
 * The optional citizen account, for every page of the portal. The session itself is an httpOnly
 * cookie the API sets: this service never sees it, it only asks the API who is signed in.
 *
 * For the booking form (and any page that may fill in what the citizen already proved):
 * `await session.load()` once, then `session.me()?.prefill.phone` / `.email` (null when the
 * citizen signed in otherwise); `session.signedIn()` says whether a booking made now will be kept
 * in "Riwayat saya" (the API links it by the cookie, nothing to send);
 * `session.me()?.preferences.notifyBy` is how the citizen chose to be told (null: not chosen), for a
 * form's "Beri tahu saya lewat" to start from (the API also applies it when a form sends none).
 */
@Injectable({ providedIn: 'root' })
export class CitizenSessionService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly current = signal<CitizenMeResponse | null | undefined>(undefined);
  private loading: Promise<CitizenMeResponse | null> | null = null;

  /** The signed-in citizen; null when signed out; undefined until load() answered. */
  readonly me = this.current.asReadonly();

  signedIn(): boolean {
    return !!this.current();
  }

  /** Asks the API once who is signed in (again with `force`); never rejects. */
  load(force = false): Promise<CitizenMeResponse | null> {
    if (force || !this.loading) {
      this.loading = firstValueFrom(this.http.get<CitizenMeResponse>(`${this.baseUrl}/citizen/me`)).then(
        (me) => {
          this.current.set(me);
          return me;
        },
        (error: unknown) => {
          // 401: signed out. Anything else (offline): unknown, asked again next time.
          if (!(error instanceof HttpErrorResponse) || error.status !== 401) this.loading = null;
          this.current.set(null);
          return null;
        },
      );
    }
    return this.loading;
  }

  providers(): Observable<CitizenProvidersResponse> {
    return this.http.get<CitizenProvidersResponse>(`${this.baseUrl}/citizen/providers`);
  }

  requestCode(recipient: string): Observable<CitizenOtpSentResponse> {
    return this.http.post<CitizenOtpSentResponse>(`${this.baseUrl}/citizen/otp`, { recipient });
  }

  async verifyCode(recipient: string, code: string): Promise<CitizenMeResponse> {
    const me = await firstValueFrom(this.http.post<CitizenMeResponse>(`${this.baseUrl}/citizen/otp/verify`, { recipient, code }));
    this.current.set(me);
    this.loading = Promise.resolve(me);
    return me;
  }

  history(): Observable<CitizenHistoryResponse> {
    return this.http.get<CitizenHistoryResponse>(`${this.baseUrl}/citizen/history`);
  }

  /** How the citizen is told, in the page's language; answers (and keeps) the citizen as updated. */
  async savePreferences(notifyBy: CitizenNotifyBy, language: CitizenLanguage): Promise<CitizenMeResponse> {
    const body: CitizenPreferencesRequest = { notifyBy, language };
    return this.keep(await firstValueFrom(this.http.put<CitizenMeResponse>(`${this.baseUrl}/citizen/preferences`, body)));
  }

  /** A code to another number or email of the signed-in citizen. */
  requestContactCode(recipient: string): Observable<CitizenOtpSentResponse> {
    return this.http.post<CitizenOtpSentResponse>(`${this.baseUrl}/citizen/contacts/otp`, { recipient });
  }

  /** Adds the contact proved by its code; a citizen who signed in with it before is merged into this one. */
  async addContact(recipient: string, code: string): Promise<CitizenContactAddedResponse> {
    const added = await firstValueFrom(this.http.post<CitizenContactAddedResponse>(`${this.baseUrl}/citizen/contacts/verify`, { recipient, code }));
    this.keep(added);
    return added;
  }

  private keep(me: CitizenMeResponse): CitizenMeResponse {
    this.current.set(me);
    this.loading = Promise.resolve(me);
    return me;
  }

  async signOut(): Promise<void> {
    await firstValueFrom(this.http.post<void>(`${this.baseUrl}/citizen/sign-out`, {}));
    this.current.set(null);
    this.loading = Promise.resolve(null);
  }
}
