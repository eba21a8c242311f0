import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CounterResponse, RetiredCounterResponse, StaffUserResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The Loket and Petugas pages' calls beyond AdminApi: a loket's place on the display, retiring it, an administrator's second factor. */
@Injectable({ providedIn: 'root' })
export class CountersStaffApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** Gives the loket another number; the loket holding it takes this one's (the API swaps them in one transaction). */
  moveCounter(id: string, number: number): Observable<CounterResponse> {
    return this.http.patch<CounterResponse>(`${this.baseUrl}/admin/counters/${encodeURIComponent(id)}`, { number });
  }

  retiredCounters(siteCode: string): Observable<RetiredCounterResponse[]> {
    return this.http.get<RetiredCounterResponse[]>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/counters/retired`);
  }

  retireCounter(id: string): Observable<void> {
    return this.http.post<void>(`${this.baseUrl}/admin/counters/${encodeURIComponent(id)}/retire`, {});
  }

  /** Clears the administrator's authenticator: they enrol again at their next sign-in; their sessions end. */
  resetSecondFactor(userId: string): Observable<StaffUserResponse> {
    return this.http.post<StaffUserResponse>(`${this.baseUrl}/admin/users/${encodeURIComponent(userId)}/second-factor/reset`, {});
  }
}
